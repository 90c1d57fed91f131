package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/tgfake"
)

const official = int64(501)

// "✅ Đã nhận" is recorded once, with its time on the button as officials write it; a second
// press says when the first was; a press on a cancelled notice or on another chat's delivery
// records nothing.
func TestAckButton(t *testing.T) {
	b, fake := newHandlerBot(t)
	b.members = newMembers(loa.Chat{ID: official, Type: "private", Status: loa.StatusActive, Lang: "vi"})
	acks := &memAcks{chat: map[int64]int64{7: official, 8: official}, acked: map[[2]int64]time.Time{}, cancelled: map[int64]bool{8: true}}
	b.notes = notices.New(acks, notices.Options{Location: b.opts.Location, Now: b.opts.Now})
	ctx := context.Background()
	for _, id := range []int64{7, 8} {
		if _, err := NewMessenger(b.api).Send(ctx, loa.OutMessage{ChatID: official, Text: "Thông báo", Buttons: [][]loa.Button{{notices.AckButton(id)}}}); err != nil {
			t.Fatal(err)
		}
	}
	msgs := fake.Messages(official)

	first := press(msgs[0], official, "ack:7")
	b.Handle(ctx, first)
	if a, _ := fake.Answer(first.CallbackQuery.ID); a.Text != "Đã ghi nhận. Cảm ơn!" {
		t.Errorf("first press answered %q", a.Text)
	}
	button := fake.Messages(official)[0].Buttons[0][0]
	if button.Text != "✅ Đã nhận lúc 12h 15/12/2026" || button.Data != "ackd:7" {
		t.Errorf("the button became %+v", button)
	}

	again := press(fake.Messages(official)[0], official, "ackd:7")
	b.Handle(ctx, again)
	if a, _ := fake.Answer(again.CallbackQuery.ID); a.Text != "Đồng chí đã xác nhận lúc 12h 15/12/2026." {
		t.Errorf("second press answered %q", a.Text)
	}

	cancelled := press(msgs[1], official, "ack:8")
	b.Handle(ctx, cancelled)
	if a, _ := fake.Answer(cancelled.CallbackQuery.ID); !a.ShowAlert || a.Text != "Thông báo số 6 đã hủy lúc 7h30 15/12." {
		t.Errorf("a press on a cancelled notice answered %+v", a)
	}
	if left := fake.Messages(official)[1].Buttons; len(left) != 0 {
		t.Errorf("a cancelled notice's button stayed: %+v", left)
	}
	if _, done := acks.acked[[2]int64{8, official}]; done {
		t.Error("a cancelled notice was acknowledged")
	}

	forged := press(msgs[0], official, "ack:9") // a delivery to somebody else
	b.Handle(ctx, forged)
	if a, _ := fake.Answer(forged.CallbackQuery.ID); !strings.Contains(a.Text, "Nút này đã cũ") {
		t.Errorf("a forged press answered %q", a.Text)
	}
}

