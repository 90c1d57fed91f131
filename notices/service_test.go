package notices_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
)

// The sender is a leader's scope, an administrator's own unit, else the catalogue's default,
// whichever door asks; only the command line names another.
func TestSenderIsChosenOneWay(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	for _, c := range []struct {
		who          notices.Actor
		from         string
		sender, abbr string
	}{
		{leaderA, "", "Xã Minh Thắng", ""},
		{adminInB, "", "Ban CHQS xã Minh Lập", ""},
		{admin, "", "Ban CHQS thị xã", "BCHQS"},
		{system, "", "Ban CHQS thị xã", "BCHQS"},
		{system, "Ban CHQS xã Minh Lập", "Ban CHQS xã Minh Lập", ""},
	} {
		n := r.create(c.who, notices.Request{From: c.from})
		if n.Sender != c.sender || n.SenderAbbreviation != c.abbr {
			t.Errorf("%s (from %q) signs as %q %q, want %q %q", c.who.Name, c.from, n.Sender, n.SenderAbbreviation, c.sender, c.abbr)
		}
	}
	if _, err := r.svc.Create(context.Background(), leaderA, notices.Request{Text: "x", From: "Ban CHQS thị xã"}); !errors.Is(err, notices.ErrForbidden) {
		t.Errorf("a leader naming another sender: %v", err)
	}
}

// Notices are numbered per issuing unit and year; reminders, updates, cancellations and
// article pushes take no number and cannot be followed up as notices.
func TestOfficialNumbering(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ctx := context.Background()
	first := r.create(admin, notices.Request{})
	second := r.create(system, notices.Request{})
	own := r.create(leaderA, notices.Request{})
	r.sendAll()
	reminder, err := r.svc.Remind(ctx, admin, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	update, err := r.svc.Update(ctx, admin, first.ID, "Dời sang 8h")
	if err != nil {
		t.Fatal(err)
	}
	article, err := r.db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginArticle, Text: "Bài viết", Audience: toCommune})
	if err != nil {
		t.Fatal(err)
	}
	third := r.create(admin, notices.Request{})
	r.set(time.Date(2027, 1, 2, 7, 0, 0, 0, hcm))
	nextYear := r.create(admin, notices.Request{})
	for _, c := range []struct {
		what   string
		n      loa.Notice
		number int
	}{{"first", first, 1}, {"second of the same unit", second, 2}, {"a leader's own first", own, 1},
		{"after a reminder and an update", third, 3}, {"next year's first", nextYear, 1},
		{"a reminder", reminder, 0}, {"an update", update, 0}, {"an article", article, 0}} {
		if c.n.Number != c.number {
			t.Errorf("%s is number %d, want %d", c.what, c.n.Number, c.number)
		}
	}
	for _, n := range []loa.Notice{reminder, update, article} {
		if _, err := r.svc.Report(ctx, admin, n.ID); !errors.Is(err, loa.ErrNotFound) {
			t.Errorf("report of non-notice %d: %v", n.ID, err)
		}
		if _, err := r.svc.Update(ctx, admin, n.ID, "x"); !errors.Is(err, loa.ErrNotFound) {
			t.Errorf("update of non-notice %d: %v", n.ID, err)
		}
	}
	// The number typed is found in the typist's own series first, else among the notices they
	// may follow up, this year.
	for _, c := range []struct {
		who   notices.Actor
		typed string
		want  int64
	}{{admin, "1", nextYear.ID}, {leaderA, "1", nextYear.ID}, {leaderB, "1", -1}, {admin, "1/TB-BCHQS", nextYear.ID}} {
		got, err := r.svc.Find(ctx, c.who, c.typed)
		if c.want < 0 {
			if !errors.Is(err, loa.ErrNotFound) {
				t.Errorf("%s found %q, a notice they may not follow up: %v %v", c.who.Name, c.typed, got.ID, err)
			}
			continue
		}
		if err != nil || got.ID != c.want {
			t.Errorf("%s typing %q found %d (%v), want %d", c.who.Name, c.typed, got.ID, err, c.want)
		}
	}
	if text := r.svc.Text(third); !strings.HasPrefix(text, "📢 <b>Thông báo số 3</b> — Ban CHQS thị xã, 12h18 04/12/2026\nSố: 3/TB-BCHQS\n\n") {
		t.Errorf("heading: %q", text)
	}
	if text := r.svc.Text(update); !strings.HasPrefix(text, "🔁 <b>Cập nhật Thông báo số 1</b> — Ban CHQS thị xã, ") {
		t.Errorf("an update's heading: %q", text)
	}
}

