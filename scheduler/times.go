package scheduler

import (
	"math"
	"time"

	"github.com/loa-vn/loa/texts"
)

// Remaining says how long until start, in Vietnamese: "còn 3 ngày", "còn 2 giờ", "đang diễn ra".
func Remaining(now, start time.Time) string {
	d := start.Sub(now)
	switch {
	case d >= 24*time.Hour:
		return texts.T("vi", "remaining_days", int(math.Round(d.Hours()/24)))
	case d >= time.Hour:
		return texts.T("vi", "remaining_hours", int(math.Round(d.Hours())))
	case d > 0:
		return texts.T("vi", "remaining_minutes", max(1, int(math.Round(d.Minutes()))))
	}
	return texts.T("vi", "remaining_now")
}
