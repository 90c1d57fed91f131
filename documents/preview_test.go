package documents

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/texts"
)

func TestPreview(t *testing.T) {
	raw, err := os.ReadFile("testdata/ke-hoach-45.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := NewPreview(Parse(cleanLines(string(raw))), NewMapper(sampleUnits()), "vi")
	if want := "Kế hoạch số 45/KH-UBND ngày 15/3/2024: 6 nhiệm vụ cho 5 đơn vị, 3 hạn chót"; p.Summary != want {
		t.Errorf("summary %q, want %q", p.Summary, want)
	}
	got := map[string][]string{}
	for _, a := range p.Addressees {
		for _, u := range a.Units {
			got[a.Name] = append(got[a.Name], u.Key)
		}
	}
	want := map[string][]string{
		"Ban CHQS thị xã":            {"ban-chqs-tx"},
		"Công an thị xã":             {"cong-an-tx"},
		"Phòng Tài chính - Kế hoạch": {"phong-tc-kh"},
		"Trung tâm Y tế thị xã":      {"trung-tam-y-te"},
		"UBND các xã, phường":        {"hung-long/ubnd", "minh-thang/ubnd"},
	}
	for name, keys := range want {
		if !slices.Equal(got[name], keys) {
			t.Errorf("%s → %q, want %q", name, got[name], keys)
		}
	}
	if wantUnmapped := []string{"Bộ CHQS tỉnh", "TT. Thị ủy, TT. HĐND thị xã"}; !slices.Equal(p.Unmapped, wantUnmapped) {
		t.Errorf("unmapped %q, want %q", p.Unmapped, wantUnmapped)
	}
	text := p.Render("vi")
	for _, want := range []string{
		"📄 Kế hoạch số 45/KH-UBND ngày 15/3/2024: 6 nhiệm vụ cho 5 đơn vị, 3 hạn chót",
		"• UBND các xã, phường → 2 đơn vị: UBND phường Hưng Long, UBND xã Minh Thắng",
		"  1. Chủ trì xây dựng kịch bản diễn tập, hoàn thành trước ngày 20/4/2024 (hạn 20/4/2024)",
		"• 31/5/2024 — Phòng Tài chính - Kế hoạch: hoàn thành trong tháng 5",
		"⚠️ Chưa khớp đơn vị nào trong danh mục: Bộ CHQS tỉnh; TT. Thị ủy, TT. HĐND thị xã",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if en := NewPreview(p.Document, NewMapper(sampleUnits()), "en").Summary; en != "Plan no. 45/KH-UBND of 15/3/2024: 6 tasks for 5 units, 3 deadlines" {
		t.Errorf("English summary %q", en)
	}
}

// A notice assigning nothing says whom it goes to for information, not "0 tasks for 0 units".
func TestPreviewOfADocumentForInformation(t *testing.T) {
	d := Document{TypeKey: "thong-bao", Number: "12/TB-UBND", Date: "2024-03-20",
		Recipients: []string{"Ban CHQS thị xã", "Công an thị xã", "UBND các xã, phường", "Lưu: VT"}}
	p := NewPreview(d, NewMapper(sampleUnits()), "vi")
	if want := "Thông báo số 12/TB-UBND ngày 20/3/2024: không giao nhiệm vụ, gửi để biết tới 4 đơn vị nhận"; p.Summary != want {
		t.Errorf("summary %q, want %q", p.Summary, want)
	}
}

// Every refusal has its own sentence in both languages, the bomb its own before "too large".
func TestEveryRefusalIsExplained(t *testing.T) {
	seen := map[string]bool{}
	for _, err := range []error{ErrNotDocument, ErrTooLarge, ErrUnpacksTooLarge, ErrEncrypted, ErrLegacyWord, ErrUnreadable,
		ErrNoTextLayer, ErrOCRUnavailable, ErrTooManyPages, ErrNoText, fmt.Errorf("wrapped: %w", ErrEncrypted)} {
		key := RefusalKey(err)
		vi, en := texts.T("vi", key), texts.T("en", key)
		if key == "doc_err_other" || vi == "" || en == "" || vi == en {
			t.Errorf("%v: key %q, vi %q, en %q", err, key, vi, en)
		}
		seen[key] = true
	}
	if len(seen) != 10 {
		t.Errorf("%d sentences for 10 refusals", len(seen))
	}
}
