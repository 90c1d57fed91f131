package when

import (
	"errors"
	"fmt"
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
