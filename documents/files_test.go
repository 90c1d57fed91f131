package documents

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// plan45 is the sample plan's text, one paragraph a line.
func plan45(t testing.TB) []string {
	t.Helper()
	raw, err := os.ReadFile("testdata/ke-hoach-45.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(raw)), "\n")
}

var (
	numberedLine = regexp.MustCompile(`^\d+\. `)
	headerRows   = 5 // issuer and number | the national motto: a two-column table in the layout
)

// docxOf writes the plan as Word does: the header as a two-column table, and in part III the
// addressees and their items as automatic numbering and bullets (no number in the text).
func docxOf(t testing.TB, lines []string) []byte {
	t.Helper()
	para := func(text, numID string) string {
		pPr := ""
		if numID != "" {
			pPr = `<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr>`
		}
		return `<w:p>` + pPr + `<w:r><w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r></w:p>`
	}
	var body strings.Builder
	body.WriteString(`<w:tbl><w:tr><w:tc>`)
	for _, l := range lines[:3] {
		body.WriteString(para(l, ""))
	}
	body.WriteString(`</w:tc><w:tc>`)
	for _, l := range lines[3:headerRows] {
		body.WriteString(para(l, ""))
	}
	body.WriteString(`</w:tc></w:tr></w:tbl>`)
	inTasks := false
	for _, l := range lines[headerRows:] {
		switch {
		case strings.HasPrefix(l, "III."):
			inTasks = true
		case strings.HasPrefix(l, "Trên đây"):
			inTasks = false
		}
		switch {
		case inTasks && numberedLine.MatchString(l):
			body.WriteString(para(numberedLine.ReplaceAllString(l, ""), "1"))
		case inTasks && strings.HasPrefix(l, "- "):
			body.WriteString(para(strings.TrimPrefix(l, "- "), "2"))
		default:
			body.WriteString(para(l, ""))
		}
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document ` + ns + `><w:body>` + body.String() + `</w:body></w:document>`,
		"word/numbering.xml": `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + ns + `>` +
			`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>` +
			`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>` +
			`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
	}
	return zipOf(t, files)
}

func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadDocx(t *testing.T) {
	t.Parallel()
	text, err := Reader{}.Read(context.Background(), "ke-hoach.docx", docxOf(t, plan45(t)))
	if err != nil {
		t.Fatal(err)
	}
	if text.Kind != KindDocx {
		t.Errorf("kind %s, want docx", text.Kind)
	}
	checkPlan45(t, Parse(text.Body), exact)
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	// The limit on unpacked Word XML and PDF drawing is 4 MB here (50 MB by default), so the
	// bombs stay small enough for the race detector.
	const unpackLimit = 4 << 20
	// A zip bomb dressed as .docx: 5 MB of spaces in document.xml compress to a few KB.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 5 {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	// The same bomb with a header that lies about its size.
	lying := bytes.Clone(bomb.Bytes())
	patchUncompressedSizes(t, lying, 100)

	// A PDF whose page, 5 MB of drawing, is compressed to a few kilobytes.
	var pdfBomb bytes.Buffer
	zw2 := zlib.NewWriter(&pdfBomb)
	line := bytes.Repeat([]byte("(A) Tj\n"), 1<<17)
	for range 5 * (1 << 20) / len(line) {
		if _, err := zw2.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw2.Close(); err != nil {
		t.Fatal(err)
	}

	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
	encrypted := append(bytes.Clone(ole), oleEncrypted...)
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"zip bomb", bomb.Bytes(), ErrUnpacksTooLarge},
		// archive/zip stops at the size the header declares: a lying header reads as damaged.
		{"zip bomb with a lying header", lying, ErrUnreadable},
		{"zip that is not Word", zipOf(t, map[string]string{"a.txt": "x"}), ErrNotDocument},
		{"broken zip", []byte("PK\x03\x04garbage"), ErrUnreadable},
		{"encrypted docx", encrypted, ErrEncrypted},
		{"Word 97-2003", ole, ErrLegacyWord},
		{"PDF whose page unpacks to 5 MB", pdfWithContent(pdfBomb.Bytes(), "/FlateDecode"), ErrUnpacksTooLarge},
		{"broken PDF", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF"), ErrUnreadable},
		{"encrypted PDF", []byte("%PDF-1.4\ntrailer << /Encrypt 5 0 R /Root 1 0 R >>\n%%EOF"), ErrEncrypted},
		{"executable", []byte("\x7fELF\x02\x01\x01"), ErrNotDocument},
		{"empty Word file", docxOf(t, []string{"", "", "", "", "", ""}), ErrNoText},
		{"too large", make([]byte, 2048), ErrTooLarge},
	}
	r := Reader{Limits: Limits{MaxUnzipped: unpackLimit}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rd := r
			if c.name == "too large" {
				rd.Limits.MaxBytes = 1024
			}
			_, err := rd.Read(context.Background(), "file.docx", c.data)
			if !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
}

// patchUncompressedSizes rewrites every uncompressed size in a zip's headers to n.
func patchUncompressedSizes(t *testing.T, z []byte, n uint32) {
	t.Helper()
	put := func(at int) { z[at], z[at+1], z[at+2], z[at+3] = byte(n), byte(n>>8), byte(n>>16), byte(n>>24) }
	patched := 0
	for i := 0; i+46 <= len(z); i++ {
		switch string(z[i : i+4]) {
		case "PK\x01\x02": // central directory entry
			put(i + 24)
			patched++
		case "PK\x07\x08": // data descriptor
			put(i + 12)
		}
	}
	if patched == 0 {
		t.Fatal("no central directory entry to patch")
	}
}

func TestOCRNotInstalled(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	_, err := Reader{Limits: Limits{Tesseract: "loa-no-such-tesseract"}}.Read(context.Background(), "trang1.png", png)
	if !errors.Is(err, ErrOCRUnavailable) {
		t.Fatalf("err = %v, want %v", err, ErrOCRUnavailable)
	}
}

// pdfOf prints the plan from HTML in headless Chromium, as an office prints a plan to PDF.
func pdfOf(t testing.TB, lines []string) []byte {
	t.Helper()
	return renderPlan(t, lines, chromedp.PrintToPDF())
}

// photoOf is the plan's first screen as a PNG at twice the pixels, like a phone photo of the
// page held straight.
func photoOf(t testing.TB, lines []string) []byte {
	t.Helper()
	return renderPlan(t, lines, chromedp.FullScreenshot(100), chromedp.EmulateViewport(900, 1400, chromedp.EmulateScale(2)))
}

// renderPlan lays the plan out as an office's page in a tab of the shared headless Chromium
// and runs out on it.
func renderPlan(t testing.TB, lines []string, out chromedp.Action[[]byte], setup ...chromedp.Action[chromedp.Void]) []byte {
	t.Helper()
	tab, closeTab := newTab(t)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()

	esc := html.EscapeString
	var b strings.Builder
	b.WriteString(`<!doctype html><meta charset="utf-8"><style>body{font-family:"DejaVu Serif";font-size:13pt}` +
		`td{vertical-align:top;text-align:center;padding:0 2em;white-space:nowrap}p{margin:.2em 0}.c{text-align:center;font-weight:bold}</style>`)
	fmt.Fprintf(&b, `<table><tr><td>%s<br>%s<br>%s</td><td><b>%s</b><br><b>%s</b></td></tr></table>`,
		esc(lines[0]), esc(lines[1]), esc(lines[2]), esc(lines[3]), esc(lines[4]))
	signAt := len(lines) - 4
	nhan := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "Nơi nhận") {
			nhan = i
		}
	}
	for i, l := range lines[headerRows:nhan] {
		class := ""
		if i == 1 || i == 2 {
			class = ` class="c"` // the type and title, centred and bold
		}
		fmt.Fprintf(&b, "<p%s>%s</p>", class, esc(l))
	}
	b.WriteString(`<table style="width:100%"><tr><td style="text-align:left">`)
	for _, l := range lines[nhan:signAt] {
		fmt.Fprintf(&b, "%s<br>", esc(l))
	}
	b.WriteString(`</td><td><b>`)
	for _, l := range lines[signAt:] {
		fmt.Fprintf(&b, "%s<br><br>", esc(l))
	}
	b.WriteString(`</b></td></tr></table>`)

	file := filepath.Join(t.TempDir(), "ke-hoach.html")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, append(setup, chromedp.Navigate("file://"+file))...); err != nil {
		t.Fatalf("open the page: %v", err)
	}
	rendered, err := chromedp.Run(ctx, out)
	if err != nil {
		t.Fatalf("render the page: %v", err)
	}
	return rendered
}

func TestReadPDF(t *testing.T) {
	t.Parallel()
	pdf := pdfOf(t, plan45(t))
	text, err := Reader{}.Read(context.Background(), "ke-hoach.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if text.Kind != KindPDF || text.Pages < 1 {
		t.Errorf("kind %s, %d pages", text.Kind, text.Pages)
	}
	checkPlan45(t, Parse(text.Body), exact)
	if t.Failed() {
		t.Logf("text read:\n%s", text.Body)
	}
}

// A photo of the plan goes through tesseract's Vietnamese model. Without tesseract the test is
// skipped on a developer's machine and fails in CI, where .ci/run installs it.
func TestReadPhoto(t *testing.T) {
	t.Parallel()
	slow(t)
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no tesseract: install Debian's tesseract-ocr and tesseract-ocr-vie (.ci/run does)")
		}
		t.Skip("no tesseract on this machine; apt-get install tesseract-ocr tesseract-ocr-vie to read photos")
	}
	photo := photoOf(t, plan45(t))
	text, err := Reader{}.Read(context.Background(), "trang-1.png", photo)
	if err != nil {
		t.Fatal(err)
	}
	if text.Kind != KindImage {
		t.Errorf("kind %s, want image", text.Kind)
	}
	checkPlan45(t, Parse(text.Body), fromPhoto)
	if t.Failed() {
		t.Logf("text read:\n%s", text.Body)
	}
}
