package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// inChat is an XPath to what a persona's chat column shows.
func inChat(persona, rest string) string {
	return fmt.Sprintf(`//section[@data-persona=%q]%s`, persona, rest)
}

// button is the last button with this text in a persona's chat.
func button(persona, text string) string {
	return inChat(persona, fmt.Sprintf(`//div[contains(@class,"msg")][.//button[contains(., %q)]][last()]//button[contains(., %q)]`, text, text))
}

// said waits until a message in a persona's chat contains text.
func said(persona, text string) step {
	return chromedp.WaitVisible(chromedp.Search(inChat(persona, fmt.Sprintf(`//div[contains(@class,"msg")][contains(., %q)]`, text))))
}

func press(persona, text string) step {
	return clickXPath(button(persona, text))
}

func typeIn(persona, text string) step {
	input := chromedp.Search(inChat(persona, `//form//input`))
	return chromedp.SendKeys(input, text+"\r") // Enter sends, as in Telegram
}

// TestDemoInTheBrowser is what a newcomer does with `loa demo`: register a new official with
// the buttons, approve them as the administrator, send a notice that asks for acknowledgement,
// press "✅ Đã nhận" as the official and see the administrator's report change.
func TestDemoInTheBrowser(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	ctx, stop := context.WithCancel(context.Background())
	d, err := startDemo(ctx, t.TempDir(), "127.0.0.1:0")
	if err != nil {
		stop()
		t.Fatal(err)
	}
	defer func() {
		stop()
		if err := d.finish(); err != nil {
			t.Errorf("stopping the demo: %v", err)
		}
	}()
	failed := func(what string, err error) {
		t.Helper()
		t.Fatalf("%s: %v\nnew official's chat:\n%s\nadministrator's chat:\n%s", what, err, d.Fake.String(504), d.Fake.String(900))
	}
	run := func(what string, steps ...step) {
		t.Helper()
		if err := chromedp.Do(browser, steps...); err != nil {
			failed(what, err)
		}
	}

	run("open the simulator", chromedp.Navigate(d.URL+"#new,admin,militia"),
		chromedp.WaitVisible(chromedp.CSS(`section.chat[data-persona="new"] .empty`)))
	run("register through the buttons", typeIn("new", "/start"), said("new", "Chào mừng"),
		press("new", "Xã Nha Bích"), said("new", "Chọn đơn vị trong"),
		press("new", "Ban CHQS xã Nha Bích"), said("new", "Chọn chức vụ"),
		press("new", "Lãnh đạo, chỉ huy"), said("new", "chờ quản trị viên duyệt"),
		said("admin", "Yêu cầu đăng ký"))
	screenshot(t, browser, "simulator-registration")

	run("approve as the administrator", press("admin", "Duyệt"), said("admin", "Đã duyệt bởi"),
		said("new", "đã được duyệt"), press("new", "Diễn tập"))

	run("compose a notice that asks for acknowledgement", typeIn("admin", "/thongbao"), said("admin", "Nhập nội dung thông báo"),
		typeIn("admin", "Kiểm tra liên lạc: các đồng chí bấm «Đã nhận» trước 17h00 hôm nay."),
		said("admin", "Chọn người nhận"), press("admin", "Diễn tập"),
		chromedp.WaitVisible(chromedp.Search(button("admin", "✅ Diễn tập"))),
		press("admin", "Tiếp ›"), said("admin", "Tùy chọn gửi"), press("admin", "Yêu cầu xác nhận"),
		chromedp.WaitVisible(chromedp.Search(button("admin", "✅ Yêu cầu xác nhận"))),
		press("admin", "Xem trước"), said("admin", "Gửi thông báo trên cho"), press("admin", "Gửi"),
		said("admin", "Đã gửi xong Thông báo số"),
		said("militia", "Kiểm tra liên lạc"), said("new", "Kiểm tra liên lạc"))

	progress, err := chromedp.Run(browser, chromedp.Text(chromedp.Search(inChat("admin", `//div[contains(@class,"msg")][contains(., "Đã gửi xong Thông báo số")]`))))
	if err != nil {
		failed("read the notice's number", err)
	}
	m := regexp.MustCompile(`Thông báo số (\d+)`).FindStringSubmatch(progress)
	if m == nil {
		t.Fatalf("no notice number in %q", progress)
	}
	run("the report before anyone acknowledged", typeIn("admin", "/baocao "+m[1]), said("admin", "0 đã xác nhận"))
	run("acknowledge as the militia member", press("militia", "Đã nhận"),
		chromedp.WaitVisible(chromedp.CSS(`#toast:not([hidden])`)))
	screenshot(t, browser, "simulator-acknowledged")
	run("the report after", typeIn("admin", "/baocao "+m[1]), said("admin", "1 đã xác nhận"))
	screenshot(t, browser, "simulator-report")

	// The report CSV downloads from the chat as a document.
	link := chromedp.Search(inChat("admin", `//a[contains(@class,"file")]`))
	run("download the report CSV", press("admin", "Tải CSV"), chromedp.WaitVisible(link))
	href, err := chromedp.Run(browser, chromedp.AttributeValue(link, "href"))
	if err != nil {
		failed("read the link", err)
	}
	resp, err := httpGet(d.URL + strings.TrimPrefix(href.Value, "/"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resp, "Lê Văn Dũng") {
		t.Fatalf("the downloaded report lacks the member who acknowledged:\n%s", resp)
	}

	// The console opens from the simulator, signed in as the administrator.
	run("the simulator links to the console", chromedp.WaitVisible(chromedp.Search(`//a[@href="/console"][contains(., "Bảng quản trị")]`)))
	if err := chromedp.Do(browser, chromedp.Navigate(d.URL+"console"), clickXPath(`//button[contains(., "Đăng nhập")]`),
		chromedp.WaitVisible(chromedp.Search(`//a[contains(., "Kiểm tra liên lạc")]`))); err != nil {
		failed("the console from the demo", err)
	}
}

// TestDemoCleansUpItsTemporaryFolder: stopping a demo without --dir leaves nothing behind.
func TestDemoCleansUpItsTemporaryFolder(t *testing.T) {
	t.Parallel()
	ctx, stop := context.WithCancel(context.Background())
	d, err := startDemo(ctx, "", "127.0.0.1:0")
	if err != nil {
		stop()
		t.Fatal(err)
	}
	if _, err := os.Stat(d.Dir); err != nil {
		t.Fatalf("the demo's folder is missing while it runs: %v", err)
	}
	page, err := httpGet(d.URL)
	if err != nil || !strings.Contains(page, "Chỉ huy trưởng Ban CHQS xã Nha Bích") {
		t.Fatalf("the simulator page: %v\n%s", err, page)
	}
	stop()
	if err := d.finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(d.Dir); !os.IsNotExist(err) {
		t.Fatalf("the temporary folder %s is still there after the demo stopped (%v)", d.Dir, err)
	}
}

func httpGet(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}
