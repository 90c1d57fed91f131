package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/tgfake"
)

func TestReminderReachesTheSubscriber(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		members := filepath.Join(t.TempDir(), "m.csv")
		os.WriteFile(members, []byte("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap\n502,Lê B,minh-thang/chqs,leader,tuyen-quan\n"), 0o600)
		if out, code := h.cli("members", "import", members); code != 0 {
			t.Fatal(out)
		}
		loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
		// Twenty minutes ahead, the 30-minute reminder is already past: the real scheduler of loa
		// serve sends one at once, saying when the event starts, however long the command took.
		start := time.Now().Add(20 * time.Minute).In(loc).Format("2006-01-02 15:04:05")
		out, code := h.cli("events", "add", "--kind", "drill", "--title", "Diễn tập <KVPT>", "--start", start, "--offsets", "30m",
			"--place", "xã Minh Thắng", "--topic", "dien-tap")
		if code != 0 {
			t.Fatal(out)
		}
		h.fake.WaitText(t, official.ID, "⏰ <b>Nhắc lịch: Diễn tập &lt;KVPT&gt;</b>", "Sự kiện bắt đầu lúc", "📍 xã Minh Thắng")
		h.fake.SendText(official, tgfake.Private(official), "/lich")
		lich := h.fake.WaitText(t, official.ID, "Lịch sắp tới", "Diễn tập &lt;KVPT&gt;", "/calendar/501-")
		// The private link /lich gives opens as a calendar holding the event.
		feedURL := regexp.MustCompile(`http://\S+\.ics`).FindString(lich.Text)
		resp, err := http.Get(feedURL)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "SUMMARY:Diễn tập <KVPT>") || !strings.Contains(string(body), "BEGIN:VALARM") {
			t.Fatalf("GET %s: %d\n%s", feedURL, resp.StatusCode, body)
		}
		h.fake.SendText(other, tgfake.Private(other), "/events")
		h.fake.WaitText(t, other.ID, "Chưa có lịch sắp tới")
		if out, code := h.cli("reminders", "add", "--rule", "0 25 * * *", "--message", "x", "--all"); code != 2 || !strings.Contains(out, "field 2 (hour)") {
			t.Fatalf("invalid rule (exit %d): %s", code, out)
		}
	})
}

