package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// docAnswer is one task of a sent document, as the search returns it.
var docAnswer = fixedAnswers{{RowID: 1, Text: "Lập danh sách dân quân năm thứ nhất (hạn chót 20/4/2024)", Addressee: "Ban CHQS xã Nha Bích",
	Ordinal: "III.2", Title: "Kế hoạch số 45/KH-UBND ngày 15/3/2024: Tổ chức huấn luyện dân quân tự vệ", URL: "https://loa.example/console/documents/7",
	Published: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), Source: loa.DocumentSource}}

// fixedAnswers is a search that answers every question alike.
type fixedAnswers []loa.Answer

func (f fixedAnswers) Answer(context.Context, string, int, int) ([]loa.Answer, bool, error) {
	return f, false, nil
}

// replyTo is the bot's reply to an active official's question that answers finds.
func replyTo(t *testing.T, answers fixedAnswers, question string) string {
	t.Helper()
	b, fake := newHandlerBot(t)
	b.members = newMembers(loa.Chat{ID: official, Type: "private", Status: loa.StatusActive, Lang: "vi"})
	b.opts.Answerer, b.questions, b.drafts = answers, &memQuestions{}, noDrafts{}
	b.Handle(context.Background(), tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: official},
		Chat: &tgbotapi.Chat{ID: official, Type: "private"}, Text: question}})
	return last(t, fake, official).Text
}

// An answer from a sent document cites it as officials cite one: its name, then the section.
func TestDocumentAnswerCitesTheDocument(t *testing.T) {
	got := replyTo(t, docAnswer, "Ban CHQS xã Nha Bích phải làm gì theo kế hoạch 45?")
	want := "Theo Kế hoạch số 45/KH-UBND ngày 15/3/2024, mục III.2: Lập danh sách dân quân năm thứ nhất (hạn chót 20/4/2024)"
	if !strings.Contains(got, want) || !strings.Contains(got, "Ban CHQS xã Nha Bích") {
		t.Errorf("answer %q, want %q", got, want)
	}
}
