package scheduler_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/scheduler"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/when"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)         { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func at(s string) time.Time              { t, _ := when.Parse(s, time.Now(), hcm); return t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type rig struct {
	t     *testing.T
	db    *store.DB
	clock *clock
	s     *scheduler.Scheduler
}

func newRig(t *testing.T, db *store.DB, now string) *rig {
	c := &clock{t: at(now)}
	db.SetClock(c.Now)
	cat := loa.Catalog{Topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập"}, {Key: "tuyen-quan", NameVI: "Tuyển quân"}, {Key: "tin-tuc", NameVI: "Tin"}},
		Units: []loa.CatalogUnit{{Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict}}}
	if err := db.SyncCatalog(context.Background(), cat); err != nil {
		t.Fatal(err)
	}
	return &rig{t: t, db: db, clock: c, s: scheduler.New(db, scheduler.Options{Location: hcm, Now: c.Now, Worker: "a"})}
}

// notices returns the texts of reminder notices created so far, oldest first.
func (r *rig) notices() []string {
	r.t.Helper()
	var texts []string
	if err := r.db.SQL().Select(&texts, `SELECT text FROM notices ORDER BY id`); err != nil {
		r.t.Fatal(err)
	}
	return texts
}

func (r *rig) runAt(when string) int {
	r.t.Helper()
	r.clock.Set(at(when))
	n, err := r.s.RunDue(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

func drill(start string) loa.Event {
	return loa.Event{Kind: loa.EventDrill, Title: "Diễn tập chiến đấu xã Minh Thắng", Place: "xã Minh Thắng", Start: at(start)}
}

func TestOffsetsFireOnceEachInLocalTime(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2024-06-01 08:00")
		e, err := r.s.AddEvent(context.Background(), drill("2024-06-15 07:30"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(e.Offsets, ","); got != "7d,1d,2h" || !slicesEqual(e.Audience.Topics, []string{"dien-tap"}) {
			t.Fatalf("defaults: offsets %s audience %+v", got, e.Audience)
		}
		r.runAt("2024-06-08 07:29:59")
		if len(r.notices()) != 0 {
			t.Fatal("a reminder fired early")
		}
		r.runAt("2024-06-08 07:30:00")
		r.runAt("2024-06-08 07:30:30")
		if got := r.notices(); len(got) != 1 || !strings.Contains(got[0], "còn 7 ngày") || !strings.Contains(got[0], "7h30 15/06/2024") || !strings.Contains(got[0], "📍 xã Minh Thắng") {
			t.Fatalf("after the 7-day reminder: %q", got)
		}
		r.runAt("2024-06-14 07:30:00")
		r.runAt("2024-06-15 05:30:00")
		got := r.notices()
		if len(got) != 3 || !strings.Contains(got[1], "còn 1 ngày") || !strings.Contains(got[2], "còn 2 giờ") {
			t.Fatalf("reminders: %q", got)
		}
	})
}

func slicesEqual(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

func TestRestartInTheDueWindowNeitherLosesNorDuplicates(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2024-06-01 08:00")
		e, _ := r.s.AddEvent(context.Background(), drill("2024-06-15 07:30"))
		// A scheduler claims the 7-day reminder and dies before firing it.
		r.clock.Set(at("2024-06-08 07:30:00"))
		claimed, err := db.ClaimDue(context.Background(), "dead", r.clock.Now(), r.clock.Now().Add(-30*time.Second), 10)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %v %v", claimed, err)
		}
		// Another one, 10 s later: the claim is still leased to the dead one.
		if r.runAt("2024-06-08 07:30:10"); len(r.notices()) != 0 {
			t.Fatal("a live claim was taken over")
		}
		// After the lease it takes over and fires, once.
		r.runAt("2024-06-08 07:30:31")
		r.runAt("2024-06-08 07:31:00")
		if got := r.notices(); len(got) != 1 {
			t.Fatalf("%d notices after takeover, want 1", len(got))
		}
		// A crash after the notice was made but before the reminder was marked: the retry
		// finds the same notice and makes no second one.
		r.clock.Set(at("2024-06-14 07:30:00"))
		claimed, _ = db.ClaimDue(context.Background(), "dead", r.clock.Now(), r.clock.Now().Add(-30*time.Second), 10)
		db.CreateNotice(context.Background(), loa.Notice{Origin: loa.OriginReminder, OriginRef: claimed[0].Key, Text: "x", Audience: e.Audience})
		r.runAt("2024-06-14 07:31:00")
		if got := r.notices(); len(got) != 2 {
			t.Fatalf("%d notices, want 2", len(got))
		}
		occ, _ := db.EventOccurrences(context.Background(), e.ID)
		if occ[1].Status != loa.OccurrenceLate && occ[1].Status != loa.OccurrenceFired {
			t.Fatalf("retried reminder status %q", occ[1].Status)
		}
	})
}

func TestMissedRemindersFireLateOrAreRecordedSkipped(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2024-06-01 08:00")
		e, _ := r.s.AddEvent(context.Background(), drill("2024-06-15 07:30"))
		// Loa was down from before the 1-day reminder until 2 h after it: the 7-day one is
		// long past, the 1-day one inside the 6 h grace window.
		r.runAt("2024-06-14 09:30")
		got := r.notices()
		if len(got) != 1 || !strings.Contains(got[0], "Nhắc muộn") || !strings.Contains(got[0], "còn 22 giờ") {
			t.Fatalf("after restart: %q", got)
		}
		occ, _ := db.EventOccurrences(context.Background(), e.ID)
		if occ[0].Status != loa.OccurrenceSkipped || occ[1].Status != loa.OccurrenceLate || occ[2].Status != loa.OccurrencePending {
			t.Fatalf("statuses %s %s %s", occ[0].Status, occ[1].Status, occ[2].Status)
		}
	})
}

