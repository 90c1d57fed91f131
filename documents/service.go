package documents

import (
	"context"
	"log/slog"
	"time"

	"github.com/loa-vn/loa"
)

// UnitLister is the part of the store a preview needs: the current unit catalogue.
type UnitLister interface {
	Units(ctx context.Context) ([]loa.Unit, error)
}

// Service previews documents brought through a door (the bot, the console) against the
// catalogue as it is now.
type Service struct {
	Reader Reader
	Units  UnitLister
	Log    *slog.Logger
	// Store keeps documents and their tasks; nil: documents are only previewed.
	Store Store
	// Issuer sends through the notices room; nil: nothing is sent.
	Issuer Issuer
	// Location is where deadlines, reminders and the digest are read (default UTC).
	Location *time.Location
	Now      func() time.Time
	// RemindAt is the time of day (minutes after midnight) of deadline reminders and of the
	// administrators' overdue digest: 7h00 by default.
	RemindAt *int
	// Admins receive the overdue digest (their private chats).
	Admins []int64
	// Uploader gives a document brought with its bytes a Telegram file, in the first
	// administrator's chat, when it is sent; nil: its units get its text and tasks alone.
	Uploader Uploader
	// Searchable makes a document just sent answer questions ("kế hoạch 45 hạn chót khi
	// nào"); nil: it is not searched.
	Searchable func(ctx context.Context, d loa.OfficialDocument) error
}
