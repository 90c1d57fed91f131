package documents

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// slow skips a test under -short: recognising pages with tesseract, or printing with
// LibreOffice, takes seconds a page.
func slow(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: reads pages with OCR or LibreOffice, seconds each")
	}
}

// needTool skips a test when a program is missing on a developer's machine and fails it in
// CI, where .ci/run installs it from the Debian package named.
func needTool(t testing.TB, prog, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(prog); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no %s: install Debian's %s (.ci/run does)", prog, pkg)
		}
		t.Skipf("no %s on this machine; apt-get install %s", prog, pkg)
	}
}

// officeDocx is the plan as Word saves it, with what LibreOffice needs besides docxOf's
// parts: the link to the numbering and a default font (Times New Roman, which LibreOffice
// sets in Liberation Serif).
func officeDocx(t testing.TB, lines []string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docxOf(t, lines)), int64(len(docxOf(t, lines))))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(raw)
	}
	const rel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
	files["word/_rels/document.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + rel + `numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="` + rel + `styles" Target="styles.xml"/></Relationships>`
	files["word/styles.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>`
	return zipOf(t, files)
}

// officePDF prints a .docx to PDF with LibreOffice, as an office exports a plan. LibreOffice
// gets a profile of its own so tests may run side by side.
func officePDF(t testing.TB, docx []byte) []byte {
	t.Helper()
	needTool(t, "libreoffice", "libreoffice-writer")
	dir := t.TempDir()
	in := filepath.Join(dir, "ke-hoach.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("libreoffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "ke-hoach.pdf"))
	if err != nil {
		t.Fatalf("libreoffice made no PDF: %v", err)
	}
	return pdf
}

// pageImages renders a PDF's pages to grey images at dpi with pdftoppm, as a scanner would
// see them.
func pageImages(t testing.TB, pdf []byte, dpi int) []*image.Gray {
	t.Helper()
	needTool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", "-png", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	var pages []*image.Gray
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		g := image.NewGray(img.Bounds())
		draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
		pages = append(pages, g)
	}
	return pages
}

// scanned turns a clean page into what a scanner or a phone gives: turned by degrees about its
// centre, with speckles of noise and a greyish paper.
func scanned(src *image.Gray, degrees float64, seed uint64) *image.Gray {
	b := src.Bounds()
	dst := image.NewGray(b)
	sin, cos := math.Sincos(degrees * math.Pi / 180)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	rng := rand.New(rand.NewPCG(seed, 1))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			// The source pixel that lands here, when the page is turned.
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := int(cx+dx*cos+dy*sin), int(cy-dx*sin+dy*cos)
			v := 255
			if image.Pt(sx, sy).In(b) {
				v = int(src.GrayAt(sx, sy).Y)
			}
			v = v*9/10 + 16 + rng.IntN(9) - 4 // paper's grey, sensor noise
			if rng.IntN(50000) == 0 {
				v = 0 // dust
			}
			dst.SetGray(x, y, color.Gray{Y: uint8(min(max(v, 0), 255))})
		}
	}
	return dst
}

func jpegOf(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// imagePDF wraps grey JPEG pages into a PDF with no text layer, as a scanner writes one: each
// page one image drawn over an A4 page.
func imagePDF(pages [][]byte, width, height int) []byte {
	var objects []string
	objects = append(objects, "<< /Type /Catalog /Pages 2 0 R >>", "") // the page tree comes last
	var kids []string
	for _, jpg := range pages {
		page, content, img := len(objects)+1, len(objects)+2, len(objects)+3
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		draw := "q 595 0 0 842 0 0 cm /Im0 Do Q"
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", img, content),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(draw), draw),
			fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream",
				width, height, len(jpg), jpg))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return pdfOfObjects(objects)
}

