package scheduler

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Parser reads the rules Loa accepts: five fields (minute hour day-of-month month
// day-of-week) or a descriptor such as @weekly or @every 2h.
var Parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

var fieldNames = []string{"minute", "hour", "day-of-month", "month", "day-of-week"}

// ParseRule parses a cron rule and, when it is wrong, says which field and why.
func ParseRule(spec string) (cron.Schedule, error) {
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "@") {
		s, err := Parser.Parse(spec)
		if err != nil {
			return nil, fmt.Errorf("rule %q: %v (descriptors: @yearly @monthly @weekly @daily @hourly @every 1h30m)", spec, err)
		}
		return s, nil
	}
	fields := strings.Fields(spec)
	if len(fields) != 5 {
		return nil, fmt.Errorf("rule %q has %d fields; a rule has 5: minute hour day-of-month month day-of-week (e.g. \"0 7 * * 1\")", spec, len(fields))
	}
	for i, f := range fields {
		probe := []string{"*", "*", "*", "*", "*"}
		probe[i] = f
		if _, err := Parser.Parse(strings.Join(probe, " ")); err != nil {
			return nil, fmt.Errorf("rule %q: field %d (%s) %q is wrong: %v", spec, i+1, fieldNames[i], f, err)
		}
	}
	return Parser.Parse(spec)
}

// ErrRule marks a rule that parses but cannot be used: it never fires or fires too often.
var ErrRule = errors.New("unusable rule")

// CheckRule parses spec and refuses a rule that never fires (such as 30 February) or fires
// more often than every minInterval, looking at its next 100 times after now.
func CheckRule(spec string, minInterval time.Duration, now time.Time) (cron.Schedule, error) {
	sched, err := ParseRule(spec)
	if err != nil {
		return nil, err
	}
	if d, ok := strings.CutPrefix(strings.TrimSpace(spec), "@every "); ok {
		if every, err := time.ParseDuration(strings.TrimSpace(d)); err == nil && every <= 0 {
			return nil, fmt.Errorf("rule %q: the interval must be positive: %w", spec, ErrRule)
		}
	}
	prev := sched.Next(now)
	if prev.IsZero() {
		return nil, fmt.Errorf("rule %q never fires (no such date in the next five years): %w", spec, ErrRule)
	}
	for range 100 {
		next := sched.Next(prev)
		if next.IsZero() {
			break
		}
		if gap := next.Sub(prev); gap < minInterval {
			return nil, fmt.Errorf("rule %q fires every %s; the shortest allowed interval is %s: %w", spec, gap, minInterval, ErrRule)
		}
		prev = next
	}
	return sched, nil
}

// MaxOffset is how long before an event a reminder may be: longer offsets are typing errors.
const MaxOffset = 366 * 24 * time.Hour

var offsetRE = regexp.MustCompile(`^(\d+)(d|h|m)$`)

// Due is when a reminder at offset fires for an event starting at start: "7d" (seven days
// before), "2h", "30m", or "morning" (07:00 on the day, when that is before the start).
func Due(start time.Time, offset string, loc *time.Location) (time.Time, error) {
	if offset == "morning" {
		s := start.In(loc)
		m := time.Date(s.Year(), s.Month(), s.Day(), 7, 0, 0, 0, loc)
		if !m.Before(s) {
			return time.Time{}, fmt.Errorf("offset morning: the event starts at %s, not after 07:00", s.Format("15:04"))
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

// Remaining says how long until start, in Vietnamese: "còn 3 ngày", "còn 2 giờ", "đang diễn ra".
func Remaining(now, start time.Time) string {
	d := start.Sub(now)
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("còn %d ngày", int(math.Round(d.Hours()/24)))
	case d >= time.Hour:
		return fmt.Sprintf("còn %d giờ", int(math.Round(d.Hours())))
	case d > 0:
		return fmt.Sprintf("còn %d phút", max(1, int(math.Round(d.Minutes()))))
	}
	return "đang diễn ra"
}
