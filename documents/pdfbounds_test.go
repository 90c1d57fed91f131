package documents

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
)

// hugeXref adds to pdf's cross-reference table a subsection for object n: a few bytes that
// made the PDF reader allocate a table of n entries (1.5 GB and 13 s for 50 million).
func hugeXref(pdf []byte, n int) []byte {
	return bytes.Replace(pdf, []byte("xref\n0 "), fmt.Appendf(nil, "xref\n%d 1\n0000000009 00000 n \n0 ", n), 1)
}

func TestPDFObjectBounds(t *testing.T) {
	t.Parallel()
	base := minimalPDF([]string{"So: 45/KH-UBND", "Ke hoach phong chong thien tai nam 2024"})
	r := Reader{Limits: Limits{Tesseract: "loa-no-such-tesseract"}}
	if _, err := r.Read(context.Background(), "x.pdf", hugeXref(base, 1000)); err != nil {
		t.Errorf("a subsection within bounds: %v", err)
	}
	for name, pdf := range map[string][]byte{
		"xref subsection at 50 million": hugeXref(base, 50_000_000),
		"trailer /Size of 1.5 billion":  bytes.Replace(base, []byte("/Size 6"), []byte("/Size 1500000000"), 1),
		"escaped name /S#69ze":          bytes.Replace(base, []byte("/Size 6"), []byte("/S#69ze 99999999999999999999999"), 1),
		"xref stream /Index":            bytes.Replace(base, []byte("/Size 6"), []byte("/Size 6 /Index [0 3 800000000 2]"), 1),
	} {
		_, err := r.Read(context.Background(), "x.pdf", pdf)
		if !errors.Is(err, ErrUnreadable) {
			t.Errorf("%s: err = %v, want %v", name, err, ErrUnreadable)
		}
	}
}
