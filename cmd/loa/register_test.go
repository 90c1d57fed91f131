package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

// register walks a person through the buttons to a pending registration in the Ban CHQS of
// xã Minh Thắng as a leader, and returns the admin's approval request.
func (h *harness) register(u tgfake.User) tgfake.Message {
	h.t.Helper()
	welcome := h.pickUnitAndRole(u)
	h.waitEdited(welcome, "chờ quản trị viên duyệt")
	return h.fake.WaitText(h.t, adminUser.ID, "Yêu cầu đăng ký", fmt.Sprint(u.ID))
}

// pickUnitAndRole sends /start and presses Xã Minh Thắng, its Ban CHQS and the leader's role;
// it returns the registration message, edited at each step.
func (h *harness) pickUnitAndRole(u tgfake.User) tgfake.Message {
	h.t.Helper()
	h.fake.SendText(u, tgfake.Private(u), "/start")
	welcome := h.fake.NextMessage(h.t, u.ID)
	if !strings.Contains(welcome.Text, "Chào mừng") {
		h.t.Fatalf("welcome = %q", welcome.Text)
	}
	h.press(u, welcome, "Xã Minh Thắng")
	units := h.waitEdited(welcome, "Chọn đơn vị trong <b>Xã Minh Thắng</b>")
	h.press(u, units, "Ban CHQS xã Minh Thắng")
	roles := h.waitEdited(welcome, "Chọn chức vụ")
	h.press(u, roles, "Lãnh đạo, chỉ huy")
	return welcome
}

func TestRegisterByButtonsApproveAndPickThreeTopics(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		request := h.register(official)
		if m, _ := h.member(official.ID); m.Status != "pending" || m.Unit != "minh-thang/chqs" || m.Role != "leader" {
			t.Fatalf("after registering: %+v", m)
		}
		if a := h.press(adminUser, request, "Duyệt"); a.ShowAlert {
			t.Fatalf("admin approval answered with an alert: %q", a.Text)
		}
		h.waitEdited(request, "Đã duyệt bởi Trần Quản Trị")
		picker := h.fake.WaitText(t, official.ID, "đã được duyệt", "Ban CHQS xã Minh Thắng")
		for _, topic := range []string{"Diễn tập", "Tuyển quân", "Dân quân tự vệ"} {
			h.press(official, h.current(picker), topic)
			h.fake.WaitMessage(t, official.ID, "✅ "+topic, func(m tgfake.Message) bool {
				b, _ := m.Button(topic)
				return m.ID == picker.ID && strings.HasPrefix(b.Text, "✅")
			})
		}
		m, _ := h.member(official.ID)
		want := []string{"dien-tap", "tuyen-quan", "dan-quan-tu-ve"}
		if m.Status != "active" || len(m.Topics) != 3 || !containsAll(m.Topics, want) {
			t.Fatalf("member after approval and three toggles: %+v", m)
		}
		// Toggling again turns a topic off in place.
		h.press(official, h.current(picker), "Diễn tập")
		h.fake.WaitMessage(t, official.ID, "⬜ Diễn tập", func(m tgfake.Message) bool {
			b, _ := m.Button("Diễn tập")
			return m.ID == picker.ID && strings.HasPrefix(b.Text, "⬜")
		})
		h.fake.SendText(official, tgfake.Private(official), "/me")
		h.fake.WaitText(t, official.ID, "Thông tin đăng ký", "Tuyển quân", "đang hoạt động")
	})
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func TestRejectedOfficialIsToldAndMayRetry(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		request := h.register(official)
		h.press(adminUser, request, "Từ chối")
		h.fake.WaitText(t, official.ID, "bị từ chối")
		if m, _ := h.member(official.ID); m.Status != "rejected" {
			t.Fatalf("status = %q, want rejected", m.Status)
		}
		// A second press on the same request changes nothing.
		if a := h.press(adminUser, request, "Duyệt"); !strings.Contains(a.Text, "đã được xử lý") {
			t.Fatalf("second decision answered %q", a.Text)
		}
		if m, _ := h.member(official.ID); m.Status != "rejected" {
			t.Fatalf("a stale approval changed the status to %q", m.Status)
		}
		h.fake.SendText(official, tgfake.Private(official), "/start")
		h.fake.WaitText(t, official.ID, "Chào mừng")
	})
}

