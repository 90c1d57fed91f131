package bot

import (
	"context"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// registerPayload is the /start parameter of the "register" button inline answers show to
// people who are not members: plain registration, not an invite code.
const registerPayload = "dangky"

// inlineAnswers is how many answers an inline query lists.
const inlineAnswers = 5

// onInlineQuery answers "@bot câu hỏi" typed in any chat with answers the official can post
// there, each the quoted item with its article. Only active members get answers; anyone else
// gets none and a button that opens the bot to register.
func (b *Bot) onInlineQuery(ctx context.Context, q *tgbotapi.InlineQuery) error {
	if q.From == nil {
		return nil
	}
	lang := b.lang(ctx, q.From.ID)
	reply := tgbotapi.InlineConfig{InlineQueryID: q.ID, IsPersonal: true, CacheTime: 0, Results: []any{}}
	question := strings.TrimSpace(q.Query)
	if len([]rune(question)) > 300 {
		question = string([]rune(question)[:300])
	}
	_, err := b.activeChat(ctx, q.From.ID)
	if err != nil {
		reply.SwitchPMText, reply.SwitchPMParameter = T(lang, "inline_register"), registerPayload
	}
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(q.From), Action: "inline", Target: question, Allowed: err == nil})
	if err == nil && question != "" && b.opts.Answerer != nil {
		answers, _, err := b.opts.Answerer.Answer(ctx, question, 0, inlineAnswers)
		if err != nil {
			return err
		}
		// Events that answer "khi nào / ở đâu" come on top of the directive items: still five.
		answers = answers[:min(len(answers), inlineAnswers)]
		for i, a := range answers {
			reply.Results = append(reply.Results, b.inlineResult(lang, i, a))
		}
	}
	_, err = b.api.Request(reply)
	return err
}

// inlineResult is one answer as Telegram lists it (the addressee and the first words) and as
// it is posted (the item quoted, with its article).
func (b *Bot) inlineResult(lang string, i int, a loa.Answer) tgbotapi.InlineQueryResultArticle {
	title := addresseeOrGeneral(lang, a)
	switch a.Kind {
	case loa.AnswerEvent:
		title = T(lang, "ask_event")
	case loa.AnswerPassage:
		title = T(lang, "ask_passage")
	}
	source := esc(a.Title)
	if loa.PublicURL(a.URL) {
		source = fmt.Sprintf(`<a href="%s">%s</a>`, esc(a.URL), esc(a.Title))
	}
	quoted := esc(a.Text)
	if a.Kind == "" {
		quoted = quoteHTML(a)
	}
	text := fmt.Sprintf("<b>%s</b>\n<blockquote>%s</blockquote>\n<i>— %s</i> · %s", esc(title), quoted,
		a.Published.In(b.opts.Location).Format("02/01/2006"), source)
	r := tgbotapi.NewInlineQueryResultArticleHTML(fmt.Sprint(i+1), title, text)
	words := []rune(a.Text)
	if len(words) > 90 {
		words = append(words[:90], '…')
	}
	r.Description = string(words)
	return r
}
