package scheduler_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/scheduler"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/when"
)

// ruleRows lists a rule's stored occurrences as "due status", oldest first.
func (r *rig) ruleRows(ruleID int64) []string {
	r.t.Helper()
	var rows []struct {
		Due    time.Time `db:"due_at"`
		Status string    `db:"status"`
	}
	if err := r.db.SQL().Select(&rows, r.db.SQL().Rebind(`SELECT due_at, status FROM occurrences WHERE rule_id = ? ORDER BY due_at`), ruleID); err != nil {
		r.t.Fatal(err)
	}
	var out []string
	for _, row := range rows {
		out = append(out, row.Due.In(hcm).Format("2006-01-02 15:04")+" "+row.Status)
	}
	return out
}

func (r *rig) addRule(spec string) loa.Rule {
	r.t.Helper()
	rule, err := r.s.AddRule(context.Background(), loa.Rule{Spec: spec, Message: "Giao ban", Audience: loa.Audience{All: true}})
	if err != nil {
		r.t.Fatal(err)
	}
	return rule
}

func TestAWeekOfPassesByTwoSchedulersKeepsOneOccurrenceAhead(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2026-11-28 08:00") // a Saturday
		weekly := r.addRule("0 7 * * 1")
		other := scheduler.New(db, scheduler.Options{Location: hcm, Now: r.clock.Now, Worker: "b"})
		ctx := context.Background()
		pass := func() {
			for _, s := range []*scheduler.Scheduler{r.s, other} {
				if _, err := s.RunDue(ctx); err != nil {
					t.Fatal(err)
				}
			}
		}
		pass()
		one := r.ruleRows(weekly.ID)
		if strings.Join(one, ",") != "2026-11-30 07:00 pending" {
			t.Fatalf("after one pass: %q", one)
		}
		for range 50 {
			pass()
		}
		if got := r.ruleRows(weekly.ID); strings.Join(got, ",") != strings.Join(one, ",") {
			t.Fatalf("after 50 passes at one instant: %q", got)
		}
		// A pass every 10 minutes for a week.
		for range 7 * 24 * 6 {
			r.clock.Advance(10 * time.Minute)
			pass()
		}
		want := "2026-11-30 07:00 fired,2026-12-07 07:00 pending"
		if got := r.ruleRows(weekly.ID); strings.Join(got, ",") != want {
			t.Fatalf("after a week of passes: %q, want %s", got, want)
		}
		if n := len(r.notices()); n != 1 {
			t.Fatalf("%d reminders in a week from a weekly rule", n)
		}
	})
}

func TestPauseThenResumeContinuesFromNow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2026-11-28 08:00:30")
		ctx := context.Background()
		minutely := r.addRule("* * * * *")
		weekly := r.addRule("0 7 * * 1")
		r.runAt("2026-11-28 08:01:00")
		if n := len(r.notices()); n != 1 {
			t.Fatalf("%d ticks before pausing", n)
		}
		for _, id := range []int64{minutely.ID, weekly.ID} {
			if err := db.SetRulePaused(ctx, id, true); err != nil {
				t.Fatal(err)
			}
		}
		r.runAt("2026-11-28 08:02:00")
		r.runAt("2026-12-01 09:00:00") // paused over Monday
		if n := len(r.notices()); n != 1 {
			t.Fatalf("a paused rule fired: %d notices", n)
		}
		for _, id := range []int64{minutely.ID, weekly.ID} {
			if err := db.SetRulePaused(ctx, id, false); err != nil {
				t.Fatal(err)
			}
		}
		// Resumed: no catching up on the paused time, the next minute fires.
		r.runAt("2026-12-01 09:00:10")
		if n := len(r.notices()); n != 1 {
			t.Fatalf("resuming fired the paused time: %d notices", n)
		}
		for i := 1; i <= 3; i++ {
			r.clock.Advance(time.Minute)
			r.s.RunDue(ctx)
		}
		if n := len(r.notices()); n != 4 {
			t.Fatalf("%d notices, want 1 + 3 ticks after resuming", n)
		}
		rules, _ := db.Rules(ctx)
		next, ok, err := r.s.Next(ctx, rules[1])
		if err != nil || !ok || next.In(hcm).Format("2006-01-02 15:04") != "2026-12-07 07:00" {
			t.Fatalf("the weekly rule's next run: %s %v %v", next, ok, err)
		}
		db.SetRulePaused(ctx, weekly.ID, true)
		rules, _ = db.Rules(ctx)
		if _, ok, _ := r.s.Next(ctx, rules[1]); ok {
			t.Fatal("a paused rule shows a next run")
		}
	})
}

func TestABacklogOfMissedTimesIsOneReminder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2026-11-28 00:00")
		hourly := r.addRule("0 * * * *")
		r.runAt("2026-11-28 00:30") // stores 01:00, then Loa stops
		r.runAt("2026-11-28 08:30") // 8.5 hours later
		got := r.notices()
		if len(got) != 1 || !strings.Contains(got[0], "Nhắc muộn") || !strings.Contains(got[0], "gộp 8 lần") {
			t.Fatalf("after 8.5 hours down: %q", got)
		}
		rows := r.ruleRows(hourly.ID)
		var skipped, late, pending int
		for _, row := range rows {
			switch {
			case strings.HasSuffix(row, " skipped"):
				skipped++
			case strings.HasSuffix(row, " late"):
				late++
			case strings.HasSuffix(row, " pending"):
				pending++
			}
		}
		if skipped != 7 || late != 1 || pending != 1 || rows[len(rows)-1] != "2026-11-28 09:00 pending" {
			t.Fatalf("rows: %q", rows)
		}
		r.runAt("2026-11-28 09:00")
		if n := len(r.notices()); n != 2 {
			t.Fatalf("%d notices after the next hour", n)
		}
	})
}

func TestRulesThatNeverFireOrFireTooOftenAreRefused(t *testing.T) {
	t.Parallel()
	now := at("2026-11-28 08:00")
	for _, spec := range []string{"@every -1h", "@every 1ms", "@every 30s", "0 0 30 2 *"} {
		if _, err := when.CheckRule(spec, time.Minute, now); !errors.Is(err, when.ErrRule) {
			t.Errorf("%s: %v, want ErrRule", spec, err)
		}
	}
	if _, err := when.CheckRule("0 0 30 2 *", time.Minute, now); err == nil || !strings.Contains(err.Error(), "never fires") {
		t.Errorf("30 February: %v", err)
	}
	if _, err := when.CheckRule("*/5 * * * *", time.Hour, now); err == nil || !strings.Contains(err.Error(), "fires every 5m0s") {
		t.Errorf("every 5 minutes with a 1 h minimum: %v", err)
	}
	for _, spec := range []string{"* * * * *", "@every 1m", "0 7 * * 1", "0 0 29 2 *"} {
		if _, err := when.CheckRule(spec, time.Minute, now); err != nil {
			t.Errorf("%s refused: %v", spec, err)
		}
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, "2026-11-28 08:00")
		e := drill("2026-12-15 07:30")
		e.Offsets = []string{"100000d"}
		if _, err := r.s.AddEvent(context.Background(), e); err == nil || !strings.Contains(err.Error(), "more than a year") {
			t.Fatalf("offset 100000d: %v", err)
		}
		if _, err := r.s.AddRule(context.Background(), loa.Rule{Spec: "@every 1ms", Message: "x", Audience: loa.Audience{All: true}}); !errors.Is(err, when.ErrRule) {
			t.Fatalf("@every 1ms: %v", err)
		}
	})
}
