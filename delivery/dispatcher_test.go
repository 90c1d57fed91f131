package delivery_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/bot"
	"github.com/loa-vn/loa/delivery"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/tgfake"
)

const token = "777:delivery-test-token"

// clock is a test clock the dispatcher and the store share; tests move it instead of waiting.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type rig struct {
	t     *testing.T
	db    *store.DB
	fake  *tgfake.Server
	clock *clock
	msgr  *bot.Messenger
}

func newRig(t *testing.T, db *store.DB, members int) *rig {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: time.Date(2024, 6, 10, 7, 0, 0, 0, time.UTC)}
	db.SetClock(c.Now)
	cat := loa.Catalog{Topics: []loa.Topic{{Key: "tin-tuc", NameVI: "Tin tức"}},
		Units: []loa.CatalogUnit{{Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict}}}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	var rows []loa.MemberImport
	for i := 1; i <= members; i++ {
		rows = append(rows, loa.MemberImport{Line: i, ChatID: int64(1000 + i), Name: fmt.Sprint("M", i), UnitKey: "tx", Role: loa.RoleOfficer, Topics: []string{"tin-tuc"}})
	}
	if err := db.ImportMembers(ctx, rows); err != nil {
		t.Fatal(err)
	}
	fake := tgfake.New(t, token)
	return &rig{t: t, db: db, fake: fake, clock: c, msgr: newMessenger(t, fake)}
}

// newMessenger is the real Telegram client and messenger, pointed at the fake.
func newMessenger(tb testing.TB, fake *tgfake.Server) *bot.Messenger {
	tb.Helper()
	api, err := bot.NewClient(context.Background(), bot.ClientOptions{Token: token, Endpoint: fake.URL, RequestTimeout: 2 * time.Second, PollTimeout: time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return bot.NewMessenger(api)
}

func (r *rig) dispatcher(o delivery.Options) *delivery.Dispatcher {
	o.Now = r.clock.Now
	if o.GlobalRate == 0 {
		o.GlobalRate = -1 // tests of behaviour do not wait for the rate limiter
	}
	if o.BackoffBase == 0 {
		o.BackoffBase = time.Second
	}
	// Messages are written, and reminders sent, by the notices room, as `loa serve` wires it.
	room := notices.New(r.db, notices.Options{Now: r.clock.Now})
	o.Writer, o.Reminder = room, room
	return delivery.New(r.db, r.msgr, o)
}

// drain runs the dispatcher batch by batch, moving the clock past every back-off, until the
// queue is empty.
func (r *rig) drain(d *delivery.Dispatcher) {
	r.t.Helper()
	ctx := context.Background()
	for i := 0; i < 1000; i++ {
		if _, err := d.RunOnce(ctx); err != nil {
			r.t.Fatal(err)
		}
		if depth, _ := r.db.QueueDepth(ctx); depth == 0 {
			return
		}
		r.clock.Advance(time.Minute)
	}
	r.t.Fatal("queue never drained")
}

func (r *rig) notice(n loa.Notice) loa.Notice {
	r.t.Helper()
	if n.Origin == "" {
		n.Origin = loa.OriginBroadcast
	}
	if n.Audience.Empty() {
		n.Audience = loa.Audience{Topics: []string{"tin-tuc"}}
	}
	created, err := r.db.CreateNotice(context.Background(), n)
	if err != nil {
		r.t.Fatal(err)
	}
	return created
}

// eachGotOnce checks that the first members chats got exactly one message each and that all
// of the notice's deliveries are recorded as sent.
func (r *rig) eachGotOnce(n loa.Notice, members int) {
	r.t.Helper()
	for i := 1; i <= members; i++ {
		if got := len(r.fake.Messages(int64(1000 + i))); got != 1 {
			r.t.Fatalf("chat %d got %d messages", 1000+i, got)
		}
	}
	if c := r.counts(n.ID); c[loa.DeliverySent] != members {
		r.t.Fatalf("counts %v", c)
	}
}

func (r *rig) counts(id int64) map[string]int {
	c, err := r.db.NoticeCounts(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

func TestEveryRecipientGetsTheNoticeOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, 25)
		n := r.notice(loa.Notice{Text: "Thông báo <b>diễn tập</b>"})
		r.drain(r.dispatcher(delivery.Options{Batch: 7}))
		for i := 1; i <= 25; i++ {
			if got := r.fake.Messages(int64(1000 + i)); len(got) != 1 || got[0].Text != "Thông báo <b>diễn tập</b>" {
				t.Fatalf("chat %d got %d messages: %+v", 1000+i, len(got), got)
			}
		}
		if c := r.counts(n.ID); c[loa.DeliverySent] != 25 {
			t.Fatalf("counts %v", c)
		}
	})
}

