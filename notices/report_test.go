package notices_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
)

// rowsOf reads a table's rows as a writer would, copying each (the table reuses its row).
func rowsOf(t *testing.T, tb loa.Table) [][]string {
	t.Helper()
	var out [][]string
	if err := tb.Rows(func(row []string) error { out = append(out, append([]string(nil), row...)); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// A report is two tables, people and units, headed in the reader's language; the people are
// read a page at a time and none is lost or repeated between pages.
func TestReportTables(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	n := r.create(admin, notices.Request{})
	r.sendAll()
	ds, err := r.db.Deliveries(ctx, n.ID)
	if err != nil || len(ds) != 2 {
		t.Fatal(ds, err)
	}
	if _, err := r.svc.Acknowledge(ctx, ds[0].ID, ds[0].ChatID, ds[0].ChatID, ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.svc.ReportTables(ctx, leaderB, n.ID, "vi"); !errors.Is(err, notices.ErrForbidden) {
		t.Errorf("a leader of another commune: %v, want refused before any table", err)
	}
	defer func(p int) { *notices.ReportPage = p }(*notices.ReportPage)
	for _, page := range []int{1, 2, 1000} { // pages ending on the last row, and one page
		*notices.ReportPage = page
		got, tables, err := r.svc.ReportTables(ctx, leaderA, n.ID, "vi")
		if err != nil || got.ID != n.ID || len(tables) != 2 {
			t.Fatalf("page %d: %v %+v", page, err, tables)
		}
		people, units := tables[0], tables[1]
		if people.Title != "Người nhận" || strings.Join(people.Headings, "|") != "Họ và tên|Đơn vị|Chức vụ|Trạng thái|Đã gửi lúc|Đã xác nhận lúc" {
			t.Errorf("people headed %q %q", people.Title, people.Headings)
		}
		rows := rowsOf(t, people)
		want := "[[xa-a/chqs Ban CHQS xã Minh Thắng Lãnh đạo, chỉ huy Đã gửi 12h18 04/12/2026 12h18 04/12/2026] [xa-a/dq Trung đội dân quân xã Minh Thắng Dân quân tự vệ Đã gửi 12h18 04/12/2026 ]]"
		if fmt.Sprint(rows) != want {
			t.Errorf("page %d: people\n%v\nwant\n%s", page, rows, want)
		}
		if u := rowsOf(t, units); len(u) != 2 || len(u[0]) != 8 || len(units.Numbers) != 7 {
			t.Errorf("units %v (numbers %v)", u, units.Numbers)
		}
	}
	_, tables, _ := r.svc.ReportTables(ctx, admin, n.ID, "en")
	if tables[0].Title != "Recipients" || tables[1].Headings[0] != "Unit" {
		t.Errorf("English tables %q %q", tables[0].Title, tables[1].Headings)
	}
}
