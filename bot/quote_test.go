package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// itemAnswer is a directive item read from a sentence that sets several tasks.
type itemAnswer struct{}

func (itemAnswer) Answer(context.Context, string, int, int) ([]loa.Answer, bool, error) {
	return []loa.Answer{{RowID: 1, Text: "chủ động bảo vệ tài sản", Addressee: "người dân",
		Sentence: "Công an xã đề nghị người dân nâng cao ý thức chấp hành pháp luật, chủ động bảo vệ tài sản, giữ gìn ANTT tại khu dân cư.",
		Title:    "Công an xã Đức Châu ra quân", URL: "https://congan.example/tin/1", Published: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)}}, false, nil
}

// A task is shown within the sentence that sets it, the task itself in bold: whoever asks sees
// who asked it and what comes with it.
func TestItemAnswerIsShownWithinItsSentence(t *testing.T) {
	b, fake := newHandlerBot(t)
	b.members = newMembers(loa.Chat{ID: official, Type: "private", Status: loa.StatusActive, Lang: "vi"})
	b.opts.Answerer, b.questions, b.drafts = itemAnswer{}, &memQuestions{}, noDrafts{}
	b.Handle(context.Background(), tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: official},
		Chat: &tgbotapi.Chat{ID: official, Type: "private"}, Text: "công an xã đề nghị người dân làm gì?"}})
	got := last(t, fake, official).Text
	want := "Công an xã đề nghị người dân nâng cao ý thức chấp hành pháp luật, <b>chủ động bảo vệ tài sản</b>, giữ gìn ANTT tại khu dân cư."
	if !strings.Contains(got, want) {
		t.Errorf("answer %q, want it to hold %q", got, want)
	}
}