func TestTooManyRequestsPausesEverythingThenRetries(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, 5)
		r.fake.Fail("sendMessage", 0, tgfake.Failure{Code: 429, Description: "Too Many Requests: retry after 30", RetryAfter: 30})
		n := r.notice(loa.Notice{Text: "x"})
		d := r.dispatcher(delivery.Options{Batch: 1, Concurrency: 1})
		d.RunOnce(context.Background()) // gets the 429
		if sent, _ := d.RunOnce(context.Background()); sent != 0 {
			t.Fatalf("sent %d while Telegram asked to wait 30 s", sent)
		}
		r.clock.Advance(31 * time.Second)
		r.drain(d)
		if c := r.counts(n.ID); c[loa.DeliverySent] != 5 {
			t.Fatalf("counts %v", c)
		}
		for i := 1; i <= 5; i++ {
			if got := len(r.fake.Messages(int64(1000 + i))); got != 1 {
				t.Fatalf("chat %d got %d messages", 1000+i, got)
			}
		}
	})
}

func TestBlockedChatIsMarkedAndNotTriedAgain(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, 3)
		r.fake.Block(1002, tgfake.Blocked)
		n := r.notice(loa.Notice{Text: "a"})
		r.notice(loa.Notice{Text: "b"})
		r.drain(r.dispatcher(delivery.Options{Batch: 1, Concurrency: 1}))
		if c, _ := r.db.Chat(context.Background(), 1002); c.Status != loa.StatusBlocked {
			t.Fatalf("chat status %q", c.Status)
		}
		if calls := r.fake.Calls("sendMessage"); calls != 5 {
			t.Fatalf("%d sendMessage calls, want 5 (4 sent + 1 refused; the second notice skips the blocked chat)", calls)
		}
		if c := r.counts(n.ID); c[loa.DeliveryBlocked] != 1 || c[loa.DeliverySent] != 2 {
			t.Fatalf("counts %v", c)
		}
	})
}

func TestServerErrorsBackOffThenFailWithTheReason(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, 2)
		r.fake.Block(1001, tgfake.ServerError)
		n := r.notice(loa.Notice{Text: "x"})
		d := r.dispatcher(delivery.Options{MaxAttempts: 3})
		d.RunOnce(context.Background())
		// The retry is not due yet: nothing happens without the clock moving.
		if got, _ := d.RunOnce(context.Background()); got != 0 {
			t.Fatalf("a back-off was not respected (%d claimed)", got)
		}
		r.drain(d)
		if calls := r.fake.Calls("sendMessage"); calls != 4 {
			t.Fatalf("%d sendMessage calls, want 3 attempts + 1 success", calls)
		}
		rows, _ := r.db.Report(context.Background(), n.ID)
		if c := r.counts(n.ID); c[loa.DeliveryFailed] != 1 || c[loa.DeliverySent] != 1 || len(rows) != 1 {
			t.Fatalf("counts %v", c)
		}
	})
}

