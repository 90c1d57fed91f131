package console

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/when"
)

func (c *Console) events(w http.ResponseWriter, r *http.Request, v viewer) error {
	from := c.Now().AddDate(0, 0, -1)
	if t, err := time.ParseInLocation("2006-01", r.URL.Query().Get("month"), c.Location); err == nil && t.Before(from) {
		from = t // a past month shows its events in the grid
	}
	evs, err := c.visibleEvents(r, v, from)
	if err != nil {
		return err
	}
	topics, err := c.units.Topics(r.Context())
	if err != nil {
		return err
	}
	link := ""
	if c.CalendarLink != nil && v.Name != "" { // a registered member; an administrator may not be one
		link = c.CalendarLink(v.UserID)
	}
	rules, err := c.rules(r, v)
	if err != nil {
		return err
	}
	var candidates []loa.EventMention
	if v.Admin {
		if candidates, err = c.calendar.PendingCandidates(r.Context(), c.Now().In(c.Location).Format("2006-01-02"), 20); err != nil {
			return err
		}
	}
	month := monthView(c.Now().In(c.Location), r.URL.Query().Get("month"), evs, c.Location)
	c.render(w, "events", v, map[string]any{"Month": month, "Events": evs, "Kinds": eventKinds, "Topics": topics, "Loc": c.Location,
		"Example": when.Example(c.Now(), c.Location), "Error": r.URL.Query().Get("error"), "CalendarLink": link,
		"Rules": rules, "Candidates": candidates, "Done": c.flashed(w, r)})
	return nil
}

// visibleEvents is the events from a time on that the viewer manages: every one for an
// administrator, a leader's those addressed within their scope, as with notices. What
// concerns a leader from above reaches them in their own calendar feed.
func (c *Console) visibleEvents(r *http.Request, v viewer, from time.Time) ([]loa.Event, error) {
	evs, err := c.calendar.Events(r.Context(), from, false)
	if err != nil || v.Admin {
		return evs, err
	}
	units, err := c.units.Units(r.Context())
	if err != nil {
		return nil, err
	}
	tree, m := loa.NewUnitTree(units), v.manager()
	return slices.DeleteFunc(evs, func(e loa.Event) bool { return !m.MayAddress(tree, e.Audience.Units) }), nil
}

var eventKinds = []string{loa.EventDrill, loa.EventShootingContest, loa.EventSportsContest, loa.EventRecruitment,
	loa.EventEnlistment, loa.EventMedicalExam, loa.EventTraining, loa.EventMeeting, loa.EventOther}

// createEvent schedules an event with its reminders; a leader's event reaches their scope.
func (c *Console) createEvent(w http.ResponseWriter, r *http.Request, v viewer) error {
	if c.Events == nil {
		return errForbidden
	}
	e := loa.Event{Kind: r.PostFormValue("kind"), Title: strings.TrimSpace(r.PostFormValue("title")),
		Place: strings.TrimSpace(r.PostFormValue("place")), CreatedBy: actor(v)}
	if t := r.PostFormValue("topic"); t != "" {
		e.Audience.Topics = []string{t}
	}
	if !v.Admin {
		e.Audience.Units = []string{v.Scope.Key}
	}
	if e.Audience.Empty() {
		e.Audience.All = true
	}
	if offsets := formOffsets(r); offsets != nil {
		e.Offsets = offsets
	}
	start, err := c.typedTime(v, r.PostFormValue("start"))
	if err == nil && !slices.Contains(eventKinds, e.Kind) {
		err = errors.New(c.t(v, "con_need_kind"))
	}
	if err == nil && e.Title == "" {
		err = errors.New(c.t(v, "con_need_title"))
	}
	if err == nil {
		e.Start = start
		e, err = c.Events.AddEvent(r.Context(), e)
	}
	if err != nil {
		http.Redirect(w, r, "/console/events?error="+url.QueryEscape(err.Error()), http.StatusSeeOther)
		return nil
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "event.add", Target: itoa(e.ID), Detail: e.Title, Allowed: true})
	http.Redirect(w, r, "/console/events#event-"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
	return nil
}