func TestAdminSchedulesAnEventFoundInAnArticle(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	text, err := os.ReadFile(corpusDir + "chonthanh-2025-01-20-giao-nhan-quan.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The same meeting, held for a hand-over that is still ahead.
	future := strings.ReplaceAll(string(text), "14/2/2025", "14/2/2099")
	path := filepath.Join(t.TempDir(), "giao-nhan-quan.txt")
	os.WriteFile(path, []byte(future), 0o600)
	if out, code := h.cli("ingest", path); code != 0 {
		t.Fatal(out)
	}
	offer := h.fake.WaitText(t, adminUser.ID, "Bài mới có sự kiện sắp diễn ra", "14/02/2099")
	if strings.Contains(offer.Text, "04/11/2024") {
		t.Fatal("a past event was offered for reminders")
	}
	if a := h.press(other, offer, "Lập lịch nhắc"); !strings.Contains(a.Text, "Chỉ quản trị viên") {
		t.Fatalf("a non-admin scheduled an event: %+v", a)
	}
	// The article gives the day, not the hour: Loa asks instead of choosing one.
	h.press(adminUser, offer, "Lập lịch nhắc")
	h.fake.WaitText(t, adminUser.ID, "Bài viết nêu ngày: 14/02/2099, không nêu giờ", "7h30 14/02/2099")
	h.fake.SendText(adminUser, tgfake.Private(adminUser), "6h30 14/02/2099")
	confirm := h.fake.WaitText(t, adminUser.ID, "Xác nhận sự kiện", "Thứ Bảy 14/02/2099, 6h30", "7 ngày, 1 ngày, sáng hôm đó")
	h.press(adminUser, confirm, "Lưu")
	// A morning reminder cannot come before a 6h30 start: the time is asked again.
	h.fake.WaitText(t, adminUser.ID, "Không lập được lịch nhắc với thời gian này", "phải bắt đầu sau 7h", "nhập lại thời gian bắt đầu")
	h.fake.SendText(adminUser, tgfake.Private(adminUser), "8h 14/02/2099")
	// The reminders that will fire, each in full: a week, a day and the morning before.
	confirm = h.fake.WaitText(t, adminUser.ID, "Xác nhận sự kiện", "Thứ Bảy 14/02/2099, 8h00", "Thứ Bảy 07/02/2099, 8h00",
		"Thứ Sáu 13/02/2099, 8h00", "Thứ Bảy 14/02/2099, 7h00")
	h.press(adminUser, confirm, "Lưu")
	h.waitEdited(confirm, "Đã lập lịch #")
	if a := h.press(adminUser, offer, "Lập lịch nhắc"); !strings.Contains(a.Text, "đã được lập lịch") {
		t.Fatalf("second press: %+v", a)
	}
	out, _ := h.cli("events", "list", "--json")
	var events []struct {
		Kind    string   `json:"kind"`
		Offsets []string `json:"offsets"`
		Link    string   `json:"link"`
	}
	json.Unmarshal([]byte(out), &events)
	// A hand-over's default reminders: 15 days ahead (the call-up orders), 7 days, 1 day, the morning.
	if len(events) != 1 || events[0].Kind != "enlistment" || len(events[0].Offsets) != 4 || !strings.HasPrefix(events[0].Link, "file://") {
		t.Fatalf("events: %s", out)
	}
}

func TestAdminCreatesAnEventInTelegram(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		admin := tgfake.Private(adminUser)
		h.fake.SendText(other, tgfake.Private(other), "/sukien")
		h.fake.WaitText(t, other.ID, "Chỉ quản trị viên Loa")
		// Cancelled half-way: nothing is left.
		h.fake.SendText(adminUser, admin, "/sukien")
		kinds := h.fake.WaitText(t, adminUser.ID, "Chọn loại sự kiện")
		h.press(adminUser, kinds, "Diễn tập")
		h.waitEdited(kinds, "Nhập tên sự kiện")
		h.fake.SendText(adminUser, admin, "/huy")
		h.fake.WaitText(t, adminUser.ID, "Đã hủy")
		if h.count("event_drafts") != 0 {
			t.Fatal("a cancelled event draft was left behind")
		}
		h.fake.SendText(adminUser, admin, "/sukien")
		kinds = h.fake.NextMessageContaining(t, adminUser.ID, "Chọn loại sự kiện")
		h.press(adminUser, kinds, "Hội thi bắn súng")
		h.waitEdited(kinds, "Nhập tên sự kiện")
		h.fake.SendText(adminUser, admin, "Hội thi bắn súng <DQTV> 2099")
		h.fake.WaitText(t, adminUser.ID, "Nhập thời gian bắt đầu")
		h.fake.SendText(adminUser, admin, "2001-01-01 07:00")
		h.fake.WaitText(t, adminUser.ID, "Thứ Hai 01/01/2001, 7h00 đã qua")
		h.fake.SendText(adminUser, admin, "7h30")
		h.fake.WaitText(t, adminUser.ID, "mới có giờ, chưa có ngày")
		h.fake.SendText(adminUser, admin, "2099-05-10 07:30")
		place := h.fake.WaitText(t, adminUser.ID, "Nhập địa điểm")
		h.press(adminUser, place, "Bỏ qua")
		confirm := h.fake.WaitText(t, adminUser.ID, "Xác nhận sự kiện", "Hội thi bắn súng &lt;DQTV&gt; 2099", "Chủ nhật 10/05/2099, 7h30", "Chủ nhật 03/05/2099, 7h30", "Thứ Bảy 09/05/2099, 7h30", "Chủ nhật 10/05/2099, 5h30", "Hội thao, hội thi bắn súng")
		h.press(adminUser, confirm, "Lưu")
		h.waitEdited(confirm, "Đã lập lịch #")
		out, _ := h.cli("events", "list", "--json")
		if !strings.Contains(out, `"kind": "shooting_contest"`) || !strings.Contains(out, "Hội thi bắn súng <DQTV> 2099") {
			t.Fatalf("events: %s", out)
		}
		if h.count("event_drafts") != 0 {
			t.Fatal("the draft was left behind")
		}
	})
}

func TestRemindersAndEventsForNobodyAreRefused(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		start := time.Now().Add(72 * time.Hour).Format("2006-01-02 15:04")
		for _, args := range [][]string{
			{"events", "add", "--kind", "drill", "--title", "Diễn tập", "--start", start, "--topic", "dien-tapp"},
			{"events", "add", "--kind", "drill", "--title", "Diễn tập", "--start", start, "--unit", "xa-khong-co"},
			{"reminders", "add", "--rule", "0 7 * * 1", "--message", "Giao ban", "--unit", "xa-khong-co"},
			{"reminders", "add", "--rule", "0 7 * * 1", "--message", "Giao ban", "--topic", "giao-ban"},
			{"broadcast", "--role", "chief", "--text", "x"},
		} {
			out, code := h.cli(args...)
			if code == 0 || !strings.Contains(out, "does not exist") {
				t.Errorf("%v: exit %d\n%s", args, code, out)
			}
		}
		if n := h.count("events") + h.count("rules") + h.count("notices"); n != 0 {
			t.Fatalf("%d rows stored for audiences that reach nobody", n)
		}
	})
}