func TestTimeoutIsRetried(t *testing.T) {
	t.Parallel()
	r := newRig(t, storetest.Open(t, store.SQLite), 1)
	r.fake.Fail("sendMessage", 0, tgfake.Failure{Code: 500, Description: "late", Delay: 4 * time.Second})
	n := r.notice(loa.Notice{Text: "x"})
	r.drain(r.dispatcher(delivery.Options{}))
	if c := r.counts(n.ID); c[loa.DeliverySent] != 1 || len(r.fake.Messages(1001)) != 1 {
		t.Fatalf("counts %v", c)
	}
}

func TestChatNotFoundFailsAtOnceAndMigrationIsFollowed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, 2)
		r.fake.Fail("sendMessage", 1001, tgfake.ChatNotFound)
		r.fake.Fail("sendMessage", 1002, tgfake.Failure{Code: 400, Description: "Bad Request: group chat was upgraded to a supergroup chat", MigrateTo: -1009})
		n := r.notice(loa.Notice{Text: "x"})
		r.drain(r.dispatcher(delivery.Options{}))
		if c := r.counts(n.ID); c[loa.DeliveryFailed] != 1 || c[loa.DeliverySent] != 1 {
			t.Fatalf("counts %v", c)
		}
		if got := r.fake.Messages(-1009); len(got) != 1 {
			t.Fatalf("migrated chat got %d messages", len(got))
		}
		subs, _ := r.db.Subscriptions(context.Background(), -1009)
		if len(subs) != 1 {
			t.Fatalf("subscriptions did not follow the migration: %v", subs)
		}
	})
}

func TestLongTextIsSplitInOrderWithButtonsOnTheLastPart(t *testing.T) {
	t.Parallel()
	r := newRig(t, storetest.Open(t, store.SQLite), 1)
	para := strings.Repeat("Ban CHQS thị xã chủ trì, phối hợp tổ chức diễn tập chiến đấu trong khu vực phòng thủ. ", 20)
	text := "<b>" + para + "</b>\n\n" + strings.Repeat(para+"\n\n", 5) + "Hết &lt;script&gt;."
	r.notice(loa.Notice{Text: text, RequiresAck: true, Buttons: []loa.Button{{Text: "Xem bài", URL: "https://chonthanh.binhphuoc.gov.vn/x"}}})
	r.drain(r.dispatcher(delivery.Options{}))
	parts := r.fake.Messages(1001)
	if len(parts) < 3 {
		t.Fatalf("a %d-character text came in %d parts", len(text), len(parts))
	}
	var joined strings.Builder
	for i, p := range parts {
		if err := tgfake.CheckHTML(p.Text); err != nil {
			t.Fatalf("part %d is not valid HTML: %v", i, err)
		}
		if (len(p.Buttons) > 0) != (i == len(parts)-1) {
			t.Fatalf("part %d of %d has buttons %v", i+1, len(parts), p.Buttons)
		}
		joined.WriteString(tgfake.PlainText(p.Text))
	}
	last := parts[len(parts)-1]
	if _, ok := last.Button("Đã nhận"); !ok {
		t.Fatalf("no acknowledgement button on the last part: %v", last.Buttons)
	}
	if !strings.HasSuffix(joined.String(), "Hết <script>.") || !strings.HasPrefix(joined.String(), "Ban CHQS") {
		t.Fatalf("parts out of order or text lost")
	}
	want := strings.Count(tgfake.PlainText(text), "phòng thủ")
	if got := strings.Count(joined.String(), "phòng thủ"); got != want {
		t.Fatalf("%d of %d sentences arrived", got, want)
	}
}

func TestTwoDispatchersOnOnePostgresNeverSendTwice(t *testing.T) {
	t.Parallel()
	r := newRig(t, storetest.Open(t, store.Postgres), 200)
	n := r.notice(loa.Notice{Text: "x"})
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		d := r.dispatcher(delivery.Options{Worker: fmt.Sprint("instance-", w), Batch: 10})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if got, err := d.RunOnce(ctx); err != nil || got == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	r.eachGotOnce(n, 200)
}