var inviteLink = regexp.MustCompile(`https://t\.me/loa_test_bot\?start=([a-z0-9]+)`)

func TestInviteLinkJoinsInOneStep(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		out, code := h.cli("invite", "create", "--unit", "hung-long/dan-quan", "--role", "militia", "--uses", "1", "--expires", "72h")
		m := inviteLink.FindStringSubmatch(out)
		if code != 0 || m == nil {
			t.Fatalf("invite create (exit %d): %s", code, out)
		}
		h.fake.SendText(official, tgfake.Private(official), "/start "+m[1])
		h.fake.WaitText(t, official.ID, "bằng mã mời", "Trung đội dân quân phường Hưng Long")
		if got, _ := h.member(official.ID); got.Status != "active" || got.Unit != "hung-long/dan-quan" || got.Role != "militia" {
			t.Fatalf("invited member: %+v", got)
		}
		// The only use is gone; the next person is told so, and nothing is stored for them.
		h.fake.SendText(other, tgfake.Private(other), "/start "+m[1])
		h.fake.WaitText(t, other.ID, "đã được dùng hết")
		h.fake.SendText(other, tgfake.Private(other), "/start khongcoma")
		h.fake.WaitText(t, other.ID, "Mã mời không hợp lệ")
		if _, found := h.member(other.ID); found {
			t.Fatal("a refused invite left a member behind")
		}
	})
}

func TestAdminInviteInTelegram(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "/invite minh-lap/chqs officer 3 48h")
		created := h.fake.WaitText(t, adminUser.ID, "Mã mời cho <b>Ban CHQS xã Minh Lập</b>", "3 lần")
		code := inviteLink.FindStringSubmatch(created.Text)
		if code == nil {
			t.Fatalf("no link in %q", created.Text)
		}
		h.fake.SendText(official, tgfake.Private(official), "/start "+code[1])
		h.fake.WaitText(t, official.ID, "bằng mã mời", "Ban CHQS xã Minh Lập")

		h.fake.SendText(adminUser, tgfake.Private(adminUser), "/invite khong-co officer")
		h.fake.WaitText(t, adminUser.ID, "Không có đơn vị với mã «khong-co»")

		// With buttons: commune, its unit, the role; nobody is told to run a command-line tool.
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "/moi")
		pick := h.fake.WaitText(t, adminUser.ID, "Tạo mã mời. Chọn đơn vị")
		if a := h.press(other, pick, "Xã Minh Thắng"); !strings.Contains(a.Text, "Chỉ quản trị viên") {
			t.Fatalf("a non-admin opened the invite buttons: %+v", a)
		}
		h.press(adminUser, pick, "Xã Minh Thắng")
		units := h.waitEdited(pick, "Chọn đơn vị")
		h.press(adminUser, h.fake.WaitMessage(t, adminUser.ID, "the commune's units", func(m tgfake.Message) bool {
			_, ok := m.Button("Trung đội dân quân xã Minh Thắng")
			return m.ID == units.ID && ok
		}), "Trung đội dân quân xã Minh Thắng")
		roles := h.waitEdited(pick, "Chọn chức vụ")
		h.press(adminUser, roles, "Dân quân tự vệ")
		invite := h.waitEdited(pick, "Mã mời cho <b>Trung đội dân quân xã Minh Thắng</b>")
		if inviteLink.FindStringSubmatch(invite.Text) == nil || strings.Contains(invite.Text, "loa ") {
			t.Fatalf("invite by buttons: %q", invite.Text)
		}
	})
}

