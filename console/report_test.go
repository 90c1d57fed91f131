package console_test

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/console"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/sheets"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// A leader downloads the report of a notice to their commune as Excel; another ward's notice
// is refused, whatever the format.
func TestNoticeReportAsExcel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		scopeDistrict(t, db)
		ctx := context.Background()
		room := notices.New(db, notices.Options{})
		office := notices.Actor{Name: "cli:office", Admin: true, Door: "cli"}
		ours, err := room.Create(ctx, office, notices.Request{Text: "Kiểm tra quân số", Audience: loa.Audience{Units: []string{"mt"}}, Ack: true})
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := room.Create(ctx, office, notices.Request{Text: "Kiểm tra quân số", Audience: loa.Audience{Units: []string{"hl"}}})
		if err != nil {
			t.Fatal(err)
		}
		h := console.New(console.Options{Store: db, BotUsername: "loa_bot", Now: time.Now}).Handler()

		w := leaderRequest(h, http.MethodGet, "/console/notices/"+strconv.FormatInt(ours.ID, 10)+"/xlsx", "", &bytes.Buffer{})
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != sheets.XLSXType ||
			!strings.Contains(w.Header().Get("Content-Disposition"), `filename="bao-cao-thong-bao-so-`+strconv.Itoa(ours.Number)+`.xlsx"`) {
			t.Fatalf("download: %d %v", w.Code, w.Header())
		}
		f, err := excelize.OpenReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		people, _ := f.GetRows("Người nhận")
		if len(people) != 1+ours.Recipients || people[0][0] != "Họ và tên" {
			t.Errorf("recipients sheet %q, want the headings and %d people", people, ours.Recipients)
		}
		for _, format := range []string{"xlsx", "csv"} {
			w := leaderRequest(h, http.MethodGet, "/console/notices/"+strconv.FormatInt(theirs.ID, 10)+"/"+format, "", &bytes.Buffer{})
			if w.Code != http.StatusForbidden || w.Header().Get("Content-Disposition") != "" {
				t.Errorf("another ward's report as %s: %d %v", format, w.Code, w.Header())
			}
		}
	})
}
