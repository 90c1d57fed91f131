package console

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/sheets"
)

// Documents is the documents room as the console follows it.
type Documents interface {
	List(ctx context.Context, p documents.Person, limit int) ([]loa.OfficialDocument, error)
	Progress(ctx context.Context, p documents.Person, id int64) (documents.Progress, error)
	Bring(ctx context.Context, p documents.Person, name string, data []byte, media loa.Media, lang string) (documents.Brought, error)
	Send(ctx context.Context, p documents.Person, id int64) (documents.Sent, error)
}

func docPerson(v viewer) documents.Person {
	return documents.Person{Name: actor(v), UserID: v.UserID, Admin: v.Admin, Door: "console"}
}

// documentRefusal turns the room's refusal into the console's.
func documentRefusal(err error) error {
	if errors.Is(err, documents.ErrForbidden) {
		return errForbidden
	}
	return err
}

// documentList lists the documents the viewer may follow, newest first.
func (c *Console) documentList(w http.ResponseWriter, r *http.Request, v viewer) error {
	if c.Documents == nil {
		return loa.ErrNotFound
	}
	list, err := c.Documents.List(r.Context(), docPerson(v), pageSize)
	if err != nil {
		return documentRefusal(err)
	}
	type row struct {
		loa.OfficialDocument
		Name string
	}
	rows := make([]row, len(list))
	for i, d := range list {
		rows[i] = row{OfficialDocument: d, Name: documents.Name(d)}
	}
	c.render(w, "documents", v, map[string]any{"Documents": rows, "Loc": c.Location, "Done": c.flashed(w, r)})
	return nil
}

// documentPage is one document's tasks per unit: received, acknowledged, done (with its
// report), overdue; a leader sees the units in their scope.
func (c *Console) documentPage(w http.ResponseWriter, r *http.Request, v viewer) error {
	p, err := c.documentProgress(r, v)
	if err != nil {
		return err
	}
	type task struct {
		documents.TaskProgress
		Line string
	}
	type unit struct {
		documents.UnitProgress
		Rows []task
	}
	units := make([]unit, len(p.Units))
	for i, u := range p.Units {
		units[i].UnitProgress = u
		for n, t := range u.Tasks {
			units[i].Rows = append(units[i].Rows, task{TaskProgress: t, Line: documents.TaskLine(n+1, t.DocumentTask)})
		}
	}
	c.render(w, "document", v, map[string]any{"Doc": p.Document, "Name": documents.Name(p.Document), "Units": units,
		"Unmapped": p.Unmapped, "Loc": c.Location, "Done": c.flashed(w, r), "Draft": p.Document.Status == loa.DocumentDraft, "Today": c.Now().In(c.Location).Format(time.DateOnly)})
	return nil
}

// documentTable downloads a document's tasks per unit as an Excel workbook, the viewer's
// scope as on the page.
func (c *Console) documentTable(w http.ResponseWriter, r *http.Request, v viewer) error {
	p, err := c.documentProgress(r, v)
	if err != nil {
		return err
	}
	out := &sheets.Download{W: w, Header: func() {
		w.Header().Set("Content-Type", sheets.XLSXType)
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, documents.TableName(p.Document, "xlsx")))
	}}
	if err := sheets.WriteXLSX(out, p.Table(v.Lang, c.Location)); err != nil {
		if !out.Started {
			return err
		}
		c.Logger.Error("document table not written", "document", p.Document.ID, "err", err)
	}
	return nil
}

// documentProgress is the document the path names as the viewer may follow it.
func (c *Console) documentProgress(r *http.Request, v viewer) (documents.Progress, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || c.Documents == nil {
		return documents.Progress{}, loa.ErrNotFound
	}
	p, err := c.Documents.Progress(r.Context(), docPerson(v), id)
	if err != nil {
		return documents.Progress{}, documentRefusal(err)
	}
	return p, nil
}

// documentUpload reads an uploaded document as the bot does one sent to it, keeps it as a draft
// and shows its page: the units and tasks found, and the button that sends it. A file that
// cannot be read is refused with the reason and nothing is kept.
func (c *Console) documentUpload(w http.ResponseWriter, r *http.Request, v viewer) error {
	if c.Documents == nil {
		return loa.ErrNotFound
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		c.flash(w, c.t(v, "con_doc_no_file"))
		http.Redirect(w, r, "/console/documents", http.StatusSeeOther)
		return nil
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, documents.DefaultMaxBytes+1))
	if err != nil {
		return fmt.Errorf("document upload: %w", err)
	}
	name := filepath.Base(header.Filename)
	brought, err := c.Documents.Bring(r.Context(), docPerson(v), name, data, loa.Media{}, v.Lang)
	if err != nil {
		return err
	}
	if brought.Document == nil {
		c.flash(w, plainText(brought.Reply))
		http.Redirect(w, r, "/console/documents", http.StatusSeeOther)
		return nil
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "document.preview",
		Target: strconv.FormatInt(brought.Document.ID, 10), Detail: "web console: " + name, Allowed: true})
	http.Redirect(w, r, fmt.Sprintf("/console/documents/%d", brought.Document.ID), http.StatusSeeOther)
	return nil
}

// documentSend sends a draft to its units through the documents room, which checks, now, that
// the viewer may reach every one of them.
func (c *Console) documentSend(w http.ResponseWriter, r *http.Request, v viewer) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || c.Documents == nil {
		return loa.ErrNotFound
	}
	page := fmt.Sprintf("/console/documents/%d", id)
	sent, err := c.Documents.Send(r.Context(), docPerson(v), id)
	if err != nil {
		refusal, ok := documents.SendRefusal(v.Lang, err)
		if !ok {
			return err
		}
		c.flash(w, refusal)
		http.Redirect(w, r, page, http.StatusSeeOther)
		return nil
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "document.send", Target: strconv.FormatInt(id, 10),
		Detail: fmt.Sprintf("web console, %d units", len(sent.Notices)), Allowed: true})
	done := c.t(v, "dt_sent", documents.Name(sent.Document), len(sent.Notices))
	if len(sent.Unmapped) > 0 {
		done += " " + c.t(v, "dt_not_sent", strings.Join(sent.Unmapped, "; "))
	}
	c.flash(w, done)
	http.Redirect(w, r, page, http.StatusSeeOther)
	return nil
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plainText is a bot's HTML reply as the text the page escapes again.
func plainText(telegramHTML string) string {
	return html.UnescapeString(tags.ReplaceAllString(telegramHTML, ""))
}