func TestNonAdminIsRefusedAndAudited(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		h.fake.SendText(other, tgfake.Private(other), "/invite minh-lap/chqs officer")
		h.fake.WaitText(t, other.ID, "Chỉ quản trị viên Loa")

		request := h.register(official)
		// Someone who is not an admin forges a press of the approve button.
		b, _ := request.Button("Duyệt")
		forged := tgfake.Message{ID: request.ID, ChatID: other.ID, Text: request.Text}
		if a := h.fake.WaitAnswer(t, h.fake.Press(other, forged, b.Data)); !a.ShowAlert || !strings.Contains(a.Text, "Chỉ quản trị viên Loa") {
			t.Fatalf("forged approval answered %+v", a)
		}
		if m, _ := h.member(official.ID); m.Status != "pending" {
			t.Fatalf("a non-admin changed the status to %q", m.Status)
		}
		out, code := h.cli("audit", "--json")
		if code != 0 {
			t.Fatal(out)
		}
		var entries []struct {
			Actor   string `json:"actor"`
			Action  string `json:"action"`
			Allowed bool   `json:"allowed"`
		}
		json.Unmarshal([]byte(out), &entries)
		refused := map[string]bool{}
		for _, e := range entries {
			if e.Actor == "tg:502" && !e.Allowed {
				refused[e.Action] = true
			}
		}
		if !refused["invite.create"] || !refused["approve"] {
			t.Fatalf("refusals not audited: %s", out)
		}
	})
}

// TestHelpfulRepliesNeverSilence runs on SQLite alone: the replies are the bot's, and the
// little they store is the store's tests' work on both backends.
func TestHelpfulRepliesNeverSilence(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	chat := tgfake.Private(official)
	h.fake.SendText(official, chat, "xin chào")
	if m := h.fake.NextMessage(t, official.ID); !strings.Contains(m.Text, "Đồng chí chưa đăng ký") {
		t.Fatalf("free text before registering: %q", m.Text)
	}
	h.fake.SendText(official, chat, "/topics")
	if m := h.fake.NextMessage(t, official.ID); !strings.Contains(m.Text, "Đồng chí chưa đăng ký") {
		t.Fatalf("/topics before registering: %q", m.Text)
	}
	h.fake.SendText(official, chat, "/bogus <b>")
	h.fake.WaitText(t, official.ID, "Không có lệnh /bogus")
	// A photo (or sticker) outside a dialogue gets a short, polite answer.
	h.fake.SendPhoto(official, chat, "AgADphoto", "")
	h.fake.WaitText(t, official.ID, "Loa chỉ đọc tin nhắn chữ")
	// A button from a message the bot never sent (or long gone) gets an answer, not silence.
	stale := tgfake.Message{ID: 4242, ChatID: official.ID}
	if a := h.fake.WaitAnswer(t, h.fake.Press(official, stale, "x:gone")); !strings.Contains(a.Text, "Nút này đã cũ") {
		t.Fatalf("stale button answered %q", a.Text)
	}
	h.fake.SendText(official, chat, "/lang en")
	h.fake.WaitText(t, official.ID, "Switched to English")
	h.fake.SendText(official, chat, "/start")
	h.fake.WaitText(t, official.ID, "Welcome to <b>Loa</b>")
	for _, m := range h.fake.Messages(official.ID) {
		if strings.Contains(strings.ToLower(m.Text), "error:") || strings.Contains(m.Text, "sql") {
			t.Fatalf("internal detail reached the user: %q", m.Text)
		}
	}
}

