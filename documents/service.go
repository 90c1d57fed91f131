package documents

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
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
}

// Reply reads a file and returns what the person should see: the preview, or why the file was
// refused. The error is only for what the person cannot fix (the store failing).
func (s *Service) Reply(ctx context.Context, name string, data []byte, lang string) (string, error) {
	text, err := s.Reader.Read(ctx, name, data)
	if err != nil {
		if s.Log != nil {
			s.Log.Info("document refused", "name", name, "bytes", len(data), "err", err)
		}
		return texts.T(lang, RefusalKey(err)), nil
	}
	units, err := s.Units.Units(ctx)
	if err != nil {
		return "", fmt.Errorf("document preview: units: %w", err)
	}
	return NewPreview(Parse(text.Body), NewMapper(units), lang).Render(lang), nil
}
