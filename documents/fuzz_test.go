package documents

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// minimalPDF writes a one-page PDF whose text layer holds lines (ASCII, Helvetica), with a
// correct cross-reference table: a seed for the fuzzer that needs no browser.
func minimalPDF(lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 12 Tf 50 780 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) Tj T*\n", strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l))
	}
	content.WriteString("ET\n")
	return pdfWithContent(content.Bytes(), "")
}

// pdfWithContent writes a one-page PDF whose page content is the stream given, with filter
// ("/FlateDecode") when it is compressed.
func pdfWithContent(content []byte, filter string) []byte {
	if filter != "" {
		filter = " /Filter " + filter
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(content), filter, content),
	}
	return pdfOfObjects(objects)
}

func TestMinimalPDF(t *testing.T) {
	text, err := Reader{}.Read(context.Background(), "x.pdf", minimalPDF([]string{"So: 45/KH-UBND", "1. Ban CHQS thi xa:", "- Lap ke hoach"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := "So: 45/KH-UBND\n1. Ban CHQS thi xa:\n- Lap ke hoach\n"; text.Body != want {
		t.Errorf("text %q, want %q", text.Body, want)
	}
}

// FuzzRead: whatever the bytes, a document is read or refused with a reason, never a panic,
// and what is read parses and previews.
func FuzzRead(f *testing.F) {
	// Short seeds: the fuzzer minimises every new input, and long ones would spend its time.
	lines := plan45(f)
	excerpt := append(slices.Clone(lines[:8]), "III. TỔ CHỨC THỰC HIỆN", "1. Ban CHQS thị xã:", "- Xong trước ngày 20/4/2024;", "Nơi nhận:", "- UBND các xã, phường;", "Nguyễn Văn An")
	f.Add([]byte(strings.Join(excerpt, "\n")))
	f.Add(docxOf(f, excerpt))
	f.Add(minimalPDF([]string{"So: 45/KH-UBND", "III. TO CHUC THUC HIEN", "1. Ban CHQS thi xa:", "- truoc ngay 20/4/2024"}))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add([]byte("%PDF-1.7\ntrailer << /Root 1 0 R >>"))
	f.Add(hugeXref(minimalPDF([]string{"So: 45"}), 50_000_000))
	mapper := NewMapper(sampleUnits())
	r := Reader{Limits: Limits{MaxBytes: 1 << 20, MaxUnzipped: 4 << 20, MaxPages: 20,
		Tesseract: "loa-no-such-tesseract", Pdftoppm: "loa-no-such-pdftoppm", Pdftotext: "loa-no-such-pdftotext"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := r.Read(context.Background(), "document.txt", data)
		if err != nil {
			if RefusalKey(err) == "" {
				t.Fatalf("refusal without a sentence: %v", err)
			}
			return
		}
		p := NewPreview(Parse(text.Body), mapper, "vi")
		if p.Render("vi") == "" {
			t.Fatal("empty preview")
		}
	})
}