// ruleRow is a recurring reminder with its next three times.
type ruleRow struct {
	loa.Rule
	Next []time.Time
}

// rules lists the recurring reminders for administrators (leaders see none: rules are
// district-wide).
func (c *Console) rules(r *http.Request, v viewer) ([]ruleRow, error) {
	if !v.Admin {
		return nil, nil
	}
	rules, err := c.calendar.Rules(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]ruleRow, 0, len(rules))
	for _, rule := range rules {
		row := ruleRow{Rule: rule}
		if sched, err := when.ParseRule(rule.Spec); err == nil && !rule.Paused {
			at := c.Now().In(c.Location)
			for range 3 {
				at = sched.Next(at)
				row.Next = append(row.Next, at)
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// cancelEvent cancels an event and its reminders; those already reminded are told (the
// scheduler does). A leader may cancel only an event of their scope.
func (c *Console) cancelEvent(w http.ResponseWriter, r *http.Request, v viewer) error {
	e, err := c.eventInScope(r, v)
	if err != nil {
		return err
	}
	if c.Events == nil {
		return errForbidden
	}
	id := e.ID
	if r.PostFormValue("confirm") == "" {
		c.flash(w, c.t(v, "con_confirm_cancel_event"))
	} else {
		if _, err := c.Events.CancelEvent(r.Context(), id, actor(v)); err != nil {
			return err
		}
		c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "event.cancel", Target: itoa(id), Detail: e.Title, Allowed: true})
		c.flash(w, c.t(v, "con_event_cancelled", e.Title))
	}
	http.Redirect(w, r, "/console/events", http.StatusSeeOther)
	return nil
}

// pauseRule pauses or resumes a recurring reminder (administrators only).
func (c *Console) pauseRule(w http.ResponseWriter, r *http.Request, v viewer) error {
	if !v.Admin {
		return errForbidden
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return loa.ErrNotFound
	}
	pause := r.PathValue("action") == "pause"
	if !pause && r.PathValue("action") != "resume" {
		return loa.ErrNotFound
	}
	if err := c.calendar.SetRulePaused(r.Context(), id, pause); err != nil {
		return err
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "reminder." + r.PathValue("action"), Target: itoa(id), Allowed: true})
	http.Redirect(w, r, "/console/events", http.StatusSeeOther)
	return nil
}

// confirmCandidate schedules an event found in an article (administrators only), at the time
// given or, when the article names a day, at 7h30 (13h for "chiều") that day.
func (c *Console) confirmCandidate(w http.ResponseWriter, r *http.Request, v viewer) error {
	if !v.Admin || c.Events == nil {
		return errForbidden
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return loa.ErrNotFound
	}
	var start *time.Time
	if typed := strings.TrimSpace(r.PostFormValue("start")); typed != "" {
		at, err := c.typedTime(v, typed)
		if err != nil {
			http.Redirect(w, r, "/console/events?error="+url.QueryEscape(err.Error()), http.StatusSeeOther)
			return nil
		}
		start = &at
	}
	e, err := c.Events.ConfirmCandidate(r.Context(), id, start, actor(v))
	if err != nil {
		http.Redirect(w, r, "/console/events?error="+url.QueryEscape(err.Error()), http.StatusSeeOther)
		return nil
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "event.confirm", Target: itoa(id), Detail: e.Title, Allowed: true})
	c.flash(w, c.t(v, "con_candidate_confirmed", e.Title, when.Format(e.Start, c.Location)))
	http.Redirect(w, r, "/console/events", http.StatusSeeOther)
	return nil
}

// month is a month of the calendar, Monday first, as weeks of days with their events.
type month struct {
	Title      string // "12/2026"
	Prev, Next string // "2026-11", "2027-01"
	Weeks      [][]day
}

type day struct {
	Number  int // 0 for the days of other months that fill a week
	Today   bool
	Events  []loa.Event
	Weekend bool
}

