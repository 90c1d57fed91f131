package roster

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa"
)

// workbook makes an .xlsx the way Excel saves one: strings in the shared strings table,
// numbers typed as numbers, dates as serial numbers with a date format.
func workbook(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMembersWorkbookAsExcelSavesIt(t *testing.T) {
	t.Parallel()
	data := workbook(t, map[string][][]any{
		"Hướng dẫn": {{"Điền danh sách ở trang bên"}},
		"Danh sách": {
			{"DANH SÁCH CÁN BỘ XÃ MINH THẮNG"}, // a title above the header, as offices head a sheet
			nil,
			{"chat_id", "name", "unit", "role", "topics"},
			{840912345678, "Nguyễn Văn A", "tx", "leader", "dien-tap;tuyen-quan"},
			{int64(-1001234567890), "Nhóm dân quân", "tx", "group"},
			nil, // an empty row is skipped, and the rows after it keep their numbers
			{"101", "0912 345 678", "tx", "militia"},
		},
	}, "Hướng dẫn", "Danh sách")
	if !bytes.Contains(data, []byte("sharedStrings")) {
		t.Fatal("the test workbook has no shared strings table")
	}
	rows, err := Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("rows %+v, want 3 from the sheet with the header", rows)
	}
	a, g, m := rows[0], rows[1], rows[2]
	if a.ChatID != 840912345678 || a.Line != 4 || a.Name != "Nguyễn Văn A" || a.Role != "leader" || strings.Join(a.Topics, ",") != "dien-tap,tuyen-quan" {
		t.Errorf("a number typed as a number: %+v", a)
	}
	if g.ChatID != -1001234567890 || g.Role != "group" || g.Line != 5 {
		t.Errorf("a group's negative ID: %+v", g)
	}
	if m.ChatID != 101 || m.Name != "0912 345 678" || m.Line != 7 {
		t.Errorf("a text cell keeps its digits and the row its number: %+v", m)
	}
}

// The same mistakes get the same messages as in CSV, naming the sheet's row and the cell's
// column; a date reads as officials write it, not as Excel's serial number.
func TestMembersWorkbookErrorsNameTheCell(t *testing.T) {
	t.Parallel()
	date := time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		rows       [][]any
		line       int
		column     string
		csv, wants string
	}{
		{[][]any{{"unit", "chat_id", "name", "role"}, {"tx", 101, "A", "leader"}, {"tx", date, "B", "leader"}}, 3, "B",
			"unit,chat_id,name,role\ntx,101,A,leader\ntx,15/12/2026,B,leader\n", `chat_id "15/12/2026" is not a Telegram chat ID`},
		{[][]any{{"chat_id", "name", "unit", "rank"}}, 1, "D", "chat_id,name,unit,rank\n", `column "rank" is unknown`},
		{[][]any{{101, "A", "tx"}}, 1, "", "101,A,tx\n", "want 4 to 7 columns"},
	}
	for _, c := range cases {
		_, err := Parse(bytes.NewReader(workbook(t, map[string][][]any{"S": c.rows}, "S")))
		var ie *loa.ImportError
		if !errors.As(err, &ie) || ie.Line != c.line || ie.Column != c.column || !strings.Contains(err.Error(), c.wants) {
			t.Errorf("%v: %v, want line %d column %q: %s", c.rows, err, c.line, c.column, c.wants)
			continue
		}
		_, csvErr := Parse(strings.NewReader(c.csv))
		if csvErr == nil || csvErr.Error() != err.Error() {
			t.Errorf("CSV says %v, the workbook %v: want the same", csvErr, err)
		}
	}
}

func TestMembersFileRefused(t *testing.T) {
	t.Parallel()
	var notWorkbook bytes.Buffer
	z := zip.NewWriter(&notWorkbook)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	z.Close()

	// A bomb: a part that says it unpacks to a terabyte; its few bytes are never inflated.
	var bomb bytes.Buffer
	z = zip.NewWriter(&bomb)
	w, _ = z.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CompressedSize64: 2, UncompressedSize64: 1 << 40})
	w.Write([]byte{3, 0})
	z.Close()

	huge := io.MultiReader(strings.NewReader("PK\x03\x04"), io.LimitReader(zeros{}, MaxXLSX))
	for name, c := range map[string]struct {
		r    io.Reader
		want error
	}{
		"a zip that is no workbook": {&notWorkbook, ErrNotMembersFile},
		"an Excel 97-2003 file":     {bytes.NewReader([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}), ErrNotMembersFile},
		"a picture":                 {strings.NewReader("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrNotMembersFile},
		"a zip bomb":                {&bomb, ErrTooLarge},
		"over 20 MB":                {huge, ErrTooLarge},
	} {
		if _, err := Parse(c.r); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// FuzzParseMembersXLSX fuzzes what a workbook says rather than its zip packing (whose
// checksums would refuse nearly every mutation): a sheet's XML and the shared strings, packed
// into an otherwise ordinary workbook.
func FuzzParseMembersXLSX(f *testing.F) {
	base := baseWorkbook(f)
	f.Add(base["xl/worksheets/sheet1.xml"], base["xl/sharedStrings.xml"])
	f.Add(`<worksheet><sheetData><row><c t="inlineStr"><is><t>101</t></is></c><c t="n"><v>1e308</v></c><c t="s"><v>99</v></c><c t="b"><v>1</v></c><c t="d"><v>x</v></c></row></sheetData></worksheet>`, `<sst/>`)
	f.Fuzz(func(t *testing.T, sheet, shared string) {
		if len(sheet)+len(shared) > 16<<10 {
			return
		}
		rows, err := ParseXLSX(withSheet(base, sheet, shared))
		if err == nil {
			for _, r := range rows {
				if r.ChatID == 0 || r.Line < 1 {
					t.Fatalf("accepted row %+v", r)
				}
			}
		}
	})
}

// TestTheSheetsLastCellIsNoMember: a lone cell at the sheet's last row and column
// (XFD1048576) is read without a member being made of it. Reading it costs about 16 ms, forty
// times an ordinary sheet, so it is a case here and not a fuzzing seed: every input mutated from
// it would cost as much.
func TestTheSheetsLastCellIsNoMember(t *testing.T) {
	base := baseWorkbook(t)
	rows, err := ParseXLSX(withSheet(base, `<worksheet><sheetData><row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row></sheetData></worksheet>`, base["xl/sharedStrings.xml"]))
	if err == nil && len(rows) > 0 {
		t.Fatalf("members made of the last cell alone: %+v", rows)
	}
}

// baseWorkbook is an ordinary members workbook's parts, less those members are not read from.
func baseWorkbook(t testing.TB) map[string]string {
	base := parts(t, workbook(t, map[string][][]any{"S": {{"chat_id", "name", "unit", "role"}, {101, "A", "tx", "leader"}, {time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)}}}, "S"))
	for name := range base {
		if strings.HasPrefix(name, "docProps/") || strings.HasPrefix(name, "xl/theme/") {
			delete(base, name) // not read for members; parsing them would slow every run
		}
	}
	return base
}

// withSheet packs base with sheet and shared in place of its sheet and shared strings.
func withSheet(base map[string]string, sheet, shared string) *bytes.Buffer {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, text := range base {
		switch name {
		case "xl/worksheets/sheet1.xml":
			text = sheet
		case "xl/sharedStrings.xml":
			text = shared
		}
		w, _ := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		w.Write([]byte(text))
	}
	z.Close()
	return &buf
}

// parts are a workbook's files by name.
func parts(t testing.TB, data []byte) map[string]string {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		out[f.Name] = string(b)
	}
	return out
}
