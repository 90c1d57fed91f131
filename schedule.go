package loa

import (
	"context"
	"errors"
	"time"
)

// Why an event cannot be scheduled as given; the bot says each in the user's language.
var (
	ErrEventPast    = errors.New("the event has already started or passed")
	ErrMorningAfter = errors.New("a morning reminder needs the event to start after 07:00")
)

// Event statuses.
const (
	EventScheduled = "scheduled"
	EventCancelled = "cancelled"
)

// Event is something to remind people of: a drill, a contest, a recruitment deadline…
type Event struct {
	ID          int64      `db:"id" json:"id"`
	Kind        string     `db:"kind" json:"kind"`
	Title       string     `db:"title" json:"title"`
	Place       string     `db:"place" json:"place,omitempty"`
	Start       time.Time  `db:"start_at" json:"start"`
	End         *time.Time `db:"end_at" json:"end,omitempty"`
	Offsets     []string   `db:"-" json:"offsets"` // "7d", "1d", "2h", "morning"
	Audience    Audience   `db:"-" json:"audience"`
	Notes       string     `db:"notes" json:"notes,omitempty"`
	ArticleID   *int64     `db:"article_id" json:"article_id,omitempty"`
	CandidateID *int64     `db:"candidate_id" json:"candidate_id,omitempty"`
	Link        string     `db:"link" json:"link,omitempty"`
	Status      string     `db:"status" json:"status"`
	CreatedBy   string     `db:"created_by" json:"created_by"`
	UpdatedAt   time.Time  `db:"updated_at" json:"updated_at"`
	// Reminders are the reminders still to fire, soonest first, as the scheduler planned them
	// when it saved the event: what a confirmation lists.
	Reminders []Occurrence `db:"-" json:"reminders,omitempty"`
}

// DefaultOffsets are the reminders each kind of event gets unless told otherwise. Recruitment
// is led by the commune's military service council (Hội đồng NVQS xã) since 1 July 2025:
// registration, pre-screening, the medical examination, approval of the lists, the call-up
// orders and the hand-over. The law gives the call to the examination and the call-up order to
// each citizen 15 days ahead (Luật NVQS 2015, sửa đổi 2025), so both steps are reminded of 15
// days before, while there is time to deliver them.
var DefaultOffsets = map[string][]string{
	EventDrill:           {"7d", "1d", "2h"},
	EventShootingContest: {"7d", "1d", "2h"},
	EventSportsContest:   {"7d", "1d", "2h"},
	EventRecruitment:     {"14d", "3d", "1d", "morning"},
	EventEnlistment:      {"15d", "7d", "1d", "morning"},
	EventMedicalExam:     {"15d", "3d", "1d", "morning"},
	EventTraining:        {"7d", "1d"},
	EventMeeting:         {"1d", "2h"},
	EventOther:           {"1d"},
}

// DefaultTopics are the topics whose followers an event of each kind concerns.
var DefaultTopics = map[string][]string{
	EventDrill:           {"dien-tap"},
	EventShootingContest: {"hoi-thao"},
	EventSportsContest:   {"hoi-thao"},
	EventRecruitment:     {"tuyen-quan"},
	EventEnlistment:      {"tuyen-quan"},
	EventMedicalExam:     {"tuyen-quan"},
	EventTraining:        {"gdqp-an"},
}