// Topic buttons toggle a subscription and redraw the keyboard in place; a member not yet
// approved is told so and nothing changes.
func TestTopicButtons(t *testing.T) {
	b, fake := newHandlerBot(t)
	members := newMembers(loa.Chat{ID: official, Type: "private", Status: loa.StatusActive, Lang: "vi"},
		loa.Chat{ID: 502, Type: "private", Status: loa.StatusPending, Lang: "vi"})
	b.members = members
	b.units = memUnits{topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập", NameEN: "Drills"}, {Key: "tuyen-quan", NameVI: "Tuyển quân", NameEN: "Recruitment"}}}
	ctx := context.Background()
	if err := b.sendTopicPicker(ctx, loa.Chat{ID: official, Lang: "vi"}, "Chọn chủ đề"); err != nil {
		t.Fatal(err)
	}
	picker := last(t, fake, official)
	if picker.Buttons[0][0].Text != "⬜ Diễn tập" {
		t.Fatalf("picker %+v", picker.Buttons)
	}

	b.Handle(ctx, press(picker, official, "t:dien-tap"))
	if subs, _ := members.Subscriptions(ctx, official); len(subs) != 1 || subs[0] != "dien-tap" {
		t.Fatalf("after one press: %v", subs)
	}
	picker = last(t, fake, official)
	if picker.Buttons[0][0].Text != "✅ Diễn tập" || picker.Edits != 1 {
		t.Errorf("the keyboard was not redrawn: %+v (%d edits)", picker.Buttons, picker.Edits)
	}
	b.Handle(ctx, press(picker, official, "t:dien-tap"))
	if subs, _ := members.Subscriptions(ctx, official); len(subs) != 0 {
		t.Errorf("a second press did not unsubscribe: %v", subs)
	}

	pending := press(tgfake.Message{ID: 1, ChatID: 502}, 502, "t:dien-tap")
	b.Handle(ctx, pending)
	if a, _ := fake.Answer(pending.CallbackQuery.ID); !a.ShowAlert || !strings.Contains(a.Text, "cần được duyệt") {
		t.Errorf("a pending member's press answered %+v", a)
	}
	if subs, _ := members.Subscriptions(ctx, 502); len(subs) != 0 {
		t.Errorf("a pending member subscribed: %v", subs)
	}
}

// Approval buttons work for administrators only, checked at the press: anybody else is
// refused and audited as refused; an administrator's decision is audited, applied once, and
// told to the member in their language.
func TestApprovalButton(t *testing.T) {
	const admin, stranger, newcomer = int64(900), int64(901), int64(777)
	b, fake := newHandlerBot(t, admin)
	members := newMembers(loa.Chat{ID: newcomer, Type: "private", Status: loa.StatusPending, Lang: "en", UnitID: ptr(int64(3)), Role: "militia", Title: "Lê Văn Ba"})
	audit := &memAudit{}
	b.members, b.units, b.audit.Auditor = members, memUnits{units: []loa.Unit{{ID: 3, Key: "xa-minh-thang", Name: "Xã Minh Thắng"}}}, audit
	ctx := context.Background()
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Duyệt", "a:ok:777")))
	if _, err := b.reply(admin, "Yêu cầu đăng ký: Lê Văn Ba", &kb); err != nil {
		t.Fatal(err)
	}
	request := last(t, fake, admin)

	forged := press(request, stranger, "a:ok:777")
	forged.CallbackQuery.Message.Chat.ID = stranger
	b.Handle(ctx, forged)
	if a, _ := fake.Answer(forged.CallbackQuery.ID); !a.ShowAlert || !strings.Contains(a.Text, "Chỉ quản trị viên") {
		t.Errorf("a stranger's press answered %+v", a)
	}
	if c, _ := members.Chat(ctx, newcomer); c.Status != loa.StatusPending {
		t.Fatalf("a stranger approved: %s", c.Status)
	}

	b.Handle(ctx, press(request, admin, "a:ok:777"))
	if c, _ := members.Chat(ctx, newcomer); c.Status != loa.StatusActive {
		t.Fatalf("an administrator's press left %s", c.Status)
	}
	if decided := last(t, fake, admin); !strings.Contains(decided.Text, "Đã duyệt bởi") {
		t.Errorf("the request now reads %q", decided.Text)
	}
	if told := last(t, fake, newcomer); !strings.Contains(told.Text, "Your registration was approved") || !strings.Contains(told.Text, "Xã Minh Thắng") {
		t.Errorf("the member was told %q", told.Text)
	}
	twice := press(request, admin, "a:no:777")
	b.Handle(ctx, twice)
	if a, _ := fake.Answer(twice.CallbackQuery.ID); !strings.Contains(a.Text, "đã được xử lý") {
		t.Errorf("a second decision answered %q", a.Text)
	}
	if c, _ := members.Chat(ctx, newcomer); c.Status != loa.StatusActive {
		t.Errorf("a second decision changed the first: %s", c.Status)
	}
	if len(audit.entries) != 3 || audit.entries[0].Allowed || !audit.entries[1].Allowed || audit.entries[1].Action != "approve" {
		t.Errorf("audit: %+v", audit.entries)
	}
}

func ptr[T any](v T) *T { return &v }

// In a group every member's press counts once: the button stays live and shows how many have
// pressed, and nobody is told they pressed before when it was somebody else.
func TestGroupAcknowledgementsCountEachPerson(t *testing.T) {
	const group = int64(-100)
	b, fake := newHandlerBot(t)
	b.members = newMembers(loa.Chat{ID: group, Type: "group", Status: loa.StatusActive, Lang: "vi"})
	acks := &memAcks{chat: map[int64]int64{10: group}, acked: map[[2]int64]time.Time{}}
	b.notes = notices.New(acks, notices.Options{Location: b.opts.Location, Now: b.opts.Now})
	ctx := context.Background()
	if _, err := NewMessenger(b.api).Send(ctx, loa.OutMessage{ChatID: group, Text: "Thông báo", Buttons: [][]loa.Button{{notices.AckButton(10)}}}); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		who          int64
		answer, says string
	}{
		{501, "Đã ghi nhận. Cảm ơn!", "✅ Đã nhận (1)"},
		{502, "Đã ghi nhận. Cảm ơn!", "✅ Đã nhận (2)"},
		{501, "Đồng chí đã xác nhận lúc 12h 15/12/2026.", "✅ Đã nhận (2)"},
	} {
		msg := fake.Messages(group)[0]
		p := press(msg, c.who, msg.Buttons[0][0].Data)
		b.Handle(ctx, p)
		if a, _ := fake.Answer(p.CallbackQuery.ID); a.Text != c.answer {
			t.Errorf("press %d by %d answered %q, want %q", i+1, c.who, a.Text, c.answer)
		}
		if button := fake.Messages(group)[0].Buttons[0][0]; button.Text != c.says || button.Data != "ack:10" {
			t.Errorf("after press %d the button is %+v", i+1, button)
		}
	}
}
