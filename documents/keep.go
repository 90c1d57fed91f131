package documents

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
)

// Store is what keeping and following up documents needs; store.DB implements it.
type Store interface {
	UnitLister
	SaveDocument(ctx context.Context, d loa.OfficialDocument) (loa.OfficialDocument, error)
	Document(ctx context.Context, id int64) (loa.OfficialDocument, error)
	MarkDocumentSent(ctx context.Context, id int64, by string, now time.Time) (bool, error)
	DocumentTask(ctx context.Context, id int64) (loa.DocumentTask, error)
	MarkTaskDone(ctx context.Context, id int64, by, report string, now time.Time) (loa.DocumentTask, bool, error)
	OpenTasksDue(ctx context.Context, unit string, deadlines []string) ([]loa.OpenTask, error)
	OverdueTasks(ctx context.Context, day string) ([]loa.OpenTask, error)
	RemapAddressee(ctx context.Context, documentID int64, name, unitKey string) error
	LatestDraft(ctx context.Context, userID int64) (int64, error)
	SetDocumentMedia(ctx context.Context, id int64, m loa.Media) error
	AlbumDocument(ctx context.Context, userID int64, group string) (loa.OfficialDocument, error)
	AddDocumentPage(ctx context.Context, documentID int64, p loa.DocumentPage) ([]loa.DocumentPage, error)
	RereadDocument(ctx context.Context, d loa.OfficialDocument) (loa.OfficialDocument, error)
	SetDocumentPreview(ctx context.Context, id int64, messageID int) error
	CancelDocument(ctx context.Context, id int64) (bool, error)
	AddOccurrences(ctx context.Context, os []loa.Occurrence) error
}

// Person is who brings, sends or marks a document's task, as the door knows them.
type Person struct {
	Name   string // in the audit log: "tg:123 (…)", "api:name", "cli:user"
	UserID int64  // their Telegram user; 0 for the command line or an API client
	Admin  bool   // an administrator, or a door acting for the office (command line, API token)
	Door   string // bot, console, api or cli
}

// Issuer sends a notice to one unit through the notices room, which owns a notice's life
// (scope, sender, number, heading, audit); cmd/loa wires notices.Service in.
type Issuer interface {
	// Authority is the part of the unit tree the person may address: scope nil for an
	// administrator; ok false for someone who may send nothing.
	Authority(ctx context.Context, p Person) (scope *loa.Unit, ok bool, err error)
	Issue(ctx context.Context, p Person, n UnitNotice) (loa.Notice, error)
}

// Uploader puts a document brought without a Telegram file (through the API) into an
// administrator's chat and returns its file_id; the bot does.
type Uploader interface {
	UploadDocument(ctx context.Context, chatID int64, name string, data []byte) (string, error)
}

// UnitNotice is a document as one unit receives it.
type UnitNotice struct {
	Unit    string // unit key: every active member of the unit and its sub-units
	Text    string // plain text; the notices room escapes it
	Media   loa.Media
	Buttons []loa.Button
	Ref     string // makes sending idempotent: "document:ID:unit"
}

// Refusals of what a person asks of a stored document.
var (
	ErrForbidden   = errors.New("not allowed")
	ErrAlreadySent = errors.New("document already sent")
	ErrNothingToDo = errors.New("document maps to no unit")
)

// Brought is what a person sees after bringing a file: the preview, and the draft it was
// stored as (nil when the file was refused: nothing of it is kept).
type Brought struct {
	Reply    string
	Document *loa.OfficialDocument
	Preview  *Preview
	// Of a page of an album: how many pages the document has now, and whether this page
	// joined a document an earlier page started (its preview is to be edited, not sent anew).
	Pages  int
	Joined bool
}

