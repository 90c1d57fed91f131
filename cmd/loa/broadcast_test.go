package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

func (h *harness) importMembers(rows string) {
	h.t.Helper()
	path := filepath.Join(h.t.TempDir(), "m.csv")
	os.WriteFile(path, []byte(rows), 0o600)
	if out, code := h.cli("members", "import", path); code != 0 {
		h.t.Fatal(out)
	}
}

func (h *harness) count(table string) int {
	h.t.Helper()
	var n int
	if err := h.app.DB.SQL().Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
		h.t.Fatal(err)
	}
	return n
}

// compose walks the admin to the options step with a text and the dien-tap topic.
func (h *harness) compose(text string) tgfake.Message {
	h.t.Helper()
	admin := tgfake.Private(adminUser)
	h.fake.SendText(adminUser, admin, "/thongbao")
	h.fake.WaitText(h.t, adminUser.ID, "Nhập nội dung thông báo")
	h.fake.SendText(adminUser, admin, text)
	audience := h.fake.WaitText(h.t, adminUser.ID, "Chọn người nhận", "Hiện có <b>0</b>")
	h.press(adminUser, audience, "Diễn tập")
	audience = h.waitEdited(audience, "Hiện có <b>1</b>")
	h.press(adminUser, audience, "Tiếp ›")
	return h.waitEdited(audience, "Tùy chọn gửi")
}

func TestBroadcastDialogueSendsWithAcknowledgement(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n502,B,hung-long/chqs,leader,tuyen-quan\n")
		options := h.compose("Họp giao ban <khẩn> & đúng giờ")
		h.press(adminUser, options, "Yêu cầu xác nhận")
		options = h.fake.WaitMessage(t, adminUser.ID, "ack option on", func(m tgfake.Message) bool {
			b, _ := m.Button("Yêu cầu xác nhận")
			return m.ID == options.ID && strings.HasPrefix(b.Text, "✅")
		})
		h.press(adminUser, options, "Xem trước")
		preview := h.fake.WaitText(t, adminUser.ID, "📢 <b>Thông báo số …</b> — Ban CHQS thị xã, ", "\n\nHọp giao ban &lt;khẩn&gt; &amp; đúng giờ")
		if _, ok := preview.Button("Đã nhận"); !ok {
			t.Fatal("the preview does not show the acknowledgement button recipients will see")
		}
		confirm := h.fake.WaitText(t, adminUser.ID, "Gửi thông báo trên cho <b>1</b> người nhận")
		h.press(adminUser, confirm, "Gửi")
		h.waitEdited(confirm, "đã được xếp hàng gửi cho 1 người nhận")
		got := h.fake.WaitText(t, 501, "Họp giao ban &lt;khẩn&gt; &amp; đúng giờ")
		// The notice names itself: its number, its sender and when.
		if !regexp.MustCompile(`^📢 <b>Thông báo số \d+</b> — Ban CHQS thị xã, \d{1,2}h(\d\d)? \d\d/\d\d/\d{4}\nSố: \d+/TB-BCHQS\n\n`).MatchString(got.Text) {
			t.Fatalf("the notice does not name itself: %q", got.Text)
		}
		if _, ok := got.Button("Đã nhận"); !ok {
			t.Fatalf("no acknowledgement button: %+v", got)
		}
		h.fake.WaitText(t, adminUser.ID, "Đã gửi xong Thông báo số", "1/1")
		if len(h.fake.Messages(502)) != 0 {
			t.Fatal("a member outside the audience got the notice")
		}
		if h.count("broadcast_drafts") != 0 {
			t.Fatal("the draft was left behind")
		}
	})
}

func TestBroadcastEveryCancelLeavesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n")
	admin := tgfake.Private(adminUser)
	check := func(step string) {
		t.Helper()
		if d, n := h.count("broadcast_drafts"), h.count("notices"); d != 0 || n != 0 {
			t.Fatalf("cancel at %s left %d drafts and %d notices", step, d, n)
		}
	}
	// At the text step, with /huy.
	h.fake.SendText(adminUser, admin, "/broadcast")
	h.fake.WaitText(t, adminUser.ID, "Nhập nội dung")
	h.fake.SendText(adminUser, admin, "/huy")
	h.fake.WaitText(t, adminUser.ID, "Đã hủy. Không có gì được gửi.")
	check("text")
	// At the audience step.
	h.fake.SendText(adminUser, admin, "/broadcast")
	h.fake.WaitText(t, adminUser.ID, "Nhập nội dung")
	h.fake.SendText(adminUser, admin, "nội dung")
	audience := h.fake.WaitText(t, adminUser.ID, "Chọn người nhận")
	h.press(adminUser, audience, "Hủy")
	h.waitEdited(audience, "Đã hủy")
	check("audience")
	// At the options step.
	options := h.compose("nội dung 2")
	h.press(adminUser, options, "Hủy")
	h.waitEdited(options, "Đã hủy")
	check("options")
	// While asked for the time.
	options = h.compose("nội dung 3")
	h.press(adminUser, options, "Thời gian gửi")
	asked := h.waitEdited(options, "Nhập thời gian gửi")
	h.press(adminUser, asked, "Hủy")
	h.waitEdited(options, "Đã hủy")
	check("time")
	// At the preview.
	options = h.compose("nội dung 4")
	h.press(adminUser, options, "Xem trước")
	confirm := h.fake.WaitText(t, adminUser.ID, "Gửi thông báo trên cho")
	h.press(adminUser, confirm, "Hủy")
	h.waitEdited(confirm, "Đã hủy")
	check("preview")
	// A button of the cancelled dialogue is stale now.
	if a := h.press(adminUser, confirm, "Gửi"); !strings.Contains(a.Text, "Nút này đã cũ") {
		t.Fatalf("stale send answered %q", a.Text)
	}
	check("stale send")
	if len(h.fake.Messages(501)) != 0 {
		t.Fatal("a cancelled notice was sent")
	}
}

