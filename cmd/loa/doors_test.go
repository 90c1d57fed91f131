package main

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

// consoleClient is a signed-in web console session without a browser: a cookie jar, and the
// CSRF token read from the page, as a form would post it.
type consoleClient struct {
	h      *harness
	client *http.Client
	base   string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (h *harness) signIn(userID int64) *consoleClient {
	h.t.Helper()
	out, code := h.cli("web", "link", "--user", strconv.FormatInt(userID, 10))
	link := signInLink.FindString(out)
	if code != 0 || link == "" {
		h.t.Fatalf("web link: %s", out)
	}
	u, _ := url.Parse(link)
	jar, _ := cookiejar.New(nil)
	c := &consoleClient{h: h, client: &http.Client{Jar: jar}, base: "http://" + h.app.Addr}
	resp, err := c.client.PostForm(c.base+"/console/signin", url.Values{"token": {u.Query().Get("token")}})
	if err != nil || resp.StatusCode != http.StatusOK {
		h.t.Fatalf("sign in: %v %v", err, resp)
	}
	resp.Body.Close()
	return c
}

// post sends a notice page's form, with its CSRF token, and returns the page it ends on.
func (c *consoleClient) post(noticeID int64, action string, form url.Values) (int, string) {
	c.h.t.Helper()
	page := c.base + "/console/notices/" + strconv.FormatInt(noticeID, 10)
	status, body := c.get(page)
	m := csrfField.FindStringSubmatch(body)
	if status != http.StatusOK || m == nil {
		c.h.t.Fatalf("notice page %d: %d %.300s", noticeID, status, body)
	}
	form.Set("csrf", m[1])
	resp, err := c.client.PostForm(page+"/"+action, form)
	if err != nil {
		c.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, html.UnescapeString(string(raw))
}

func (c *consoleClient) get(u string) (int, string) {
	c.h.t.Helper()
	resp, err := c.client.Get(u)
	if err != nil {
		c.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, html.UnescapeString(string(raw))
}

// issued is a notice created on the command line: its id and its official number.
type issued struct {
	ID     int64 `json:"notice_id"`
	Number int   `json:"number"`
}

func (h *harness) issue(args ...string) issued {
	h.t.Helper()
	out, code := h.cli(append([]string{"broadcast", "--json"}, args...)...)
	var n issued
	if err := json.Unmarshal([]byte(out), &n); code != 0 || err != nil || n.ID == 0 {
		h.t.Fatalf("broadcast %v (exit %d): %s", args, code, out)
	}
	return n
}

func (h *harness) status(id int64) string {
	h.t.Helper()
	out, _ := h.cli("report", strconv.FormatInt(id, 10), "--json")
	var r struct {
		Status string `json:"status"`
	}
	json.Unmarshal([]byte(out), &r)
	return r.Status
}

var cancelledRefusal = regexp.MustCompile(`Thông báo số (\d+) đã hủy lúc \d{1,2}h(\d\d)? \d\d/\d\d\.`)

// TestEveryDoorKeepsANoticesRules drives the notices room's rules through the bot, the web
// console, the HTTP API and the command line alike: a cancelled notice takes no update,
// reminder or cancellation and every door answers with the same refusal; a follow-up is
// checked whole before anything changes; a scheduled notice cancelled before its time reaches
// nobody; a follow-up is not a notice of its own; a unit leader follows up their unit's notice.
func TestEveryDoorKeepsANoticesRules(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) { everyDoorKeepsANoticesRules(t, driver) })
}

func everyDoorKeepsANoticesRules(t *testing.T, driver string) {
	h := newHarness(t, driver, map[string]string{"LOA_API_TOKENS": "portal:" + apiToken})
	h.importMembers("501,Nguyễn Văn A,minh-thang/chqs,leader,\n502,Lê Thị B,minh-thang/dan-quan,militia,\n")
	militia := tgfake.User{ID: 502, FirstName: "Lê", LastName: "Thị B"}
	admin := h.signIn(adminUser.ID)

	// A notice to Minh Thắng, acknowledged by nobody yet: its number is what people type.
	first := h.issue("--unit", "minh-thang", "--ack", "--text", "Kiểm tra quân số")
	got := h.fake.WaitText(t, militia.ID, "Thông báo số "+strconv.Itoa(first.Number), "Kiểm tra quân số")
	h.fake.WaitText(t, official.ID, "Kiểm tra quân số")
	h.fake.SendText(adminUser, tgfake.Private(adminUser), "/baocao "+strconv.Itoa(first.Number))
	report := h.fake.WaitText(t, adminUser.ID, "Báo cáo Thông báo số "+strconv.Itoa(first.Number))

	// The unit's leader may follow it up: its audience lies in their scope.
	h.fake.SendText(official, tgfake.Private(official), "/trogiup")
	h.fake.WaitText(t, official.ID, "/thongbao")
	h.fake.SendText(official, tgfake.Private(official), "/baocao "+strconv.Itoa(first.Number))
	h.fake.WaitText(t, official.ID, "Báo cáo Thông báo số "+strconv.Itoa(first.Number), "Tổng:")

	if out, code := h.cli("broadcast", "--retract", strconv.FormatInt(first.ID, 10)); code != 0 {
		t.Fatalf("retract: %s", out)
	}
	h.fake.WaitText(t, militia.ID, "Hủy Thông báo số "+strconv.Itoa(first.Number))
	before := len(h.fake.Messages(militia.ID))

	id := strconv.FormatInt(first.ID, 10)
	number := strconv.Itoa(first.Number)
	for _, door := range []struct {
		name string
		try  func() string // what the person is told
	}{
		{"bot /capnhat", func() string {
			h.fake.SendText(adminUser, tgfake.Private(adminUser), "/capnhat "+number+" Dời sang 8:00")
			return h.fake.WaitText(t, adminUser.ID, "đã hủy lúc", "Thông báo số "+number).Text
		}},
		{"bot report: remind", func() string { return h.press(adminUser, report, "Nhắc lại").Text }},
		{"bot report: cancel", func() string { return h.press(adminUser, report, "Hủy thông báo này").Text }},
		{"bot: acknowledge", func() string { return h.press(militia, got, "Đã nhận").Text }},
		{"console: update", func() string {
			_, page := admin.post(first.ID, "update", url.Values{"text": {"Dời sang 8:00"}})
			return page
		}},
		{"console: remind", func() string { _, page := admin.post(first.ID, "remind", url.Values{}); return page }},
		{"console: cancel", func() string {
			_, page := admin.post(first.ID, "cancel", url.Values{"confirm": {"1"}})
			return page
		}},
		{"API: update", func() string {
			_, _, raw := h.api("POST", "/api/v1/notices/"+id+"/updates", apiToken, "application/json", `{"text":"Dời sang 8:00"}`)
			return raw
		}},
		{"API: cancel", func() string { _, _, raw := h.api("DELETE", "/api/v1/notices/"+id, apiToken, "", ""); return raw }},
		{"CLI: update", func() string {
			out, _ := h.cli("broadcast", "--update", id, "--text", "Dời sang 8:00")
			return out
		}},
		{"CLI: cancel", func() string { out, _ := h.cli("broadcast", "--retract", id); return out }},
	} {
		said := door.try()
		if m := cancelledRefusal.FindStringSubmatch(said); m == nil || m[1] != number {
			t.Errorf("%s of a cancelled notice answered %.400q", door.name, said)
		}
	}
	// No button of it stays live: the report offers nothing more, and recipients got nothing.
	h.fake.WaitMessage(t, adminUser.ID, "the cancelled notice's report without buttons", func(m tgfake.Message) bool {
		return m.ID == report.ID && len(m.Buttons) == 0
	})

	// A follow-up is checked whole before anything changes.
	second := h.issue("--unit", "minh-thang", "--text", "Họp giao ban")
	h.fake.WaitText(t, militia.ID, "Họp giao ban")
	sid := strconv.FormatInt(second.ID, 10)
	if status, _, raw := h.api("DELETE", "/api/v1/notices/"+sid+"?reason=a%00b", apiToken, "", ""); status != 422 || !strings.Contains(raw, "NUL") {
		t.Errorf("a cancellation with NUL answered %d %s", status, raw)
	}
	if _, page := admin.post(second.ID, "cancel", url.Values{"confirm": {"1"}, "text": {strings.Repeat("x", 20001)}}); !strings.Contains(page, "dài quá 20000 ký tự") {
		t.Errorf("a cancellation reason too long: %.400s", page)
	}
	if out, code := h.cli("broadcast", "--update", sid, "--text", "a\x00b"); code == 0 || !strings.Contains(out, "NUL") {
		t.Errorf("an update with NUL (exit %d): %s", code, out)
	}
	if s := h.status(second.ID); s != "active" {
		t.Errorf("refused follow-ups left the notice %q", s)
	}

	// A scheduled notice cancelled before its time, through any door, reaches nobody.
	var scheduled []issued
	for i := range 4 {
		scheduled = append(scheduled, h.issue("--unit", "minh-thang", "--at", "7h 01/01/2099", "--text", "Hẹn giờ "+strconv.Itoa(i)))
	}
	h.fake.SendText(adminUser, tgfake.Private(adminUser), "/hengio")
	item := h.fake.WaitText(t, adminUser.ID, "Thông báo số "+strconv.Itoa(scheduled[0].Number)+"</b>, gửi lúc 7h 01/01/2099")
	h.press(adminUser, item, "Hủy Thông báo số")
	if _, page := admin.post(scheduled[1].ID, "cancel", url.Values{"confirm": {"1"}}); !strings.Contains(page, "0 người đã nhận được báo hủy") {
		t.Errorf("console cancel of a scheduled notice: %.400s", page)
	}
	if status, body, raw := h.api("DELETE", "/api/v1/notices/"+strconv.FormatInt(scheduled[2].ID, 10), apiToken, "", ""); status != 200 || body["follow_up"] != nil {
		t.Errorf("API cancel of a scheduled notice: %d %s", status, raw)
	}
	if out, code := h.cli("notices", "cancel", strconv.FormatInt(scheduled[3].ID, 10)); code != 0 {
		t.Errorf("CLI cancel of a scheduled notice: %s", out)
	}
	for _, n := range scheduled {
		if s := h.status(n.ID); s != "cancelled" {
			t.Errorf("scheduled notice %d is %q", n.ID, s)
		}
	}

	// A follow-up is not a notice: no report, no update of its own.
	_, body, _ := h.api("POST", "/api/v1/notices/"+sid+"/updates", apiToken, "application/json", `{"text":"Mang theo sổ tay"}`)
	follow, _ := body["follow_up"].(map[string]any)
	if follow == nil {
		t.Fatalf("update: %v", body)
	}
	h.fake.WaitText(t, militia.ID, "Cập nhật Thông báo số "+strconv.Itoa(second.Number), "Mang theo sổ tay")
	fid := strconv.Itoa(int(follow["id"].(float64)))
	if status, _, raw := h.api("POST", "/api/v1/notices/"+fid+"/updates", apiToken, "application/json", `{"text":"x"}`); status != 404 {
		t.Errorf("an update of an update answered %d %s", status, raw)
	}
	if out, code := h.cli("report", fid); code == 0 || !strings.Contains(out, "Không có thông báo mã "+fid) {
		t.Errorf("a report of an update (exit %d): %s", code, out)
	}
	for _, m := range h.fake.Messages(militia.ID)[before:] {
		if strings.Contains(m.Text, "Hẹn giờ") || strings.Contains(m.Text, "Kiểm tra quân số") {
			t.Errorf("a cancelled notice reached a recipient: %q", m.Text)
		}
	}
}
