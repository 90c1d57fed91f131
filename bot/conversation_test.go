package bot

import (
	"context"
	"strconv"
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
