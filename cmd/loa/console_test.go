package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/loa-vn/loa/tgfake"
	"github.com/loa-vn/loa/throttle"
)

var signInLink = regexp.MustCompile(`https?://\S+/console/signin\?token=[A-Za-z0-9_-]+`)

// text waits until the page shows an element with this text.
func text(s string) step {
	return chromedp.WaitVisible(chromedp.Search(fmt.Sprintf(`//*[contains(text(), %q)]`, s)))
}

// fetchStatus makes a request from the page, with its cookies, and returns the HTTP status.
func fetchStatus(t *testing.T, browser context.Context, method, path string, form url.Values) int {
	t.Helper()
	js := fmt.Sprintf(`fetch(%q, {method: %q, body: %s, redirect: "manual"}).then(r => r.status)`, path, method, jsForm(form))
	status, err := chromedp.Run(browser, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s %s from the page: %v", method, path, err)
	}
	return status
}

func jsForm(form url.Values) string {
	if form == nil {
		return "undefined"
	}
	return fmt.Sprintf("new URLSearchParams(%q)", form.Encode())
}

// TestConsoleInTheBrowser signs in by the link /web sends, sends a notice to two units and
// watches it reach "sent" and the acknowledgement arrive, approves a registration, creates an
// event; then a unit leader cannot open or post another unit's notice, and a form without its
// CSRF token and a forged Mini App initData are refused. It runs on SQLite alone: what the
// console stores is the store's, whose tests run on both backends, and a browser's pages cost
// seconds each.
func TestConsoleInTheBrowser(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importMembers("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap\n502,Lê Thị B,hung-long/chqs,leader,dien-tap\n503,Trần Văn C,minh-thang/dan-quan,militia,dien-tap\n")
	browser := newBrowser(t)
	base := "http://" + h.app.Addr
	run := func(what string, steps ...step) {
		t.Helper()
		if err := chromedp.Do(browser, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	h.fake.SendText(adminUser, tgfake.Private(adminUser), "/web")
	link := signInLink.FindString(tgfake.PlainText(h.fake.WaitText(t, adminUser.ID, "/console/signin?token=").Text))
	run("sign in by the link", chromedp.Navigate(link), clickXPath(`//button[contains(., "Đăng nhập")]`), text("Thông báo gần đây"))
	run("the link works once", chromedp.Navigate(link), clickXPath(`//button[contains(., "Đăng nhập")]`), text("đã được dùng hoặc đã hết hạn"))
	run("still signed in", chromedp.Navigate(base+"/console/"), text("Thông báo gần đây"))

	run("compose a notice to two units", chromedp.Navigate(base+"/console/notices/new"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=text]`), "Kiểm tra liên lạc qua bảng quản trị"),
		clickXPath(`//input[@name="unit"][@value="minh-thang"]`), clickXPath(`//input[@name="unit"][@value="hung-long"]`),
		chromedp.WaitVisible(chromedp.Search(`//b[@id="recipient-count"][text()="3"]`)),
		clickXPath(`//button[@value="preview"]`), text("sẽ gửi cho 3 người nhận"))
	run("show the preview", chromedp.ScrollIntoView(chromedp.CSS(`.preview`)))
	screenshot(t, browser, "console-compose")
	run("send it and watch it reach sent", clickXPath(`//button[@value="send"]`), text("Theo đơn vị"),
		chromedp.WaitVisible(chromedp.Search(`//span[@data-count="sent"][text()="3"]`)))
	got := h.fake.WaitText(t, 503, "Kiểm tra liên lạc qua bảng quản trị")
	h.press(tgfake.User{ID: 503, FirstName: "Trần"}, got, "Đã nhận")
	run("the acknowledgement arrives on the page", chromedp.WaitVisible(chromedp.Search(`//span[@data-count="acknowledged"][text()="1"]`)))
	var noticePath string
	if loc, err := chromedp.Run(browser, chromedp.Location()); err != nil {
		t.Fatal(err)
	} else {
		u, _ := url.Parse(loc)
		noticePath = u.Path
	}
	run("the acknowledgement time shows per person", chromedp.Navigate(base+noticePath), text("Trần Văn C"))
	screenshot(t, browser, "console-notice")
	csv, err := chromedp.Run(browser, chromedp.Evaluate[string](fmt.Sprintf(`fetch(%q).then(r => r.text())`, noticePath+"/csv"), chromedp.EvalAwaitPromise))
	if err != nil || !strings.Contains(csv, "Trần Văn C") {
		t.Fatalf("the report CSV: %v\n%s", err, csv)
	}
	book, err := chromedp.Run(browser, chromedp.Evaluate[string](fmt.Sprintf(`fetch(%q).then(r => r.headers.get("content-disposition"))`, noticePath+"/xlsx"), chromedp.EvalAwaitPromise))
	if err != nil || !strings.Contains(book, ".xlsx") {
		t.Fatalf("the report as Excel: %v %q", err, book)
	}
	run("remind those who have not acknowledged", clickXPath(`//button[contains(., "Nhắc lại người chưa xác nhận")]`),
		text("Đã gửi nhắc lại cho 2 người chưa xác nhận"))
	h.fake.WaitText(t, 501, "Nhắc lại Thông báo số 1")

	newcomer := tgfake.User{ID: 601, FirstName: "Võ", LastName: "Minh Tuấn"}
	h.register(newcomer)
	run("approve the registration", chromedp.Navigate(base+"/console/members"), text("Võ Minh Tuấn"),
		clickXPath(`//input[@name="chat"][@value="601"]`), clickXPath(`//button[@value="approve"]`), text("Đã xử lý 1 đăng ký"))
	h.fake.WaitText(t, newcomer.ID, "đã được duyệt")
	if m, _ := h.member(newcomer.ID); m.Status != "active" {
		t.Fatalf("after approval in the console: %+v", m)
	}

	dir := t.TempDir()
	bad, good := filepath.Join(dir, "sai.csv"), filepath.Join(dir, "dung.csv")
	os.WriteFile(bad, []byte("\ufeffchat_id;name;unit;role\r\n701;Đỗ Văn D;minh-thang/chqs;officer\r\n702;Hồ Văn E;khong-co;officer\r\n"), 0o600)
	os.WriteFile(good, []byte("\ufeffchat_id;name;unit;role\r\n701;Đỗ Văn D;minh-thang/chqs;officer\r\n702;Hồ Văn E;hung-long/cong-an;officer\r\n"), 0o600)
	run("a members file with a bad line stores nothing", chromedp.Navigate(base+"/console/members"),
		chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{bad}), clickXPath(`//button[contains(., "Nhập")]`),
		text("dòng 3"), chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{good}), clickXPath(`//button[contains(., "Nhập")]`),
		text("Đã nhập 2 dòng từ dung.csv"))
	if m, ok := h.member(702); !ok || m.Unit != "hung-long/cong-an" {
		t.Fatalf("after importing: %+v", m)
	}
	run("an invite with its QR code", chromedp.SetValue(chromedp.CSS(`select[name=unit]`), "minh-thang/dan-quan"),
		chromedp.SetValue(chromedp.CSS(`select[name=role]`), "militia"), clickXPath(`//button[contains(., "Tạo mã mời")]`),
		chromedp.WaitVisible(chromedp.CSS(`img.qr`)))
	invite, err := chromedp.Run(browser, chromedp.Text(chromedp.CSS(`#invite-link`)))
	if err != nil {
		t.Fatal(err)
	}
	inviteCode := invite[strings.Index(invite, "start=")+len("start="):]
	joiner := tgfake.User{ID: 801, FirstName: "Mai", LastName: "Văn G"}
	h.fake.SendText(joiner, tgfake.Private(joiner), "/start "+inviteCode)
	h.fake.WaitText(t, joiner.ID, "bằng mã mời")

	start := time.Now().Add(72*time.Hour).In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02") + " 07:30"
	run("create an event", chromedp.Navigate(base+"/console/events"),
		chromedp.SendKeys(chromedp.CSS(`input[name=title]`), "Diễn tập chiến đấu phòng thủ xã Minh Thắng"),
		chromedp.SendKeys(chromedp.CSS(`input[name=start]`), start),
		chromedp.SendKeys(chromedp.CSS(`input[name=offsets]`), "1d,2h"),
		clickXPath(`//form[@action="/console/events"]//button[@type="submit"]`),
		chromedp.WaitVisible(chromedp.Search(`//tr[contains(., "Diễn tập chiến đấu phòng thủ xã Minh Thắng")][contains(., "1d, 2h")]`)))
	if out, _ := h.cli("events", "list"); !strings.Contains(out, "Diễn tập chiến đấu phòng thủ xã Minh Thắng") {
		t.Fatalf("the event is not scheduled:\n%s", out)
	}
	// The events page has a place field of its own (the add form): wait for the edit form's,
	// or the value may go to the page being left.
	editPlace := chromedp.CSS(`form[action^="/console/events/"] input[name=place]`)
	run("edit the event's place", clickXPath(`//tr[contains(., "Diễn tập chiến đấu phòng thủ xã Minh Thắng")]//a[contains(., "Sửa")]`),
		chromedp.WaitVisible(editPlace), chromedp.SetValue(editPlace, "Hội trường UBND xã Minh Thắng"), clickXPath(`//button[contains(., "Lưu")]`),
		text("Đã lưu «Diễn tập chiến đấu phòng thủ xã Minh Thắng»"),
		chromedp.WaitVisible(chromedp.Search(`//tr[contains(., "Diễn tập chiến đấu phòng thủ xã Minh Thắng")][contains(., "Hội trường UBND xã Minh Thắng")]`)))
	if out, code := h.cli("reminders", "add", "--name", "Giao ban đầu tuần", "--rule", "0 7 * * 1", "--message", "Giao ban lúc 7h30", "--all"); code != 0 {
		t.Fatal(out)
	}
	month := time.Now().Add(72 * time.Hour).In(time.FixedZone("ICT", 7*3600)).Format("2006-01")
	run("a recurring reminder shows its next times and pauses", chromedp.Navigate(base+"/console/events?month="+month),
		chromedp.WaitVisible(chromedp.Search(`//table[contains(@class, "calendar")]//div[contains(., "Diễn tập chiến đấu phòng thủ")]`)),
		chromedp.WaitVisible(chromedp.Search(`//tr[contains(., "Giao ban đầu tuần")][contains(., "7h ")]`)))
	screenshot(t, browser, "console-events")
	run("pause it", clickXPath(`//tr[contains(., "Giao ban đầu tuần")]//button[contains(., "Tạm dừng")]`),
		chromedp.WaitVisible(chromedp.Search(`//tr[contains(., "Giao ban đầu tuần")]//button[contains(., "Tiếp tục")]`)))
	if out, _ := h.cli("reminders", "list", "--json"); !strings.Contains(out, `"paused": true`) {
		t.Fatalf("the rule is not paused:\n%s", out)
	}
	run("the overview", chromedp.Navigate(base+"/console/"), text("Kiểm tra liên lạc qua bảng quản trị"), text("Tin gửi mỗi giây"))
	screenshot(t, browser, "console-overview")
	drill := `//tr[contains(., "Diễn tập chiến đấu phòng thủ xã Minh Thắng")]`
	run("cancel the event", chromedp.Navigate(base+"/console/events"), clickXPath(drill+`//input[@name="confirm"]`),
		clickXPath(drill+`//button[contains(., "Hủy")]`), text("Đã hủy «Diễn tập chiến đấu phòng thủ xã Minh Thắng»"))
	if out, _ := h.cli("events", "list"); strings.Contains(out, "Diễn tập chiến đấu phòng thủ xã Minh Thắng") {
		t.Fatalf("the cancelled event is still listed:\n%s", out)
	}

	run("the directory filters by unit", chromedp.Navigate(base+"/console/directory?unit=hung-long"), text("Lê Thị B"))
	if page, err := chromedp.Run(browser, chromedp.Text(chromedp.CSS(`main`))); err != nil || strings.Contains(page, "Trần Văn C") {
		t.Fatalf("the directory filtered to Phường Hưng Long shows others: %v\n%s", err, page)
	}
	run("the directory filters by topic", chromedp.Navigate(base+"/console/directory?topic=dien-tap"), text("Trần Văn C"))
	if out, code := h.cli("documents", "add", "--send", "../../documents/testdata/ke-hoach-45.txt"); code != 0 {
		t.Fatal(out)
	}
	run("a sent document's tasks per unit", chromedp.Navigate(base+"/console/documents"),
		clickXPath(`//a[contains(., "Kế hoạch số 45/KH-UBND")]`),
		chromedp.WaitVisible(chromedp.Search(`//table[@id="document-tasks"]//tr[td[1]="Công an thị xã"][contains(., "Quá hạn")]`)))
	screenshot(t, browser, "console-document")
	run("the unit tree counts members", chromedp.Navigate(base+"/console/units"),
		chromedp.WaitVisible(chromedp.Search(`//tr[td[1][contains(., "Trung đội dân quân xã Minh Thắng")]][td[2]="2"]`))) // 503 and the one who joined by invite
	if out, code := h.cli("ingest", "--quiet", corpusDir+"chonthanh-2024-09-05-gdqp-an.txt"); code != 0 {
		t.Fatal(out)
	}
	run("an article with its directives", chromedp.Navigate(base+"/console/news"), clickXPath(`//a[contains(., "Hội đồng Giáo dục quốc phòng")]`),
		text("Chỉ đạo, nhiệm vụ"), text("Ban CHQS thị xã"))
	future := filepath.Join(t.TempDir(), "dien-tap-2027.txt")
	os.WriteFile(future, []byte("Chơn Thành: Chuẩn bị diễn tập khu vực phòng thủ năm 2027\nNgày 20/11/2026\nNgày 15/3/2027, Ban CHQS thị xã tổ chức diễn tập khu vực phòng thủ tại xã Minh Thắng.\n"), 0o600)
	if out, code := h.cli("ingest", "--quiet", future); code != 0 {
		t.Fatal(out)
	}
	run("an event found in an article becomes reminders", chromedp.Navigate(base+"/console/events"),
		clickXPath(`//tr[contains(., "diễn tập khu vực phòng thủ")]//button[contains(., "Lập lịch nhắc")]`),
		text("Đã lập lịch nhắc «Diễn tập khu vực phòng thủ» lúc 7h30 15/03/2027"))
	run("English", clickXPath(`//a[contains(@class, "lang")]`), text("Unit"), clickXPath(`//a[contains(@class, "lang")]`), text("Đơn vị"))

	run("cancelling asks for confirmation", chromedp.Navigate(base+noticePath), clickXPath(`//button[contains(., "Hủy thông báo này")]`),
		text("Hãy đánh dấu ô xác nhận"))
	run("cancel the notice", clickXPath(`//input[@name="confirm"]`), clickXPath(`//button[contains(., "Hủy thông báo này")]`),
		text("Đã hủy"))
	h.fake.WaitText(t, 502, "Hủy Thông báo số 1")

	if status := fetchStatus(t, browser, "POST", "/console/notices", url.Values{"text": {"không có mã CSRF"}, "unit": {"minh-thang"}, "step": {"send"}}); status != http.StatusForbidden {
		t.Fatalf("a form without its CSRF token: status %d, want 403", status)
	}

	// The leader of Ban CHQS phường Hưng Long reaches Phường Hưng Long only.
	run("sign out", clickXPath(`//button[contains(., "Đăng xuất")]`), text("Đăng nhập bảng quản trị"))
	out, code := h.cli("web", "link", "--user", "502")
	if code != 0 {
		t.Fatal(out)
	}
	leaderLink := strings.Replace(strings.TrimSpace(out), "127.0.0.1:0", h.app.Addr, 1)
	run("the leader signs in", chromedp.Navigate(leaderLink), clickXPath(`//button[contains(., "Đăng nhập")]`), text("Phường Hưng Long"))
	run("another unit's notice is refused", chromedp.Navigate(base+noticePath), text("không có quyền"))
	csrf, err := chromedp.Run(browser, chromedp.Value(chromedp.CSS(`input[name=csrf]`)))
	if err != nil {
		t.Fatal(err)
	}
	if status := fetchStatus(t, browser, "POST", "/console/notices", url.Values{"csrf": {csrf}, "text": {"giả mạo"}, "unit": {"minh-thang"}, "step": {"send"}}); status != http.StatusForbidden {
		t.Fatalf("a leader posting to another unit by a forged request: status %d, want 403", status)
	}
	if status := fetchStatus(t, browser, "GET", noticePath+"/counts", nil); status != http.StatusForbidden {
		t.Fatalf("another unit's live counts: status %d, want 403", status)
	}
	if status := fetchStatus(t, browser, "POST", "/console/directory/block", url.Values{"csrf": {csrf}, "chat": {"503"}}); status != http.StatusForbidden {
		t.Fatalf("a leader blocking a member of another commune: status %d, want 403", status)
	}
	if m, _ := h.member(503); m.Status != "active" {
		t.Fatalf("the member outside the leader's scope was changed: %+v", m)
	}
	if n := h.count("notices"); n != 3+13 { // the notice, its reminder, its cancellation, and the plan to 13 units
		t.Fatalf("a refused request stored a notice: %d notices", n)
	}

	// A Mini App's initData signed with another token is refused; one signed with ours works.
	if status := postInitData(t, base, initData(502, time.Now(), "999:forged-token")); status != http.StatusUnauthorized {
		t.Fatalf("forged initData: status %d, want 401", status)
	}
	if status := postInitData(t, base, initData(502, time.Now().Add(-2*time.Hour), testToken)); status != http.StatusUnauthorized {
		t.Fatalf("stale initData: status %d, want 401", status)
	}
	valid := initData(502, time.Now(), testToken)
	if status := postInitData(t, base, valid); status != http.StatusSeeOther {
		t.Fatalf("valid initData: status %d, want 303", status)
	}
	if status := postInitData(t, base, valid); status != http.StatusUnauthorized {
		t.Fatalf("replayed initData: status %d, want 401", status)
	}
}

