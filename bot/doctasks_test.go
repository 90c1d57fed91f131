package bot

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/tgfake"
)

// scriptedKeeper stands in for the documents room: it answers what the test sets and keeps
// who asked what.
type scriptedKeeper struct {
	mu      sync.Mutex
	sendErr error
	sent    []documents.Person
	marks   []string // "tg:ID task report"
	markErr error
}

func (k *scriptedKeeper) Bring(_ context.Context, _ documents.Person, _ string, _ []byte, media loa.Media, _ string) (documents.Brought, error) {
	d := loa.OfficialDocument{ID: 5, Media: media, Addressees: []loa.DocumentAddressee{{Name: "Ban CHQS xã Minh Thắng", UnitKey: "xa-a"}}}
	return documents.Brought{Reply: "📄 Kế hoạch số 45/KH-UBND", Document: &d}, nil
}

func (k *scriptedKeeper) Send(_ context.Context, p documents.Person, id int64) (documents.Sent, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.sent = append(k.sent, p)
	if k.sendErr != nil {
		return documents.Sent{}, k.sendErr
	}
	k.sendErr = documents.ErrAlreadySent
	return documents.Sent{Document: loa.OfficialDocument{ID: id, Number: "45/KH-UBND", TypeKey: "ke-hoach"},
		Notices: map[string]loa.Notice{"xa-a": {}, "xa-b": {}}, Unmapped: []string{"Hội Nông dân <thị xã>"}}, nil
}

func (k *scriptedKeeper) CorrectLatest(_ context.Context, p documents.Person, name, unit string) (documents.Correction, error) {
	if unit != "Ban CHQS thị xã" {
		return documents.Correction{}, documents.ErrUnknownUnit
	}
	return documents.Correction{Document: loa.OfficialDocument{ID: 5}, Name: name, Unit: loa.Unit{Key: "ban-chqs-tx", Name: unit}, Tasks: 1}, nil
}

func (k *scriptedKeeper) MarkDone(_ context.Context, p documents.Person, id int64, report string) (loa.DocumentTask, bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.marks = append(k.marks, strings.TrimSpace(p.Name+" "+strconv.FormatInt(id, 10)+" "+report))
	if k.markErr != nil {
		return loa.DocumentTask{}, false, k.markErr
	}
	// As the documents room keeps it: the report with its spaces folded.
	return loa.DocumentTask{ID: id, Text: "Chuẩn bị lực lượng", Report: strings.Join(strings.Fields(report), " ")}, len(k.marks) == 1, nil
}

// The preview of a kept document carries "📤 Gửi" and "✖ Hủy"; the press sends as the
// person who pressed, says where it went and what matched no unit, and a second press is
// refused with the reason and loses its buttons.
func TestDocumentSendButton(t *testing.T) {
	b, fake := newHandlerBot(t, 7)
	keeper := &scriptedKeeper{}
	b.opts.Documents, b.opts.FileEndpoint = keeper, fake.URL
	b.drafts = noDrafts{}
	b.members = newMembers(loa.Chat{ID: 7, Status: loa.StatusActive, Role: loa.RoleOfficer})
	b.notes = notices.New(senders{members: b.members.(*memMembers)}, notices.Options{Location: b.opts.Location, Now: b.opts.Now})
	b.audit = loa.AuditTrail{Auditor: &memAudit{}, Log: b.log}
	id := fake.PutFile("ke-hoach-45.pdf", []byte("%PDF-"))
	b.Handle(context.Background(), documentUpdate(7, 7, id, "ke-hoach-45.pdf", 5))
	preview := last(t, fake, 7)
	if _, ok := preview.Button("dc:s:5"); !ok {
		t.Fatalf("the preview has no send button: %+v", preview.Buttons)
	}
	if _, ok := preview.Button("dc:x:5"); !ok {
		t.Fatalf("the preview has no cancel button: %+v", preview.Buttons)
	}
	fix := func(text string) {
		b.Handle(context.Background(), tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 6, From: &tgbotapi.User{ID: 7, FirstName: "Hùng"},
			Chat: &tgbotapi.Chat{ID: 7, Type: "private"}, Text: text}})
	}
	fix("sửa Hội Cựu chiến binh = Ban Nông nghiệp")
	fake.WaitText(t, 7, "Không tìm thấy đơn vị này trong danh mục")
	fix("Sửa  Hội Cựu chiến binh thị xã = Ban CHQS thị xã")
	fixed := fake.WaitText(t, 7, "✏️ Đã sửa: «Hội Cựu chiến binh thị xã» → Ban CHQS thị xã (1 nhiệm vụ).")
	if _, ok := fixed.Button("dc:s:5"); !ok {
		t.Fatalf("the correction has no send button: %+v", fixed.Buttons)
	}
	b.Handle(context.Background(), press(preview, 7, "dc:s:5"))
	got := fake.WaitText(t, 7, "📤 Đã gửi Kế hoạch số 45/KH-UBND tới 2 đơn vị.", "Hội Nông dân &lt;thị xã&gt;")
	if len(got.Buttons) != 0 || len(fake.Messages(7)[0].Buttons) != 0 {
		t.Errorf("buttons left after sending: %+v", fake.Messages(7))
	}
	if p := keeper.sent[0]; p.UserID != 7 || !p.Admin || p.Door != "bot" {
		t.Errorf("sent as %+v", p)
	}
	again := press(preview, 7, "dc:s:5")
	b.Handle(context.Background(), again)
	if a := fake.WaitAnswer(t, again.CallbackQuery.ID); !a.ShowAlert || a.Text != T("vi", "dt_already_sent") {
		t.Errorf("a second press answered %+v", a)
	}
}

