package bot

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// manyAnswers answers every question with n answers, as the search does when events that
// answer "khi nào" come on top of a full page of directive items.
type manyAnswers int

func (n manyAnswers) Answer(_ context.Context, _ string, _, limit int) ([]loa.Answer, bool, error) {
	var out []loa.Answer
	for i := range int(n) {
		out = append(out, loa.Answer{Kind: "item", Title: "Bài " + strconv.Itoa(i), Text: "Nội dung " + strconv.Itoa(i)})
	}
	return out, false, nil
}

func TestInlineModeListsAtMostFive(t *testing.T) {
	b, fake := newHandlerBot(t)
	b.members = newMembers(loa.Chat{ID: official, Type: "private", Status: loa.StatusActive, Lang: "vi"})
	b.audit.Auditor = &memAudit{}
	b.opts.Answerer = manyAnswers(7)
	b.Handle(context.Background(), tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{ID: "q1", From: &tgbotapi.User{ID: official}, Query: "khi nào diễn tập"}})
	if got := fake.WaitInlineAnswer(t, "q1"); len(got.Results) != 5 {
		t.Errorf("inline mode listed %d answers, want 5", len(got.Results))
	}
}

// noAnswers finds nothing, whatever the question.
type noAnswers struct{}

func (noAnswers) Answer(context.Context, string, int, int) ([]loa.Answer, bool, error) {
	return nil, false, nil
}

// memQuestions remembers questions for their "Xem thêm" buttons.
type memQuestions struct{ n int64 }

func (q *memQuestions) SaveQuestion(context.Context, int64, string) (int64, error) {
	q.n++
	return q.n, nil
}
func (q *memQuestions) Question(context.Context, int64, int64) (string, error) { return "", errUnused }

// Small talk gets one line; "not found" is short, says what Loa answers, and is said in full
// once within a few minutes.
func TestShortAnswersToSmallTalk(t *testing.T) {
	b, fake := newHandlerBot(t)
	b.members = newMembers(loa.Chat{ID: official, Type: "private", Status: loa.StatusActive, Lang: "vi"})
	b.opts.Answerer, b.questions, b.drafts = noAnswers{}, &memQuestions{}, noDrafts{}
	ctx := context.Background()
	say := func(text string) string {
		t.Helper()
		b.Handle(ctx, tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: official},
			Chat: &tgbotapi.Chat{ID: official, Type: "private"}, Text: text}})
		return last(t, fake, official).Text
	}
	for text, want := range map[string]string{"Cảm ơn đồng chí!": "Dạ, không có gì ạ.", "cam on a": "Dạ, không có gì ạ.",
		"Xin chào Loa": "Dạ, Loa sẵn sàng", "Dạ vâng": "Dạ, Loa sẵn sàng"} {
		if got := say(text); !strings.HasPrefix(got, want) || strings.Contains(got, "\n") {
			t.Errorf("%q answered %q, want one line %q", text, got, want)
		}
	}
	first := say("giá vàng hôm nay bao nhiêu")
	if n := len([]rune(first)); n > 200 || !strings.Contains(first, "Không tìm thấy") || !strings.Contains(first, "Loa trả lời về chỉ đạo") {
		t.Errorf("not found (%d characters): %q", n, first)
	}
	if again := say("thời tiết ngày mai"); strings.Contains(again, "Loa trả lời về") || len([]rune(again)) > 80 {
		t.Errorf("not found again, in full: %q", again)
	}
}

// noDrafts is a chat with no dialogue under way.
type noDrafts struct{}

func (noDrafts) Draft(context.Context, int64) (loa.Draft, error) { return loa.Draft{}, loa.ErrNotFound }
func (noDrafts) SaveDraft(context.Context, loa.Draft) error      { return errUnused }
func (noDrafts) DeleteDraft(context.Context, int64) error        { return errUnused }
func (noDrafts) EventDraft(context.Context, int64) (loa.EventDraft, error) {
	return loa.EventDraft{}, loa.ErrNotFound
}
func (noDrafts) SaveEventDraft(context.Context, loa.EventDraft) error { return errUnused }
func (noDrafts) DeleteEventDraft(context.Context, int64) error        { return errUnused }

// Without an address a phone can open, /quantri sends no link and says who must set one.
func TestNoLinkThatOnlyWorksOnTheServer(t *testing.T) {
	b, fake := newHandlerBot(t, official)
	b.opts.NoPublicAddress, b.members = true, newMembers()
	b.opts.SignInLink = func(context.Context, int64) (string, error) { return "http://127.0.0.1:8080/console/signin?t=x", nil }
	b.Handle(context.Background(), tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: official},
		Chat: &tgbotapi.Chat{ID: official, Type: "private"}, Text: "/quantri", Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Length: 8}}}})
	if got := last(t, fake, official).Text; strings.Contains(got, "127.0.0.1") || !strings.Contains(got, "quản trị viên hệ thống") {
		t.Errorf("/quantri answered %q", got)
	}
}