// Bring reads a file, previews it and stores it as a draft for its sending. Units a
// collective name ("các xã, phường") stands for are those in the person's scope. media is the
// file as Telegram holds it (the bot), or empty: the bytes are kept instead.
func (s *Service) Bring(ctx context.Context, p Person, name string, data []byte, media loa.Media, lang string) (Brought, error) {
	text, err := s.Reader.Read(ctx, name, data)
	if err != nil {
		if s.Log != nil {
			s.Log.Info("document refused", "name", name, "bytes", len(data), "err", err)
		}
		return Brought{Reply: texts.T(lang, RefusalKey(err))}, nil
	}
	d, preview, err := s.read(ctx, p, text.Body, lang)
	if err != nil || s.Store == nil {
		return Brought{Reply: preview.Render(lang), Preview: &preview}, err
	}
	d.FileName, d.BroughtBy, d.BroughtUser, d.CreatedAt = name, p.Name, p.UserID, s.now()
	if media.FileID != "" {
		d.Media = media
	} else {
		d.File = data
	}
	saved, err := s.Store.SaveDocument(ctx, d)
	if err != nil {
		return Brought{}, fmt.Errorf("document: %w", err)
	}
	return Brought{Reply: preview.Render(lang), Document: &saved, Preview: &preview}, nil
}

// read parses a document's text and previews it against the catalogue and the person's scope.
func (s *Service) read(ctx context.Context, p Person, body, lang string) (loa.OfficialDocument, Preview, error) {
	units, err := s.Units.Units(ctx)
	if err != nil {
		return loa.OfficialDocument{}, Preview{}, fmt.Errorf("document preview: units: %w", err)
	}
	doc := Parse(body)
	preview := NewPreview(doc, NewMapper(units), lang)
	if s.Store == nil {
		return loa.OfficialDocument{}, preview, nil
	}
	var scope *loa.Unit
	if s.Issuer != nil {
		if scope, _, err = s.Issuer.Authority(ctx, p); err != nil {
			return loa.OfficialDocument{}, preview, fmt.Errorf("document: authority: %w", err)
		}
	}
	preview = preview.within(units, scope)
	return record(doc, preview), preview, nil
}

// within keeps, of the units a collective name stands for, those in scope (nil: every unit):
// "các xã, phường" in a commune leader's plan is their own commune's, not the province's.
func (p Preview) within(units []loa.Unit, scope *loa.Unit) Preview {
	if scope == nil {
		return p
	}
	keep := func(list []Addressee) {
		for i := range list {
			if len(list[i].Units) < 2 {
				continue // one named unit: refused at sending when outside scope, never dropped unseen
			}
			var in []UnitRef
			for _, u := range list[i].Units {
				if loa.WithinScope(units, *scope, []string{u.Key}) {
					in = append(in, u)
				}
			}
			list[i].Units = in
		}
	}
	keep(p.Addressees)
	keep(p.Recipients)
	return p
}

// record is the document as stored: its addressees (with tasks, then the "Nơi nhận" list),
// each mapped unit's tasks.
func record(d Document, p Preview) loa.OfficialDocument {
	out := loa.OfficialDocument{Number: d.Number, TypeKey: d.TypeKey, Date: d.Date, Issuer: d.Issuer, Title: d.Title, Signer: d.Signer}
	for _, list := range [][]Addressee{p.Addressees, p.Recipients} {
		for _, a := range list {
			if len(a.Units) == 0 {
				out.Addressees = append(out.Addressees, loa.DocumentAddressee{Name: a.Name})
			}
			for _, u := range a.Units {
				out.Addressees = append(out.Addressees, loa.DocumentAddressee{Name: a.Name, UnitKey: u.Key})
			}
		}
	}
	for _, a := range p.Addressees {
		keys := []string{""} // a name matching no unit keeps its tasks, to be mapped before sending
		if len(a.Units) > 0 {
			keys = keys[:0]
			for _, u := range a.Units {
				keys = append(keys, u.Key)
			}
		}
		for _, key := range keys {
			for _, t := range a.Tasks {
				task := loa.DocumentTask{UnitKey: key, Addressee: a.Name, Section: t.Section, Text: t.Text}
				if t.Deadline != nil {
					task.Deadline = t.Deadline.Date
				}
				out.Tasks = append(out.Tasks, task)
			}
		}
	}
	return out
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) location() *time.Location {
	if s.Location != nil {
		return s.Location
	}
	return time.UTC
}
