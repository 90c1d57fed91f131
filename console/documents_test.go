package console

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/texts"
	"github.com/xuri/excelize/v2"
)

// shownDocuments is the documents room as a page sees it: one sent plan, whose progress only
// the administrator (user 1) may see.
type shownDocuments struct{}

var shownPlan = loa.OfficialDocument{ID: 4, Number: "45/KH-UBND", TypeKey: "ke-hoach", Date: "2024-03-15", Title: "Diễn tập <KVPT>",
	Status: loa.DocumentSent, CreatedAt: time.Date(2024, 4, 1, 2, 0, 0, 0, time.UTC)}

func (shownDocuments) List(_ context.Context, p documents.Person, _ int) ([]loa.OfficialDocument, error) {
	return []loa.OfficialDocument{shownPlan}, nil
}

func (shownDocuments) Progress(_ context.Context, p documents.Person, id int64) (documents.Progress, error) {
	if id != 4 {
		return documents.Progress{}, loa.ErrNotFound
	}
	if !p.Admin {
		return documents.Progress{}, documents.ErrForbidden
	}
	done := time.Date(2024, 4, 18, 1, 30, 0, 0, time.UTC)
	return documents.Progress{Document: shownPlan, Unmapped: []string{"Hội Nông dân"}, Units: []documents.UnitProgress{
		{Key: "xa-a", Name: "Ban CHQS xã Minh Thắng", Recipients: 3, Received: 3, Acknowledged: 2, Tasks: []documents.TaskProgress{
			{DocumentTask: loa.DocumentTask{Text: "Chuẩn bị lực lượng", Deadline: "2024-04-20", DoneAt: &done, Report: "Đã huy động 30 đồng chí"}},
			{DocumentTask: loa.DocumentTask{Text: "Báo cáo kết quả", Deadline: "2024-04-22"}, Overdue: true},
		}},
	}}, nil
}

func (shownDocuments) Bring(_ context.Context, p documents.Person, name string, _ []byte, _ loa.Media, _ string) (documents.Brought, error) {
	if strings.HasSuffix(name, ".txt") {
		return documents.Brought{Reply: "Tệp <b>ghi-chu.txt</b> không phải văn bản PDF, Word hay ảnh."}, nil
	}
	return documents.Brought{Document: &loa.OfficialDocument{ID: 5, Status: loa.DocumentDraft, BroughtBy: p.Name}}, nil
}

func (shownDocuments) Send(_ context.Context, p documents.Person, id int64) (documents.Sent, error) {
	if !p.Admin {
		return documents.Sent{}, documents.ErrForbidden
	}
	return documents.Sent{Document: shownPlan, Notices: map[string]loa.Notice{"xa-a": {}}, Unmapped: []string{"Hội Nông dân"}}, nil
}

// documentConsole is a console over shownDocuments with two signed-in people: the
// administrator (session "admin") and a leader of the commune's Ban CHQS (session "leader").
func documentConsole() (*Console, *memAudits) {
	hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	c := New(Options{Now: time.Now, Location: hcm, Admins: []int64{1}, Documents: shownDocuments{}})
	c.sessions = memSessions{sessions: map[string]loa.ConsoleSession{"admin": {UserID: 1, CSRF: "t"}, "leader": {UserID: 10, CSRF: "t"}}}
	id := func(n int64) *int64 { return &n }
	c.units = memUnits{{ID: 1, Key: "tx", Name: "Phường", Kind: loa.UnitCommune}, {ID: 3, Key: "xa-a", Name: "Ban CHQS", ParentID: id(1)}}
	c.people = &memPeople{chats: map[int64]loa.Chat{10: {ID: 10, Type: "private", Role: loa.RoleLeader, Status: loa.StatusActive, UnitID: id(3)}}}
	audits := &memAudits{}
	c.audits, c.audit.Auditor = audits, audits
	return c, audits
}