func TestMovingAndCancellingUpdateRemindersAndTellThoseReminded(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2024-06-01 08:00")
		ctx := context.Background()
		e, _ := r.s.AddEvent(ctx, drill("2024-06-15 07:30"))
		r.runAt("2024-06-08 07:30")
		e.Start = at("2024-06-20 07:30")
		e.Place = "xã Quang Minh"
		if _, err := r.s.EditEvent(ctx, e, "test"); err != nil {
			t.Fatal(err)
		}
		got := r.notices()
		if len(got) != 2 || !strings.Contains(got[1], "Thay đổi lịch") || !strings.Contains(got[1], "7h30 20/06/2024") || !strings.Contains(got[1], "xã Quang Minh") {
			t.Fatalf("after moving: %q", got)
		}
		// The old 1-day reminder (14/06) no longer fires; the new one (19/06) does.
		r.runAt("2024-06-14 07:30")
		if len(r.notices()) != 2 {
			t.Fatal("a reminder of the old time fired")
		}
		r.runAt("2024-06-19 07:30")
		if got := r.notices(); len(got) != 3 || !strings.Contains(got[2], "còn 1 ngày") {
			t.Fatalf("new reminder: %q", got)
		}
		if _, err := r.s.CancelEvent(ctx, e.ID, "test"); err != nil {
			t.Fatal(err)
		}
		r.runAt("2024-06-20 05:30")
		got = r.notices()
		if len(got) != 4 || !strings.Contains(got[3], "Hủy lịch") {
			t.Fatalf("after cancelling: %q", got)
		}
	})
}

