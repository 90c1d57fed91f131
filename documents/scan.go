package documents

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// KindScan is a PDF whose pages are images, read by recognising their text.
const KindScan Kind = "scan"

// minLettersPerPage: below this a PDF's text layer is a scan's stray marks (a page number, a
// stamp's caption), not its text.
const minLettersPerPage = 20

// readPDFOrScan reads a PDF's text layer and, when the layer is missing or not plausible
// Vietnamese, the text poppler or tesseract finds in it instead.
func readPDFOrScan(ctx context.Context, data []byte, lim Limits) (Text, error) {
	t, err := readPDF(data, lim)
	if err != nil {
		return Text{}, err
	}
	body := norm.NFC.String(t.Body)
	letters, foreign := countLetters(body)
	switch {
	case letters < minLettersPerPage*max(t.Pages, 1):
		s, err := ocrPDF(ctx, data, t.Pages, lim)
		if err != nil && letters > 0 {
			// Some text beats none: a tool is missing, the thin layer is all there is.
			slog.Warn("documents: a scanned PDF's pages could not be recognised", "err", err)
			return t, nil
		}
		return s, err
	case !plausible(letters, foreign):
		// Fonts whose glyph names our reader does not map (Type3, /Differences): poppler
		// decodes them exactly and fast; recognition is slower and misreads some letters.
		if s, err := pdftotext(ctx, data, t.Pages, lim); err == nil {
			if l, f := countLetters(s); plausible(l, f) && l >= letters/2 {
				t.Body = s
				return t, nil
			}
		}
		return ocrPDF(ctx, data, t.Pages, lim)
	}
	return t, nil
}

// plausible says whether text with this many letters, foreign of them, reads as Vietnamese
// (or any Latin text): a garbled font decoding turns every accented letter into a symbol.
func plausible(letters, foreign int) bool {
	return foreign*50 <= letters // at most 2%
}

// vietMarks are the combining marks of the Vietnamese alphabet: the five tones and the
// circumflex, breve and horn.
var vietMarks = []rune{'\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031B'}

// countLetters counts the characters of s that are not spaces, digits or common punctuation,
// and how many of them are not letters of the Vietnamese (or English) alphabet.
func countLetters(s string) (letters, foreign int) {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || unicode.IsDigit(r):
			continue
		case r < 0x80 && (unicode.IsPunct(r) || unicode.IsSymbol(r)):
			continue
		case strings.ContainsRune("“”‘’–—…•«»·№", r):
			continue
		}
		letters++
		if !vietLetter(r) {
			foreign++
		}
	}
	return letters, foreign
}

func vietLetter(r rune) bool {
	if r < 0x80 {
		return unicode.IsLetter(r)
	}
	d := []rune(norm.NFD.String(string(r)))
	if d[0] != 'đ' && d[0] != 'Đ' && (d[0] >= 0x80 || !unicode.IsLetter(d[0])) {
		return false
	}
	for _, m := range d[1:] {
		if !slices.Contains(vietMarks, m) {
			return false
		}
	}
	return true
}

// ocrPDF renders a scanned PDF's pages to grey images at 300 dpi with poppler's pdftoppm and
// recognises them. Both run as programs, bounded by timeouts, a page limit and a largest
// image, in a temporary directory removed afterwards.
func ocrPDF(ctx context.Context, data []byte, pages int, lim Limits) (Text, error) {
	if pages > lim.MaxScanPages {
		return Text{}, fmt.Errorf("%w: %d pages, at most %d", ErrTooManyScanPages, pages, lim.MaxScanPages)
	}
	if _, err := exec.LookPath(lim.Tesseract); err != nil {
		return Text{}, ErrOCRUnavailable
	}
	prog, err := exec.LookPath(lim.Pdftoppm)
	if err != nil {
		return Text{}, ErrRenderUnavailable
	}
	dir, err := os.MkdirTemp("", "loa-scan-*")
	if err != nil {
		return Text{}, fmt.Errorf("scan: temporary directory: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return Text{}, fmt.Errorf("scan: temporary file: %w", err)
	}
	// An A3 page at 300 dpi is 3508×4961 pixels; a page drawn larger is cut to that, so a
	// huge page box cannot ask for gigabytes of image.
	args := []string{"-r", "300", "-gray", "-f", "1", "-l", strconv.Itoa(max(pages, 1)),
		"-x", "0", "-y", "0", "-W", "3600", "-H", "5000", in, filepath.Join(dir, "page")}
	if err := runTool(ctx, lim, prog, args, nil); err != nil {
		return Text{}, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "page-*.pgm"))
	if err != nil || len(files) == 0 {
		return Text{}, fmt.Errorf("%w: no page could be rendered", ErrUnreadable)
	}
	slices.Sort(files) // pdftoppm pads page numbers to one width
	body, err := recognise(ctx, dir, files, lim)
	if err != nil {
		return Text{}, err
	}
	if strings.TrimSpace(body) == "" {
		return Text{}, ErrNoText
	}
	return Text{Kind: KindScan, Pages: len(files), Body: body}, nil
}

