// Package notices owns a notice's life from draft to archive: who may issue one and to whom,
// who signs it, its official number, its heading and buttons, updates, reminders of those who
// have not acknowledged it, its cancellation, acknowledgements and its report, each written to
// the audit log. The bot, the web console, the HTTP API and the command line are doors onto it:
// they read their own input, call the Service and show what it answers, so every rule holds
// the same whichever door a person uses.
package notices

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
)

// MaxText is the longest text a notice, an update or a cancellation's reason may have.
const MaxText = 20000

// Store is what the notices room needs of Loa's storage; store.DB implements it.
type Store interface {
	loa.Auditor
	loa.UnitLookup
	Units(ctx context.Context) ([]loa.Unit, error)
	UnitByKey(ctx context.Context, key string) (loa.Unit, error)
	Topics(ctx context.Context) ([]loa.Topic, error)
	Chat(ctx context.Context, id int64) (loa.Chat, error)
	CreateNotice(ctx context.Context, n loa.Notice) (loa.Notice, error)
	Notice(ctx context.Context, id int64) (loa.Notice, error)
	NoticesNumbered(ctx context.Context, number, year int) ([]loa.Notice, error)
	NoticeOfDelivery(ctx context.Context, deliveryID, chatID int64) (loa.Notice, error)
	Deliveries(ctx context.Context, noticeID int64) ([]loa.DeliveryInfo, error)
	DeliveriesAfter(ctx context.Context, noticeID int64, afterChat *int64, limit int) ([]loa.DeliveryInfo, error)
	CancelNotice(ctx context.Context, id int64) (int, error)
	Unacknowledged(ctx context.Context, noticeID int64) ([]int64, error)
	AcknowledgeBy(ctx context.Context, deliveryID, chatID, userID int64, name string, now time.Time) (loa.Acknowledgement, error)
	GroupAcknowledgements(ctx context.Context, noticeID int64) (map[int64][]string, error)
	Report(ctx context.Context, noticeID int64) ([]loa.ReportRow, error)
	CountRecipients(ctx context.Context, a loa.Audience) (int, error)
}

// Options configures the service.
type Options struct {
	Location    *time.Location // of headings and of typed send times (default UTC)
	Now         func() time.Time
	Wake        func() // tells the dispatcher a notice was queued; may be nil
	Logger      *slog.Logger
	AuditFailed func() // counts an audit entry that could not be written; may be nil
}

// Service is the notices room. It is safe for concurrent use.
type Service struct {
	store Store
	opts  Options
	audit loa.AuditTrail
}

// New makes the service on a store.
func New(store Store, o Options) *Service {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Service{store: store, opts: o, audit: loa.AuditTrail{Auditor: store, Log: o.Logger, Failed: o.AuditFailed}}
}

// Actor is who asks, as the door knows them.
type Actor struct {
	Name   string // in the audit log and as the notice's creator: "tg:123 (…)", "web:…", "api:name", "cli:user"
	UserID int64  // the person's Telegram user; 0 for another system or the command line
	// Admin is a Loa administrator, or a door that acts for the office itself (the command line,
	// an API client holding a token).
	Admin bool
	// Door says where the request came in, for the audit log: bot, console, api or cli.
	Door string
}

// authority is what an actor may do: everything (an administrator) or within a leader's scope.
type authority struct {
	admin bool
	scope loa.Unit
	units []loa.Unit // the whole tree, to place units in the scope
	own   *loa.Unit  // the unit the actor is registered in, if any
}

// authorityOf reads the actor's registration: an administrator may send anywhere, an active
// leader within their scope (loa.LeaderScope); anyone else may send nothing.
func (s *Service) authorityOf(ctx context.Context, a Actor) (authority, error) {
	units, err := s.store.Units(ctx)
	if err != nil {
		return authority{}, fmt.Errorf("read the unit tree: %w", err)
	}
	auth := authority{admin: a.Admin, units: units}
	if a.UserID == 0 {
		if !a.Admin {
			return auth, ErrForbidden
		}
		return auth, nil
	}
	c, err := s.store.Chat(ctx, a.UserID)
	if errors.Is(err, loa.ErrNotFound) {
		if !a.Admin {
			return auth, ErrForbidden
		}
		return auth, nil
	} else if err != nil {
		return auth, fmt.Errorf("read chat %d: %w", a.UserID, err)
	}
	if c.UnitID != nil {
		if u, err := s.store.UnitByID(ctx, *c.UnitID); err == nil {
			auth.own = &u
		}
	}
	if a.Admin {
		return auth, nil
	}
	scope, ok, err := loa.LeaderScope(ctx, s.store, c)
	if err != nil {
		return auth, fmt.Errorf("scope of %d: %w", a.UserID, err)
	}
	if !ok {
		return auth, ErrForbidden
	}
	auth.scope = scope
	return auth, nil
}

// MaySend reports whether the actor may issue notices at all: an administrator or an active
// leader. A leader's scope comes back with it (nil for an administrator).
func (s *Service) MaySend(ctx context.Context, a Actor) (scope *loa.Unit, ok bool, err error) {
	auth, err := s.authorityOf(ctx, a)
	if errors.Is(err, ErrForbidden) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, err
	}
	if auth.admin {
		return nil, true, nil
	}
	return &auth.scope, true, nil
}

// covers reports whether the authority reaches every unit of an audience; an audience of no
// units (everyone, topics, roles, chats) is an administrator's alone.
func (auth authority) covers(a loa.Audience) bool {
	if auth.admin {
		return true
	}
	return !a.All && len(a.Chats) == 0 && loa.WithinScope(auth.units, auth.scope, a.Units)
}

// ErrForbidden refuses someone who may not do what they asked.
var ErrForbidden = errors.New("not allowed")

// ErrInvalid marks a request that is wrong as typed; nothing was stored.
var ErrInvalid = errors.New("invalid request")

// Problem is a refusal the person can act on: what to say, in their language. It wraps the
// reason (ErrInvalid, loa.ErrNotFound, loa.ErrNoticeCancelled) for errors.Is.
type Problem struct {
	Field string // the part of the request at fault: text, audience, send_at…; empty for the notice itself
	Key   string // the catalogue's sentence
	Args  []any
	Err   error
}

func (p *Problem) Error() string {
	if p.Field == "" {
		return texts.T("en", p.Key, p.Args...)
	}
	return p.Field + ": " + texts.T("en", p.Key, p.Args...)
}

func (p *Problem) Unwrap() error { return p.Err }

// Message is the refusal in lang.
func (p *Problem) Message(lang string) string { return texts.T(lang, p.Key, p.Args...) }

func invalid(field, key string, args ...any) *Problem {
	return &Problem{Field: field, Key: key, Args: args, Err: ErrInvalid}
}

// Refusal says why err refused a request, in lang; ok is false for other failures (a store
// error), which the door reports as its own failure.
func Refusal(lang string, err error) (msg string, ok bool) {
	var p *Problem
	switch {
	case errors.As(err, &p):
		return p.Message(lang), true
	case errors.Is(err, ErrForbidden):
		return texts.T(lang, "notice_not_allowed"), true
	}
	return "", false
}

// cancelled is the one refusal of anything done to a cancelled notice.
func (s *Service) cancelled(n loa.Notice) error {
	at := n.CreatedAt
	if n.CancelledAt != nil {
		at = *n.CancelledAt
	}
	return &Problem{Key: "notice_cancelled_refusal", Args: []any{n.Number, when.FormatShort(at, s.opts.Location)},
		Err: loa.ErrNoticeCancelled}
}

func (s *Service) wake() {
	if s.opts.Wake != nil {
		s.opts.Wake()
	}
}
