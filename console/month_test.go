package console

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

func TestMonthViewStartsOnMonday(t *testing.T) {
	hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, hcm)
	drill := loa.Event{Title: "Diễn tập", Start: time.Date(2026, 12, 15, 7, 30, 0, 0, hcm)}
	m := monthView(now, "2026-12", []loa.Event{drill}, hcm)
	// December 2026 starts on a Tuesday: one empty Monday, then 31 days, five weeks.
	if m.Title != "12/2026" || m.Prev != "2026-11" || m.Next != "2027-01" || len(m.Weeks) != 5 || m.Weeks[0][0].Number != 0 || m.Weeks[0][1].Number != 1 {
		t.Fatalf("month: %s %s %s, %d weeks, first week %+v", m.Title, m.Prev, m.Next, len(m.Weeks), m.Weeks[0])
	}
	if d := m.Weeks[2][1]; d.Number != 15 || len(d.Events) != 1 {
		t.Fatalf("the 15th: %+v", d)
	}
	if cur := monthView(now, "bogus", nil, hcm); cur.Title != "11/2026" || !cur.Weeks[4][6].Today {
		t.Fatalf("the current month, today the 29th (a Sunday): %s %+v", cur.Title, cur.Weeks[4])
	}
}

func TestPagerKeepsTheFilters(t *testing.T) {
	r := httptest.NewRequest("GET", "/console/directory?q=v%C4%83n&unit=minh-thang&page=2", nil)
	p := pagerFor(r, 2, true)
	if p.Prev != "?page=1&q=v%C4%83n&unit=minh-thang" || p.Next != "?page=3&q=v%C4%83n&unit=minh-thang" || p.PrevLabel != "‹ Trước" {
		t.Fatalf("pager: %+v", p)
	}
	if first := pagerFor(httptest.NewRequest("GET", "/console/notices", nil), 0, false); first.Prev != "" || first.Next != "" {
		t.Fatalf("a single page: %+v", first)
	}
}

func TestListTitleIsTheFirstLineAsText(t *testing.T) {
	n := loa.Notice{Text: "Họp giao ban &lt;khẩn&gt; &amp; <b>đúng giờ</b>\nnội dung"}
	if got := title(n); got != "Họp giao ban <khẩn> & đúng giờ" {
		t.Fatalf("title = %q", got) // the page escapes it once; an entity left here would show as "&lt;"
	}
}

func TestUnitsUnderAScope(t *testing.T) {
	id := func(n int64) *int64 { return &n }
	all := []loa.Unit{{ID: 1, Key: "tx"}, {ID: 2, Key: "mt", ParentID: id(1)}, {ID: 3, Key: "mt/chqs", ParentID: id(2)},
		{ID: 4, Key: "hl", ParentID: id(1)}, {ID: 5, Key: "hl/chqs", ParentID: id(4)}}
	var got []string
	for _, n := range unitsUnder(all, &all[1]) {
		got = append(got, fmt.Sprint(n.Key, ":", n.Depth))
	}
	if strings.Join(got, " ") != "mt:1 mt/chqs:2" {
		t.Fatalf("under xã Minh Thắng: %v", got)
	}
	if every := unitsUnder(all, nil); len(every) != 5 || every[4].Depth != 2 {
		t.Fatalf("every unit: %+v", every)
	}
}
