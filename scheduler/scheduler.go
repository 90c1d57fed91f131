// Package scheduler fires reminders: before events (drills, contests, recruitment deadlines…)
// at their offsets, and on recurring cron rules, in the configured time zone. Every reminder
// is a stored occurrence with a unique key, claimed before it fires and turned into a notice
// whose origin is that key, so it is sent once however many schedulers run and however often
// they restart.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/loa-vn/loa"
)

// Store is what the scheduler needs.
type Store interface {
	loa.Schedules
	CreateNotice(ctx context.Context, n loa.Notice) (loa.Notice, error)
}

// Options tunes the scheduler.
type Options struct {
	Location  *time.Location
	Grace     time.Duration // missed reminders younger than this fire late; older are skipped (default 6h)
	Lease     time.Duration // a claim older than this was a scheduler that died (default 30s)
	Tolerance time.Duration // a reminder fired later than this is marked late (default 1m)
	Worker    string
	Now       func() time.Time
	Logger    *slog.Logger
	Wake      func() // tells the dispatcher there is work
	Registry  prometheus.Registerer
}

// Scheduler creates events and rules and fires their reminders.
type Scheduler struct {
	store Store
	o     Options
	fired *prometheus.CounterVec
}

// New creates a scheduler.
func New(store Store, o Options) *Scheduler {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Grace <= 0 {
		o.Grace = 6 * time.Hour
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
	return &Scheduler{store: store, o: o, fired: fired}
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
	fired := false
	for _, occ := range due {
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

// materialise keeps one future occurrence per active rule, and records the times a stopped
// Loa missed (so they fire late or are recorded as skipped).
func (s *Scheduler) materialise(ctx context.Context) error {
	rules, err := s.store.Rules(ctx)
	if err != nil {
		return err
	}
	now := s.o.Now()
	for _, r := range rules {
		if r.Paused {
			continue
		}
		sched, err := ParseRule(r.Spec)
		if err != nil {
			s.o.Logger.Error("stored rule no longer parses; skipping it", "rule", r.ID, "err", err)
			continue
		}
		from, ok, err := s.store.LastOccurrence(ctx, r.ID)
		if err != nil {
			return err
		}
		if !ok {
			from = r.CreatedAt
		}
		var add []loa.Occurrence
		id := r.ID
		for t := sched.Next(from.In(s.o.Location)); len(add) < 1000; t = sched.Next(t) {
			add = append(add, loa.Occurrence{Key: fmt.Sprintf("rule:%d:%d", r.ID, t.Unix()), RuleID: &id, DueAt: t})
			if t.After(now) {
				break
			}
		}
		if err := s.store.AddOccurrences(ctx, add); err != nil {
			return err
		}
	}
	return nil
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
		n = loa.Notice{Text: s.EventText(e, now, late), Audience: e.Audience, Priority: loa.PriorityNormal}
		if e.Link != "" {
			n.Buttons = []loa.Button{{Text: "Nguồn tin", URL: e.Link}}
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
		if late {
			text = "<i>(Nhắc muộn)</i>\n" + text
		}
		n = loa.Notice{Text: text, Audience: rule.Audience}
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

var kindNames = map[string]string{
	loa.EventDrill: "Diễn tập", loa.EventShootingContest: "Hội thi bắn súng", loa.EventSportsContest: "Hội thao",
	loa.EventRecruitment: "Tuyển quân", loa.EventEnlistment: "Giao nhận quân", loa.EventMedicalExam: "Khám tuyển sức khỏe",
	loa.EventTraining: "Bồi dưỡng, huấn luyện", loa.EventMeeting: "Hội nghị, họp", loa.EventOther: "Sự kiện",
}

// KindName is an event kind in Vietnamese.
func KindName(kind string) string {
	if n, ok := kindNames[kind]; ok {
		return n
	}
	return kind
}

// EventText is a reminder: the event, its place, time, the time remaining and its source.
func (s *Scheduler) EventText(e loa.Event, now time.Time, late bool) string {
	var b strings.Builder
	if late {
		b.WriteString("<i>(Nhắc muộn)</i>\n")
	}
	fmt.Fprintf(&b, "⏰ <b>Nhắc lịch: %s</b>\n", html.EscapeString(e.Title))
	fmt.Fprintf(&b, "🏷 %s\n", KindName(e.Kind))
	when := e.Start.In(s.o.Location).Format("15:04 02/01/2006")
	if e.End != nil {
		when += " – " + e.End.In(s.o.Location).Format("02/01/2006")
	}
	fmt.Fprintf(&b, "🗓 %s (%s)", when, Remaining(now, e.Start))
	if e.Place != "" {
		fmt.Fprintf(&b, "\n📍 %s", html.EscapeString(e.Place))
	}
	if e.Notes != "" {
		fmt.Fprintf(&b, "\n📝 %s", html.EscapeString(e.Notes))
	}
	return b.String()
}

// ErrPast refuses an event (or a change) whose start has already passed.
var ErrPast = errors.New("the event has already started or passed")
