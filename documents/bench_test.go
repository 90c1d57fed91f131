package documents

import (
	"context"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// BenchmarkReadPDF reads the text layer of a plan printed by Chromium, its body repeated to
// fill several pages; it reports pages per second.
func BenchmarkReadPDF(b *testing.B) {
	lines := plan45(b)
	nhan := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Nơi nhận") })
	long := slices.Clone(lines[:nhan])
	for range 8 {
		long = append(long, lines[headerRows:nhan]...)
	}
	long = append(long, lines[nhan:]...)
	pdf := pdfOf(b, long)
	text, err := Reader{}.Read(context.Background(), "ke-hoach.pdf", pdf)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(pdf)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := (Reader{}).Read(context.Background(), "ke-hoach.pdf", pdf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(text.Pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(text.Pages), "pages")
}

// BenchmarkParsePreview finds the parts of the sample plan and maps its units.
func BenchmarkParsePreview(b *testing.B) {
	body := cleanLines(strings.Join(plan45(b), "\n"))
	m := NewMapper(sampleUnits())
	for b.Loop() {
		NewPreview(Parse(body), m, "vi")
	}
}

// BenchmarkReadPhoto reads a photo of the plan's page (1800×2800 pixels) with tesseract's
// Vietnamese model; each op is one page.
func BenchmarkReadPhoto(b *testing.B) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		b.Skip("no tesseract on this machine")
	}
	photo := photoOf(b, plan45(b))
	for b.Loop() {
		if _, err := (Reader{}).Read(context.Background(), "trang-1.png", photo); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkReadScannedPDF reads the plan scanned at 200 dpi (LibreOffice's pages rendered,
// turned and speckled, as JPEG in an image-only PDF): pdftoppm renders each page at 300 dpi and
// tesseract recognises it. Each op is the whole scan.
func BenchmarkReadScannedPDF(b *testing.B) {
	needTool(b, "tesseract", "tesseract-ocr tesseract-ocr-vie")
	pdf, pages, _, _ := plan45Scan(b)
	for b.Loop() {
		if _, err := (Reader{}).Read(context.Background(), "scan.pdf", pdf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkReadGarbledPDF reads a text layer the PDF reader garbles, through pdftotext.
func BenchmarkReadGarbledPDF(b *testing.B) {
	needTool(b, "pdftotext", "poppler-utils")
	pdf := differencesPDF(plan45(b))
	for b.Loop() {
		if _, err := (Reader{}).Read(context.Background(), "ke-hoach.pdf", pdf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
