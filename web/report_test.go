package web_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A notice's report downloads as an Excel workbook and as CSV; a member who named themselves
// as a formula reaches either as text.
func TestNoticeReportDownloads(t *testing.T) {
	t.Parallel()
	srv, db := newAPI(t)
	ctx := context.Background()
	const evil = "=cmd|' /C calc'!A0"
	c, err := db.Chat(ctx, 501)
	if err != nil {
		t.Fatal(err)
	}
	c.Title = evil
	if err := db.SaveChat(ctx, c); err != nil {
		t.Fatal(err)
	}
	status, body, raw := do(t, srv, call{method: "POST", path: "/api/v1/notices", body: `{"text":"Kiểm tra quân số","audience":{"units":["xa-a"]},"requires_ack":true}`})
	if status != 201 {
		t.Fatalf("create: %d %s", status, raw)
	}
	path := "/api/v1/notices/" + strconv.Itoa(int(body["id"].(float64)))

	status, _, raw = do(t, srv, call{method: "GET", path: path + "/report.xlsx"})
	if status != 200 {
		t.Fatalf("report.xlsx: %d %s", status, raw)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(raw)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Người nhận|Theo đơn vị" {
		t.Errorf("sheets %q", got)
	}
	rows, _ := f.GetRows("Người nhận")
	if len(rows) != 3 || strings.Join(rows[0], "|") != "Họ và tên|Đơn vị|Chức vụ|Trạng thái|Đã gửi lúc|Đã xác nhận lúc" {
		t.Fatalf("recipients %q", rows)
	}
	var evilCell string
	for r, row := range rows {
		if row[0] == evil {
			evilCell = "A" + strconv.Itoa(r+1)
		}
	}
	formula, _ := f.GetCellFormula("Người nhận", evilCell)
	if typ, _ := f.GetCellType("Người nhận", evilCell); evilCell == "" || formula != "" || typ != excelize.CellTypeInlineString {
		t.Errorf("the formula-like name is at %q as type %v, formula %q: want a text cell", evilCell, typ, formula)
	}
	if w, _ := f.GetColWidth("Người nhận", "A"); w != float64(len([]rune(evil))+2) {
		t.Errorf("the names' column is %v wide, want the longest name's %d characters and a margin", w, len([]rune(evil)))
	}
	if w, _ := f.GetColWidth("Người nhận", "B"); w != float64(len([]rune("Xã Minh Thắng"))+2) {
		t.Errorf("the units' column is %v wide", w)
	}
	units, _ := f.GetRows("Theo đơn vị")
	if len(units) != 2 || units[1][0] != "Xã Minh Thắng" || units[1][1] != "2" {
		t.Errorf("by unit %q", units)
	}

	status, _, raw = do(t, srv, call{method: "GET", path: path + "/report.csv", header: map[string]string{"Accept-Language": "en"}})
	if status != 200 || !strings.HasPrefix(raw, "\ufeffName,Unit,Role,Status,Delivered at,Acknowledged at") || !strings.Contains(raw, "'"+evil) {
		t.Errorf("report.csv: %d\n%s", status, raw)
	}
	if status, _, raw = do(t, srv, call{method: "GET", path: "/api/v1/notices/999/report.xlsx"}); status != 404 {
		t.Errorf("an unknown notice's report: %d %s", status, raw)
	}
}
