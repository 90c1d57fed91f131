package documents

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
)

// Sent is what sending a document did.
type Sent struct {
	Document loa.OfficialDocument
	Notices  map[string]loa.Notice // by unit key
	Unmapped []string              // names matching no unit: not sent
}

// Send sends a stored draft to each unit it is addressed to, through the notices room: the
// file, the unit's own tasks with their deadlines, "✅ Đã nhận" and a "done" button per task.
// Only an administrator, or a leader whose scope covers every one of its units, may: checked
// now, whatever the preview showed. Names that matched no unit are not sent. Sending again
// reaches nobody twice.
func (s *Service) Send(ctx context.Context, p Person, id int64) (Sent, error) {
	if s.Store == nil || s.Issuer == nil {
		return Sent{}, fmt.Errorf("send document %d: documents are not kept here", id)
	}
	d, err := s.Store.Document(ctx, id)
	if err != nil {
		return Sent{}, err
	}
	out := Sent{Document: d, Notices: map[string]loa.Notice{}, Unmapped: d.Unmapped()}
	if d.Status == loa.DocumentSent {
		return out, ErrAlreadySent
	}
	if d.Status == loa.DocumentCancelled {
		return out, ErrCancelled
	}
	keys := d.Units()
	if len(keys) == 0 {
		return out, ErrNothingToDo
	}
	if err := s.mayAddress(ctx, p, keys); err != nil {
		return out, err
	}
	if len(d.Pages) > 1 {
		// The units get every page, as one album, in the order they were sent.
		ids := make([]string, len(d.Pages))
		for i, p := range d.Pages {
			ids[i] = p.Media.FileID
		}
		d.Media = loa.Media{Kind: loa.MediaPhotos, FileID: strings.Join(ids, " ")}
	}
	d.Media = s.fileOf(ctx, d)
	for _, key := range keys {
		n, err := s.Issuer.Issue(ctx, p, s.unitNotice(d, key))
		if err != nil {
			return out, fmt.Errorf("send document %d to %s: %w", id, key, err)
		}
		out.Notices[key] = n
	}
	if _, err := s.Store.MarkDocumentSent(ctx, id, p.Name, s.now()); err != nil {
		return out, err
	}
	out.Document.Status = loa.DocumentSent
	if err := s.Store.AddOccurrences(ctx, s.reminders(d.Tasks)); err != nil {
		return out, fmt.Errorf("document %d reminders: %w", id, err)
	}
	if s.Searchable != nil {
		// Sent already: a document the search cannot answer from is logged, not a failed send.
		if err := s.Searchable(ctx, out.Document); err != nil {
			if s.Log != nil {
				s.Log.Error("document not searchable", "document", id, "err", err)
			}
		}
	}
	return out, nil
}

// fileOf is the Telegram file a document goes with: the one it came as, or its bytes put into
// the first administrator's chat once. Without one the units still get its text and tasks:
// a file Telegram refused is logged, not a reason to withhold the tasks.
func (s *Service) fileOf(ctx context.Context, d loa.OfficialDocument) loa.Media {
	if d.Media.FileID != "" || len(d.File) == 0 || s.Uploader == nil || len(s.Admins) == 0 {
		return d.Media
	}
	id, err := s.Uploader.UploadDocument(ctx, s.Admins[0], d.FileName, d.File)
	if err == nil {
		m := loa.Media{Kind: "document", FileID: id}
		if err = s.Store.SetDocumentMedia(ctx, d.ID, m); err == nil {
			return m
		}
	}
	if s.Log != nil {
		s.Log.Warn("a document goes to its units without its file", "document", d.ID, "err", err)
	}
	return d.Media
}

// mayAddress checks that the person reaches every one of these units.
func (s *Service) mayAddress(ctx context.Context, p Person, keys []string) error {
	scope, ok, err := s.Issuer.Authority(ctx, p)
	if err != nil {
		return err
	}
	if !ok {
		return ErrForbidden
	}
	if scope == nil {
		return nil
	}
	units, err := s.Units.Units(ctx)
	if err != nil {
		return err
	}
	if !loa.WithinScope(units, *scope, keys) {
		return ErrForbidden
	}
	return nil
}

// unitNotice is the document as one unit receives it.
func (s *Service) unitNotice(d loa.OfficialDocument, unit string) UnitNotice {
	var b strings.Builder
	b.WriteString("📄 " + Name(d))
	if d.Title != "" {
		b.WriteString("\n" + d.Title)
	}
	var buttons []loa.Button
	n := 0
	for _, t := range d.Tasks {
		if t.UnitKey != unit {
			continue
		}
		if n++; n == 1 {
			b.WriteString("\n\n" + texts.T("vi", "dt_your_tasks"))
		}
		// The code lets a leader mark it done by typing /xong when the button is out of reach.
		b.WriteString("\n" + TaskLine(n, t) + " " + texts.T("vi", "dt_task_code", t.ID))
		buttons = append(buttons, loa.Button{Text: texts.T("vi", "dt_done_button", n), Data: "dt:" + strconv.FormatInt(t.ID, 10)})
	}
	if n == 0 {
		b.WriteString("\n\n" + texts.T("vi", "dt_for_information"))
	} else {
		b.WriteString("\n\n" + texts.T("vi", "dt_done_hint"))
	}
	return UnitNotice{Unit: unit, Text: b.String(), Media: d.Media, Buttons: buttons,
		Ref: "document:" + strconv.FormatInt(d.ID, 10) + ":" + unit}
}

// Name is how a document is named to its readers: "Kế hoạch số 45/KH-UBND ngày 15/3/2024".
func Name(d loa.OfficialDocument) string {
	name := texts.T("vi", "doc_type_"+d.TypeKey)
	if d.TypeKey == "" || name == "" {
		name = texts.T("vi", "doc_type_other")
	}
	if d.Number != "" {
		name = texts.T("vi", "doc_numbered", name, d.Number)
	}
	if day, err := time.Parse(time.DateOnly, d.Date); err == nil {
		name = texts.T("vi", "doc_dated", name, officialDay(day))
	}
	return name
}

// TaskLine is one task as a unit reads it: "1. Chuẩn bị lực lượng (mục III.1) — trước 20/4/2024".
func TaskLine(n int, t loa.DocumentTask) string {
	line := fmt.Sprintf("%d. %s", n, t.Text)
	if t.Section != "" {
		line += " " + texts.T("vi", "dt_section", t.Section)
	}
	if day, err := time.Parse(time.DateOnly, t.Deadline); err == nil {
		line += " — " + texts.T("vi", "dt_before", officialDay(day))
	}
	return line
}

// SendRefusal is what a person reads when sending was refused; ok is false for a failure
// that is not theirs to fix.
func SendRefusal(lang string, err error) (string, bool) {
	switch {
	case errors.Is(err, ErrForbidden):
		return texts.T(lang, "dt_send_forbidden"), true
	case errors.Is(err, ErrAlreadySent):
		return texts.T(lang, "dt_already_sent"), true
	case errors.Is(err, ErrCancelled):
		return texts.T(lang, "dt_doc_cancelled"), true
	case errors.Is(err, ErrNothingToDo):
		return texts.T(lang, "dt_no_units"), true
	case errors.Is(err, loa.ErrNotFound):
		return texts.T(lang, "dt_unknown_document"), true
	}
	return "", false
}
