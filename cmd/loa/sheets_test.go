package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeWorkbook saves rows as an .xlsx the way Excel does (shared strings, typed numbers).
func writeWorkbook(t *testing.T, rows ...[]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "danh-sach.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// loa members import takes the workbook officials keep; a bad cell is named and stores nothing.
func TestMembersImportFromExcel(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	header := []any{"chat_id", "name", "unit", "role"}
	bad := writeWorkbook(t, header, []any{701, "Đỗ Văn D", "minh-thang/chqs", "officer"},
		[]any{time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), "Hồ Văn E", "minh-thang/chqs", "officer"})
	if out, code := h.cli("members", "import", bad); code == 0 || !strings.Contains(out, `line 3, column A: chat_id "15/12/2026" is not a Telegram chat ID (nothing imported)`) {
		t.Fatalf("a date in the chat_id column (exit %d): %s", code, out)
	}
	if _, ok := h.member(701); ok {
		t.Fatal("a refused workbook stored a row")
	}
	good := writeWorkbook(t, header, []any{701, "Đỗ Văn D", "minh-thang/chqs", "officer"}, []any{int64(-1001234567890), "Nhóm dân quân", "minh-thang/chqs", "group"})
	if out, code := h.cli("members", "import", good); code != 0 || !strings.Contains(out, "imported 2 members") {
		t.Fatalf("import (exit %d): %s", code, out)
	}
	if m, ok := h.member(701); !ok || m.Unit != "minh-thang/chqs" {
		t.Fatalf("member 701: %+v", m)
	}
	if _, ok := h.member(-1001234567890); !ok {
		t.Fatal("the group's negative ID was not kept whole")
	}
}