// A pending official who picked the wrong unit corrects it; the administrators decide on the
// corrected request, and the old request's buttons no longer decide. An administrator who
// registers is active at once.
func TestRegistrationCanBeCorrected(t *testing.T) {
	const admin, newcomer = int64(900), int64(777)
	b, fake := newHandlerBot(t, admin)
	members := newMembers()
	b.members, b.audit.Auditor = members, &memAudit{}
	b.units = memUnits{units: []loa.Unit{{ID: 1, Key: "tx", Name: "Thị xã"}, {ID: 2, Key: "mt", Name: "Xã Minh Thắng", ParentID: ptr(int64(1))},
		{ID: 3, Key: "hl", Name: "Phường Hưng Long", ParentID: ptr(int64(1))}}}
	ctx := context.Background()
	command := func(from int64, text string) {
		b.Handle(ctx, tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: from, FirstName: "Lê"},
			Chat: &tgbotapi.Chat{ID: from, Type: "private"}, Text: text, Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Length: len(text)}}}})
	}
	command(newcomer, "/start")
	b.Handle(ctx, press(last(t, fake, newcomer), newcomer, "r:u:2"))
	b.Handle(ctx, press(last(t, fake, newcomer), newcomer, "r:r:2:militia"))
	firstRequest := last(t, fake, admin)

	command(newcomer, "/start")
	pending := last(t, fake, newcomer)
	if _, ok := pending.Button("Sửa đơn vị"); !ok {
		t.Fatalf("a pending official is offered no correction: %q %+v", pending.Text, pending.Buttons)
	}
	b.Handle(ctx, press(pending, newcomer, "r:a:1:0"))
	b.Handle(ctx, press(last(t, fake, newcomer), newcomer, "r:u:3"))
	b.Handle(ctx, press(last(t, fake, newcomer), newcomer, "r:r:3:officer"))
	if c, _ := members.Chat(ctx, newcomer); c.Status != loa.StatusPending || *c.UnitID != 3 || c.Role != loa.RoleOfficer {
		t.Fatalf("after the correction: %+v", c)
	}
	newRequest := last(t, fake, admin)
	if newRequest.ID == firstRequest.ID || !strings.Contains(newRequest.Text, "Phường Hưng Long") {
		t.Fatalf("the administrator was not asked about the correction: %q", newRequest.Text)
	}
	stale := press(firstRequest, admin, firstRequest.Buttons[0][0].Data)
	b.Handle(ctx, stale)
	if a, _ := fake.Answer(stale.CallbackQuery.ID); !strings.Contains(a.Text, "đã sửa") {
		t.Errorf("the old request's button answered %q", a.Text)
	}
	if c, _ := members.Chat(ctx, newcomer); c.Status != loa.StatusPending {
		t.Fatalf("the old request approved the corrected one: %s", c.Status)
	}
	b.Handle(ctx, press(newRequest, admin, newRequest.Buttons[0][0].Data))
	if c, _ := members.Chat(ctx, newcomer); c.Status != loa.StatusActive {
		t.Fatalf("the corrected request was not approved: %s", c.Status)
	}

	command(admin, "/start")
	b.Handle(ctx, press(last(t, fake, admin), admin, "r:u:2"))
	b.Handle(ctx, press(last(t, fake, admin), admin, "r:r:2:leader"))
	if c, _ := members.Chat(ctx, admin); c.Status != loa.StatusActive {
		t.Fatalf("an administrator waits for their own approval: %s", c.Status)
	}
}

// Topics are found by name, key or a common short form, with or without diacritics; a short
// form that fits two topics finds none.
func TestTopicsByNameKeyOrShortForm(t *testing.T) {
	topics := []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập", NameEN: "Drills"}, {Key: "hoi-thao", NameVI: "Hội thao, hội thi bắn súng"},
		{Key: "tuyen-quan", NameVI: "Tuyển quân, nghĩa vụ quân sự"}, {Key: "gdqp-an", NameVI: "Giáo dục quốc phòng và an ninh"},
		{Key: "dan-quan-tu-ve", NameVI: "Dân quân tự vệ"}, {Key: "an-ninh", NameVI: "An ninh, trật tự"}}
	for typed, want := range map[string]string{"gdqp": "gdqp-an", "GDQP&AN": "gdqp-an", "bắn súng": "hoi-thao", "ban sung": "hoi-thao",
		"dân quân": "dan-quan-tu-ve", "DQTV": "dan-quan-tu-ve", "nvqs": "tuyen-quan", "nghĩa vụ quân sự": "tuyen-quan",
		"dien tap": "dien-tap", "Drills": "dien-tap", "tuyen-quan": "tuyen-quan", "an ninh": "an-ninh"} {
		if got, ok := findTopic(topics, typed); !ok || got.Key != want {
			t.Errorf("%q found %q (%v), want %q", typed, got.Key, ok, want)
		}
	}
	for _, typed := range []string{"quân", "an", "xyz", ""} {
		if got, ok := findTopic(topics, typed); ok {
			t.Errorf("%q found %q", typed, got.Key)
		}
	}
}

