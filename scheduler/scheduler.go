// Package scheduler fires reminders: before events (drills, contests, recruitment deadlines…)
// at their offsets, and on recurring cron rules, in the configured time zone. Every reminder
// is a stored occurrence with a unique key, claimed before it fires and turned into a notice
// whose origin is that key, so it is sent once however many schedulers run and however often
// they restart.
package scheduler

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/robfig/cron/v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
)

// Store is what the scheduler needs.
type Store interface {
	loa.Schedules
	loa.AudienceDirectory
	CreateNotice(ctx context.Context, n loa.Notice) (loa.Notice, error)
}

// Options tunes the scheduler.
type Options struct {
	Location  *time.Location
	Grace     time.Duration // missed reminders younger than this fire late; older are skipped (default 6h)
	Lease     time.Duration // a claim older than this was a scheduler that died (default 30s)
	Tolerance time.Duration // a reminder fired later than this is marked late (default 1m)
	// MinInterval is the shortest time between two firings of a recurring rule (default 1m).
	MinInterval time.Duration
	Worker      string
	Now         func() time.Time
	Logger      *slog.Logger
	Wake        func() // tells the dispatcher there is work
	Registry    prometheus.Registerer
	// Writers write the reminders other rooms plan, by the prefix of their occurrences' keys
	// ("tasks:" and "overdue:" are the documents room's): they fire here, exactly once, as
	// events' and rules' do.
	Writers map[string]Writer
}

// Writer is a room that plans reminders of its own.
type Writer interface {
	// Upcoming lists occurrences to store as of now; known keys are left as they are.
	Upcoming(now time.Time) []loa.Occurrence
	// Reminder writes an occurrence's notice; ok is false when nothing is due any more.
	Reminder(ctx context.Context, occ loa.Occurrence, now time.Time) (n loa.Notice, ok bool, err error)
}

// Scheduler creates events and rules and fires their reminders.
type Scheduler struct {
	store Store
	o     Options
	fired *prometheus.CounterVec

	mu      sync.Mutex
	planned map[string]bool // keys of writers' occurrences this process has stored
}

// New creates a scheduler.
func New(store Store, o Options) *Scheduler {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Grace <= 0 {
		o.Grace = loa.DefaultGrace
	}
	if o.Lease <= 0 {
		o.Lease = 30 * time.Second
	}
	if o.Tolerance <= 0 {
		o.Tolerance = time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MinInterval <= 0 {
		o.MinInterval = loa.DefaultMinRuleInterval
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Worker == "" {
		o.Worker = loa.WorkerName()
	}
	fired := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loa_reminders_total",
		Help: "Reminder occurrences handled, by outcome: fired, late, skipped, cancelled."}, []string{"outcome"})
	if o.Registry != nil {
		o.Registry.MustRegister(fired)
	}
	return &Scheduler{store: store, o: o, fired: fired, planned: map[string]bool{}}
}

// finish records an occurrence's end and counts it.
func (s *Scheduler) finish(ctx context.Context, id int64, status string, noticeID *int64, at time.Time) error {
	s.fired.WithLabelValues(status).Inc()
	return s.store.FinishOccurrence(ctx, id, status, noticeID, at)
}