// monthView lays out the month asked for ("2026-12"), or the current one, with its events.
func monthView(now time.Time, asked string, events []loa.Event, loc *time.Location) month {
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	if t, err := time.ParseInLocation("2006-01", asked, loc); err == nil {
		first = t
	}
	m := month{Title: first.Format("01/2006"), Prev: first.AddDate(0, -1, 0).Format("2006-01"), Next: first.AddDate(0, 1, 0).Format("2006-01")}
	lead := (int(first.Weekday()) + 6) % 7 // days before the 1st in its week, Monday first
	var week []day
	for i := 0; i < lead; i++ {
		week = append(week, day{})
	}
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		cell := day{Number: d.Day(), Weekend: d.Weekday() == time.Saturday || d.Weekday() == time.Sunday,
			Today: d.Year() == now.Year() && d.YearDay() == now.YearDay()}
		for _, e := range events {
			if s := e.Start.In(loc); s.Year() == d.Year() && s.YearDay() == d.YearDay() {
				cell.Events = append(cell.Events, e)
			}
		}
		week = append(week, cell)
		if len(week) == 7 {
			m.Weeks, week = append(m.Weeks, week), nil
		}
	}
	if len(week) > 0 {
		for len(week) < 7 {
			week = append(week, day{})
		}
		m.Weeks = append(m.Weeks, week)
	}
	return m
}

// eventInScope reads an event the viewer may change: an administrator any, a leader one of
// their scope.
func (c *Console) eventInScope(r *http.Request, v viewer) (loa.Event, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return loa.Event{}, loa.ErrNotFound
	}
	e, err := c.calendar.Event(r.Context(), id)
	if err != nil {
		return e, err
	}
	units, err := c.units.Units(r.Context())
	if err != nil {
		return e, err
	}
	if !v.may(units, e.Audience.Units) {
		return e, errForbidden
	}
	return e, nil
}

func (c *Console) editEventForm(w http.ResponseWriter, r *http.Request, v viewer) error {
	e, err := c.eventInScope(r, v)
	if err != nil {
		return err
	}
	c.render(w, "event", v, map[string]any{"E": e, "Start": when.Format(e.Start, c.Location), "Offsets": strings.Join(e.Offsets, ","),
		"Error": r.URL.Query().Get("error")})
	return nil
}

// editEvent changes an event's title, time, place or reminders; those already reminded are
// told what changed (the scheduler does).
func (c *Console) editEvent(w http.ResponseWriter, r *http.Request, v viewer) error {
	e, err := c.eventInScope(r, v)
	if err != nil {
		return err
	}
	if c.Events == nil {
		return errForbidden
	}
	back := "/console/events/" + itoa(e.ID) + "/edit?error="
	if title := strings.TrimSpace(r.PostFormValue("title")); title != "" {
		e.Title = title
	}
	e.Place = strings.TrimSpace(r.PostFormValue("place"))
	if offsets := formOffsets(r); offsets != nil {
		e.Offsets = offsets
	}
	start, err := c.typedTime(v, r.PostFormValue("start"))
	if err == nil {
		e.Start = start
		e, err = c.Events.EditEvent(r.Context(), e, actor(v))
	}
	if err != nil {
		http.Redirect(w, r, back+url.QueryEscape(err.Error()), http.StatusSeeOther)
		return nil
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "event.edit", Target: itoa(e.ID), Detail: e.Title, Allowed: true})
	c.flash(w, c.t(v, "con_event_saved", e.Title))
	http.Redirect(w, r, "/console/events", http.StatusSeeOther)
	return nil
}

// formOffsets reads the form's "7d, 1d, 2h"; nil when left empty (the kind's defaults, or the
// event's own when editing).
func formOffsets(r *http.Request) []string {
	typed := strings.ReplaceAll(strings.TrimSpace(r.PostFormValue("offsets")), " ", "")
	if typed == "" {
		return nil
	}
	return strings.Split(typed, ",")
}
