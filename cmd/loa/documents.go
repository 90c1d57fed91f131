package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/texts"
)

type documentJSON struct {
	File    string             `json:"file"`
	Kind    documents.Kind     `json:"kind,omitempty"`
	Pages   int                `json:"pages,omitempty"`
	Preview *documents.Preview `json:"preview,omitempty"`
	Error   string             `json:"error,omitempty"`
	Reason  string             `json:"reason,omitempty"` // the refusal in the configured language
}

// documentsAdd reads official documents and prints their preview: what Loa found and which
// units it would reach. Nothing is stored or sent.
func (a *admin) documentsAdd(args []string) error {
	fs := a.flags("documents add")
	asJSON := fs.Bool("json", false, "one JSON object per file, one per line")
	files, err := a.parse(fs, args[1:])
	a.readOnly = true // a preview changes nothing
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
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be read", failed, len(files))
	}
	return nil
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