func TestUrgentOvertakesQueuedNormal(t *testing.T) {
	t.Parallel()
	r := newRig(t, storetest.Open(t, store.SQLite), 10)
	r.notice(loa.Notice{Text: "bình thường"})
	r.notice(loa.Notice{Text: "KHẨN", Priority: loa.PriorityUrgent})
	d := r.dispatcher(delivery.Options{Batch: 10})
	d.RunOnce(context.Background())
	for i := 1; i <= 10; i++ {
		if got := r.fake.Messages(int64(1000 + i)); len(got) != 1 || got[0].Text != "KHẨN" {
			t.Fatalf("chat %d: first message %+v, want the urgent one", 1000+i, got)
		}
	}
}

func TestLimitsOnMeansNoTooManyRequests(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs at Telegram's real pace for about 2 s")
	}
	r := newRig(t, storetest.Open(t, store.SQLite), 60)
	r.fake.EnforceLimits(30, time.Second)
	r.notice(loa.Notice{Text: "x"})
	r.notice(loa.Notice{Text: "y"}) // the same chats again: the per-chat limit matters
	d := delivery.New(r.db, r.msgr, delivery.Options{GlobalRate: 30, Batch: 30})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	r.fake.WaitCalls(t, "sendMessage", 120)
	cancel()
	<-done
	if n := r.fake.TooManyRequests(); n != 0 {
		t.Fatalf("%d answers were 429", n)
	}
}

func TestNonAcknowledgersAreRemindedOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, 3)
		ctx := context.Background()
		n := r.notice(loa.Notice{Text: "Xác nhận quân số", RequiresAck: true})
		d := r.dispatcher(delivery.Options{AckReminder: 2 * time.Hour})
		r.drain(d)
		sent, _ := db.Deliveries(ctx, n.ID)
		if _, _, err := db.Acknowledge(ctx, sent[0].ID, sent[0].ChatID, r.clock.Now()); err != nil {
			t.Fatal(err)
		}
		d.RemindNow(ctx)
		if got := len(r.fake.Messages(1002)); got != 1 {
			t.Fatalf("reminded before the delay: %d messages", got)
		}
		r.clock.Advance(3 * time.Hour)
		d.RemindNow(ctx)
		r.drain(d)
		d.RemindNow(ctx)
		r.drain(d)
		for chat, want := range map[int64]int{1001: 1, 1002: 2, 1003: 2} {
			if got := r.fake.Messages(chat); len(got) != want {
				t.Fatalf("chat %d got %d messages, want %d", chat, len(got), want)
			}
		}
		if last := r.fake.Messages(1002)[1]; !strings.Contains(last.Text, "Nhắc lại Thông báo số") {
			t.Fatalf("reminder text %q", last.Text)
		}
	})
}

// waitFor polls the database until cond holds: the dispatcher's heartbeat runs on its own.
func (r *rig) waitFor(what string, cond func() bool) {
	r.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			r.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestALiveProcessKeepsItsClaimsThroughASlowBotAPI(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, 5)
		ctx := context.Background()
		n := r.notice(loa.Notice{Text: "Lệnh báo động"})
		release := r.fake.Hold("sendMessage")
		defer release()
		const lease = 300 * time.Millisecond
		a := r.dispatcher(delivery.Options{Worker: "a", Lease: lease})
		sent := make(chan error, 1)
		go func() { _, err := a.RunOnce(ctx); sent <- err }()
		r.fake.WaitCalls(t, "sendMessage", 5) // all five in flight, unanswered
		// On the clock the lease passed long ago; the live process renews its claims.
		r.clock.Advance(time.Hour)
		r.waitFor("the claims to be renewed", func() bool {
			var stale int
			r.db.SQL().Get(&stale, r.db.SQL().Rebind(`SELECT COUNT(*) FROM deliveries WHERE status = 'sending' AND claimed_at < ?`), r.clock.Now().Add(-lease).UTC())
			return stale == 0
		})
		// Another process looks for dead claims and finds none.
		if n, err := db.RequeueStale(ctx, r.clock.Now().Add(-lease)); err != nil || n != 0 {
			t.Fatalf("a live process's claims were taken over: %d %v", n, err)
		}
		release()
		if err := <-sent; err != nil {
			t.Fatal(err)
		}
		r.eachGotOnce(n, 5)
	})
}