func TestGroupChatsNeedAnAdministrator(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		group := tgfake.Chat{ID: -100777, Type: "supergroup", Title: "Ban CHQS phường Hưng Long"}
		h.fake.SendText(other, group, "/start@loa_test_bot")
		h.fake.WaitText(t, group.ID, "Chỉ quản trị viên của nhóm")
		// A command for another bot in the same group is not ours to answer.
		before := len(h.fake.Messages(group.ID))
		h.fake.SetGroupAdmin(group.ID, official.ID)
		h.fake.SendText(official, group, "/start@some_other_bot")
		h.fake.SendText(official, group, "/start@loa_test_bot")
		welcome := h.fake.WaitText(t, group.ID, "Chọn đơn vị mà nhóm này thuộc về")
		if n := len(h.fake.Messages(group.ID)); n != before+1 {
			t.Fatalf("the bot answered a command addressed to another bot (%d messages)", n-before)
		}
		h.press(official, welcome, "Phường Hưng Long")
		units := h.waitEdited(welcome, "Phường Hưng Long")
		h.press(official, units, "Ban CHQS phường Hưng Long")
		h.waitEdited(welcome, "Nhóm sẽ nhận tin sau khi quản trị viên Loa duyệt")
		if m, _ := h.member(group.ID); m.Status != "pending" || m.Role != "group" || m.Unit != "hung-long/chqs" {
			t.Fatalf("group member before approval: %+v", m)
		}
		// Nothing reaches the group before an administrator approves it.
		if out, code := h.cli("broadcast", "--unit", "hung-long", "--urgent", "--text", "Báo động"); code != 0 || !strings.Contains(out, "for 0 recipients") {
			t.Fatalf("a broadcast before approval: %d %s", code, out)
		}
		request := h.fake.WaitText(t, adminUser.ID, "Yêu cầu đăng ký", "👥 Ban CHQS phường Hưng Long", "Nhóm của đơn vị")
		h.press(adminUser, request, "Duyệt")
		h.fake.WaitText(t, group.ID, "Nhóm đã được duyệt vào <b>Ban CHQS phường Hưng Long</b>")
		if m, _ := h.member(group.ID); m.Status != "active" {
			t.Fatalf("group member after approval: %+v", m)
		}
		// Only a group's administrators change its language.
		h.fake.SendText(other, group, "/lang@loa_test_bot en")
		h.fake.WaitText(t, group.ID, "Chỉ quản trị viên của nhóm")
		if m, _ := h.member(group.ID); m.Lang != "vi" {
			t.Fatalf("a plain member switched the group's language: %+v", m)
		}
		h.fake.SendText(official, group, "/lang@loa_test_bot en")
		h.fake.WaitText(t, group.ID, "Switched to English")
		h.fake.SendText(official, group, "/ngonngu@loa_test_bot vi")
		h.fake.WaitText(t, group.ID, "Đã chuyển sang tiếng Việt")
		h.fake.SendText(other, group, "/topics@loa_test_bot")
		h.fake.WaitText(t, group.ID, "Chỉ quản trị viên của nhóm")
		h.fake.SendText(official, group, "/topics@loa_test_bot")
		picker := h.fake.WaitText(t, group.ID, "Chọn chủ đề")
		if a := h.press(other, picker, "Diễn tập"); !a.ShowAlert {
			t.Fatalf("a plain group member toggled a topic: %+v", a)
		}
		h.press(official, picker, "Diễn tập")
		h.fake.WaitMessage(t, group.ID, "✅ Diễn tập", func(m tgfake.Message) bool {
			b, _ := m.Button("Diễn tập")
			return m.ID == picker.ID && strings.HasPrefix(b.Text, "✅")
		})
	})
}

// Each scope's menu lists the commands that work there, in Vietnamese and English: members
// see no administrators' command, groups no private one, a leader approved sees broadcasting.
func TestMenusPerScopeInVietnameseAndEnglish(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	check := func(scope, lang string, want, not []string) {
		t.Helper()
		menu := h.fake.CommandsIn(scope, lang)
		for _, c := range want {
			if !strings.Contains(menu, `"`+c+`"`) {
				t.Errorf("the %s menu (%q) lacks /%s: %s", scope, lang, c, menu)
			}
		}
		for _, c := range not {
			if strings.Contains(menu, `"`+c+`"`) {
				t.Errorf("the %s menu (%q) lists /%s: %s", scope, lang, c, menu)
			}
		}
	}
	admins := []string{"thongbao", "sukien", "hengio", "capnhat", "baocao", "moi", "quantri", "huy", "xong"}
	check("default", "", []string{"start", "hoi", "chude", "theodoi", "toi", "lich", "ngonngu", "trogiup"}, append(admins, "broadcast", "topics"))
	if !strings.Contains(h.fake.Commands(""), "Chọn chủ đề theo dõi") {
		t.Errorf("the Vietnamese menu is not described in Vietnamese: %s", h.fake.Commands(""))
	}
	check("all_private_chats", "en", []string{"start", "ask", "topics", "events", "help"}, []string{"broadcast", "event", "chude"})
	check("all_group_chats", "", []string{"lich", "hoi", "trogiup"}, append(admins, "theodoi", "toi", "dung", "ngonngu"))
	check("all_chat_administrators", "", []string{"start", "lich", "chude", "theodoi", "ngonngu", "dung"}, append(admins, "toi"))
	check("chat:900", "", append(admins, "chude", "lich"), []string{"broadcast"})
	check("chat:900", "en", []string{"broadcast", "event", "scheduled", "report", "invite", "web", "cancel"}, []string{"thongbao"})

	request := h.register(official)
	h.press(adminUser, request, "Duyệt")
	h.fake.WaitText(t, official.ID, "đã được duyệt")
	check("chat:501", "", []string{"thongbao", "baocao", "capnhat", "quantri", "huy", "xong", "chude", "lich"}, []string{"sukien", "hengio", "moi"})
	check("chat:501", "en", []string{"broadcast", "report", "update", "web", "topics"}, []string{"event", "invite"})
}