// Rule is a recurring reminder on a cron rule, in the configured time zone.
type Rule struct {
	ID        int64     `db:"id" json:"id"`
	Name      string    `db:"name" json:"name"`
	Spec      string    `db:"spec" json:"rule"`
	Message   string    `db:"message" json:"message"`
	Audience  Audience  `db:"-" json:"audience"`
	Paused    bool      `db:"paused" json:"paused"`
	CreatedBy string    `db:"created_by" json:"created_by"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	// ActiveSince is the creation or the last resume: times before it are never reminded of.
	ActiveSince time.Time `db:"active_since" json:"active_since"`
}

// Occurrence states.
const (
	OccurrencePending   = "pending"
	OccurrenceFiring    = "firing"
	OccurrenceFired     = "fired"
	OccurrenceLate      = "late"    // fired after a restart, inside the grace window
	OccurrenceSkipped   = "skipped" // missed by more than the grace window; recorded, not sent
	OccurrenceCancelled = "cancelled"
)

// Occurrence is one reminder to fire: an event at an offset, or a rule at a time. Its key is
// unique, so it fires once however many schedulers see it.
type Occurrence struct {
	ID       int64      `db:"id" json:"id"`
	Key      string     `db:"key" json:"key"`
	EventID  *int64     `db:"event_id" json:"event_id,omitempty"`
	RuleID   *int64     `db:"rule_id" json:"rule_id,omitempty"`
	Offset   string     `db:"offset_spec" json:"offset,omitempty"`
	DueAt    time.Time  `db:"due_at" json:"due_at"`
	Status   string     `db:"status" json:"status"`
	FiredAt  *time.Time `db:"fired_at" json:"fired_at,omitempty"`
	NoticeID *int64     `db:"notice_id" json:"notice_id,omitempty"`
	// Missed counts the earlier occurrences of a rule that this late one stands for: a backlog
	// after downtime fires once, saying how many times it was missed.
	Missed int `db:"missed" json:"missed,omitempty"`
}

// Schedules stores events, rules and their occurrences.
type Schedules interface {
	// SaveEvent creates or updates an event and replaces its pending occurrences.
	SaveEvent(ctx context.Context, e Event, occurrences []Occurrence) (Event, error)
	Event(ctx context.Context, id int64) (Event, error)
	Events(ctx context.Context, from time.Time, includeCancelled bool) ([]Event, error)
	// EventOccurrences lists an event's occurrences in due order.
	EventOccurrences(ctx context.Context, eventID int64) ([]Occurrence, error)
	SaveRule(ctx context.Context, r Rule) (Rule, error)
	Rules(ctx context.Context) ([]Rule, error)
	SetRulePaused(ctx context.Context, id int64, paused bool) error
	DeleteRule(ctx context.Context, id int64) error
	// AddOccurrences inserts occurrences whose keys are new; known keys are left alone.
	AddOccurrences(ctx context.Context, os []Occurrence) error
	// LastOccurrence is the due time of the rule's latest occurrence that was not cancelled.
	LastOccurrence(ctx context.Context, ruleID int64) (time.Time, bool, error)
	// NextOccurrence is the rule's earliest pending occurrence, if any.
	NextOccurrence(ctx context.Context, ruleID int64) (Occurrence, bool, error)
	// ClaimDue marks due pending occurrences firing for worker (SKIP LOCKED on PostgreSQL)
	// and returns them; claims older than leaseCutoff are taken over.
	ClaimDue(ctx context.Context, worker string, now, leaseCutoff time.Time, limit int) ([]Occurrence, error)
	FinishOccurrence(ctx context.Context, id int64, status string, noticeID *int64, at time.Time) error
	EventCandidate(ctx context.Context, id int64) (EventCandidate, Article, error)
}

// Planner schedules events; the scheduler implements it and the bot uses it for the admins'
// "schedule reminders" button and the /sukien dialogue.
type Planner interface {
	// PlanReminders lists the reminders a new event would get if saved now, without saving it.
	PlanReminders(e Event) ([]Occurrence, error)
	ConfirmCandidate(ctx context.Context, candidateID int64, start *time.Time, by string) (Event, error)
	AddEvent(ctx context.Context, e Event) (Event, error)
}

// EventDraft is an event being created in Telegram, one per chat.
type EventDraft struct {
	ChatID    int64      `db:"chat_id"`
	UserID    int64      `db:"user_id"`
	Step      string     `db:"step"` // kind, title, start, place, confirm
	Kind      string     `db:"kind"`
	Title     string     `db:"title"`
	Start     *time.Time `db:"start_at"`
	Place     string     `db:"place"`
	UpdatedAt time.Time  `db:"updated_at"`
	// CandidateID is the event found in an article that this draft schedules, if any.
	CandidateID *int64 `db:"candidate_id"`
}

// EventDrafts keeps events being created in Telegram.
type EventDrafts interface {
	EventDraft(ctx context.Context, chatID int64) (EventDraft, error)
	SaveEventDraft(ctx context.Context, d EventDraft) error
	DeleteEventDraft(ctx context.Context, chatID int64) error
}
