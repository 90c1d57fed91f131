package documents

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"
)

// readPDF reads a PDF's text layer, page by page, each row of text one line. The library is
// pure Go (no C toolchain, no WebAssembly runtime to compile at start) but panics on some
// damaged files: a panic is a damaged file, not a crash.
func readPDF(data []byte, lim Limits) (t Text, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = Text{}, fmt.Errorf("%w: %v", ErrUnreadable, p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || bytes.Contains(data, []byte("/Encrypt")) {
			return Text{}, ErrEncrypted
		}
		return Text{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	pages := r.NumPage()
	if pages > lim.MaxPages {
		return Text{}, fmt.Errorf("%w: %d pages, at most %d", ErrTooManyPages, pages, lim.MaxPages)
	}
	var b strings.Builder
	for i := 1; i <= pages; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		rows, err := p.GetTextByRow()
		if err != nil {
			return Text{}, fmt.Errorf("%w: page %d: %v", ErrUnreadable, i, err)
		}
		for _, row := range rows {
			for _, w := range row.Content {
				b.WriteString(w.S)
			}
			b.WriteByte('\n')
		}
	}
	return Text{Kind: KindPDF, Pages: pages, Body: b.String()}, nil
}
