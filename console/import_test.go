package console_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa/console"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// uploadWorkbook posts an Excel workbook of rows to the import form as a leader and returns
// the message the members page then shows.
func uploadWorkbook(t *testing.T, h http.Handler, name string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var book, body bytes.Buffer
	if err := f.Write(&book); err != nil {
		t.Fatal(err)
	}
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", "csrf")
	part, _ := mw.CreateFormFile("file", name)
	part.Write(book.Bytes())
	mw.Close()
	w := leaderRequest(h, http.MethodPost, "/console/members/import", mw.FormDataContentType(), &body)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("import answered %d: %s", w.Code, w.Body)
	}
	for _, c := range w.Result().Cookies() {
		if c.Name == "loa_flash" {
			msg, _ := url.QueryUnescape(c.Value)
			return msg
		}
	}
	t.Fatal("the import left no message")
	return ""
}

// A leader imports the commune's list as Excel saved it: IDs typed as numbers, and a date
// typed by mistake where an ID belongs is named by its row and column, storing nothing.
func TestImportMembersFromExcel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		scopeDistrict(t, db)
		ctx := context.Background()
		h := console.New(console.Options{Store: db, BotUsername: "loa_bot", Now: time.Now}).Handler()
		header := []any{"chat_id", "name", "unit", "role"}
		msg := uploadWorkbook(t, h, "dan-quan.xlsx", [][]any{header,
			{6001, "Nguyễn Văn Sáu", "mt/chqs", "militia"},
			{6002, "Trần Văn Bảy", "mt", "militia"},
			{time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), "Lê Văn Tám", "mt", "militia"}})
		if !strings.Contains(msg, "dan-quan.xlsx: dòng 4, cột A: chat_id \"15/12/2026\"") || !strings.Contains(msg, "Chưa lưu dòng nào") {
			t.Errorf("a date where an ID belongs: %q", msg)
		}
		if _, err := db.Chat(ctx, 6001); err == nil {
			t.Error("a refused file stored a row")
		}
		msg = uploadWorkbook(t, h, "dan-quan.xlsx", [][]any{header,
			{6001, "Nguyễn Văn Sáu", "mt/chqs", "militia"}, {int64(6002), "Trần Văn Bảy", "mt", "militia"}})
		if msg != "Đã nhập 2 dòng từ dan-quan.xlsx." {
			t.Errorf("import: %q", msg)
		}
		if c, err := db.Chat(ctx, 6002); err != nil || c.Title != "Trần Văn Bảy" {
			t.Errorf("member 6002 after the import: %+v %v", c, err)
		}
	})
}
