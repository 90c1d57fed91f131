package documents

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
)

// AlbumPage is one photo of a document sent as an album: officials photograph the pages of a
// signed paper and send them together, and Telegram delivers each as its own message with the
// album's media_group_id.
type AlbumPage struct {
	Group     string // the media_group_id
	MessageID int    // pages are in the order of their messages
	Media     loa.Media
}

// ErrCancelled refuses what is asked of a document its bringer set aside.
var ErrCancelled = errors.New("document cancelled")

// BringPage reads one page of an album. The first page of a group to arrive starts a draft
// as Bring does; each later one is kept with the text read from it (each page is recognised
// once), the document is read again from all its pages in order, and Joined tells the door to
// show the new preview in place of the old. A page of a document already sent or cancelled
// starts nothing: the reply says so.
func (s *Service) BringPage(ctx context.Context, p Person, page AlbumPage, name string, data []byte, lang string) (Brought, error) {
	if s.Store == nil || page.Group == "" {
		return s.Bring(ctx, p, name, data, page.Media, lang)
	}
	d, err := s.Store.AlbumDocument(ctx, p.UserID, page.Group)
	switch {
	case errors.Is(err, loa.ErrNotFound):
		return s.startAlbum(ctx, p, page, name, data, lang)
	case err != nil:
		return Brought{}, err
	case d.Status != loa.DocumentDraft:
		return Brought{Reply: texts.T(lang, "doc_album_closed")}, nil
	}
	text, err := s.Reader.Read(ctx, name, data)
	if err != nil && !errors.Is(err, ErrNoText) {
		// A page with no text (a signature page, a photo of a stamp) still belongs to the paper.
		return Brought{Reply: texts.T(lang, "doc_album_page_refused", texts.T(lang, RefusalKey(err)))}, nil
	}
	pages, err := s.Store.AddDocumentPage(ctx, d.ID, loa.DocumentPage{MessageID: page.MessageID, Media: page.Media, Text: text.Body})
	if errors.Is(err, loa.ErrConflict) {
		return Brought{Reply: texts.T(lang, "doc_album_closed")}, nil // sent or cancelled meanwhile
	} else if err != nil {
		return Brought{}, err
	}
	body := make([]string, len(pages))
	for i, pg := range pages {
		body[i] = pg.Text
	}
	read, preview, err := s.read(ctx, p, cleanLines(strings.Join(body, "\n")), lang)
	if err != nil {
		return Brought{}, err
	}
	read.ID = d.ID
	if read, err = s.Store.RereadDocument(ctx, read); errors.Is(err, loa.ErrConflict) {
		return Brought{Reply: texts.T(lang, "doc_album_closed")}, nil
	} else if err != nil {
		return Brought{}, err
	}
	kept := d
	kept.Number, kept.TypeKey, kept.Date, kept.Issuer, kept.Title, kept.Signer = read.Number, read.TypeKey, read.Date, read.Issuer, read.Title, read.Signer
	kept.Addressees, kept.Tasks, kept.Pages = read.Addressees, read.Tasks, pages
	return Brought{Reply: albumReply(preview, len(pages), lang), Document: &kept, Preview: &preview, Pages: len(pages), Joined: true}, nil
}

// startAlbum keeps an album's first page to arrive as a new draft, with the album's group.
func (s *Service) startAlbum(ctx context.Context, p Person, page AlbumPage, name string, data []byte, lang string) (Brought, error) {
	text, err := s.Reader.Read(ctx, name, data)
	if err != nil {
		return Brought{Reply: texts.T(lang, RefusalKey(err))}, nil
	}
	d, preview, err := s.read(ctx, p, text.Body, lang)
	if err != nil {
		return Brought{}, err
	}
	d.FileName, d.BroughtBy, d.BroughtUser, d.CreatedAt = name, p.Name, p.UserID, s.now()
	d.Media, d.MediaGroup = page.Media, page.Group
	d.Pages = []loa.DocumentPage{{MessageID: page.MessageID, Media: page.Media, Text: text.Body}}
	saved, err := s.Store.SaveDocument(ctx, d)
	if errors.Is(err, loa.ErrConflict) {
		// Another page of the album started it at the same moment: join it instead.
		return s.BringPage(ctx, p, page, name, data, lang)
	} else if err != nil {
		return Brought{}, fmt.Errorf("document: %w", err)
	}
	return Brought{Reply: albumReply(preview, 1, lang), Document: &saved, Preview: &preview, Pages: 1}, nil
}

// albumReply is the preview with the number of pages read, so the official sees each page
// join.
func albumReply(p Preview, pages int, lang string) string {
	return p.Render(lang) + texts.T(lang, "doc_album_pages", pages) + "\n"
}

// NotePreview records the door's message showing a document's preview, for the album's later
// pages to edit.
func (s *Service) NotePreview(ctx context.Context, id int64, messageID int) error {
	if s.Store == nil {
		return nil
	}
	return s.Store.SetDocumentPreview(ctx, id, messageID)
}

// Cancel sets a draft aside for good: it is never sent, and later pages of its album start
// nothing. Only its bringer or an administrator may.
func (s *Service) Cancel(ctx context.Context, p Person, id int64) error {
	if s.Store == nil {
		return nil
	}
	d, err := s.Store.Document(ctx, id)
	if err != nil {
		return err
	}
	if !p.Admin && (p.UserID == 0 || p.UserID != d.BroughtUser) {
		return ErrForbidden
	}
	switch d.Status {
	case loa.DocumentSent:
		return ErrAlreadySent
	case loa.DocumentCancelled:
		return nil
	}
	if _, err := s.Store.CancelDocument(ctx, id); err != nil {
		return err
	}
	return nil
}
