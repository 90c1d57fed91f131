package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
)

type documentJSON struct {
	File    string             `json:"file"`
	Kind    documents.Kind     `json:"kind,omitempty"`
	Pages   int                `json:"pages,omitempty"`
	Preview *documents.Preview `json:"preview,omitempty"`
	Error   string             `json:"error,omitempty"`
	Reason  string             `json:"reason,omitempty"` // the refusal in the configured language
	// With --send: the stored document's id and the units it went to.
	ID       int64    `json:"id,omitempty"`
	SentTo   []string `json:"sent_to,omitempty"`
	Unmapped []string `json:"not_sent,omitempty"`
}

// documentsAdd reads official documents and prints their preview: what Loa found and which
// units it would reach. Nothing is stored or sent, unless --send: then each is stored and sent
// to its units after its preview.
func (a *admin) documentsAdd(args []string) error {
	fs := a.flags("documents add")
	asJSON := fs.Bool("json", false, "one JSON object per file, one per line")
	send := fs.Bool("send", false, "after the preview, store each document and send it to its units with their tasks")
	files, err := a.parse(fs, args[1:])
	a.readOnly = !*send // a preview changes nothing
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: documents add needs at least one FILE (PDF, .docx or a photo)", errUsage)
	}
	units, err := a.db.Units(a.ctx)
	if err != nil {
		return err
	}
	mapper := documents.NewMapper(units)
	reader := documents.Reader{}
	lang := a.cfg.Language
	failed := 0
	var docs *documents.Service // the sending service, made at the first document to send
	for i, file := range files {
		out := documentJSON{File: file}
		text, err := readDocumentFile(a, reader, file)
		if err != nil {
			failed++
			out.Error, out.Reason = err.Error(), texts.T(lang, documents.RefusalKey(err))
			if *asJSON {
				if err := jsonLine(a.e.stdout, out); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(a.e.stderr, "%s: %s\n", file, out.Reason)
			}
			continue
		}
		p := documents.NewPreview(documents.Parse(text.Body), mapper, lang)
		out.Kind, out.Pages, out.Preview = text.Kind, text.Pages, &p
		var sendErr error
		if *send {
			if docs == nil {
				docs = a.sendingDocuments()
			}
			sendErr = a.sendDocument(docs, file, lang, &out)
		}
		if *asJSON {
			if err := jsonLine(a.e.stdout, out); err != nil {
				return err
			}
			continue
		}
		if len(files) > 1 {
			if i > 0 {
				fmt.Fprintln(a.e.stdout)
			}
			fmt.Fprintf(a.e.stdout, "== %s ==\n", file)
		}
		fmt.Fprint(a.e.stdout, p.Render(lang))
		if *send && sendErr == nil {
			fmt.Fprintf(a.e.stdout, "document %d sent to %d units: %s\n", out.ID, len(out.SentTo), strings.Join(out.SentTo, ", "))
			if len(out.Unmapped) > 0 {
				fmt.Fprintf(a.e.stdout, "not sent (matching no unit): %s\n", strings.Join(out.Unmapped, "; "))
			}
		}
		if sendErr != nil {
			failed++
			fmt.Fprintf(a.e.stderr, "%s: %v\n", file, sendErr)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be read or sent", failed, len(files))
	}
	return nil
}

// sendingDocuments is the documents room as the command line sends with it. The units get the
// file itself only through Telegram, so it is put there by the bot's own upload (into the
// first administrator's chat); without a token or an administrator, the operator is told, once,
// that the units get the text and the tasks alone.
func (a *admin) sendingDocuments() *documents.Service {
	docs := newDocuments(a.db, a.notes(), a.cfg, slog.New(slog.NewTextHandler(a.e.stderr, nil)))
	why := ""
	switch {
	case a.cfg.Telegram.Token == "":
		why = "no telegram.token configured"
	case len(a.cfg.Admins) == 0:
		why = "no admins configured, whose chat would keep it"
	default:
		b, err := a.telegramBot()
		if err != nil {
			why = "Telegram: " + err.Error()
			break
		}
		docs.Uploader = b
	}
	if why != "" {
		fmt.Fprintf(a.e.stderr, "units get the document's text and tasks without the file (%s)\n", why)
	}
	return docs
}