// The documents pages list what the viewer may follow and show each unit's received,
// acknowledged, done (with the report) and overdue tasks; a refusal of the room is a 403.
func TestDocumentPages(t *testing.T) {
	c, _ := documentConsole()
	h := c.Handler()
	get := func(session, path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: session})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	list := get("admin", "/console/documents")
	if body := list.Body.String(); list.Code != 200 || !strings.Contains(body, `<a href="/console/documents/4">Kế hoạch số 45/KH-UBND ngày 15/3/2024</a>`) ||
		!strings.Contains(body, "Diễn tập &lt;KVPT&gt;") || !strings.Contains(body, "Đã gửi") {
		t.Fatalf("list (%d):\n%s", list.Code, body)
	}
	page := get("admin", "/console/documents/4")
	body := page.Body.String()
	for _, want := range []string{"<td>3/3</td>", "<td>2</td>", "1. Chuẩn bị lực lượng — trước 20/4/2024", "✅ Đã hoàn thành 8h30 18/04/2024",
		"Đã huy động 30 đồng chí", "2. Báo cáo kết quả — trước 22/4/2024", "⚠️ Quá hạn", "Không gửi cho (chưa khớp đơn vị nào): Hội Nông dân"} {
		if page.Code != 200 || !strings.Contains(body, want) {
			t.Errorf("document page (%d) lacks %q", page.Code, want)
		}
	}
	// The same table as an Excel workbook, one row per task, the unmatched name last.
	sheet := get("admin", "/console/documents/4/xlsx")
	if sheet.Code != 200 || !strings.Contains(sheet.Header().Get("Content-Disposition"), `filename="nhiem-vu-van-ban-4.xlsx"`) {
		t.Fatalf("download (%d) %v", sheet.Code, sheet.Header())
	}
	f, err := excelize.OpenReader(sheet.Body)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Nhiệm vụ theo đơn vị")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Đơn vị", "Số người nhận", "Đã nhận", "Đã xác nhận", "Mục", "Nhiệm vụ", "Hạn", "Trạng thái", "Hoàn thành lúc", "Người báo", "Báo cáo"},
		{"Ban CHQS xã Minh Thắng", "3", "3", "2", "", "Chuẩn bị lực lượng", "20/4/2024", "Đã hoàn thành", "8h30 18/04/2024", "", "Đã huy động 30 đồng chí"},
		{"Ban CHQS xã Minh Thắng", "3", "3", "2", "", "Báo cáo kết quả", "22/4/2024", "Quá hạn"},
		{"Hội Nông dân", "0", "0", "0", "", "Chưa khớp đơn vị nào, không gửi"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("workbook rows\n%q\nwant\n%q", rows, want)
	}
	if w := get("leader", "/console/documents/4/xlsx"); w.Code != http.StatusForbidden {
		t.Errorf("a refused leader downloaded the table: %d", w.Code)
	}
	if w := get("leader", "/console/documents/4"); w.Code != http.StatusForbidden {
		t.Errorf("a refused leader got %d", w.Code)
	}
	if w := get("admin", "/console/documents/5"); w.Code != http.StatusNotFound {
		t.Errorf("a missing document got %d", w.Code)
	}
}

// A document uploaded in the console is kept as a draft and its page opens; a file that is not
// a document is refused with the room's reason; sending says to how many units it went, and a
// leader the room refuses is told why.
func TestDocumentUploadAndSend(t *testing.T) {
	c, audits := documentConsole()
	h := c.Handler()
	do := func(session, path, file string) *httptest.ResponseRecorder {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("csrf", "t")
		if file != "" {
			part, _ := mw.CreateFormFile("file", file)
			part.Write([]byte("%PDF-1.4"))
		}
		mw.Close()
		r := httptest.NewRequest(http.MethodPost, path, &body)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: session})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	flash := func(w *httptest.ResponseRecorder) string {
		for _, c := range w.Result().Cookies() {
			if c.Name == flashCookie {
				msg, _ := url.QueryUnescape(c.Value)
				return msg
			}
		}
		return ""
	}
	if w := do("admin", "/console/documents", "ke-hoach-45.pdf"); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/console/documents/5" {
		t.Fatalf("upload: %d to %q", w.Code, w.Header().Get("Location"))
	}
	if w := do("admin", "/console/documents", "ghi-chu.txt"); w.Header().Get("Location") != "/console/documents" ||
		flash(w) != "Tệp ghi-chu.txt không phải văn bản PDF, Word hay ảnh." {
		t.Errorf("a refused file: %q, flash %q", w.Header().Get("Location"), flash(w))
	}
	if w := do("admin", "/console/documents", ""); flash(w) != "Hãy chọn một tệp PDF, Word (.docx) hoặc ảnh." {
		t.Errorf("no file: flash %q", flash(w))
	}
	if w := do("admin", "/console/documents/5/send", ""); w.Header().Get("Location") != "/console/documents/5" ||
		flash(w) != "📤 Đã gửi Kế hoạch số 45/KH-UBND ngày 15/3/2024 tới 1 đơn vị. "+texts.T("vi", "dt_not_sent", "Hội Nông dân") {
		t.Errorf("send: flash %q", flash(w))
	}
	if w := do("leader", "/console/documents/5/send", ""); flash(w) != texts.T("vi", "dt_send_forbidden") {
		t.Errorf("a leader the room refuses: flash %q", flash(w))
	}
	var actions []string
	for _, e := range audits.entries {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); got != "document.preview document.send" {
		t.Errorf("audit %q", got)
	}
}