// pdfOfObjects writes objects 1, 2, … (the first the catalogue) with a correct
// cross-reference table.
func pdfOfObjects(objects []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// plan45Scan is the sample plan as an office makes it (Word, printed to PDF by LibreOffice),
// then printed and scanned at 200 dpi: each page turned by a third of a degree or less, with noise, as JPEG.
// The scan is made once per test binary and shared, read-only: printing with LibreOffice and
// turning each 200 dpi page pixel by pixel costs seconds, tens of them under -race.
func plan45Scan(t testing.TB) (pdf []byte, pages [][]byte, w, h int) {
	t.Helper()
	needTool(t, "pdftoppm", "poppler-utils")
	office := plan45Office(t)
	scan45.once.Do(func() {
		scan45.ok = sharedTB(t, func(t testing.TB) {
			for i, p := range pageImages(t, office, 200) {
				scan45.pages = append(scan45.pages, jpegOf(t, scanned(p, []float64{0.3, -0.3, 0.2}[i%3], uint64(i))))
				scan45.w, scan45.h = p.Bounds().Dx(), p.Bounds().Dy()
			}
			scan45.pdf = imagePDF(scan45.pages, scan45.w, scan45.h)
		})
	})
	if !scan45.ok {
		t.Fatal("making the scan of the plan failed in an earlier test")
	}
	return scan45.pdf, scan45.pages, scan45.w, scan45.h
}

var scan45 struct {
	once  sync.Once
	ok    bool
	pdf   []byte
	pages [][]byte
	w, h  int
}

// plan45Office is the plan as LibreOffice prints it, made once per test binary: starting
// LibreOffice costs seconds of both cores.
func plan45Office(t testing.TB) []byte {
	t.Helper()
	needTool(t, "libreoffice", "libreoffice-writer")
	office45.once.Do(func() {
		office45.ok = sharedTB(t, func(t testing.TB) { office45.pdf = officePDF(t, officeDocx(t, plan45(t))) })
	})
	if !office45.ok {
		t.Fatal("printing the plan with LibreOffice failed in an earlier test")
	}
	return office45.pdf
}

var office45 struct {
	once sync.Once
	ok   bool
	pdf  []byte
}

// sharedTB runs fill, which makes something several tests share, inside t and says whether it
// finished: a Fatal in it ends t as usual, and the tests that come later fail instead of using
// half-made data. Tools are looked for before, so that a missing one skips every test alike.
func sharedTB(t testing.TB, fill func(testing.TB)) bool {
	fill(t)
	return true
}

// checkScan45 checks what a noisy scan of testdata/ke-hoach-45 must yield. Recognition of a
// scan misreads a few marks ("lễ" for "1." before an addressee, a word lost at a line's end),
// so it asks for the number, date and type exactly, and for most units of «Nơi nhận» and
// deadlines and at least three of the five addressees with their tasks.
func checkScan45(t *testing.T, d Document) {
	t.Helper()
	if d.Number != "45/KH-UBND" || d.Date != "2024-03-15" || d.TypeKey != "ke-hoach" {
		t.Errorf("number %q, date %q, type %q; want 45/KH-UBND, 2024-03-15, ke-hoach", d.Number, d.Date, d.TypeKey)
	}
	found := func(want []string, got []string) int {
		n := 0
		for _, w := range want {
			if slices.ContainsFunc(got, func(g string) bool {
				return strings.Contains(strings.Join(nameWords(g), " "), strings.Join(nameWords(w), " "))
			}) {
				n++
			}
		}
		return n
	}
	recipients := []string{"Bộ CHQS tỉnh", "TT. Thị ủy, TT. HĐND thị xã", "Ban CHQS thị xã", "Công an thị xã",
		"Phòng TC-KH", "Trung tâm Y tế thị xã", "UBND các xã, phường"}
	if n := found(recipients, d.Recipients); n < 6 {
		t.Errorf("%d of 7 units of «Nơi nhận» read: %q", n, d.Recipients)
	}
	var addressees, deadlines []string
	for _, a := range d.Assignments {
		if len(a.Tasks) > 0 {
			addressees = append(addressees, a.Addressee)
		}
		for _, task := range a.Tasks {
			if task.Deadline != nil {
				deadlines = append(deadlines, task.Deadline.Date)
			}
		}
	}
	if n := found([]string{"Ban CHQS thị xã", "Công an thị xã", "Phòng Tài chính - Kế hoạch", "Trung tâm Y tế thị xã", "UBND các xã, phường"}, addressees); n < 3 {
		t.Errorf("%d of 5 addressees with tasks: %q", n, addressees)
	}
	if n := found([]string{"2024-04-20", "2024-04-25", "2024-05-31"}, deadlines); n < 2 {
		t.Errorf("%d of 3 deadlines: %q", n, deadlines)
	}
}

// A scanned plan, its pages only images, is read by rendering and recognising each page.
func TestReadScannedPDF(t *testing.T) {
	t.Parallel()
	slow(t)
	needTool(t, "tesseract", "tesseract-ocr tesseract-ocr-vie")
	pdf, pages, _, _ := plan45Scan(t)
	text, err := Reader{}.Read(context.Background(), "ke-hoach-scan.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if text.Kind != KindScan || text.Pages != len(pages) {
		t.Errorf("kind %s, %d pages; want scan, %d", text.Kind, text.Pages, len(pages))
	}
	checkScan45(t, Parse(text.Body))
	if t.Failed() {
		t.Logf("text read:\n%s", text.Body)
	}

	// Without a page renderer the official is told so, not that the PDF is empty.
	_, err = Reader{Limits: Limits{Pdftoppm: "loa-no-such-pdftoppm"}}.Read(context.Background(), "scan.pdf", pdf)
	if !errors.Is(err, ErrRenderUnavailable) || RefusalKey(err) != "doc_err_render" {
		t.Errorf("without pdftoppm: err = %v (%s), want %v", err, RefusalKey(err), ErrRenderUnavailable)
	}
}

// Photos of the pages sent together (an album) read as one document, in order; one page
// photographed askew with a phone reads on its own.
func TestReadPhotosOfPages(t *testing.T) {
	t.Parallel()
	slow(t)
	needTool(t, "tesseract", "tesseract-ocr tesseract-ocr-vie")
	_, pages, _, _ := plan45Scan(t)
	text, err := Reader{}.ReadPages(context.Background(), pages)
	if err != nil {
		t.Fatal(err)
	}
	if text.Kind != KindImage || text.Pages != len(pages) {
		t.Errorf("kind %s, %d pages; want image, %d", text.Kind, text.Pages, len(pages))
	}
	checkScan45(t, Parse(text.Body))
	if t.Failed() {
		t.Logf("text read:\n%s", text.Body)
	}

	one, err := Reader{}.Read(context.Background(), "photo.jpg", pages[0])
	if err != nil {
		t.Fatal(err)
	}
	d := Parse(one.Body)
	if d.Number != "45/KH-UBND" || d.Date != "2024-03-15" || d.TypeKey != "ke-hoach" {
		t.Errorf("first page: number %q, date %q, type %q", d.Number, d.Date, d.TypeKey)
	}
}

// differencesPDF writes lines in a font whose /Differences name each Vietnamese letter by its
// Unicode glyph name (/uni1EBE for "Ế"), as some office exports do: the PDF reader knows only
// Adobe's standard names and keeps the codes, so "KẾ HOẠCH" reads as "K¶ HO·CH".
func differencesPDF(lines []string) []byte {
	codes := map[rune]byte{}
	var diffs strings.Builder
	var content bytes.Buffer
	content.WriteString("BT /F1 11 Tf 40 800 Td 13 TL\n")
	for _, l := range lines {
		content.WriteByte('(')
		for _, r := range l {
			if r < 0x80 {
				if r == '(' || r == ')' || r == '\\' {
					content.WriteByte('\\')
				}
				content.WriteByte(byte(r))
				continue
			}
			c, ok := codes[r]
			if !ok {
				c = byte(0xA1 + len(codes))
				codes[r] = c
				fmt.Fprintf(&diffs, " %d /uni%04X", c, r)
			}
			content.WriteByte(c)
		}
		content.WriteString(") Tj T*\n")
	}
	content.WriteString("ET\n")
	return pdfOfObjects([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [" + diffs.String() + " ] >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.Bytes()),
	})
}

