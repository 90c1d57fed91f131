package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

const corpusDir = "../../news/testdata/corpus/"

func TestIngestJSONGivesTheExtraction(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	out, code := h.cli("ingest", "--dry-run", "--json", corpusDir+"chonthanh-2024-03-25-tong-ket-quoc-phong.txt", corpusDir+"chonthanh-2024-05-10-hoi-thi-ban-sung.txt")
	if code != 0 {
		t.Fatal(out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines of JSON for 2 inputs:\n%s", len(lines), out)
	}
	var first struct {
		Title      string   `json:"title"`
		Published  string   `json:"published"`
		URL        string   `json:"url"`
		Topics     []string `json:"topics"`
		Duplicate  *bool    `json:"duplicate"`
		Directives []struct {
			Ordinal   string   `json:"ordinal"`
			Addressee string   `json:"addressee"`
			Items     []string `json:"items"`
		} `json:"directives"`
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Published != "2024-03-25T00:00:00+07:00" || first.Duplicate == nil || *first.Duplicate || len(first.Directives) != 6 ||
		first.Directives[1].Addressee != "Ban CHQS thị xã" || len(first.Directives[1].Items) != 6 || !strings.HasPrefix(first.URL, "file://") {
		t.Fatalf("ingest --json: %s", lines[0])
	}
	for _, e := range first.Events {
		for _, key := range []string{"kind", "title", "date", "year", "places"} {
			if _, ok := e[key]; !ok {
				t.Fatalf("event without %q: %v", key, e)
			}
		}
		// The meeting the article reports is held on its day; what it plans names no day.
		if e["kind"] == "meeting" {
			if e["date"] != "2024-03-25" {
				t.Fatalf("the reported meeting on %v, want 2024-03-25", e["date"])
			}
			continue
		}
		if e["date"] != nil {
			t.Fatalf("the 2024-03-25 events name no day, got %v", e)
		}
	}
	var second map[string]any
	json.Unmarshal([]byte(lines[1]), &second)
	if second["published"] != "2024-05-10T10:25:18+07:00" {
		t.Fatalf("published %v", second["published"])
	}
}

func TestAFileIngestedWithoutAnAddressIsPushedWithoutALink(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importMembers("601,CHQS Minh Thắng,minh-thang/chqs,leader,dien-tap\n")
	if out, code := h.cli("ingest", corpusDir+"chonthanh-2024-03-25-tong-ket-quoc-phong.txt"); code != 0 {
		t.Fatal(out)
	}
	push := h.fake.WaitText(t, 601, "📰 <b>Chơn Thành: Hội nghị tổng kết")
	if strings.Contains(push.Text, "file://") || strings.Contains(push.Text, "Đọc toàn văn") {
		t.Fatalf("a push links to the server's files: %q", push.Text)
	}
}

func TestIngestRefusesABinaryFile(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	bin := filepath.Join(t.TempDir(), "photo.txt")
	os.WriteFile(bin, append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 600)...), 0o600)
	out, code := h.cli("ingest", bin)
	if code == 0 || !strings.Contains(out, "not a text or HTML file") {
		t.Fatalf("ingest of a binary file: exit %d\n%s", code, out)
	}
	if n := h.count("articles"); n != 0 {
		t.Fatalf("%d articles stored from a binary file", n)
	}
}

func TestNewArticleReachesTheRightSubscribersOnly(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		members := filepath.Join(t.TempDir(), "m.csv")
		os.WriteFile(members, []byte(strings.Join([]string{
			"601,CHQS Minh Thắng,minh-thang/chqs,leader,dien-tap",
			"602,Công an thị xã,cong-an-tx,officer,tin-tuc",
			"603,Chỉ theo dõi an ninh,hung-long/ubnd,leader,an-ninh",
			"604,UBND Nha Bích,nha-bich/ubnd,leader,chi-dao",
			"605,Công an Minh Thắng,minh-thang/cong-an,leader,chi-dao",
		}, "\n")), 0o600)
		if out, code := h.cli("members", "import", members); code != 0 {
			t.Fatal(out)
		}
		out, code := h.cli("ingest", "--json", "--url", "https://chonthanh.binhphuoc.gov.vn/tong-ket", corpusDir+"chonthanh-2024-03-25-tong-ket-quoc-phong.txt")
		if code != 0 || !strings.Contains(out, `"duplicate":false`) {
			t.Fatalf("ingest (exit %d): %s", code, out)
		}
		// A commune's Ban CHQS is not given the district's Ban CHQS tasks: the article has none
		// for it, so it reads why it gets the article (a topic it follows).
		chqs := h.fake.WaitText(t, 601, "📰 <b>Chơn Thành: Hội nghị tổng kết", "Thuộc chủ đề đồng chí theo dõi",
			`<a href="https://chonthanh.binhphuoc.gov.vn/tong-ket">Đọc toàn văn</a>`)
		if strings.Contains(chqs.Text, "Xây dựng mạng lưới quân báo") || strings.Contains(chqs.Text, "Chủ động bố trí kinh phí địa phương") {
			t.Errorf("the commune's military command got other units' tasks:\n%s", chqs.Text)
		}
		police := h.fake.WaitText(t, 602, "Nhiệm vụ giao cho đơn vị của đồng chí", "Công an thị xã", "luyện tập các phương án sẵn sàng chiến đấu")
		if strings.Contains(police.Text, "Xây dựng mạng lưới quân báo") {
			t.Error("the police got the military command's tasks highlighted")
		}
		// A commune leader's push: the communes' tasks, short enough for a phone.
		leader := h.fake.WaitText(t, 604, "UBND các xã, phường", "Chủ động bố trí kinh phí địa phương")
		if n := len([]rune(tgfake.PlainText(leader.Text))); n > 800 || strings.Contains(leader.Text, "Ban CHQS thị xã") {
			t.Errorf("the commune leader's push (%d characters) is long or lists the district's tasks:\n%s", n, leader.Text)
		}
		communePolice := h.fake.WaitText(t, 605, "Chơn Thành: Hội nghị tổng kết")
		if strings.Contains(communePolice.Text, "Công an thị xã") || strings.Contains(communePolice.Text, "luyện tập các phương án") {
			t.Errorf("a commune's police got the district police's tasks:\n%s", communePolice.Text)
		}
		// Ingesting the same article again is a duplicate and sends nothing more.
		out, _ = h.cli("ingest", "--json", "--url", "https://chonthanh.binhphuoc.gov.vn/tong-ket", corpusDir+"chonthanh-2024-03-25-tong-ket-quoc-phong.txt")
		if !strings.Contains(out, `"duplicate":true`) {
			t.Fatalf("second ingest: %s", out)
		}
		// No delivery exists for the member who follows no topic of the article.
		var queued int
		if err := h.app.DB.SQL().Get(&queued, `SELECT COUNT(*) FROM deliveries WHERE chat_id = 603`); err != nil || queued != 0 {
			t.Fatalf("%d deliveries for a member who follows no topic of the article (%v)", queued, err)
		}
		if got := h.fake.Messages(603); len(got) != 0 {
			t.Fatalf("a member who follows no topic of the article got %v", got)
		}
		for _, id := range []int64{601, 602, 604, 605} {
			if n := len(h.fake.Messages(id)); n != 1 {
				t.Fatalf("chat %d got %d messages, want exactly 1:\n%s", id, n, h.fake.String(id))
			}
		}
	})
}