func TestRecurringRulesInLocalTime(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2024-12-29 12:00") // a Sunday
		ctx := context.Background()
		if _, err := r.s.AddRule(ctx, loa.Rule{Spec: "0 25 * * *", Message: "x", Audience: loa.Audience{All: true}}); err == nil || !strings.Contains(err.Error(), "field 2 (hour)") {
			t.Fatalf("invalid rule: %v", err)
		}
		rule, err := r.s.AddRule(ctx, loa.Rule{Name: "giao ban", Spec: "0 7 * * 1", Message: "Giao ban <quân sự> thứ Hai", Audience: loa.Audience{Topics: []string{"tin-tuc"}}})
		if err != nil {
			t.Fatal(err)
		}
		r.runAt("2024-12-30 06:59:59")
		r.runAt("2024-12-30 07:00:00") // Monday 07:00 in Hồ Chí Minh time, across the year's end next week
		r.runAt("2025-01-06 07:00:00")
		got := r.notices()
		if len(got) != 2 || got[0] != "🔔 Giao ban &lt;quân sự&gt; thứ Hai" {
			t.Fatalf("recurring: %q", got)
		}
		db.SetRulePaused(ctx, rule.ID, true)
		r.runAt("2025-01-13 07:00:00")
		if len(r.notices()) != 2 {
			t.Fatal("a paused rule fired")
		}
		db.SetRulePaused(ctx, rule.ID, false)
		r.runAt("2025-01-20 07:00:00")
		if len(r.notices()) != 3 {
			t.Fatalf("a resumed rule did not fire: %q", r.notices())
		}
	})
}

func TestTimeEdges(t *testing.T) {
	t.Parallel()
	cases := []struct{ start, offset, want string }{
		{"2025-01-03 07:30", "7d", "2024-12-27 07:30"}, // across the year
		{"2024-03-01 07:30", "1d", "2024-02-29 07:30"}, // leap year, end of month
		{"2023-03-01 07:30", "1d", "2023-02-28 07:30"},
		{"2024-07-01 00:30", "2h", "2024-06-30 22:30"},
		{"2024-06-30 24:00", "1d", "2024-06-30 00:00"}, // 24:00 is the next midnight
		{"2024-02-14 09:00", "morning", "2024-02-14 07:00"},
	}
	for _, c := range cases {
		due, err := loa.ReminderDue(at(c.start), c.offset, hcm)
		if err != nil || due.In(hcm).Format("2006-01-02 15:04") != c.want {
			t.Errorf("%s %s: %s %v, want %s", c.start, c.offset, due.In(hcm).Format("2006-01-02 15:04"), err, c.want)
		}
	}
	if _, err := loa.ReminderDue(at("2024-06-30 24:00"), "morning", hcm); err == nil {
		t.Error("a morning reminder for an event at midnight")
	}
	if _, err := loa.ReminderDue(at("2024-06-30 08:00"), "1w", hcm); err == nil {
		t.Error("offset 1w accepted")
	}
}

func TestTwoSchedulersOnOnePostgresFireEachOnce(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.Postgres)
	r := newRig(t, db, "2024-06-01 08:00")
	ctx := context.Background()
	for i := 0; i < 20; i++ {
		e := drill("2024-06-15 07:30")
		e.Title = e.Title + " " + string(rune('A'+i))
		if _, err := r.s.AddEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	r.clock.Set(at("2024-06-08 07:30"))
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b"} {
		s := scheduler.New(db, scheduler.Options{Location: hcm, Now: r.clock.Now, Worker: name})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				if _, err := s.RunDue(ctx); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if got := len(r.notices()); got != 20 {
		t.Fatalf("%d notices for 20 due reminders", got)
	}
}