// A text layer the PDF reader garbles is read by poppler, which knows every glyph name; the
// plan comes out exactly. LibreOffice's own export is read directly (and its kerned lines
// lose the letter the reader added after each).
func TestReadGarbledTextLayer(t *testing.T) {
	t.Parallel()
	slow(t)
	needTool(t, "pdftotext", "poppler-utils")
	pdf := differencesPDF(plan45(t))
	raw, err := readPDF(pdf, Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if l, f := countLetters(raw.Body); plausible(l, f) {
		t.Fatalf("the PDF reader decodes this layer (%d of %d letters foreign): the test no longer shows a garbled one:\n%s", f, l, raw.Body)
	}
	text, err := Reader{}.Read(context.Background(), "ke-hoach.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if text.Kind != KindPDF {
		t.Errorf("kind %s, want pdf", text.Kind)
	}
	checkPlan45(t, Parse(text.Body), exact)
	if t.Failed() {
		t.Logf("text read:\n%s", text.Body)
	}

	officeFile := plan45Office(t)
	office, err := Reader{}.Read(context.Background(), "ke-hoach.pdf", officeFile)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan45(t, Parse(office.Body), exact)
	if t.Failed() {
		t.Logf("LibreOffice's PDF read:\n%s", office.Body)
	}

	// Poppler's reading of the same file, in columns and with tabs after list marks, gives the
	// same lines.
	layout, err := pdftotext(context.Background(), officeFile, office.Pages, Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	checkPlan45(t, Parse(cleanLines(layout)), exact)
	if t.Failed() {
		t.Logf("pdftotext read:\n%s", layout)
	}
}

func TestPlausibleVietnamese(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"KẾ HOẠCH Tổ chức diễn tập khu vực phòng thủ thị xã năm 2024": true,
		"Số: 45/KH-UBND — “Nơi nhận”: Ban CHQS thị xã; Lưu: VT.":      true,
		"Plan for the 2024 defence exercise":                          true,
		"KÅ HO§CH TÙ chÍc diÅn t±p khu vñc phòng thç thË xã":          false,
		"Кế хоạч на 2024 год":                                         false,
	} {
		if got := plausible(countLetters(s)); got != want {
			l, f := countLetters(s)
			t.Errorf("plausible(%q) = %v (%d letters, %d foreign), want %v", s, got, l, f, want)
		}
	}
}

// catPhoto is a photo-like picture with no text: a gradient sky, a round head and ears.
func catPhoto(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	rng := rand.New(rand.NewPCG(7, 7))
	for y := 0; y < 900; y++ {
		for x := 0; x < 1200; x++ {
			c := color.RGBA{uint8(90 + y/8), uint8(120 + x/12), uint8(200 - y/10), 255}
			dx, dy := x-600, y-500
			switch {
			case dx*dx+dy*dy < 220*220: // the head
				c = color.RGBA{uint8(200 + rng.IntN(30)), uint8(140 + rng.IntN(30)), 80, 255}
			case y > 230 && y < 330 && (abs(x-470) < (y-230)/2 || abs(x-730) < (y-230)/2): // the ears
				c = color.RGBA{190, 130, 70, 255}
			}
			img.Set(x, y, c)
		}
	}
	return jpegOf(t, img)
}

func abs(n int) int { return max(n, -n) }

// A photo with no writing in it is refused as having no text, not as damaged.
func TestPhotoWithoutText(t *testing.T) {
	t.Parallel()
	needTool(t, "tesseract", "tesseract-ocr tesseract-ocr-vie")
	_, err := Reader{}.Read(context.Background(), "meo.jpg", catPhoto(t))
	if !errors.Is(err, ErrNoText) || RefusalKey(err) != "doc_err_no_text" {
		t.Errorf("err = %v, want %v", err, ErrNoText)
	}
}

// A 200-page scan is refused before any page is rendered: recognising it would take an hour.
func TestLongScanRefused(t *testing.T) {
	t.Parallel()
	page := jpegOf(t, image.NewGray(image.Rect(0, 0, 40, 56)))
	pages := make([][]byte, 200)
	for i := range pages {
		pages[i] = page
	}
	_, err := Reader{}.Read(context.Background(), "scan.pdf", imagePDF(pages, 40, 56))
	if !errors.Is(err, ErrTooManyScanPages) || RefusalKey(err) != "doc_err_scan_pages" {
		t.Errorf("err = %v (%s), want %v", err, RefusalKey(err), ErrTooManyScanPages)
	}
	_, err = Reader{}.ReadPages(context.Background(), pages[:DefaultMaxScanPages+1])
	if !errors.Is(err, ErrTooManyScanPages) {
		t.Errorf("photos: err = %v, want %v", err, ErrTooManyScanPages)
	}
	if _, err := (Reader{}).ReadPages(context.Background(), [][]byte{page, []byte("not a photo")}); !errors.Is(err, ErrNotDocument) {
		t.Errorf("a page that is not a photo: err = %v, want %v", err, ErrNotDocument)
	}
}
