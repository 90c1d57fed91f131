package scheduler_test

import (
	"testing"

	"github.com/loa-vn/loa/scheduler"
)

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
