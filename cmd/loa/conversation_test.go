package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/tgfake"
	"github.com/loa-vn/loa/when"
)

var hcmZone, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

// importRows imports members (chat ID, name, unit, role, topics per line) through the CLI.
func (h *harness) importRows(rows string) {
	h.t.Helper()
	path := filepath.Join(h.t.TempDir(), "members.csv")
	os.WriteFile(path, []byte(rows), 0o600)
	if out, code := h.cli("members", "import", path); code != 0 {
		h.t.Fatal(out)
	}
}

// An event 20 minutes ahead has none of its offsets (7 days, 1 day, 2 hours) still ahead: it is
// reminded at once, the confirmation says so, and cancelling it reaches those it reminded.
func TestAnEventTwentyMinutesAheadIsRemindedAndItsCancellationToo(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importRows("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap\n")
	// A malformed year is refused, never read as another date.
	if out, code := h.cli("events", "add", "--kind", "drill", "--title", "X", "--start", "12345-06-07 08:00"); code == 0 || !strings.Contains(out, "year") {
		t.Fatalf("a start in the year 12345 (exit %d): %s", code, out)
	}
	start := time.Now().Add(20 * time.Minute).In(hcmZone).Format("2006-01-02 15:04")
	out, code := h.cli("events", "add", "--kind", "drill", "--title", "Diễn tập PCCC", "--start", start)
	if code != 0 || !strings.Contains(out, "reminder ") || !strings.Contains(out, "(now)") || strings.Count(out, "reminder ") != 1 {
		t.Fatalf("events add (exit %d) promises other reminders than the one at once:\n%s", code, out)
	}
	h.fake.WaitText(t, official.ID, "Nhắc lịch: Diễn tập PCCC", "Sự kiện bắt đầu lúc", "còn ")
	id := regexp.MustCompile(`event (\d+) `).FindStringSubmatch(out)[1]
	if out, code := h.cli("events", "cancel", id); code != 0 {
		t.Fatal(out)
	}
	h.fake.WaitText(t, official.ID, "Hủy lịch: Diễn tập PCCC")
}

// "8h 3/12" typed on 4/12 is yesterday: refused as past, shown back in full with its weekday,
// never read as next year's; the confirmation then lists the reminders that will fire.
func TestAJustPassedDayIsRefusedNotMovedToNextYear(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	admin := tgfake.Private(adminUser)
	h.fake.SendText(adminUser, admin, "/sukien")
	kinds := h.fake.WaitText(t, adminUser.ID, "")
	h.press(adminUser, kinds, "Diễn tập")
	h.waitEdited(kinds, "Nhập tên sự kiện")
	h.fake.SendText(adminUser, admin, "Diễn tập phòng không")
	h.fake.WaitText(t, adminUser.ID, "7h30") // asks for the start with an example

	now := time.Now().In(hcmZone)
	yesterday := time.Date(now.Year(), now.Month(), now.Day()-1, 8, 0, 0, 0, hcmZone)
	h.fake.SendText(adminUser, admin, "8h "+yesterday.Format("2/1"))
	h.fake.WaitText(t, adminUser.ID, when.Long(yesterday, hcmZone, "vi")+" đã qua")

	inThreeDays := time.Date(now.Year(), now.Month(), now.Day()+3, 8, 0, 0, 0, hcmZone)
	h.fake.SendText(adminUser, admin, "8h "+inThreeDays.Format("2/1"))
	h.fake.WaitText(t, adminUser.ID, "Nhập địa điểm")
	h.fake.SendText(adminUser, admin, "Sân vận động")
	// Of 7 days, 1 day and 2 hours before, the two still ahead, each in full.
	confirm := h.fake.WaitText(t, adminUser.ID, "Xác nhận sự kiện", when.Long(inThreeDays, hcmZone, "vi"),
		when.Long(inThreeDays.AddDate(0, 0, -1), hcmZone, "vi"), when.Long(inThreeDays.Add(-2*time.Hour), hcmZone, "vi"))
	if strings.Contains(confirm.Text, when.Long(inThreeDays.AddDate(0, 0, -7), hcmZone, "vi")) {
		t.Fatalf("the confirmation promises a reminder already past:\n%s", confirm.Text)
	}
	h.press(adminUser, confirm, "Lưu")
	if done := h.waitEdited(confirm, "Đã lập lịch"); !strings.Contains(done.Text, "Sẽ nhắc") || !strings.Contains(done.Text, when.Long(inThreeDays.Add(-2*time.Hour), hcmZone, "vi")) {
		t.Fatalf("the saved event lists other reminders:\n%s", done.Text)
	}
}

// /lich in a unit's group lists the unit's events with the group's own calendar feed, which
// opens; never a member's private link.
func TestEventsInAGroupShowTheUnitsOwnCalendar(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importRows("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap\n-100777,Nhóm Ban CHQS xã Minh Thắng,minh-thang/chqs,group,dien-tap\n")
	start := time.Now().Add(72 * time.Hour).In(hcmZone).Format("2006-01-02 15:04")
	if out, code := h.cli("events", "add", "--kind", "drill", "--title", "Diễn tập chiến đấu", "--start", start); code != 0 {
		t.Fatal(out)
	}
	group := tgfake.Chat{ID: -100777, Type: "supergroup", Title: "Nhóm Ban CHQS xã Minh Thắng"}
	h.fake.SendText(official, group, "/lich@loa_test_bot")
	lich := h.fake.WaitText(t, group.ID, "Lịch sắp tới", "Diễn tập chiến đấu", "Lịch chung của đơn vị", "/calendar/-100777-")
	if strings.Contains(lich.Text, "riêng") || strings.Contains(lich.Text, "/calendar/501-") {
		t.Fatalf("a member's private link was posted to the group:\n%s", lich.Text)
	}
	feedURL := regexp.MustCompile(`http://\S+\.ics`).FindString(lich.Text)
	resp, err := http.Get(feedURL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "SUMMARY:Diễn tập chiến đấu") {
		t.Fatalf("GET %s: %d\n%s", feedURL, resp.StatusCode, body)
	}
}
