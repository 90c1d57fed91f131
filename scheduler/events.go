package scheduler

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/vntext"
	"github.com/loa-vn/loa/when"
)

// occurrences computes an event's reminders. Keys carry the offset and the start, so moving
// an event makes new reminders while the fired ones stay as history.
func (s *Scheduler) occurrences(e loa.Event) ([]loa.Occurrence, error) {
	var out []loa.Occurrence
	for _, off := range e.Offsets {
		due, err := loa.ReminderDue(e.Start, off, s.o.Location)
		if err != nil {
			return nil, err
		}
		out = append(out, loa.Occurrence{Key: fmt.Sprintf("event:%d:%s:%d", e.ID, off, e.Start.Unix()), Offset: off, DueAt: due})
	}
	return out, nil
}

func (s *Scheduler) check(e *loa.Event) error {
	if strings.TrimSpace(e.Title) == "" {
		return fmt.Errorf("an event needs a title")
	}
	if _, ok := loa.DefaultOffsets[e.Kind]; !ok {
		return fmt.Errorf("kind %q is not one of drill, shooting_contest, sports_contest, recruitment, enlistment, medical_exam, training, meeting, other", e.Kind)
	}
	if e.Start.IsZero() {
		return fmt.Errorf("an event needs a start time")
	}
	if e.End != nil && e.End.Before(e.Start) {
		return fmt.Errorf("the end (%s) is before the start", e.End.In(s.o.Location).Format("2006-01-02 15:04"))
	}
	if len(e.Offsets) == 0 {
		e.Offsets = loa.DefaultOffsets[e.Kind]
	}
	for _, off := range e.Offsets {
		if _, err := loa.ReminderDue(e.Start, off, s.o.Location); err != nil {
			return err
		}
	}
	if e.Audience.Empty() {
		e.Audience.Topics = loa.DefaultTopics[e.Kind]
		if len(e.Audience.Topics) == 0 {
			e.Audience.All = true
		}
	}
	if e.Status == "" {
		e.Status = loa.EventScheduled
	}
	return nil
}

// AddEvent validates and schedules a new event. Reminders already in the past are not made.
func (s *Scheduler) AddEvent(ctx context.Context, e loa.Event) (loa.Event, error) {
	if err := s.check(&e); err != nil {
		return e, err
	}
	if err := loa.CheckAudience(ctx, s.store, e.Audience); err != nil {
		return e, err
	}
	if !e.Start.After(s.o.Now()) {
		return e, fmt.Errorf("%w (%s)", ErrPast, e.Start.In(s.o.Location).Format("2006-01-02 15:04"))
	}
	saved, err := s.store.SaveEvent(ctx, e, nil)
	if err != nil {
		return saved, err
	}
	return s.reschedule(ctx, saved)
}

// reschedule replaces an event's pending reminders with those still to fire.
func (s *Scheduler) reschedule(ctx context.Context, e loa.Event) (loa.Event, error) {
	reminded, err := s.reminded(ctx, e.ID)
	if err != nil {
		return e, err
	}
	plan, err := s.plan(e, reminded, s.o.Now())
	if err != nil {
		return e, err
	}
	saved, err := s.store.SaveEvent(ctx, e, plan)
	saved.Reminders = plan
	return saved, err
}

// plan lists e's reminders still to fire at now: the offsets still ahead of it or, when none
// is and nobody has been reminded of it yet, one at once. So no event is left unannounced.
func (s *Scheduler) plan(e loa.Event, reminded bool, now time.Time) ([]loa.Occurrence, error) {
	occ, err := s.occurrences(e)
	if err != nil {
		return nil, err
	}
	future := occ[:0]
	for _, o := range occ {
		if o.DueAt.After(now) {
			future = append(future, o)
		}
	}
	if len(future) == 0 && !reminded && e.Status == loa.EventScheduled && e.Start.After(now) {
		future = append(future, loa.Occurrence{Key: fmt.Sprintf("event:%d:%s:%d", e.ID, loa.OffsetNow, e.Start.Unix()),
			Offset: loa.OffsetNow, DueAt: now})
	}
	slices.SortFunc(future, func(a, b loa.Occurrence) int { return a.DueAt.Compare(b.DueAt) })
	return future, nil
}

// PlanReminders lists the reminders a new event would get if it were saved now.
func (s *Scheduler) PlanReminders(e loa.Event) ([]loa.Occurrence, error) {
	if err := s.check(&e); err != nil {
		return nil, err
	}
	return s.plan(e, false, s.o.Now())
}

// reminded reports whether anyone has been (or is being) reminded of the event.
func (s *Scheduler) reminded(ctx context.Context, eventID int64) (bool, error) {
	if eventID == 0 {
		return false, nil
	}
	occ, err := s.store.EventOccurrences(ctx, eventID)
	if err != nil {
		return false, err
	}
	for _, o := range occ {
		switch o.Status {
		case loa.OccurrenceFired, loa.OccurrenceLate, loa.OccurrenceFiring:
			return true, nil
		}
	}
	return false, nil
}