func TestSeveralNoticesToFewChatsKeepEachChatsPace(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs at Telegram's real pace for about 4 s")
	}
	r := newRig(t, storetest.Open(t, store.SQLite), 5)
	r.fake.EnforceLimits(30, time.Second)
	for i := range 4 {
		r.notice(loa.Notice{Text: fmt.Sprint("Thông báo ", i)})
	}
	d := delivery.New(r.db, r.msgr, delivery.Options{GlobalRate: 30})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	r.fake.WaitCalls(t, "sendMessage", 20)
	cancel()
	<-done
	if n := r.fake.TooManyRequests(); n != 0 {
		t.Fatalf("%d answers were 429", n)
	}
}

func TestANoticeFromAnotherProcessIsSentWithoutWaitingForThePoll(t *testing.T) {
	t.Parallel()
	backend := storetest.NewBackend(t, store.Postgres)
	db := storetest.OpenBackend(t, backend)
	r := newRig(t, db, 3)
	other := storetest.OpenBackend(t, backend) // the command line, or another `loa serve`
	other.SetClock(r.clock.Now)
	d := r.dispatcher(delivery.Options{Idle: time.Hour}) // the poll alone would wait an hour
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	listening := make(chan struct{}, 1)
	go db.ListenForNotices(ctx, slog.New(slog.DiscardHandler), func() {
		d.Wake()
		select {
		case listening <- struct{}{}:
		default:
		}
	})
	<-listening
	go d.Run(ctx)
	// The second notice comes while the dispatcher idles after sending the first.
	for i, text := range []string{"Báo động", "Báo động lần 2"} {
		if _, err := other.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: text, Audience: loa.Audience{Topics: []string{"tin-tuc"}}}); err != nil {
			t.Fatal(err)
		}
		r.fake.WaitCalls(t, "sendMessage", 3*(i+1))
	}
}

// The creator's progress message keeps counting acknowledgements once the notice is sent,
// looking no more often than Telegram's edit limits allow, and for an hour at most.
func TestProgressCountsAcknowledgementsForAnHour(t *testing.T) {
	t.Parallel()
	r := newRig(t, storetest.Open(t, store.SQLite), 3)
	ctx := context.Background()
	const creator = int64(900)
	n := r.notice(loa.Notice{Text: "Xác nhận quân số", RequiresAck: true, CreatorChat: creator})
	d := r.dispatcher(delivery.Options{})
	r.drain(d)
	progress := r.fake.WaitText(t, creator, "Đã xác nhận: 0")
	sent, err := r.db.Deliveries(ctx, n.ID)
	if err != nil || len(sent) != 3 {
		t.Fatal(sent, err)
	}
	shows := func() string {
		for _, m := range r.fake.Messages(creator) {
			if m.ID == progress.ID {
				return m.Text
			}
		}
		return ""
	}
	for i, step := range []struct {
		wait time.Duration
		ack  int // delivery acknowledged before the look, -1: none
		want string
	}{
		{0, 0, "Đã xác nhận: 0"},                 // too soon after the last look
		{11 * time.Second, -1, "Đã xác nhận: 1"}, // the next look shows it
		{2 * time.Hour, 1, "Đã xác nhận: 1"},     // an hour on, the message is left alone
	} {
		if step.ack >= 0 {
			if _, _, err := r.db.Acknowledge(ctx, sent[step.ack].ID, sent[step.ack].ChatID, r.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		r.clock.Advance(step.wait)
		d.FollowAcksNow(ctx)
		if got := shows(); !strings.Contains(got, step.want) {
			t.Errorf("step %d: the progress message reads %q, want %q", i+1, got, step.want)
		}
	}
}
