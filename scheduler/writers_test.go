package scheduler_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/scheduler"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// dailyWriter plans one reminder a day at 7h00 and writes it while it has something to say.
type dailyWriter struct {
	mu      sync.Mutex
	nothing bool
	written int
}

func (w *dailyWriter) Upcoming(now time.Time) []loa.Occurrence {
	local := now.In(hcm)
	at := time.Date(local.Year(), local.Month(), local.Day(), 7, 0, 0, 0, hcm)
	if !at.After(now) {
		at = at.AddDate(0, 0, 1)
	}
	return []loa.Occurrence{{Key: "daily:" + at.Format(time.DateOnly), DueAt: at, Status: loa.OccurrencePending}}
}

func (w *dailyWriter) Reminder(_ context.Context, occ loa.Occurrence, _ time.Time) (loa.Notice, bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.nothing {
		return loa.Notice{}, false, nil
	}
	w.written++
	return loa.Notice{Text: "Nhắc " + occ.Key, Audience: loa.Audience{Units: []string{"tx"}}}, true, nil
}

// Another room's reminders fire once however many schedulers offer them, and a reminder with
// nothing left to say sends nothing.
func TestWritersFireOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2024-06-01 08:00")
		w := &dailyWriter{}
		writers := map[string]scheduler.Writer{"daily:": w}
		a := scheduler.New(db, scheduler.Options{Location: hcm, Now: r.clock.Now, Worker: "a", Writers: writers})
		b := scheduler.New(db, scheduler.Options{Location: hcm, Now: r.clock.Now, Worker: "b", Writers: writers})
		ctx := context.Background()
		for _, s := range []*scheduler.Scheduler{a, b, a} {
			if _, err := s.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		r.clock.Set(at("2024-06-02 07:00"))
		for _, s := range []*scheduler.Scheduler{a, b, a} {
			if _, err := s.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got := r.notices(); len(got) != 1 || !strings.Contains(got[0], "daily:2024-06-02") || w.written != 1 {
			t.Fatalf("notices %q, written %d times", got, w.written)
		}
		w.mu.Lock()
		w.nothing = true
		w.mu.Unlock()
		r.clock.Set(at("2024-06-03 07:00"))
		for _, s := range []*scheduler.Scheduler{b, a} {
			if _, err := s.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var status string
		if err := db.SQL().Get(&status, db.SQL().Rebind(`SELECT status FROM occurrences WHERE key = ?`), "daily:2024-06-03"); err != nil {
			t.Fatal(err)
		}
		if len(r.notices()) != 1 || status != loa.OccurrenceCancelled {
			t.Fatalf("nothing to say: %d notices, occurrence %s", len(r.notices()), status)
		}
	})
}