// "Xong" under a task records it done as the presser, turns into "✅ Đã hoàn thành", and
// offers to take a report; the reply to that offer is the task's report. A refusal says why.
func TestTaskDoneButtonAndReport(t *testing.T) {
	b, fake := newHandlerBot(t)
	keeper := &scriptedKeeper{}
	b.opts.Documents = keeper
	b.drafts = noDrafts{}
	b.members = newMembers(loa.Chat{ID: 10, Status: loa.StatusActive, Role: loa.RoleLeader})
	kb := tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("✔ Xong nhiệm vụ 1", "dt:31")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("✔ Xong nhiệm vụ 2", "dt:32")))
	if _, err := b.reply(10, "Nhiệm vụ của đơn vị đồng chí: …", &kb); err != nil {
		t.Fatal(err)
	}
	tasks := last(t, fake, 10)
	b.Handle(context.Background(), press(tasks, 10, "dt:32"))
	prompt := fake.WaitText(t, 10, "Đã ghi hoàn thành: «Chuẩn bị lực lượng» (mã 32)")
	edited := fake.Messages(10)[0]
	if btn, _ := edited.Button("noop"); btn.Text != "✅ Đã hoàn thành nhiệm vụ 2" {
		t.Errorf("buttons after the press: %+v", edited.Buttons)
	}
	if _, ok := edited.Button("dt:31"); !ok {
		t.Errorf("the other task's button went: %+v", edited.Buttons)
	}
	reply := tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 99, From: &tgbotapi.User{ID: 10, FirstName: "Lâm"},
		Chat: &tgbotapi.Chat{ID: 10, Type: "private"}, Text: "Đã huy động 30 đồng chí",
		ReplyToMessage: &tgbotapi.Message{MessageID: prompt.ID, From: &b.api.Self, Text: tgfake.PlainText(prompt.Text)}}}
	b.Handle(context.Background(), reply)
	fake.WaitText(t, 10, "Đã lưu báo cáo của nhiệm vụ mã 32.")
	if strings.Join(keeper.marks, "|") != "tg:10 32|tg:10 32 Đã huy động 30 đồng chí" {
		t.Errorf("marks: %q", keeper.marks)
	}
	keeper.markErr = documents.ErrForbidden
	refused := press(tasks, 11, "dt:31")
	b.Handle(context.Background(), refused)
	if a := fake.WaitAnswer(t, refused.CallbackQuery.ID); !a.ShowAlert || a.Text != T("vi", "dt_done_forbidden") {
		t.Errorf("a member's press answered %+v", a)
	}
}

// "/xong MÃ báo cáo" marks a task done through the same call as the button, as the one who
// typed it, and says plainly what went wrong: no code, a code of no task, a task of another
// unit, a task done before, a report of several lines.
func TestDoneCommand(t *testing.T) {
	b, fake := newHandlerBot(t)
	keeper := &scriptedKeeper{}
	b.opts.Documents = keeper
	b.drafts = noDrafts{}
	b.members = newMembers(loa.Chat{ID: 10, Status: loa.StatusActive, Role: loa.RoleLeader, Lang: "vi"})
	send := func(text string) {
		name, _, _ := strings.Cut(text, " ")
		b.Handle(context.Background(), tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 50, From: &tgbotapi.User{ID: 10, FirstName: "Lâm"},
			Chat: &tgbotapi.Chat{ID: 10, Type: "private"}, Text: text,
			Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Length: len(name)}}}})
	}
	send("/xong 32   Đã huy động  30 đồng chí")
	fake.WaitText(t, 10, "✅ Đã ghi hoàn thành nhiệm vụ «Chuẩn bị lực lượng» (mã 32).", "Đã lưu báo cáo: Đã huy động 30 đồng chí")
	send("/done 32")
	fake.WaitText(t, 10, "«Chuẩn bị lực lượng» (mã 32) đã được ghi hoàn thành trước đó.")
	if strings.Join(keeper.marks, "|") != "tg:10 32 Đã huy động  30 đồng chí|tg:10 32" {
		t.Errorf("marks: %q", keeper.marks)
	}
	for _, bad := range []string{"/xong", "/xong abc", "/xong -4 xong", "/xong 99999999999999999999"} {
		send(bad)
		if got := last(t, fake, 10); !strings.HasPrefix(tgfake.PlainText(got.Text), "Cách dùng: /xong mã-nhiệm-vụ") {
			t.Errorf("%q answered %q", bad, got.Text)
		}
	}
	send("/xong 32 dòng một\ndòng hai")
	fake.WaitText(t, 10, T("vi", "dt_bad_report"))
	keeper.markErr = loa.ErrNotFound
	send("/xong 77")
	fake.WaitText(t, 10, "Không có nhiệm vụ mã 77.")
	keeper.markErr = documents.ErrForbidden
	send("/xong 31 xong rồi")
	fake.WaitText(t, 10, "Nhiệm vụ mã 31 không thuộc đơn vị của đồng chí")
	if n := len(keeper.marks); n != 4 {
		t.Errorf("%d calls of the documents room, want 4 (malformed input asks nothing): %q", n, keeper.marks)
	}
}

func (k *scriptedKeeper) BringPage(ctx context.Context, p documents.Person, page documents.AlbumPage, name string, data []byte, lang string) (documents.Brought, error) {
	return k.Bring(ctx, p, name, data, page.Media, lang)
}

func (k *scriptedKeeper) NotePreview(context.Context, int64, int) error { return nil }

func (k *scriptedKeeper) Cancel(context.Context, documents.Person, int64) error { return nil }
