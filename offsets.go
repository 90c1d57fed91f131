package loa

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// MaxOffset is how long before an event a reminder may be: longer offsets are typing errors.
const MaxOffset = 366 * 24 * time.Hour

// OffsetNow marks the one reminder sent at once for an event none of whose offsets is still
// ahead (an event created 20 minutes before it starts): it is never typed as an offset.
const OffsetNow = "now"

var offsetRE = regexp.MustCompile(`^(\d+)(d|h|m)$`)

// ReminderDue is when a reminder at offset fires for an event starting at start: "7d" (seven days
// before), "2h", "30m", or "morning" (07:00 on the day, when that is before the start).
func ReminderDue(start time.Time, offset string, loc *time.Location) (time.Time, error) {
	if offset == "morning" {
		s := start.In(loc)
		m := time.Date(s.Year(), s.Month(), s.Day(), 7, 0, 0, 0, loc)
		if !m.Before(s) {
			return time.Time{}, fmt.Errorf("offset morning: the event starts at %s: %w", s.Format("15:04"), ErrMorningAfter)
		}
		return m, nil
	}
	m := offsetRE.FindStringSubmatch(offset)
	if m == nil {
		return time.Time{}, fmt.Errorf("offset %q is not like 7d, 2h, 30m or morning", offset)
	}
	n, err := strconv.Atoi(m[1])
	unit := map[string]time.Duration{"d": 24 * time.Hour, "h": time.Hour, "m": time.Minute}[m[2]]
	if err != nil || n > int(MaxOffset/unit) {
		return time.Time{}, fmt.Errorf("offset %q is more than a year before the event", offset)
	}
	switch m[2] {
	case "d":
		// Calendar days in local time, so "1d" before 07:30 is 07:30 the day before.
		s := start.In(loc)
		return time.Date(s.Year(), s.Month(), s.Day()-n, s.Hour(), s.Minute(), s.Second(), 0, loc), nil
	case "h":
		return start.Add(-time.Duration(n) * time.Hour), nil
	default:
		return start.Add(-time.Duration(n) * time.Minute), nil
	}
}