func TestScheduledBroadcastCanBeCancelled(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n")
		options := h.compose("Diễn tập phòng không")
		h.press(adminUser, options, "Thời gian gửi")
		h.waitEdited(options, "Nhập thời gian gửi")
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "hôm qua 7h")
		h.fake.WaitText(t, adminUser.ID, "7h00 đã qua")
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "họp giao ban")
		h.fake.WaitText(t, adminUser.ID, "Loa chưa hiểu «họp giao ban» là lúc nào")
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "15/12")
		h.fake.WaitText(t, adminUser.ID, "mới có ngày, chưa có giờ")
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "2099-01-01 07:00")
		options = h.fake.WaitText(t, adminUser.ID, "Tùy chọn gửi")
		if b, _ := options.Button("Thời gian gửi"); !strings.Contains(b.Text, "7h 01/01/2099") {
			t.Fatalf("time not shown: %q", b.Text)
		}
		h.press(adminUser, options, "Xem trước")
		confirm := h.fake.WaitText(t, adminUser.ID, "thời gian: 7h 01/01/2099")
		h.press(adminUser, confirm, "Gửi")
		h.waitEdited(confirm, "sẽ được gửi lúc 7h 01/01/2099")
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "/hengio")
		item := h.fake.WaitText(t, adminUser.ID, "Thông báo số 1</b>, gửi lúc 7h 01/01/2099")
		h.press(adminUser, item, "Hủy Thông báo số 1")
		h.waitEdited(item, "Đã hủy Thông báo số 1")
		out, _ := h.cli("report", "1", "--json")
		if !strings.Contains(out, `"recipients": 1`) {
			t.Fatalf("report: %s", out)
		}
		var queued int
		h.app.DB.SQL().Get(&queued, `SELECT COUNT(*) FROM deliveries WHERE status = 'queued'`)
		if queued != 0 {
			t.Fatalf("%d deliveries still queued after cancelling", queued)
		}
	})
}

func TestBroadcastAuthorization(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		h.importMembers("501,Lãnh đạo,minh-thang/chqs,leader,dien-tap\n502,Cán bộ,minh-thang/chqs,officer,dien-tap\n503,Khác,hung-long/chqs,leader,dien-tap\n" +
			"504,Dân quân,minh-thang/dan-quan,militia,dien-tap\n")
		h.fake.SendText(other, tgfake.Private(other), "/thongbao")
		h.fake.WaitText(t, other.ID, "Chỉ quản trị viên Loa hoặc lãnh đạo đơn vị")
		// A commune agency's leader may broadcast within the commune: its militia platoon too,
		// not another commune.
		h.fake.SendText(official, tgfake.Private(official), "/thongbao")
		h.fake.WaitText(t, official.ID, "Nhập nội dung")
		h.fake.SendText(official, tgfake.Private(official), "Kiểm tra quân số")
		audience := h.fake.WaitText(t, official.ID, "Phạm vi của đồng chí: Xã Minh Thắng", "Hiện có <b>3</b>")
		if _, ok := audience.Button("Phường Hưng Long"); ok {
			t.Fatal("a unit leader was offered other units")
		}
		// A forged press for another unit changes nothing.
		forged := tgfake.Message{ID: audience.ID, ChatID: official.ID, Text: audience.Text, Buttons: [][]tgfake.Button{{{Text: "x", Data: "bc:u:1:0"}}}}
		h.press(official, forged, "bc:u:1:0")
		if _, ok := audience.Button("Tất cả thành viên"); ok {
			t.Fatal("a unit leader was offered everyone")
		}
		forged.Buttons = [][]tgfake.Button{{{Text: "x", Data: "bc:all"}}}
		h.press(official, forged, "bc:all")
		h.waitEdited(audience, "Hiện có <b>3</b>")
		h.press(official, h.current(audience), "Tiếp ›")
		options := h.waitEdited(audience, "Tùy chọn gửi")
		h.press(official, options, "Xem trước")
		confirm := h.fake.WaitText(t, official.ID, "cho <b>3</b> người nhận")
		h.press(official, confirm, "Gửi")
		h.fake.WaitText(t, 502, "Kiểm tra quân số")
		h.fake.WaitText(t, 504, "Kiểm tra quân số") // the commune's militia platoon
		if len(h.fake.Messages(503)) != 0 {
			t.Fatal("a unit leader reached another unit")
		}
		audit, _ := h.cli("audit", "--json")
		if !strings.Contains(audit, `"actor": "tg:502"`) || !strings.Contains(audit, `"action": "broadcast.start"`) {
			t.Fatalf("refusal not audited: %s", audit)
		}
	})
}

