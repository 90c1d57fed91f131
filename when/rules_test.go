package when

import (
	"testing"
	"time"
)

func FuzzCheckRule(f *testing.F) {
	for _, seed := range []string{"0 7 * * 1", "@every -1h", "@every 1ms", "0 0 30 2 *", "*/5 * * * *", "@weekly", "0 25 * * *", "* * * * * *", "@every 1h30m", "0 7 ? * MON-FRI"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		sched, err := CheckRule(spec, time.Minute, now)
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
