package scheduler_test

import (
	"testing"
	"time"

	"github.com/loa-vn/loa/scheduler"
)

func FuzzCheckRule(f *testing.F) {
	for _, seed := range []string{"0 7 * * 1", "@every -1h", "@every 1ms", "0 0 30 2 *", "*/5 * * * *", "@weekly", "0 25 * * *", "* * * * * *", "@every 1h30m", "0 7 ? * MON-FRI"} {
		f.Add(seed)
	}
	now := at("2026-11-28 08:00")
	f.Fuzz(func(t *testing.T, spec string) {
		sched, err := scheduler.CheckRule(spec, time.Minute, now)
		if err != nil {
			return
		}
		next := sched.Next(now)
		if !next.After(now) {
			t.Fatalf("%q accepted but its next run %s is not after now", spec, next)
		}
		if after := sched.Next(next); !after.IsZero() && after.Sub(next) < time.Minute {
			t.Fatalf("%q accepted but fires %s apart", spec, after.Sub(next))
		}
	})
}

func FuzzDue(f *testing.F) {
	for _, seed := range []string{"7d", "2h", "30m", "morning", "100000d", "99999999999999999999d", "-1d", ""} {
		f.Add(seed)
	}
	start := at("2026-12-15 07:30")
	f.Fuzz(func(t *testing.T, offset string) {
		due, err := scheduler.Due(start, offset, hcm)
		if err == nil && (due.After(start) || start.Sub(due) > scheduler.MaxOffset) {
			t.Fatalf("offset %q gives %s for a start at %s", offset, due, start)
		}
	})
}
