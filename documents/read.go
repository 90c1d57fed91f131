package documents

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits bound what one document may cost to read; zero fields take the defaults.
type Limits struct {
	MaxBytes     int64         // the file as sent
	MaxUnzipped  int64         // a .docx's document.xml and numbering.xml, uncompressed
	MaxPages     int           // a PDF's pages
	OCRTimeout   time.Duration // one tesseract run
	OCRLanguages string        // tesseract's -l
	Tesseract    string        // the program; "tesseract" on PATH by default
	MaxScanPages int           // pages of a scan or photos recognised at once
	Pdftoppm     string        // poppler's page renderer, for scanned PDFs
	Pdftotext    string        // poppler's text extractor, for text layers our reader garbles
}

// Defaults: a 20 MB file (Telegram bots download up to 20 MB), 50 MB of Word XML, 300 pages.
const (
	DefaultMaxBytes    = 20 << 20
	DefaultMaxUnzipped = 50 << 20
	DefaultMaxPages    = 300
	DefaultOCRTimeout  = 2 * time.Minute
	// DefaultMaxScanPages: recognition takes seconds a page on a small server.
	DefaultMaxScanPages = 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = DefaultMaxUnzipped
	}
	if l.MaxPages <= 0 {
		l.MaxPages = DefaultMaxPages
	}
	if l.OCRTimeout <= 0 {
		l.OCRTimeout = DefaultOCRTimeout
	}
	if l.OCRLanguages == "" {
		l.OCRLanguages = "vie"
	}
	if l.Tesseract == "" {
		l.Tesseract = "tesseract"
	}
	if l.MaxScanPages <= 0 {
		l.MaxScanPages = DefaultMaxScanPages
	}
	if l.Pdftoppm == "" {
		l.Pdftoppm = "pdftoppm"
	}
	if l.Pdftotext == "" {
		l.Pdftotext = "pdftotext"
	}
	return l
}

// Reader turns a file into text by what its bytes are, not by its name.
type Reader struct {
	Limits Limits
}

var (
	magicPDF  = []byte("%PDF-")
	magicZip  = []byte("PK\x03\x04")
	magicOLE  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicPNG  = []byte("\x89PNG\r\n\x1a\n")
	magicJPEG = []byte{0xFF, 0xD8, 0xFF}
	magicTIFF = [][]byte{[]byte("II*\x00"), []byte("MM\x00*")}
	// An encrypted .docx is an OLE container holding this stream (its name in UTF-16).
	oleEncrypted = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
)

// Read reads data, named name (only a .txt name matters: plain text is taken as it is).
func (r Reader) Read(ctx context.Context, name string, data []byte) (Text, error) {
	lim := r.Limits.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return Text{}, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	var (
		t   Text
		err error
	)
	switch {
	case bytes.HasPrefix(data, magicPDF):
		t, err = readPDFOrScan(ctx, data, lim)
	case bytes.HasPrefix(data, magicZip):
		t, err = readDocx(data, lim)
	case bytes.HasPrefix(data, magicOLE):
		if bytes.Contains(data, oleEncrypted) {
			return Text{}, ErrEncrypted
		}
		return Text{}, ErrLegacyWord
	case isImage(data):
		t, err = readImage(ctx, data, lim)
	case strings.EqualFold(filepath.Ext(name), ".txt") && utf8.Valid(data):
		t = Text{Kind: KindText, Pages: 1, Body: string(bytes.TrimPrefix(data, []byte("\ufeff")))}
	default:
		return Text{}, ErrNotDocument
	}
	if err != nil {
		return Text{}, err
	}
	return finish(t)
}

// ReadPages reads photos or scans of a document's pages, in order, as one document: the
// photos of an album sent together.
func (r Reader) ReadPages(ctx context.Context, pages [][]byte) (Text, error) {
	lim := r.Limits.withDefaults()
	if len(pages) == 0 {
		return Text{}, ErrNoText
	}
	if len(pages) > lim.MaxScanPages {
		return Text{}, fmt.Errorf("%w: %d pages, at most %d", ErrTooManyScanPages, len(pages), lim.MaxScanPages)
	}
	var total int64
	for _, p := range pages {
		total += int64(len(p))
		if !isImage(p) {
			return Text{}, ErrNotDocument
		}
	}
	if total > lim.MaxBytes {
		return Text{}, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, total, lim.MaxBytes)
	}
	t, err := readImages(ctx, pages, lim)
	if err != nil {
		return Text{}, err
	}
	return finish(t)
}

// finish gives every reader's text one shape, or says none was found.
func finish(t Text) (Text, error) {
	t.Body = cleanLines(norm.NFC.String(t.Body))
	if strings.TrimSpace(t.Body) == "" {
		if t.Kind == KindPDF {
			return Text{}, ErrNoTextLayer // a scan read by no tool
		}
		return Text{}, ErrNoText
	}
	return t, nil
}

func isImage(data []byte) bool {
	if bytes.HasPrefix(data, magicPNG) || bytes.HasPrefix(data, magicJPEG) {
		return true
	}
	for _, m := range magicTIFF {
		if bytes.HasPrefix(data, m) {
			return true
		}
	}
	return false
}

// cleanLines trims each line, folds runs of spaces and drops empty lines, so the parser sees
// one shape whatever the reader.
func cleanLines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.Join(strings.Fields(strings.ReplaceAll(line, "\u00a0", " ")), " ")
		if line == "" {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