func TestBroadcastAPhotoWithCaption(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n")
	admin := tgfake.Private(adminUser)
	h.fake.SendText(adminUser, admin, "/thongbao")
	h.fake.WaitText(t, adminUser.ID, "Nhập nội dung")
	h.fake.SendPhoto(adminUser, admin, "PHOTO-1", "Sơ đồ <thao trường> bắn")
	audience := h.fake.WaitText(t, adminUser.ID, "Chọn người nhận")
	h.press(adminUser, audience, "Diễn tập")
	h.press(adminUser, h.waitEdited(audience, "Hiện có <b>1</b>"), "Tiếp ›")
	options := h.waitEdited(audience, "Tùy chọn gửi")
	h.press(adminUser, options, "Xem trước")
	preview := h.fake.WaitMessage(t, adminUser.ID, "the photo preview", func(m tgfake.Message) bool { return m.Method == "sendPhoto" })
	if preview.FileID != "PHOTO-1" || !strings.Contains(preview.Text, "Sơ đồ &lt;thao trường&gt; bắn") {
		t.Fatalf("preview: %+v", preview)
	}
	confirm := h.fake.WaitText(t, adminUser.ID, "Gửi thông báo trên cho <b>1</b>")
	h.press(adminUser, confirm, "Gửi")
	got := h.fake.WaitMessage(t, 501, "the photo", func(m tgfake.Message) bool { return m.Method == "sendPhoto" })
	if got.FileID != "PHOTO-1" || !strings.Contains(got.Text, "Thông báo số") || !strings.Contains(got.Text, "Sơ đồ &lt;thao trường&gt; bắn") {
		t.Fatalf("recipient got %+v", got)
	}
}

func TestMalformedButtonDataIsAnsweredAsStale(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n")
		options := h.compose("Họp giao ban")
		for _, data := range []string{"bc:u:5", "bc:page:x", "r:r:1", "a:ok", "rp:r", "ask:1", "ev:c", "ack:", "ed:k", strings.Repeat("bc:", 30)} {
			answer := h.fake.WaitAnswer(t, h.fake.Press(adminUser, options, data))
			if !strings.Contains(answer.Text, "cũ") {
				t.Errorf("press %q answered %q", data, answer.Text)
			}
		}
		// The dialogue is untouched and goes on.
		h.press(adminUser, options, "Xem trước")
		h.fake.WaitText(t, adminUser.ID, "Họp giao ban")
	})
}

func TestAudiencePagesGoBothWaysAndNameUnitsPickedElsewhere(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n")
		admin := tgfake.Private(adminUser)
		h.fake.SendText(adminUser, admin, "/thongbao")
		h.fake.WaitText(t, adminUser.ID, "Nhập nội dung thông báo")
		h.fake.SendText(adminUser, admin, "Họp")
		audience := h.fake.WaitText(t, adminUser.ID, "Chọn người nhận")
		for _, caption := range []string{"Chủ đề theo dõi", "Chức vụ", "Đơn vị"} {
			if _, ok := audience.Button(caption); !ok {
				t.Fatalf("no caption %q tells topics, roles and units apart", caption)
			}
		}
		if _, ok := audience.Button("‹ Trước"); ok {
			t.Fatal("the first page offers a previous page")
		}
		h.press(adminUser, audience, "Sau ›")
		second := h.fake.WaitMessage(t, adminUser.ID, "page 2", func(m tgfake.Message) bool {
			_, ok := m.Button("Trang 2/")
			return m.ID == audience.ID && ok
		})
		if _, ok := second.Button("Sau ›"); ok {
			t.Fatal("the last page offers a next page that goes back to the first")
		}
		var unit tgfake.Button
		for _, row := range second.Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "bc:u:") && unit.Data == "" {
					unit = b
				}
			}
		}
		name := strings.TrimPrefix(unit.Text, "⬜ ")
		h.fake.WaitAnswer(t, h.fake.Press(adminUser, second, unit.Data))
		second = h.waitEdited(audience, "Đơn vị đã chọn: "+name)
		h.press(adminUser, second, "‹ Trước")
		first := h.fake.WaitMessage(t, adminUser.ID, "page 1", func(m tgfake.Message) bool {
			_, ok := m.Button("Trang 1/")
			return m.ID == audience.ID && ok
		})
		if !strings.Contains(first.Text, "Đơn vị đã chọn: "+name) {
			t.Fatalf("page 1 does not name the unit picked on page 2: %q", first.Text)
		}
	})
}