// EditEvent saves a changed event (title, place, time…). When it has already reminded people,
// they are told what changed.
func (s *Scheduler) EditEvent(ctx context.Context, e loa.Event, by string) (loa.Event, error) {
	before, err := s.store.Event(ctx, e.ID)
	if err != nil {
		return e, err
	}
	if err := s.check(&e); err != nil {
		return e, err
	}
	if err := loa.CheckAudience(ctx, s.store, e.Audience); err != nil {
		return e, err
	}
	saved, err := s.reschedule(ctx, e)
	if err != nil {
		return saved, err
	}
	var change []string
	if !before.Start.Equal(saved.Start) {
		change = append(change, texts.T("vi", "event_change_time", when.Format(before.Start, s.o.Location),
			when.Format(saved.Start, s.o.Location)))
	}
	if before.Place != saved.Place {
		change = append(change, texts.T("vi", "event_change_place", html.EscapeString(saved.Place)))
	}
	if before.Title != saved.Title {
		change = append(change, texts.T("vi", "event_change_title", html.EscapeString(saved.Title)))
	}
	if len(change) > 0 {
		err = s.tellReminded(ctx, saved, before.Audience, texts.T("vi", "event_changed", html.EscapeString(saved.Title))+"\n"+strings.Join(change, "\n"), by)
	}
	return saved, err
}

// CancelEvent cancels an event's reminders and tells those already reminded.
func (s *Scheduler) CancelEvent(ctx context.Context, id int64, by string) (loa.Event, error) {
	e, err := s.store.Event(ctx, id)
	if err != nil {
		return e, err
	}
	if e.Status == loa.EventCancelled {
		return e, nil
	}
	e.Status = loa.EventCancelled
	saved, err := s.store.SaveEvent(ctx, e, nil)
	if err != nil {
		return saved, err
	}
	text := texts.T("vi", "event_cancelled", html.EscapeString(e.Title), when.Format(e.Start, s.o.Location))
	return saved, s.tellReminded(ctx, saved, e.Audience, text, by)
}

// tellReminded sends text to those who were told of the event (its audience then) when at
// least one reminder has gone out or is going out.
func (s *Scheduler) tellReminded(ctx context.Context, e loa.Event, told loa.Audience, text, by string) error {
	reminded, err := s.reminded(ctx, e.ID)
	if err != nil || !reminded {
		return err
	}
	_, err = s.store.CreateNotice(ctx, loa.Notice{Origin: loa.OriginReminder, OriginRef: fmt.Sprintf("event:%d:change:%d", e.ID, e.UpdatedAt.UnixNano()),
		Text: text, Audience: told, Priority: loa.PriorityUrgent, CreatedBy: by})
	if err == nil && s.o.Wake != nil {
		s.o.Wake()
	}
	return err
}

// ConfirmCandidate turns an event found in an article into a scheduled event. A candidate
// without a day needs start; a candidate in the past is refused.
func (s *Scheduler) ConfirmCandidate(ctx context.Context, candidateID int64, start *time.Time, by string) (loa.Event, error) {
	c, a, err := s.store.EventCandidate(ctx, candidateID)
	if err != nil {
		return loa.Event{}, err
	}
	e := loa.Event{Kind: c.Kind, Title: vntext.Capitalise(c.Title), Place: strings.Join(c.Places, "; "), ArticleID: &a.ID,
		CandidateID: &candidateID, Link: a.URL, CreatedBy: by}
	switch {
	case start != nil:
		e.Start = *start
	case c.Date != "":
		hour, minute := 7, 30
		if c.TimeOfDay == "chiều" {
			hour = 13
		}
		if e.Start, err = onDay(c.Date, hour, minute, s.o.Location); err != nil {
			return e, err
		}
		if c.EndDate != "" {
			if end, err := onDay(c.EndDate, 17, 0, s.o.Location); err == nil {
				e.End = &end
			}
		}
	default:
		return e, fmt.Errorf("the article names no day for this event (only %d); give the start time", c.Year)
	}
	return s.AddEvent(ctx, e)
}

// AddRule validates and saves a recurring reminder.
func (s *Scheduler) AddRule(ctx context.Context, r loa.Rule) (loa.Rule, error) {
	if _, err := when.CheckRule(r.Spec, s.o.MinInterval, s.o.Now().In(s.o.Location)); err != nil {
		return r, err
	}
	if strings.TrimSpace(r.Message) == "" {
		return r, fmt.Errorf("a recurring reminder needs a message")
	}
	if r.Audience.Empty() {
		return r, fmt.Errorf("say who receives it: topics, units, roles or everyone")
	}
	if err := loa.CheckAudience(ctx, s.store, r.Audience); err != nil {
		return r, err
	}
	return s.store.SaveRule(ctx, r)
}

// Next is when a rule fires next, for showing in lists: its stored pending occurrence, else
// its first time after now. A paused rule, or one that never fires, has none (ok is false).
func (s *Scheduler) Next(ctx context.Context, r loa.Rule) (next time.Time, ok bool, err error) {
	if r.Paused {
		return time.Time{}, false, nil
	}
	occ, ok, err := s.store.NextOccurrence(ctx, r.ID)
	if err != nil || ok {
		return occ.DueAt, ok, err
	}
	sched, err := when.ParseRule(r.Spec)
	if err != nil {
		return time.Time{}, false, nil
	}
	next = sched.Next(s.o.Now().In(s.o.Location))
	return next, !next.IsZero(), nil
}

// onDay is hour:minute on an article's date (YYYY-MM-DD) in loc.
func onDay(date string, hour, minute int, loc *time.Location) (time.Time, error) {
	d, err := time.ParseInLocation("2006-01-02", date, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("the article's date %q: %w", date, err)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, loc), nil
}
