package loa_test

import (
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

// FuzzDue: whatever offset is typed, a reminder is never after its event nor more than a year
// before it, and nothing panics.
func FuzzDue(f *testing.F) {
	for _, seed := range []string{"7d", "2h", "30m", "morning", "100000d", "99999999999999999999d", "-1d", ""} {
		f.Add(seed)
	}
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		f.Fatal(err)
	}
	start := time.Date(2026, 12, 15, 7, 30, 0, 0, hcm)
	f.Fuzz(func(t *testing.T, offset string) {
		due, err := loa.ReminderDue(start, offset, hcm)
		if err == nil && (due.After(start) || start.Sub(due) > loa.MaxOffset) {
			t.Fatalf("offset %q gives %s for a start at %s", offset, due, start)
		}
	})
}