// initData signs a Mini App's initData for a user as Telegram does.
func initData(userID int64, at time.Time, token string) string {
	v := url.Values{"auth_date": {strconv.FormatInt(at.Unix(), 10)}, "query_id": {"AAH"},
		"user": {fmt.Sprintf(`{"id":%d,"first_name":"Lê"}`, userID)}}
	check := "auth_date=" + v.Get("auth_date") + "\nquery_id=" + v.Get("query_id") + "\nuser=" + v.Get("user")
	secret := hmac.New(sha256.New, []byte("WebAppData"))
	secret.Write([]byte(token))
	mac := hmac.New(sha256.New, secret.Sum(nil))
	mac.Write([]byte(check))
	v.Set("hash", hex.EncodeToString(mac.Sum(nil)))
	return v.Encode()
}

func postInitData(t *testing.T, base, data string) int {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(base+"/console/app", url.Values{"init_data": {data}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestWebCommandOffersTheMiniApp: with an https public address, /web also carries the
// "🖥 Quản trị" button that opens the console inside Telegram; a member who is neither an
// administrator nor a leader gets no link.
func TestWebCommandOffersTheMiniApp(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", map[string]string{"LOA_HTTP_PUBLIC_URL": "https://loa.example.gov.vn"})
	h.importMembers("503,Trần Văn C,minh-thang/dan-quan,militia,dien-tap\n")
	h.fake.SendText(adminUser, tgfake.Private(adminUser), "/quantri")
	msg := h.fake.WaitText(t, adminUser.ID, "https://loa.example.gov.vn/console/signin?token=")
	b, ok := msg.Button("Quản trị")
	if !ok || b.WebApp == nil || b.WebApp.URL != "https://loa.example.gov.vn/console/app" {
		t.Fatalf("no Mini App button: %+v", msg.Buttons)
	}
	militia := tgfake.User{ID: 503, FirstName: "Trần"}
	h.fake.SendText(militia, tgfake.Private(militia), "/web")
	if got := h.fake.WaitText(t, militia.ID, "dành cho quản trị viên"); strings.Contains(got.Text, "token=") {
		t.Fatalf("a militia member got a sign-in link: %q", got.Text)
	}
}

// TestConsolePollsASourceNow: "Lấy tin ngay" polls a configured portal at once, and the
// article it stored is listed.
func TestConsolePollsASourceNow(t *testing.T) {
	t.Parallel()
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Cổng TTĐT</title>
<item><title>Ra quân huấn luyện dân quân tự vệ năm 2026</title><link>%s/bai/1</link><guid>bai-1</guid>
<pubDate>%s</pubDate><description>Ban CHQS thị xã tổ chức ra quân huấn luyện dân quân tự vệ năm 2026.</description></item>
</channel></rss>`, "http://"+r.Host, time.Now().Format(time.RFC1123Z))
	}))
	defer feed.Close()
	h := newHarnessConfig(t, "sqlite", nil, fmt.Sprintf("sources:\n  - name: Cổng TTĐT thị xã\n    kind: rss\n    url: %s/rss\n    schedule: \"0 0 1 1 *\"\n", feed.URL))
	browser := newBrowser(t)
	out, code := h.cli("web", "link", "--user", "900")
	if code != 0 {
		t.Fatal(out)
	}
	link := strings.Replace(strings.TrimSpace(out), "127.0.0.1:0", h.app.Addr, 1)
	if err := chromedp.Do(browser, chromedp.Navigate(link), clickXPath(`//button[contains(., "Đăng nhập")]`), text("Thông báo gần đây"),
		chromedp.Navigate("http://"+h.app.Addr+"/console/news"), clickXPath(`//button[contains(., "Lấy tin ngay")]`),
		text("Cổng TTĐT thị xã: đã lưu 1 bài mới"), text("Ra quân huấn luyện dân quân tự vệ năm 2026")); err != nil {
		t.Fatal(err)
	}
}

// TestConsoleNoticeWithAttachment: a document chosen in the compose form is uploaded to
// Telegram once, shown in the preview, and reaches the recipients with the text as caption.
func TestConsoleNoticeWithAttachment(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importMembers("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap\n")
	browser := newBrowser(t)
	doc := filepath.Join(t.TempDir(), "ke-hoach-dien-tap.pdf")
	os.WriteFile(doc, []byte("%PDF-1.4 kế hoạch diễn tập"), 0o600)
	out, code := h.cli("web", "link", "--user", "900")
	if code != 0 {
		t.Fatal(out)
	}
	base := "http://" + h.app.Addr
	if err := chromedp.Do(browser, chromedp.Navigate(strings.Replace(strings.TrimSpace(out), "127.0.0.1:0", h.app.Addr, 1)),
		clickXPath(`//button[contains(., "Đăng nhập")]`), text("Thông báo gần đây"),
		chromedp.Navigate(base+"/console/notices/new"), chromedp.SendKeys(chromedp.CSS(`textarea[name=text]`), "Gửi kế hoạch diễn tập"),
		clickXPath(`//input[@name="unit"][@value="minh-thang"]`), chromedp.SetUploadFiles(chromedp.CSS(`input[name=attachment]`), []string{doc}),
		clickXPath(`//button[@value="preview"]`), text("📎 ke-hoach-dien-tap.pdf"), clickXPath(`//button[@value="send"]`), text("Theo đơn vị")); err != nil {
		t.Fatal(err)
	}
	got := h.fake.WaitMessage(t, 501, "the notice as a document", func(m tgfake.Message) bool { return m.Method == "sendDocument" })
	if !strings.Contains(got.Text, "Gửi kế hoạch diễn tập") || got.FileID == "" {
		t.Fatalf("the notice: %+v", got)
	}
	if uploads := h.fake.Calls("sendDocument"); uploads != 2 { // once into the composer's chat, once to the recipient
		t.Fatalf("%d sendDocument calls, want 2 (the upload is not repeated)", uploads)
	}
}

// TestConsoleSlowsRepeatedFailedSignIns: after a few spent or made-up links from one address,
// the next attempts are refused with 429 (the console's own tests show a valid link refused
// too while the address waits).
func TestConsoleSlowsRepeatedFailedSignIns(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	var statuses []int
	for i := range 12 {
		resp, err := http.PostForm("http://"+h.app.Addr+"/console/signin", url.Values{"token": {fmt.Sprint("doan-bua-", i)}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		statuses = append(statuses, resp.StatusCode)
	}
	// The free failures are answered 401 whatever the time; after them the delay doubles
	// with each failure, so the rest cannot all come after their delays.
	free := throttle.DefaultFree + 1
	if slices.ContainsFunc(statuses[:free], func(s int) bool { return s != http.StatusUnauthorized }) ||
		!slices.Contains(statuses[free:], http.StatusTooManyRequests) {
		t.Fatalf("answers to 12 made-up links: %v, want %d × 401 then 429s", statuses, free)
	}
}