// A cancelled notice takes no reminder, update, cancellation or acknowledgement; each is
// refused the same way, saying when it was cancelled.
func TestACancelledNoticeRefusesEverything(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ctx := context.Background()
	n := r.create(admin, notices.Request{})
	r.sendAll()
	deliveries, err := r.db.Deliveries(ctx, n.ID)
	if err != nil || len(deliveries) == 0 {
		t.Fatal(deliveries, err)
	}
	r.set(time.Date(2026, 12, 15, 7, 30, 0, 0, hcm))
	done, err := r.svc.Cancel(ctx, admin, n.ID, "")
	if err != nil || done.FollowUp.Recipients != len(deliveries) || !strings.HasPrefix(r.svc.Text(done.FollowUp), "❌ <b>Hủy Thông báo số 1</b>") {
		t.Fatalf("cancel: %+v %v", done, err)
	}
	r.set(time.Date(2026, 12, 16, 9, 0, 0, 0, hcm))
	for _, c := range []struct {
		what string
		try  func() error
	}{
		{"remind", func() error { _, err := r.svc.Remind(ctx, leaderA, n.ID); return err }},
		{"update", func() error { _, err := r.svc.Update(ctx, admin, n.ID, "Dời sang 8h"); return err }},
		{"cancel again", func() error { _, err := r.svc.Cancel(ctx, system, n.ID, "lý do"); return err }},
		{"cancel as scheduled", func() error { _, err := r.svc.CancelScheduled(ctx, admin, n.ID); return err }},
		{"acknowledge", func() error {
			_, err := r.svc.Acknowledge(ctx, deliveries[0].ID, deliveries[0].ChatID, deliveries[0].ChatID, "")
			return err
		}},
	} {
		err := c.try()
		msg, _ := notices.Refusal("vi", err)
		if !errors.Is(err, loa.ErrNoticeCancelled) || msg != "Thông báo số 1 đã hủy lúc 7h30 15/12." {
			t.Errorf("%s: %v (%q)", c.what, err, msg)
		}
	}
	if r, err := r.svc.Report(ctx, admin, n.ID); err != nil || r.CanRemind || r.CanCancel {
		t.Errorf("a cancelled notice's report offers actions: %+v %v", r, err)
	}
}