func TestConfirmingAnArticleCandidate(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2025-01-21 08:00")
		ctx := context.Background()
		text := mustRead(t, "../news/testdata/corpus/chonthanh-2025-01-20-giao-nhan-quan.txt")
		a := news.Extractor{Gazetteer: []string{"Hưng Long"}, Location: hcm}.Extract(text)
		a.URL = "https://chonthanh.binhphuoc.gov.vn/giao-nhan-quan"
		saved, _, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		var handover, exam loa.EventCandidate
		for _, c := range saved.Events {
			switch c.Kind {
			case loa.EventEnlistment:
				handover = c
			case loa.EventMedicalExam:
				exam = c
			}
		}
		e, err := r.s.ConfirmCandidate(ctx, handover.ID, nil, "tg:900")
		if err != nil {
			t.Fatal(err)
		}
		if e.Start.In(hcm).Format("2006-01-02 15:04") != "2025-02-14 07:30" || e.Link != a.URL || !strings.Contains(e.Place, "phường Hưng Long") {
			t.Fatalf("confirmed event: %+v", e)
		}
		occ, _ := db.EventOccurrences(ctx, e.ID)
		// 15 days ahead (the call-up orders are due), a week, the day before, the morning.
		if len(occ) != 4 || occ[0].DueAt.In(hcm).Format("2006-01-02 15:04") != "2025-01-30 07:30" ||
			occ[3].DueAt.In(hcm).Format("2006-01-02 15:04") != "2025-02-14 07:00" {
			t.Fatalf("reminders: %+v", occ)
		}
		if _, err := r.s.ConfirmCandidate(ctx, handover.ID, nil, "tg:900"); !errors.Is(err, loa.ErrConflict) {
			t.Fatalf("confirming twice: %v", err)
		}
		// The medical exam happened before the article: no future reminder.
		if _, err := r.s.ConfirmCandidate(ctx, exam.ID, nil, "tg:900"); !errors.Is(err, scheduler.ErrPast) {
			t.Fatalf("past candidate: %v", err)
		}
	})
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// An event 20 minutes away has none of its offsets (7d, 1d, 2h) ahead: it gets one reminder at
// once, the confirmation lists exactly that, and cancelling it tells those it reached.
func TestAnEventTooCloseForItsOffsetsIsRemindedAtOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2024-06-15 07:10")
		ctx := context.Background()
		plan, err := r.s.PlanReminders(drill("2024-06-15 07:30"))
		if err != nil || len(plan) != 1 || plan[0].Offset != loa.OffsetNow {
			t.Fatalf("planned: %+v %v", plan, err)
		}
		e, err := r.s.AddEvent(ctx, drill("2024-06-15 07:30"))
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Reminders) != 1 || e.Reminders[0].Offset != loa.OffsetNow || !e.Reminders[0].DueAt.Equal(at("2024-06-15 07:10")) {
			t.Fatalf("the confirmation promises %+v", e.Reminders)
		}
		if n := r.runAt("2024-06-15 07:10:01"); n != 1 {
			t.Fatalf("fired %d reminders at once, want 1", n)
		}
		got := r.notices()
		if len(got) != 1 || !strings.Contains(got[0], "Sự kiện bắt đầu lúc 7h30 15/06/2024") || !strings.Contains(got[0], "còn 20 phút") {
			t.Fatalf("the reminder at once: %q", got)
		}
		// A later edit of the title tells them, and does not remind them a second time.
		e.Title = "Diễn tập phòng không"
		if _, err := r.s.EditEvent(ctx, e, "test"); err != nil {
			t.Fatal(err)
		}
		r.runAt("2024-06-15 07:12")
		if _, err := r.s.CancelEvent(ctx, e.ID, "test"); err != nil {
			t.Fatal(err)
		}
		r.runAt("2024-06-15 07:13")
		got = r.notices()
		if len(got) != 3 || !strings.Contains(got[1], "Diễn tập phòng không") || !strings.Contains(got[2], "Hủy lịch") {
			t.Fatalf("after editing and cancelling: %q", got)
		}
		// An event whose offsets are still ahead is promised exactly those, soonest first.
		far, err := r.s.AddEvent(ctx, drill("2024-06-17 07:30"))
		if err != nil {
			t.Fatal(err)
		}
		if len(far.Reminders) != 2 || far.Reminders[0].Offset != "1d" || far.Reminders[1].Offset != "2h" {
			t.Fatalf("two days ahead: %+v", far.Reminders)
		}
	})
}
