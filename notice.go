package loa

import (
	"context"
	"errors"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Notice origins.
const (
	OriginArticle   = "article"
	OriginReminder  = "reminder"
	OriginBroadcast = "broadcast"
	OriginSystem    = "system"
)

// Notice priorities: urgent notices overtake queued normal ones.
const (
	PriorityNormal = 0
	PriorityUrgent = 1
)

// Audience says who a notice is for. Within a dimension any value matches; dimensions that are
// set must all match (Mode "all", the default) or any one of them may (Mode "any"). A unit
// includes its sub-units. Only active chats receive anything, each once.
type Audience struct {
	Topics []string `json:"topics,omitempty"`
	Units  []string `json:"units,omitempty"` // unit keys
	// UnitKinds matches chats whose own unit is of one of these kinds (sub-units are not
	// included): article pushes use it to give each kind of unit its own highlights.
	UnitKinds []string `json:"unit_kinds,omitempty"`
	Roles     []string `json:"roles,omitempty"`
	Chats     []int64  `json:"chats,omitempty"` // explicit chats, always included
	Mode      string   `json:"mode,omitempty"`  // "all" (default) or "any"
	All       bool     `json:"all,omitempty"`   // every active chat
}

// Empty reports whether the audience names nobody.
func (a Audience) Empty() bool {
	return !a.All && len(a.Topics) == 0 && len(a.Units) == 0 && len(a.UnitKinds) == 0 && len(a.Roles) == 0 && len(a.Chats) == 0
}

// Button is an inline button on a notice: a link or a callback.
type Button struct {
	Text string `json:"text"`
	URL  string `json:"url,omitempty"`
	Data string `json:"data,omitempty"`
}

// Notice is something to send: its text is HTML in which every piece of user, article and
// notice text is already escaped.
type Notice struct {
	ID          int64      `db:"id" json:"id"`
	Origin      string     `db:"origin" json:"origin"`
	OriginRef   string     `db:"origin_ref" json:"origin_ref,omitempty"` // makes creation idempotent
	Text        string     `db:"text" json:"text"`
	Buttons     []Button   `db:"-" json:"buttons,omitempty"`
	Priority    int        `db:"priority" json:"priority"`
	RequiresAck bool       `db:"requires_ack" json:"requires_ack"`
	Audience    Audience   `db:"-" json:"audience"`
	CreatedBy   string     `db:"created_by" json:"created_by"`
	CreatorChat int64      `db:"creator_chat" json:"creator_chat,omitempty"` // sees progress
	Recipients  int        `db:"recipients" json:"recipients"`
	CreatedAt   time.Time  `db:"created_at" json:"created_at"`
	SendAt      *time.Time `db:"send_at" json:"send_at,omitempty"`       // scheduled broadcast
	Status      string     `db:"status" json:"status"`                   // active or cancelled
	RefNotice   *int64     `db:"ref_notice" json:"ref_notice,omitempty"` // the notice this updates, cancels or repeats
	Media       Media      `db:"" json:"media,omitempty"`
	// A broadcast's heading names its sender and says whether it is an exercise (the notices
	// room writes it). Empty Sender: the text carries its own heading (older notices, reminders).
	Sender   string `db:"sender" json:"sender,omitempty"`
	Exercise bool   `db:"exercise" json:"exercise,omitempty"`
	// Series is the issuing unit and year of an official notice; the store numbers it in that
	// series when it is created. Article pushes, reminders and follow-ups have none (Number 0).
	Series             string     `db:"series" json:"-"`
	Number             int        `db:"official_number" json:"number,omitempty"`
	SenderAbbreviation string     `db:"sender_abbreviation" json:"sender_abbreviation,omitempty"` // "BCHQS" in "Số: 12/TB-BCHQS"
	CreatorUser        int64      `db:"creator_user" json:"-"`                                    // the Telegram user who issued it, who may follow it up
	CancelledAt        *time.Time `db:"cancelled_at" json:"cancelled_at,omitempty"`
}

// Media is a photo or document a notice carries, by its Telegram file_id: sent again without
// downloading it, with the notice's text as its caption.
type Media struct {
	Kind   string `db:"media_kind" json:"kind,omitempty"` // "", photo, document or photos
	FileID string `db:"media_file_id" json:"file_id,omitempty"`
}

// MediaPhotos is the kind of the photos of a document's pages, sent together as one album: its
// FileID holds their file_ids, separated by spaces (a file_id holds none).
const MediaPhotos = "photos"

// Album is the photos' file_ids of a MediaPhotos, in order.
func (m Media) Album() []string {
	if m.Kind != MediaPhotos {
		return nil
	}
	return strings.Fields(m.FileID)
}

// Notice statuses.
const (
	NoticeActive    = "active"
	NoticeCancelled = "cancelled"
)

// Delivery states.
const (
	DeliveryQueued    = "queued"
	DeliverySending   = "sending"
	DeliverySent      = "sent"
	DeliveryFailed    = "failed"
	DeliveryBlocked   = "blocked"
	DeliveryCancelled = "cancelled" // a scheduled broadcast cancelled before it fired
)

// Delivery is one notice to one chat.
type Delivery struct {
	ID            int64      `db:"id" json:"id"`
	NoticeID      int64      `db:"notice_id" json:"notice_id"`
	ChatID        int64      `db:"chat_id" json:"chat_id"`
	Status        string     `db:"status" json:"status"`
	Priority      int        `db:"priority" json:"priority"`
	Attempts      int        `db:"attempts" json:"attempts"`
	NextAttemptAt time.Time  `db:"next_attempt_at" json:"next_attempt_at"`
	MessageIDs    string     `db:"message_ids" json:"message_ids,omitempty"` // comma-separated, one per part
	SentAt        *time.Time `db:"sent_at" json:"sent_at,omitempty"`
	AckAt         *time.Time `db:"ack_at" json:"ack_at,omitempty"`
	LastError     string     `db:"last_error" json:"last_error,omitempty"`
}

// Outcome is what happened to one delivery attempt, recorded by the dispatcher.
type Outcome struct {
	DeliveryID int64
	Status     string    // sent, failed, blocked, or queued to retry
	Retry      time.Time // with queued: when to try again
	Refund     bool      // with queued: the attempt does not count (rate limited)
	MessageIDs string
	Error      string
	Paid       bool // with sent: it went as a paid broadcast
}

// ReportRow is one unit's line in a notice report.
type ReportRow struct {
	Unit         string   `db:"unit" json:"unit"`
	Recipients   int      `db:"recipients" json:"recipients"`
	Sent         int      `db:"sent" json:"sent"`
	Failed       int      `db:"failed" json:"failed"`
	Blocked      int      `db:"blocked" json:"blocked"`
	Acknowledged int      `db:"acknowledged" json:"acknowledged"`
	Pending      int      `db:"pending" json:"pending"`              // queued or sending
	Paid         int      `db:"paid" json:"paid"`                    // sent as paid broadcasts
	NotAcked     []string `db:"-" json:"not_acknowledged,omitempty"` // names of who has not acknowledged
}

// Notices stores notices and their deliveries.
type Notices interface {
	// CreateNotice saves n and enqueues one delivery per matching chat, in bulk. With an
	// OriginRef already used it returns the existing notice and enqueues nothing.
	CreateNotice(ctx context.Context, n Notice) (Notice, error)
	Notice(ctx context.Context, id int64) (Notice, error)
	// ClaimDeliveries takes up to limit due deliveries for worker, urgent first, and marks them
	// sending. Two workers never get the same delivery.
	ClaimDeliveries(ctx context.Context, worker string, limit int, now time.Time) ([]Delivery, error)
	// RecordOutcomes records what happened to worker's claimed deliveries; outcomes of claims
	// it no longer holds (taken over after the lease) are dropped.
	RecordOutcomes(ctx context.Context, worker string, outcomes []Outcome, now time.Time) error
	// RenewClaims extends the lease of these deliveries, which worker still holds (sending them,
	// or retrying their outcome): claims it lost track of are left to lapse.
	RenewClaims(ctx context.Context, worker string, ids []int64, now time.Time) error
	// RequeueStale returns deliveries left sending by a worker that died before leaseCutoff.
	RequeueStale(ctx context.Context, leaseCutoff time.Time) (int, error)
	Acknowledge(ctx context.Context, deliveryID, chatID int64, now time.Time) (Delivery, bool, error)
	NoticeCounts(ctx context.Context, noticeID int64) (map[string]int, error)
	Report(ctx context.Context, noticeID int64) ([]ReportRow, error)
	QueueDepth(ctx context.Context) (int, error)
	// MessageIn returns the first Telegram message a notice was delivered as in a chat.
	MessageIn(ctx context.Context, noticeID, chatID int64) (messageID int, ok bool, err error)
	MigrateChat(ctx context.Context, from, to int64) error
	// Recipients lists the active chats an audience reaches, creating nothing.
	Recipients(ctx context.Context, a Audience) ([]Chat, error)
	// ScheduledNotices lists active notices whose send time is after now.
	ScheduledNotices(ctx context.Context, now time.Time) ([]Notice, error)
	// CancelNotice stops a notice: its queued deliveries are cancelled; it returns how many.
	CancelNotice(ctx context.Context, id int64) (int, error)
	// Deliveries lists a notice's deliveries with the recipient's unit and name.
	Deliveries(ctx context.Context, noticeID int64) ([]DeliveryInfo, error)
	// Unacknowledged lists the chats that received a notice and have not acknowledged it.
	Unacknowledged(ctx context.Context, noticeID int64) ([]int64, error)
	// SentTo lists the chats a notice was sent to.
	SentTo(ctx context.Context, noticeID int64) ([]int64, error)
	// ProgressMessage returns the creator's progress message of a notice, claiming the right
	// to send it when there is none: claimed is true for exactly one caller.
	ProgressMessage(ctx context.Context, noticeID int64) (msgID int, claimed bool, err error)
	SetProgressMessage(ctx context.Context, noticeID int64, msgID int) error
	// ClaimAckReminders marks and returns notices asking for acknowledgement, created before
	// cutoff and never re-reminded: each is claimed once, by one process.
	ClaimAckReminders(ctx context.Context, cutoff time.Time) ([]Notice, error)
}

// Acknowledgement is one person's press of "✅ Đã nhận" on a delivery.
type Acknowledgement struct {
	Delivery Delivery  // the delivery to the chat of the notice the press counts for
	First    bool      // this person's first press
	At       time.Time // when this person first pressed
	Count    int       // how many people in the chat have pressed (one in a private chat)
}

// DeliveryInfo is a delivery with who it is for, for reports and the HTTP API.
type DeliveryInfo struct {
	Delivery
	Unit  string `db:"unit" json:"unit"`
	Title string `db:"title" json:"name"`
	Role  string `db:"role" json:"role"`
}

// Draft is a broadcast being composed in Telegram.
type Draft struct {
	ChatID    int64      `db:"chat_id"`
	UserID    int64      `db:"user_id"`
	Step      string     `db:"step"` // text, audience, options, when, preview
	Text      string     `db:"text"`
	Audience  Audience   `db:"-"`
	Urgent    bool       `db:"urgent"`
	Ack       bool       `db:"ack"`
	Exercise  bool       `db:"exercise"`
	Media     Media      `db:""`
	SendAt    *time.Time `db:"send_at"`
	UpdatedAt time.Time  `db:"updated_at"`
}

// Drafts keeps broadcasts being composed, one per chat.
type Drafts interface {
	Draft(ctx context.Context, chatID int64) (Draft, error)
	SaveDraft(ctx context.Context, d Draft) error
	DeleteDraft(ctx context.Context, chatID int64) error
}

// OutMessage is one message to send through Telegram.
type OutMessage struct {
	ChatID    int64
	Media     Media  // sent first, with the text as caption when it fits
	Text      string // HTML
	Buttons   [][]Button
	SkipParts int // parts already sent by an earlier attempt
	// PaidBroadcast sends past the free limit, up to 1,000 a second, paid in Telegram Stars.
	PaidBroadcast bool
	ReplyTo       int // the message this one answers in the chat (an update of a notice)
}

// Messenger sends messages to Telegram; bot.Messenger implements it.
type Messenger interface {
	Send(ctx context.Context, m OutMessage) (messageIDs []int, err error)
}

// Kinds of send failure, which decide what the dispatcher does next.
const (
	SendRetry       = "retry"        // 5xx, timeout, network: back off and retry
	SendRateLimited = "rate_limited" // 429: pause everything for RetryAfter
	SendBlocked     = "blocked"      // 403: the chat blocked us or removed us
	SendNotFound    = "not_found"    // 400 chat not found: give up
	SendMigrated    = "migrated"     // group became a supergroup: move and retry
	SendRejected    = "rejected"     // other 4xx: the message itself is wrong
	SendNoStars     = "no_stars"     // a paid broadcast the bot's Stars cannot pay for
)

// SendError classifies a failed send. MessageIDs holds the parts sent before the failure.
type SendError struct {
	Kind       string
	RetryAfter time.Duration
	MigrateTo  int64
	MessageIDs []int
	Err        error
}

func (e *SendError) Error() string { return fmt.Sprintf("send (%s): %v", e.Kind, e.Err) }
func (e *SendError) Unwrap() error { return e.Err }

// AsSendError extracts a *SendError; anything else counts as retryable.
func AsSendError(err error) *SendError {
	var se *SendError
	if errors.As(err, &se) {
		return se
	}
	return &SendError{Kind: SendRetry, Err: err}
}

// AudienceDirectory is what checking an audience needs: the topics and the unit tree.
type AudienceDirectory interface {
	Topics(ctx context.Context) ([]Topic, error)
	UnitByKey(ctx context.Context, key string) (Unit, error)
}

// AudienceError names the part of an audience that names nobody who can exist.
type AudienceError struct {
	Field string // topics, units or roles
	Value string
}

func (e *AudienceError) Error() string {
	what := map[string]string{"topics": "is not a topic", "units": "is not a unit in the catalogue",
		"roles": "is not leader, officer, militia or group"}[e.Field]
	return fmt.Sprintf("%s: %q %s", e.Field, e.Value, what)
}

// CheckAudience refuses topics, units and roles that do not exist: an audience naming one
// would silently reach nobody (a reminder that never arrives).
func CheckAudience(ctx context.Context, dir AudienceDirectory, a Audience) error {
	for _, r := range a.Roles {
		if !ValidRole(r) {
			return &AudienceError{Field: "roles", Value: r}
		}
	}
	for _, u := range a.Units {
		if _, err := dir.UnitByKey(ctx, u); errors.Is(err, ErrNotFound) {
			return &AudienceError{Field: "units", Value: u}
		} else if err != nil {
			return fmt.Errorf("check unit %q: %w", u, err)
		}
	}
	if len(a.Topics) == 0 {
		return nil
	}
	topics, err := dir.Topics(ctx)
	if err != nil {
		return fmt.Errorf("check topics: %w", err)
	}
	for _, t := range a.Topics {
		if !slices.ContainsFunc(topics, func(k Topic) bool { return k.Key == t }) {
			return &AudienceError{Field: "topics", Value: t}
		}
	}
	return nil
}

var htmlTags = regexp.MustCompile(`<[^>]*>`)

// PlainText is a notice's HTML as text: tags dropped, entities read ("&lt;khẩn&gt;" is
// "<khẩn>"), for lists and documents that are not Telegram messages.
func PlainText(htmlText string) string {
	return strings.TrimSpace(html.UnescapeString(htmlTags.ReplaceAllString(htmlText, "")))
}

// Prefixes of a follow-up's OriginRef: what it is to the notice it refers to (CAP's msgType
// reads them).
const (
	RefUpdate = "update:"
	RefCancel = "cancel:"
	RefRemind = "remind:"
)
