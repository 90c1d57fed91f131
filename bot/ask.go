package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

const answersPerPage = 5

// questions remembers recent questions for their "Xem thêm" buttons; after a restart an old
// button says it is out of date.
type questions struct {
	mu   sync.Mutex
	next int
	byID map[int]string
}

func (q *questions) put(text string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.byID == nil || len(q.byID) > 10_000 {
		q.byID = map[int]string{}
	}
	q.next++
	q.byID[q.next] = text
	return q.next
}

func (q *questions) get(id int) (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	t, ok := q.byID[id]
	return t, ok
}

// cmdAsk answers /ask QUESTION, /hoi QUESTION and plain text in a private chat.
func (b *Bot) cmdAsk(ctx context.Context, m *tgbotapi.Message, lang, question string) error {
	if _, err := b.activeChat(ctx, m.Chat.ID); err != nil {
		return b.replyNotActive(m.Chat.ID, lang, err)
	}
	question = strings.TrimSpace(question)
	if question == "" {
		_, err := b.reply(m.Chat.ID, T(lang, "ask_usage"), nil)
		return err
	}
	if b.opts.Answerer == nil {
		_, err := b.reply(m.Chat.ID, T(lang, "free_text"), nil)
		return err
	}
	if len([]rune(question)) > 300 {
		question = string([]rune(question)[:300])
	}
	text, kb, err := b.answerPage(ctx, lang, question, b.questions.put(question), 0)
	if err != nil {
		return err
	}
	_, err = b.reply(m.Chat.ID, text, kb)
	return err
}

// answerPage renders answers from offset, with a "Xem thêm" button when there are more.
func (b *Bot) answerPage(ctx context.Context, lang, question string, qid, offset int) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	answers, more, err := b.opts.Answerer.Answer(ctx, question, offset, answersPerPage)
	if err != nil {
		return "", nil, err
	}
	if len(answers) == 0 && offset == 0 {
		return T(lang, "ask_none", esc(question)), nil, nil
	}
	var sb strings.Builder
	sb.WriteString(T(lang, "ask_head", esc(question)))
	for i, a := range answers {
		fmt.Fprintf(&sb, "\n\n<b>%d. %s</b>", offset+i+1, esc(addresseeOrGeneral(lang, a)))
		if a.Ordinal != "" {
			fmt.Fprintf(&sb, " · %s", esc(a.Ordinal))
		}
		fmt.Fprintf(&sb, "\n%s\n<i>— ", esc(a.Text))
		if a.Speaker != "" {
			sb.WriteString(esc(a.Speaker) + ", ")
		}
		fmt.Fprintf(&sb, "%s</i> · <a href=\"%s\">%s</a>", a.Published.In(b.opts.Location).Format("02/01/2006"), esc(a.URL), esc(a.Title))
	}
	if !more {
		return sb.String(), nil, nil
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(T(lang, "ask_more"), fmt.Sprintf("ask:%d:%d", qid, offset+answersPerPage))))
	return sb.String(), &kb, nil
}

func addresseeOrGeneral(lang string, a loa.Answer) string {
	if a.Addressee == "" {
		return T(lang, "ask_general")
	}
	return a.Addressee
}

// onMoreAnswers handles "ask:<question>:<offset>": the next page, sent as a new message.
func (b *Bot) onMoreAnswers(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	qid, err1 := strconv.Atoi(parts[0])
	offset, err2 := strconv.Atoi(parts[1])
	question, ok := b.questions.get(qid)
	if err1 != nil || err2 != nil || !ok || b.opts.Answerer == nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	b.answer(q.ID, "", false)
	text, kb, err := b.answerPage(ctx, lang, question, qid, offset)
	if err != nil {
		return err
	}
	// The old page loses its button so only the newest offers more.
	b.editButtons(q.Message.Chat.ID, q.Message.MessageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	_, err = b.reply(q.Message.Chat.ID, text, kb)
	return err
}