// wideGap separates the columns pdftotext -layout sets side by side (the issuer and the
// national motto, the addressees and the signature).
var wideGap = regexp.MustCompile(` {3,}`)

// pdftotext reads a PDF's text layer with poppler, which maps the glyph names of fonts our
// reader garbles. -layout keeps each row of the page a line, as readPDF does; its columns
// become lines of their own.
func pdftotext(ctx context.Context, data []byte, pages int, lim Limits) (string, error) {
	prog, err := exec.LookPath(lim.Pdftotext)
	if err != nil {
		return "", ErrRenderUnavailable
	}
	var out bytes.Buffer
	args := []string{"-layout", "-enc", "UTF-8", "-f", "1", "-l", strconv.Itoa(max(pages, 1)), "-", "-"}
	if err := runTool(ctx, lim, prog, args, func(c *exec.Cmd) {
		c.Stdin, c.Stdout = bytes.NewReader(data), &limitedWriter{w: &out, left: lim.MaxUnzipped}
	}); err != nil {
		return "", err
	}
	return layoutLines(strings.ReplaceAll(out.String(), "\f", "\n")), nil
}

// layoutLines turns pdftotext -layout's rows into the lines readPDF gives: a run of rows set
// in columns (the issuer beside the national motto) becomes the left column's lines, then the
// right's; a list's mark stays with its item ("1.", a tab, "Ban CHQS thị xã:").
func layoutLines(s string) string {
	type part struct {
		col  int
		text string
	}
	var b strings.Builder
	var block [][]part // consecutive rows with a wide gap
	flush := func() {
		split := -1
		for _, row := range block {
			for _, p := range row[1:] {
				if split < 0 || p.col < split {
					split = p.col
				}
			}
		}
		for _, right := range []bool{false, true} {
			for _, row := range block {
				for _, p := range row {
					if (p.col >= split) == right {
						b.WriteString(p.text)
						b.WriteByte('\n')
					}
				}
			}
		}
		block = block[:0]
	}
	for line := range strings.Lines(s) {
		line = strings.TrimRight(line, " \r\n")
		var row []part
		at := 0
		for _, loc := range wideGap.FindAllStringIndex(line, -1) {
			row = append(row, part{at, line[at:loc[0]]})
			at = loc[1]
		}
		row = append(row, part{at, line[at:]})
		// A list's mark and its item are one part.
		for i := 0; i+1 < len(row); i++ {
			if listMark.MatchString(row[i].text) {
				row[i].text += " " + row[i+1].text
				row = append(row[:i+1], row[i+2:]...)
			}
		}
		if strings.TrimSpace(row[0].text) == "" && len(row) > 1 {
			row = row[1:] // indented
		}
		if len(row) > 1 || (len(block) > 0 && strings.TrimSpace(line) != "" && len(row) == 1 && row[0].col > 0) {
			block = append(block, row)
			continue
		}
		if len(block) > 0 {
			flush()
		}
		b.WriteString(strings.TrimSpace(line))
		b.WriteByte('\n')
	}
	if len(block) > 0 {
		flush()
	}
	return b.String()
}

// runTool runs a poppler program bounded by the recognition timeout.
func runTool(ctx context.Context, lim Limits, prog string, args []string, set func(*exec.Cmd)) error {
	ctx, cancel := context.WithTimeout(ctx, lim.OCRTimeout)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Stderr = &stderr
	if set != nil {
		set(cmd)
	}
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: %s took more than %s", ErrUnreadable, filepath.Base(prog), lim.OCRTimeout)
		}
		return fmt.Errorf("%w: %s: %s", ErrUnreadable, filepath.Base(prog), firstLine(stderr.String()))
	}
	return nil
}

// limitedWriter keeps at most left bytes and fails after, so a text layer that unpacks to
// gigabytes stops pdftotext instead of filling memory.
type limitedWriter struct {
	w    *bytes.Buffer
	left int64
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		return 0, ErrUnpacksTooLarge
	}
	l.left -= int64(len(p))
	return l.w.Write(p)
}
