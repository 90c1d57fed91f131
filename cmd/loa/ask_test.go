package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

func TestAskInTelegramAndOnTheCommandLine(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		members := filepath.Join(t.TempDir(), "m.csv")
		os.WriteFile(members, []byte("501,Nguyễn Văn A,minh-thang/chqs,leader,chi-dao\n"), 0o600)
		if out, code := h.cli("members", "import", members); code != 0 {
			t.Fatal(out)
		}
		files, _ := filepath.Glob(corpusDir + "*.txt")
		if out, code := h.cli(append([]string{"ingest"}, files...)...); code != 0 {
			t.Fatal(out)
		}
		out, code := h.cli("ask", "--json", "ban chqs thi xa phai lam gi")
		var res struct {
			Question string `json:"question"`
			Answers  []struct {
				Text      string  `json:"text"`
				Addressee string  `json:"addressee"`
				Score     float64 `json:"score"`
				Article   struct {
					Title, URL, Published string
				} `json:"article"`
			} `json:"answers"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
			t.Fatalf("ask --json (exit %d): %v\n%s", code, err, out)
		}
		if len(res.Answers) != 5 || res.Answers[0].Addressee != "Ban CHQS thị xã" || res.Answers[0].Article.URL == "" || res.Answers[0].Score <= 0 {
			t.Fatalf("ask --json: %s", out)
		}
		chat := tgfake.Private(official)
		// Plain text from a registered member is a question.
		h.fake.SendText(official, chat, "dien tap o xa nao?")
		first := h.fake.WaitText(t, official.ID, "🔎", "chỉ đạo xã Minh Thắng, Quang Minh", "Chủ tịch UBND thị xã Hà Duy Đạt", "25/03/2024")
		h.fake.SendText(official, chat, "/hoi Ban CHQS phải làm gì?")
		page := h.fake.WaitText(t, official.ID, "Ban CHQS phải làm gì", "<b>1. Ban CHQS thị xã</b>")
		// Three answers fit a phone: the items of one article under its title once, long items cut.
		if n := len([]rune(tgfake.PlainText(page.Text))); n > 1500 || strings.Count(page.Text, "Hội nghị tổng kết công tác quốc phòng địa phương") != 1 {
			t.Fatalf("a reply of %d characters, or an article's title repeated:\n%s", n, page.Text)
		}
		if _, ok := page.Button("Xem thêm"); !ok {
			t.Fatalf("no 'Xem thêm' on a page with more answers: %q", page.Text)
		}
		h.press(official, page, "Xem thêm")
		h.fake.WaitText(t, official.ID, "<b>4. ") // three a page: the next page starts at 4
		// A fact is answered with the sentence that holds it, quoted with its article's date.
		h.fake.SendText(official, chat, "ai chu tri hoi nghi tong ket?")
		h.fake.WaitText(t, official.ID, "<b>1. Trích bài viết</b>", "«Ông Hà Duy Đạt – Chủ tịch UBND thị xã chủ trì hội nghị.»", "25/03/2024")
		h.fake.SendText(official, chat, "/hoi xyzzy")
		h.fake.WaitText(t, official.ID, "Không tìm thấy chỉ đạo khớp với «xyzzy»")
		// An off-topic question sharing common words with the directives finds nothing; said
		// in full once, then in one short line.
		h.fake.SendText(official, chat, "giá vàng hôm nay")
		h.fake.WaitText(t, official.ID, "Cũng không tìm thấy «giá vàng hôm nay»")
		h.fake.SendText(official, chat, "Cảm ơn đồng chí!")
		h.fake.WaitText(t, official.ID, "Dạ, không có gì ạ.")
		// When and where: from the events the articles name, before any directive item.
		h.fake.SendText(official, chat, "khi nào giao nhận quân?")
		when := h.fake.WaitText(t, official.ID, "🗓 Lịch: <b>", "14/02/2025", "Quảng trường Trung tâm hành chính thị xã")
		if strings.Index(when.Text, "🗓 Lịch") > strings.Index(when.Text+"<b>1. ", "<b>1. ") {
			t.Fatalf("the event does not come first: %q", when.Text)
		}
		if strings.Contains(first.Text, "<script") {
			t.Fatal("unescaped text")
		}
	})
}
