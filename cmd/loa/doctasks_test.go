package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/scheduler"
	"github.com/loa-vn/loa/tgfake"
)

// planPDF prints a plan dated today, whose one task for Ban CHQS xã Minh Thắng is due in three
// days, to PDF with Chromium, as an office's word processor would.
func planPDF(t *testing.T, today, due time.Time) []byte {
	t.Helper()
	lines := []string{"ỦY BAN NHÂN DÂN THỊ XÃ CHƠN THÀNH", "Số: 52/KH-UBND",
		fmt.Sprintf("Chơn Thành, ngày %d tháng %d năm %d", today.Day(), today.Month(), today.Year()),
		"KẾ HOẠCH", "Kiểm tra sẵn sàng chiến đấu", "III. TỔ CHỨC THỰC HIỆN", "1. Ban CHQS xã Minh Thắng:",
		fmt.Sprintf("- Rà soát quân số dân quân, hoàn thành trước ngày %d/%d/%d.", due.Day(), due.Month(), due.Year()),
		"2. Hội Cựu chiến binh thị xã:", "- Phối hợp tuyên truyền.", "Nơi nhận:", "- Như mục III;", "- Lưu: VT."}
	var b strings.Builder
	b.WriteString(`<!doctype html><meta charset="utf-8"><style>body{font-family:"DejaVu Serif";font-size:13pt}p{margin:.2em 0}</style>`)
	for _, l := range lines {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(l))
	}
	page := filepath.Join(t.TempDir(), "ke-hoach-52.html")
	if err := os.WriteFile(page, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	browser := newBrowser(t)
	if err := chromedp.Do(browser, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatalf("open the plan: %v", err)
	}
	pdf, err := chromedp.Run(browser, chromedp.PrintToPDF())
	if err != nil {
		t.Fatalf("print the plan: %v", err)
	}
	return pdf
}

// A plan sent to the bot as a PDF goes, after its preview, to the unit it names: the file, the
// unit's task and "✅ Đã nhận". A member acknowledges; the day before the deadline the unit is
// reminded (the scheduler driven on a clock of the test's, on the service's database); the
// leader marks the task done; the console's table shows all of it.
func TestDocumentTasksEndToEnd(t *testing.T) {
	t.Parallel()
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh") // the configured time zone, by default
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().In(hcm)
	due := today.AddDate(0, 0, 3)
	pdf := planPDF(t, today, due)
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		members := filepath.Join(t.TempDir(), "m.csv")
		os.WriteFile(members, []byte("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap\n503,Trần Văn C,minh-thang/chqs,militia,dien-tap\n"), 0o600)
		if out, code := h.cli("members", "import", members); code != 0 {
			t.Fatal(out)
		}
		cfg, err := config.Load(h.configPath(), h.getenv, true)
		if err != nil {
			t.Fatal(err)
		}

		admin := tgfake.Private(adminUser)
		h.fake.SendDocument(adminUser, admin, "ke-hoach-52.pdf", "application/pdf", pdf, "")
		preview := h.fake.WaitText(t, adminUser.ID, "Kế hoạch số 52/KH-UBND", "Ban CHQS xã Minh Thắng → Ban CHQS xã Minh Thắng")
		h.press(adminUser, preview, "📤 Gửi")
		h.fake.WaitText(t, adminUser.ID, "📤 Đã gửi Kế hoạch số 52/KH-UBND", "tới 1 đơn vị", "Hội Cựu chiến binh thị xã")

		dueText := fmt.Sprintf("trước %d/%d/%d", due.Day(), due.Month(), due.Year())
		got := h.fake.WaitMessage(t, official.ID, "the plan as a document", func(m tgfake.Message) bool { return m.Method == "sendDocument" })
		if got.FileID == "" || !strings.Contains(got.Text, "Nhiệm vụ của đơn vị đồng chí:") || !strings.Contains(got.Text, dueText) {
			t.Fatalf("the unit's copy: %+v", got)
		}
		h.fake.WaitMessage(t, 503, "the militiaman's copy", func(m tgfake.Message) bool { return m.Method == "sendDocument" })
		h.press(official, got, "✅ Đã nhận")

		// The scheduler of a second process, on a clock at 7h00 the day before the deadline.
		at := time.Date(due.Year(), due.Month(), due.Day()-1, 7, 0, 30, 0, cfg.Location)
		log := slog.New(slog.DiscardHandler)
		docs := newDocuments(h.app.DB, notices.New(h.app.DB, notices.Options{}), cfg, log)
		sched := scheduler.New(h.app.DB, scheduler.Options{Location: cfg.Location, Now: func() time.Time { return at }, Worker: "test",
			Logger: log, Writers: map[string]scheduler.Writer{documents.TasksPrefix: docs, documents.OverduePrefix: docs}})
		if _, err := sched.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		h.app.Dispatcher.Wake()
		h.fake.WaitText(t, official.ID, "⏰ <b>Nhắc hạn nhiệm vụ của đơn vị đồng chí</b>", "Rà soát quân số dân quân", "(còn 1 ngày) — văn bản 52/KH-UBND")
		if _, err := sched.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}

		if a := h.press(tgfake.User{ID: 503, FirstName: "Trần"}, h.current(got), "✔ Xong nhiệm vụ 1"); !strings.Contains(a.Text, "Chỉ chỉ huy đơn vị") {
			t.Fatalf("a militiaman marked the task done: %+v", a)
		}
		h.press(official, h.current(got), "✔ Xong nhiệm vụ 1")
		h.fake.WaitText(t, official.ID, "Đã ghi hoàn thành: «Rà soát quân số dân quân")

		page := consolePage(t, h, "/console/documents/1")
		for _, want := range []string{"<td>Ban CHQS xã Minh Thắng</td>", "<td>2/2</td>", "<td>1</td>", "1. Rà soát quân số dân quân",
			"✅ Đã hoàn thành", "Không gửi cho (chưa khớp đơn vị nào): Hội Cựu chiến binh thị xã"} {
			if !strings.Contains(page, want) {
				t.Errorf("the console's page lacks %q:\n%s", want, page)
			}
		}
		if n := strings.Count(strings.Join(textsOf(h.fake.Messages(official.ID)), "\n"), "Nhắc hạn nhiệm vụ"); n != 1 {
			t.Errorf("the official was reminded %d times, want once", n)
		}
	})
}

func textsOf(msgs []tgfake.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Text
	}
	return out
}

// consolePage signs the administrator in to the console by a link and reads a page.
func consolePage(t *testing.T, h *harness, path string) string {
	t.Helper()
	out, code := h.cli("web", "link", "--user", "900")
	if code != 0 {
		t.Fatal(out)
	}
	link, err := url.Parse(strings.TrimSpace(out))
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	base := "http://" + h.app.Addr
	resp, err := client.PostForm(base+"/console/signin", url.Values{"token": {link.Query().Get("token")}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = client.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, resp.StatusCode, body)
	}
	return string(body)
}