// The usage of /theodoi names the Vietnamese command and the topics' names, never their keys.
func TestSubscribeUsageNamesTopicsNotKeys(t *testing.T) {
	b, fake := newHandlerBot(t)
	b.members = newMembers(loa.Chat{ID: official, Type: "private", Status: loa.StatusActive, Lang: "vi"})
	b.units = memUnits{topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập"}, {Key: "hoi-thao", NameVI: "Hội thao, hội thi bắn súng"}}}
	for _, text := range []string{"/theodoi", "/theodoi thời tiết"} {
		b.Handle(context.Background(), tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: official},
			Chat: &tgbotapi.Chat{ID: official, Type: "private"}, Text: text, Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Length: 8}}}})
		got := last(t, fake, official).Text
		if strings.Contains(got, "dien-tap") || strings.Contains(got, "/subscribe") || !strings.Contains(got, "Hội thao, hội thi bắn súng") {
			t.Errorf("%s answered %q", text, got)
		}
	}
	b.Handle(context.Background(), tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: official},
		Chat: &tgbotapi.Chat{ID: official, Type: "private"}, Text: "/theodoi bắn súng", Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Length: 8}}}})
	if subs, _ := b.members.Subscriptions(context.Background(), official); len(subs) != 1 || subs[0] != "hoi-thao" {
		t.Errorf("/theodoi bắn súng subscribed %v", subs)
	}
}

// Several topics in one command are followed or dropped together, however they are typed.
func TestSubscribeToSeveralTopicsAtOnce(t *testing.T) {
	b, fake := newHandlerBot(t)
	b.members = newMembers(loa.Chat{ID: official, Type: "private", Status: loa.StatusActive, Lang: "vi"})
	b.units = memUnits{topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập"}, {Key: "tuyen-quan", NameVI: "Tuyển quân"},
		{Key: "hoi-thao", NameVI: "Hội thao, hội thi bắn súng"}}}
	send := func(text, command string) string {
		b.Handle(context.Background(), tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: official},
			Chat: &tgbotapi.Chat{ID: official, Type: "private"}, Text: text, Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Length: len(command)}}}})
		return last(t, fake, official).Text
	}
	if got := send("/theodoi dien tap tuyen quan", "/theodoi"); !strings.Contains(got, "<b>Diễn tập</b>, <b>Tuyển quân</b>") {
		t.Errorf("answered %q", got)
	}
	if subs, _ := b.members.Subscriptions(context.Background(), official); !slices.Equal(subs, []string{"dien-tap", "tuyen-quan"}) {
		t.Errorf("subscribed %v", subs)
	}
	if got := send("/botheodoi dien-tap, Tuyển quân", "/botheodoi"); !strings.Contains(got, "Đã bỏ theo dõi") {
		t.Errorf("answered %q", got)
	}
	if subs, _ := b.members.Subscriptions(context.Background(), official); len(subs) != 0 {
		t.Errorf("after dropping both: %v", subs)
	}
	// One unknown word changes nothing and says which.
	if got := send("/theodoi dien tap thoi tiet", "/theodoi"); !strings.Contains(got, "«thoi tiet»") {
		t.Errorf("answered %q", got)
	}
	if subs, _ := b.members.Subscriptions(context.Background(), official); len(subs) != 0 {
		t.Errorf("a refused command subscribed %v", subs)
	}
}

// A notice too long for one message arrives in parts, each after the first marked "(tiếp)".
func TestSplitNoticeCarriesContinued(t *testing.T) {
	b, fake := newHandlerBot(t)
	text := strings.Repeat("Ban CHQS thị xã chủ trì tổ chức diễn tập chiến đấu trong khu vực phòng thủ. ", 150)
	if _, err := NewMessenger(b.api).Send(context.Background(), loa.OutMessage{ChatID: official, Text: text}); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages(official)
	if len(msgs) < 2 || strings.Contains(msgs[0].Text, "(tiếp)") {
		t.Fatalf("%d parts; the first: %.80q", len(msgs), msgs[0].Text)
	}
	for _, m := range msgs[1:] {
		if !strings.HasPrefix(m.Text, "<i>(tiếp)</i>\n") || utf16Len(m.Text) > MaxMessage {
			t.Errorf("a later part starts %.40q (%d units)", m.Text, utf16Len(m.Text))
		}
	}
}