// Run fires due reminders every second until ctx ends: each is handed to the delivery engine
// within a second of its time.
func (s *Scheduler) Run(ctx context.Context) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if _, err := s.RunDue(ctx); err != nil && ctx.Err() == nil {
			s.o.Logger.Error("firing reminders failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// RunDue materialises recurring occurrences and fires everything due; it returns how many
// occurrences it handled.
func (s *Scheduler) RunDue(ctx context.Context) (int, error) {
	if err := s.materialise(ctx); err != nil {
		return 0, err
	}
	now := s.o.Now()
	due, err := s.store.ClaimDue(ctx, s.o.Worker, now, now.Add(-s.o.Lease), 100)
	if err != nil {
		return 0, err
	}
	fire, skip := coalesce(due)
	for _, occ := range skip {
		if err := s.finish(ctx, occ.ID, loa.OccurrenceSkipped, nil, now); err != nil {
			return 0, err
		}
	}
	fired := false
	for _, occ := range fire {
		ok, err := s.fire(ctx, occ, now)
		if err != nil {
			// The claim stays and is taken over after the lease: retried, not lost.
			s.o.Logger.Error("firing a reminder failed", "key", occ.Key, "err", err)
			continue
		}
		fired = fired || ok
	}
	if fired && s.o.Wake != nil {
		s.o.Wake()
	}
	return len(due), nil
}

// backlogRows bounds the skipped rows recorded for one rule's backlog; the late reminder
// still counts every missed time.
const backlogRows = 1000

// materialise keeps each active rule one occurrence ahead. It starts from the rule's last
// occurrence (or from when it became active) and stops at the first time after now, so every
// pass and every process computes the same rows and a week of passes leaves what one did.
// Times a stopped Loa missed become one late occurrence standing for all of them; the earlier
// ones are recorded as skipped.
func (s *Scheduler) materialise(ctx context.Context) error {
	if err := s.planWriters(ctx); err != nil {
		return err
	}
	rules, err := s.store.Rules(ctx)
	if err != nil {
		return err
	}
	now := s.o.Now()
	for _, r := range rules {
		if r.Paused {
			continue
		}
		sched, err := when.ParseRule(r.Spec)
		if err != nil {
			s.o.Logger.Error("stored rule no longer parses; skipping it", "rule", r.ID, "err", err)
			continue
		}
		from := r.ActiveSince
		if last, ok, err := s.store.LastOccurrence(ctx, r.ID); err != nil {
			return err
		} else if ok && last.After(from) {
			from = last
		}
		if from.After(now) {
			continue // the next occurrence is stored already
		}
		if err := s.store.AddOccurrences(ctx, ruleOccurrences(r.ID, sched, from.In(s.o.Location), now)); err != nil {
			return err
		}
	}
	return nil
}

// planWriters stores what the writers have coming that this process has not stored yet: a write
// a day, not one a second.
func (s *Scheduler) planWriters(ctx context.Context) error {
	now := s.o.Now()
	seen := map[Writer]bool{}
	var add []loa.Occurrence
	s.mu.Lock()
	for _, w := range s.o.Writers {
		if seen[w] {
			continue
		}
		seen[w] = true
		for _, o := range w.Upcoming(now) {
			if !s.planned[o.Key] {
				add = append(add, o)
			}
		}
	}
	s.mu.Unlock()
	if len(add) == 0 {
		return nil
	}
	if err := s.store.AddOccurrences(ctx, add); err != nil {
		return err
	}
	s.mu.Lock()
	for _, o := range add {
		s.planned[o.Key] = true
	}
	s.mu.Unlock()
	return nil
}

// writer is the room whose occurrence this is, if any.
func (s *Scheduler) writer(key string) Writer {
	for prefix, w := range s.o.Writers {
		if strings.HasPrefix(key, prefix) {
			return w
		}
	}
	return nil
}

// ruleOccurrences lists what a rule owes after from: the times missed up to now (the latest
// pending with the count of the others, which are skipped) and the first time after now.
func ruleOccurrences(ruleID int64, sched cron.Schedule, from, now time.Time) []loa.Occurrence {
	occ := func(t time.Time, status string) loa.Occurrence {
		return loa.Occurrence{Key: fmt.Sprintf("rule:%d:%d", ruleID, t.Unix()), RuleID: &ruleID, DueAt: t, Status: status}
	}
	var missed []time.Time
	count := 0
	t := sched.Next(from)
	for ; !t.IsZero() && !t.After(now); t = sched.Next(t) {
		count++
		if missed = append(missed, t); len(missed) > backlogRows {
			missed = missed[1:]
		}
	}
	var out []loa.Occurrence
	for i, m := range missed {
		o := occ(m, loa.OccurrenceSkipped)
		if i == len(missed)-1 {
			o.Status, o.Missed = loa.OccurrencePending, count-1
		}
		out = append(out, o)
	}
	if !t.IsZero() {
		out = append(out, occ(t, loa.OccurrencePending))
	}
	return out
}

// coalesce keeps, of several claimed occurrences of one rule, only the latest, counting the
// others as missed; it returns the ones to fire and the ones to record as skipped. A backlog
// stored by an older Loa, or claimed after a long stop, so reaches a phone once.
func coalesce(claimed []loa.Occurrence) (fire, skip []loa.Occurrence) {
	latest := map[int64]int{} // rule → index in fire
	for _, o := range claimed {
		if o.RuleID == nil {
			fire = append(fire, o)
			continue
		}
		i, seen := latest[*o.RuleID]
		if !seen {
			latest[*o.RuleID] = len(fire)
			fire = append(fire, o)
			continue
		}
		older, newer := fire[i], o
		if newer.DueAt.Before(older.DueAt) {
			older, newer = newer, older
		}
		newer.Missed += older.Missed + 1
		fire[i] = newer
		skip = append(skip, older)
	}
	return fire, skip
}

func (s *Scheduler) fire(ctx context.Context, occ loa.Occurrence, now time.Time) (bool, error) {
	lateness := now.Sub(occ.DueAt)
	if lateness > s.o.Grace {
		s.o.Logger.Warn("reminder missed by more than the grace window; recorded as skipped", "key", occ.Key, "due", occ.DueAt, "late_by", lateness)
		return false, s.finish(ctx, occ.ID, loa.OccurrenceSkipped, nil, now)
	}
	late := lateness > s.o.Tolerance
	var n loa.Notice
	switch {
	case occ.EventID != nil:
		e, err := s.store.Event(ctx, *occ.EventID)
		if err != nil {
			return false, err
		}
		if e.Status != loa.EventScheduled {
			return false, s.finish(ctx, occ.ID, loa.OccurrenceCancelled, nil, now)
		}
		n = loa.Notice{Text: s.EventText(e, occ.Offset, now, late), Audience: e.Audience, Priority: loa.PriorityNormal}
		if loa.PublicURL(e.Link) {
			n.Buttons = []loa.Button{{Text: texts.T("vi", "event_source"), URL: e.Link}}
		}
	case occ.RuleID != nil:
		rule, err := s.rule(ctx, *occ.RuleID)
		if err != nil {
			return false, err
		}
		if rule.Paused {
			return false, s.finish(ctx, occ.ID, loa.OccurrenceCancelled, nil, now)
		}
		text := "🔔 " + html.EscapeString(rule.Message)
		switch {
		case late && occ.Missed > 0:
			text = texts.T("vi", "reminder_late_missed", occ.Missed+1) + "\n" + text
		case late:
			text = texts.T("vi", "reminder_late") + "\n" + text
		}
		n = loa.Notice{Text: text, Audience: rule.Audience}
	case s.writer(occ.Key) != nil:
		written, ok, err := s.writer(occ.Key).Reminder(ctx, occ, now)
		if err != nil {
			return false, err
		}
		if !ok {
			return false, s.finish(ctx, occ.ID, loa.OccurrenceCancelled, nil, now)
		}
		if late {
			written.Text = texts.T("vi", "reminder_late") + "\n" + written.Text
		}
		n = written
	default:
		return false, fmt.Errorf("occurrence %s belongs to nothing", occ.Key)
	}
	n.Origin, n.OriginRef, n.CreatedBy = loa.OriginReminder, occ.Key, "scheduler"
	created, err := s.store.CreateNotice(ctx, n)
	if err != nil {
		return false, err
	}
	status := loa.OccurrenceFired
	if late {
		status = loa.OccurrenceLate
	}
	return true, s.finish(ctx, occ.ID, status, &created.ID, now)
}

func (s *Scheduler) rule(ctx context.Context, id int64) (loa.Rule, error) {
	rules, err := s.store.Rules(ctx)
	if err != nil {
		return loa.Rule{}, err
	}
	for _, r := range rules {
		if r.ID == id {
			return r, nil
		}
	}
	return loa.Rule{}, fmt.Errorf("rule %d: %w", id, loa.ErrNotFound)
}

// KindName is an event kind in Vietnamese.
func KindName(kind string) string { return texts.T("vi", "kind_"+kind) }

// EventText is a reminder at offset: the event, its place, time, the time remaining and its
// source. The reminder sent at once (loa.OffsetNow) says when the event starts.
func (s *Scheduler) EventText(e loa.Event, offset string, now time.Time, late bool) string {
	var b strings.Builder
	if late {
		b.WriteString(texts.T("vi", "reminder_late") + "\n")
	}
	b.WriteString(texts.T("vi", "reminder_head", html.EscapeString(e.Title)) + "\n")
	fmt.Fprintf(&b, "🏷 %s\n", KindName(e.Kind))
	start := when.Format(e.Start, s.o.Location)
	if e.End != nil {
		start += " – " + e.End.In(s.o.Location).Format("02/01/2006")
	}
	if offset == loa.OffsetNow {
		start = texts.T("vi", "reminder_starts_at", start)
	}
	fmt.Fprintf(&b, "🗓 %s (%s)", start, Remaining(now, e.Start))
	if e.Place != "" {
		fmt.Fprintf(&b, "\n📍 %s", html.EscapeString(e.Place))
	}
	if e.Notes != "" {
		fmt.Fprintf(&b, "\n📝 %s", html.EscapeString(e.Notes))
	}
	return b.String()
}

// ErrPast refuses an event (or a change) whose start has already passed.
var ErrPast = loa.ErrEventPast