// sendDocument stores a document read from file and sends it, as the office: the units get
// the file, its text and their tasks.
func (a *admin) sendDocument(docs *documents.Service, file, lang string, out *documentJSON) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	p := a.docPerson()
	brought, err := docs.Bring(a.ctx, p, filepath.Base(file), data, loa.Media{}, lang)
	if err != nil {
		return err
	}
	if brought.Document == nil {
		return errors.New(brought.Reply)
	}
	out.ID = brought.Document.ID
	sent, err := docs.Send(a.ctx, p, out.ID)
	if msg, ok := documents.SendRefusal(lang, err); ok {
		return fmt.Errorf("document %d: %s", out.ID, msg)
	} else if err != nil {
		return err
	}
	for key := range sent.Notices {
		out.SentTo = append(out.SentTo, key)
	}
	slices.Sort(out.SentTo)
	out.Unmapped = sent.Unmapped
	a.record(loa.AuditEntry{Actor: p.Name, Action: "document.send", Target: strconv.FormatInt(out.ID, 10),
		Detail: fmt.Sprintf("cli, %d units", len(out.SentTo)), Allowed: true})
	return nil
}

func (a *admin) docPerson() documents.Person {
	return documents.Person{Name: cliActor(), Admin: true, Door: "cli"}
}

// readDocumentFile reads at most one byte more than the limit, so a huge file is refused
// without being loaded.
func readDocumentFile(a *admin, r documents.Reader, file string) (documents.Text, error) {
	f, err := os.Open(file)
	if err != nil {
		return documents.Text{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, documents.DefaultMaxBytes+1))
	if err != nil {
		return documents.Text{}, fmt.Errorf("read %s: %w", file, err)
	}
	return r.Read(a.ctx, filepath.Base(file), data)
}

// documentsTasks prints a stored document's tasks per unit: received, acknowledged, done
// (with the report), overdue.
func (a *admin) documentsTasks(args []string) error {
	fs := a.flags("documents tasks")
	asJSON := fs.Bool("json", false, "print {document, units: [{unit, name, recipients, received, acknowledged, tasks}], not_sent}")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: documents tasks needs the document's ID", errUsage)
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %q is not a document ID", errUsage, pos[0])
	}
	docs := newDocuments(a.db, a.notes(), a.cfg, slog.New(slog.NewTextHandler(a.e.stderr, nil)))
	p, err := docs.Progress(a.ctx, a.docPerson(), id)
	if err != nil {
		return err
	}
	if *asJSON {
		return jsonLine(a.e.stdout, p)
	}
	d := p.Document
	fmt.Fprintf(a.e.stdout, "document %d: %s (%s)\n", d.ID, documents.Name(d), d.Status)
	if d.Title != "" {
		fmt.Fprintln(a.e.stdout, d.Title)
	}
	for _, u := range p.Units {
		fmt.Fprintf(a.e.stdout, "\n%s (%s): received %d of %d, acknowledged %d\n", u.Name, u.Key, u.Received, u.Recipients, u.Acknowledged)
		for i, t := range u.Tasks {
			line := "  " + documents.TaskLine(i+1, t.DocumentTask)
			switch {
			case t.DoneAt != nil:
				line += fmt.Sprintf(" [done %s by %s]", when.Format(*t.DoneAt, a.cfg.Location), t.DoneBy)
				if t.Report != "" {
					line += ": " + t.Report
				}
			case t.Overdue:
				line += " [overdue]"
			}
			fmt.Fprintln(a.e.stdout, line)
		}
	}
	if len(p.Unmapped) > 0 {
		fmt.Fprintf(a.e.stdout, "\nnot sent (matching no unit): %s\n", strings.Join(p.Unmapped, "; "))
	}
	return nil
}