// TestCommandsRegisteredInVietnameseAndEnglish: serve gives Telegram both menus at start. What
// each menu holds is the bot's own test (bot/menus_test.go); this checks the wiring, once.
func TestCommandsRegisteredInVietnameseAndEnglish(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	vi, en := h.fake.Commands(""), h.fake.Commands("en")
	if !strings.Contains(vi, `"chude"`) || !strings.Contains(vi, "Chọn chủ đề theo dõi") {
		t.Errorf("the default menu is not the Vietnamese one: %s", vi)
	}
	if !strings.Contains(en, `"topics"`) || !strings.Contains(en, "Pick topics") {
		t.Errorf("the English clients' menu is not the English one: %s", en)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.fake.SendText(official, tgfake.Private(official), "/help")
	h.fake.WaitText(t, official.ID, "Các lệnh của Loa")
	for path, want := range map[string]string{"/healthz": `"status":"ok"`, "/metrics": `loa_bot_updates_total{kind="message"}`, "/metrics ": "loa_delivery_queue_depth"} {
		path = strings.TrimSpace(path)
		resp, err := http.Get("http://" + h.app.Addr + path)
		if err != nil {
			t.Fatal(err)
		}
		var body strings.Builder
		buf := make([]byte, 1<<16)
		for {
			n, err := resp.Body.Read(buf)
			body.Write(buf[:n])
			if err != nil {
				break
			}
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(body.String(), want) {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body.String()[:min(300, body.Len())])
		}
	}
}

func TestWithoutAnAdministratorTheOfficialIsToldHowToGetOne(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", map[string]string{"LOA_ADMINS": ""})
	told := h.waitEdited(h.pickUnitAndRole(official), "chưa có quản trị viên")
	if !strings.Contains(told.Text, fmt.Sprint(official.ID)) || !strings.Contains(told.Text, "LOA_ADMINS") {
		t.Fatalf("the official is not told how to get an administrator: %q", told.Text)
	}
	if _, ok := h.member(official.ID); ok {
		t.Fatal("a registration nobody can approve was stored as pending")
	}
}

func TestAMemberWhoStoppedComesBackWithStart(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		request := h.register(official)
		h.press(adminUser, request, "Duyệt")
		h.fake.WaitText(t, official.ID, "đã được duyệt")
		chat := tgfake.Private(official)
		h.fake.SendText(official, chat, "/dung")
		h.fake.WaitText(t, official.ID, "Đã dừng nhận tin", "không cần duyệt lại")
		h.fake.SendText(official, chat, "/lich")
		h.fake.WaitText(t, official.ID, "Đồng chí đã dừng nhận tin", "Gõ /start")
		adminMessages := len(h.fake.Messages(adminUser.ID))
		h.fake.SendText(official, chat, "/start")
		picker := h.fake.WaitText(t, official.ID, "nhận tin trở lại", "Ban CHQS xã Minh Thắng")
		if _, ok := picker.Button("Diễn tập"); !ok {
			t.Fatalf("no topic buttons on the way back: %+v", picker)
		}
		if m, _ := h.member(official.ID); m.Status != "active" {
			t.Fatalf("after /start: %+v", m)
		}
		if got := len(h.fake.Messages(adminUser.ID)); got != adminMessages {
			t.Fatal("coming back asked the administrators again")
		}
	})
}

// An approval made on the command line reaches the member in Telegram as the button's would.
func TestMembersApproveOnTheCommandLineTellsTheMember(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.register(official)
	out, code := h.cli("members", "approve", fmt.Sprint(official.ID))
	if code != 0 || !strings.Contains(out, "member told in Telegram") {
		t.Fatalf("exit %d: %s", code, out)
	}
	h.fake.WaitText(t, official.ID, "đã được duyệt", "Ban CHQS xã Minh Thắng")
	if m, _ := h.member(official.ID); m.Status != "active" {
		t.Errorf("after approving: %+v", m)
	}
}
