package console

import (
	"errors"
	"time"

	"github.com/loa-vn/loa/when"
)

// typedTime reads a time typed in a form (an event's start, a candidate's day). When it does
// not read, the error's text is the reason in the viewer's language, with an example from now:
// the page shows it as it is, so it must never be the parser's own English.
func (c *Console) typedTime(v viewer, typed string) (time.Time, error) {
	now := c.Now()
	t, err := when.Parse(typed, now, c.Location)
	if err == nil {
		return t, nil
	}
	example := when.Example(now, c.Location)
	switch {
	case errors.Is(err, when.ErrYear):
		err = errors.New(c.t(v, "con_time_year", typed, when.MinYear, when.MaxYear, example))
	case errors.Is(err, when.ErrNoDay):
		err = errors.New(c.t(v, "con_time_no_day", typed, example))
	case errors.Is(err, when.ErrNoHour):
		err = errors.New(c.t(v, "con_time_no_hour", typed, example))
	case errors.Is(err, when.ErrPast):
		err = errors.New(c.t(v, "con_time_past", when.Format(t, c.Location), example))
	default:
		err = errors.New(c.t(v, "con_time_unreadable", typed, example))
	}
	return t, err
}
