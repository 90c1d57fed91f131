package documents

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

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
	if err := checkPDFObjects(data); err != nil {
		return Text{}, err
	}
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
		// The page's drawing, decompressed as a stream and counted before it is interpreted: a
		// few kilobytes of compressed stream can unpack to gigabytes of text pieces.
		if size := contentSize(p.V.Key("Contents"), lim.MaxUnzipped); size > lim.MaxUnzipped {
			return Text{}, fmt.Errorf("%w: page %d's content unpacks to more than %d bytes", ErrUnpacksTooLarge, i, lim.MaxUnzipped)
		}
		writeLines(&b, dropPhantoms(p, p.Content().Text))
	}
	return Text{Kind: KindPDF, Pages: pages, Body: b.String()}, nil
}

// listMark is a line that so far holds only a list's bullet or number ("-", "•", "1.", "a)").
var listMark = regexp.MustCompile(`^\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ]\))\s*$`)

// writeLines writes a page's text pieces in the order they are drawn (reading order for
// office and browser PDFs, whichever way their coordinates run), starting a line where the
// baseline moves or a wide gap opens (the next column of a header or signature table).
func writeLines(b *strings.Builder, pieces []pdf.Text) {
	var prev pdf.Text
	lineStart := b.Len()
	for i, t := range pieces {
		if i > 0 {
			size := max(prev.FontSize, t.FontSize, 1)
			widths := prev.W > 0
			advance := prev.W
			if !widths {
				// No widths given (CID fonts): a glyph advances at most about one em.
				advance = size * float64(len([]rune(prev.S)))
			}
			gap := t.X - (prev.X + advance)
			sameRow := math.Abs(t.Y-prev.Y) <= size/2
			switch {
			case sameRow && gap > 0 && listMark.MatchString(b.String()[lineStart:]):
				b.WriteByte(' ') // a bullet or number, then a tab to the item's text
			case !sameRow || gap > 2*size || gap < -2*size:
				b.WriteByte('\n')
				lineStart = b.Len()
			case widths && gap > size/4 && !strings.HasSuffix(prev.S, " ") && !strings.HasPrefix(t.S, " "):
				b.WriteByte(' ') // words placed apart with no space drawn between them
			}
		}
		b.WriteString(t.S)
		prev = t
	}
	b.WriteByte('\n')
}

// contentSize counts the decompressed bytes of a page's content (a stream or an array of
// them), stopping once past limit.
func contentSize(v pdf.Value, limit int64) int64 {
	var total int64
	count := func(s pdf.Value) {
		if s.Kind() != pdf.Stream || total > limit {
			return
		}
		r := s.Reader()
		defer r.Close()
		n, _ := io.Copy(io.Discard, io.LimitReader(r, limit+1-total))
		total += n
	}
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len(); i++ {
			count(v.Index(i))
		}
	} else {
		count(v)
	}
	return total
}

// toUnicodeNewline finds what a font's ToUnicode map makes of code 0x0A.
var toUnicodeNewline = regexp.MustCompile(`(?i)<0*0a>\s*<([0-9a-f]{4,8})>`)

// dropPhantoms removes the character the PDF reader adds after each TJ (text with kerning, as
// LibreOffice writes every line): it shows "\n" through the font, and a subset font's
// ToUnicode map often makes code 0x0A a letter ("NHÂN DÂNT"). The phantom is the last piece
// of a line, in a font that maps 0x0A to it.
func dropPhantoms(p pdf.Page, pieces []pdf.Text) []pdf.Text {
	phantom := map[string]string{}
	// A subset font's map is a few kilobytes: the bounds keep a page of a thousand fonts, each
	// a deflate bomb, cheap.
	for i, name := range p.Fonts() {
		if i == 32 {
			break
		}
		f := p.Font(name)
		tu := f.V.Key("ToUnicode")
		if tu.Kind() != pdf.Stream {
			continue
		}
		r := tu.Reader()
		cmap, _ := io.ReadAll(io.LimitReader(r, 256<<10))
		r.Close()
		m := toUnicodeNewline.FindSubmatch(cmap)
		if m == nil {
			continue
		}
		var units []uint16
		for i := 0; i+4 <= len(m[1]); i += 4 {
			v, _ := strconv.ParseUint(string(m[1][i:i+4]), 16, 16)
			units = append(units, uint16(v))
		}
		if s := string(utf16.Decode(units)); s != "\n" {
			base := f.BaseFont()
			if _, after, ok := strings.Cut(base, "+"); ok {
				base = after
			}
			phantom[base] = s
		}
	}
	if len(phantom) == 0 {
		return pieces
	}
	kept := pieces[:0:0]
	for i, t := range pieces {
		lineEnds := i == len(pieces)-1 || math.Abs(pieces[i+1].Y-t.Y) > max(t.FontSize, 1)/2
		if lineEnds && i > 0 && phantom[t.Font] == t.S && math.Abs(pieces[i-1].Y-t.Y) < 0.01 {
			continue
		}
		kept = append(kept, t)
	}
	return kept
}