// TestACancellationReachesWhoeverItsNoticeMayHaveReached: a delivery in flight when the
// notice is cancelled has left, or is leaving, for its chat; that chat is told too. Only the
// deliveries still queued are stopped and need no word.
func TestACancellationReachesWhoeverItsNoticeMayHaveReached(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ctx := context.Background()
	n := r.create(admin, notices.Request{})
	inFlight, err := r.db.ClaimDeliveries(ctx, "w", 1, r.clock().Add(time.Minute))
	if err != nil || len(inFlight) != 1 {
		t.Fatal(inFlight, err)
	}
	done, err := r.svc.Cancel(ctx, admin, n.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if done.FollowUp.Recipients != 1 || done.Stopped != 1 {
		t.Fatalf("cancelling with one delivery in flight and one queued: told %d, stopped %d", done.FollowUp.Recipients, done.Stopped)
	}
	told, err := r.db.Deliveries(ctx, done.FollowUp.ID)
	if err != nil || len(told) != 1 || told[0].ChatID != inFlight[0].ChatID {
		t.Fatalf("the cancellation went to %+v (%v), not to chat %d whose delivery was in flight", told, err, inFlight[0].ChatID)
	}
}

// Whoever may send to an audience may follow up its notice: its creator, a leader whose scope
// covers it, an administrator; nobody else.
func TestWhoMayFollowUp(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ctx := context.Background()
	byAdmin := r.create(admin, notices.Request{})
	byLeader := r.create(leaderA, notices.Request{Audience: loa.Audience{Units: []string{"xa-a/dq"}}})
	toB := r.create(admin, notices.Request{Audience: loa.Audience{Units: []string{"xa-b"}}})
	for _, c := range []struct {
		who notices.Actor
		n   loa.Notice
		may bool
	}{
		{leaderA, byAdmin, true}, {leaderA, byLeader, true}, {leaderA, toB, false},
		{leaderB, byLeader, false}, {leaderB, toB, true}, {militiaA, byAdmin, false},
		{admin, byLeader, true}, {system, byLeader, true},
		{notices.Actor{Name: "tg:77", UserID: 77}, byAdmin, false},
	} {
		_, err := r.svc.Report(ctx, c.who, c.n.ID)
		if got := err == nil; got != c.may || (err != nil && !errors.Is(err, notices.ErrForbidden)) {
			t.Errorf("%s following up %d: %v, want allowed=%v", c.who.Name, c.n.ID, err, c.may)
		}
	}
	// A leader sends only within their scope.
	for _, aud := range []loa.Audience{{Units: []string{"xa-b"}}, {All: true}, {Chats: []int64{20}}} {
		if _, err := r.svc.Create(ctx, leaderA, notices.Request{Text: "x", Audience: aud}); !errors.Is(err, notices.ErrForbidden) {
			t.Errorf("a leader sent to %+v: %v", aud, err)
		}
	}
	if _, err := r.svc.Create(ctx, militiaA, notices.Request{Text: "x", Audience: toCommune}); !errors.Is(err, notices.ErrForbidden) {
		t.Errorf("a militiaman sent a notice: %v", err)
	}
}

// A request is checked whole before anything is stored: a follow-up's text has a notice's
// limits, and a refused one leaves the notice as it was.
func TestRequestsAreCheckedBeforeAnythingChanges(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ctx := context.Background()
	n := r.create(admin, notices.Request{})
	r.sendAll()
	long := strings.Repeat("á", notices.MaxText+1)
	for _, c := range []struct {
		what, key string
		try       func() error
	}{
		{"an empty update", "notice_need_text", func() error { _, err := r.svc.Update(ctx, admin, n.ID, " "); return err }},
		{"an update with NUL", "notice_bad_text", func() error { _, err := r.svc.Update(ctx, admin, n.ID, "a\x00b"); return err }},
		{"a long update", "notice_too_long", func() error { _, err := r.svc.Update(ctx, admin, n.ID, long); return err }},
		{"a reason with NUL", "notice_bad_text", func() error { _, err := r.svc.Cancel(ctx, admin, n.ID, "a\x00b"); return err }},
		{"a long reason", "notice_too_long", func() error { _, err := r.svc.Cancel(ctx, admin, n.ID, long); return err }},
		{"a notice with no text", "notice_need_text", func() error {
			_, err := r.svc.Create(ctx, admin, notices.Request{Audience: toCommune})
			return err
		}},
		{"a notice to nobody", "notice_need_audience", func() error {
			_, err := r.svc.Create(ctx, admin, notices.Request{Text: "x"})
			return err
		}},
		{"a notice to an unknown topic", "notice_bad_audience", func() error {
			_, err := r.svc.Create(ctx, admin, notices.Request{Text: "x", Audience: loa.Audience{Topics: []string{"bogus"}}})
			return err
		}},
		{"a notice for the past", "notice_time_past", func() error {
			_, err := r.svc.Create(ctx, admin, notices.Request{Text: "x", Audience: toCommune, SendAt: "7h 01/12/2026"})
			return err
		}},
		{"a notice at no time", "notice_bad_time", func() error {
			_, err := r.svc.Create(ctx, admin, notices.Request{Text: "x", Audience: toCommune, SendAt: "hôm kia"})
			return err
		}},
	} {
		var p *notices.Problem
		if err := c.try(); !errors.As(err, &p) || p.Key != c.key || !errors.Is(err, notices.ErrInvalid) {
			t.Errorf("%s: %v, want %s", c.what, err, c.key)
		}
	}
	if got := r.notice(n.ID); got.Status != loa.NoticeActive {
		t.Errorf("refused requests left the notice %s", got.Status)
	}
	if later := r.create(admin, notices.Request{}); later.Number != 2 || later.ID != n.ID+1 {
		t.Errorf("refused requests stored something: the next notice is %d, number %d", later.ID, later.Number)
	}
}

// A scheduled notice is headed with the time it goes out; cancelled before then, it reaches
// nobody.
func TestAScheduledNoticeShowsWhenItIsSent(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ctx := context.Background()
	n := r.create(admin, notices.Request{SendAt: "7h30 15/12"})
	if text := r.svc.Text(n); !strings.Contains(text, "— Ban CHQS thị xã, 7h30 15/12/2026\n") {
		t.Errorf("heading of a scheduled notice: %q", text)
	}
	r.sendAll() // nothing is due yet
	done, err := r.svc.CancelScheduled(ctx, leaderA, n.ID)
	if err != nil || done.FollowUp.ID != 0 || done.Stopped != n.Recipients || n.Recipients == 0 {
		t.Fatalf("cancel before its time: %+v %v", done, err)
	}
	r.set(time.Date(2026, 12, 15, 8, 0, 0, 0, hcm))
	r.sendAll()
	if ds, _ := r.db.Deliveries(ctx, n.ID); len(ds) == 0 || ds[0].Status != loa.DeliveryCancelled {
		t.Errorf("deliveries after the time: %+v", ds)
	}
	sent := r.create(admin, notices.Request{SendAt: "9h 15/12"})
	r.set(time.Date(2026, 12, 15, 9, 30, 0, 0, hcm))
	if _, err := r.svc.CancelScheduled(ctx, admin, sent.ID); !errors.Is(err, notices.ErrInvalid) {
		t.Errorf("cancelling as scheduled a notice already due: %v", err)
	}
}
