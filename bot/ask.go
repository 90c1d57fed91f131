package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// answersPerPage keeps a reply short enough to read on a phone; "Xem thêm" shows the rest.
const answersPerPage = 3

// Greetings and thanks (folded, without the words of address around them) get one polite
// line, not a search.
var (
	thanks    = map[string]bool{"cam on": true, "xin cam on": true, "thanks": true, "thank you": true, "thank": true, "tks": true, "cam on nhieu": true}
	greetings = map[string]bool{"chao": true, "xin chao": true, "hello": true, "hi": true, "alo": true, "ok": true, "oke": true,
		"okay": true, "vang": true, "da": true, "da vang": true, "da ro": true, "ro": true, "nhan duoc": true, "da nhan": true}
	// addressWords are how officials address each other around a greeting: "cảm ơn đồng chí ạ".
	addressWords = map[string]bool{"dong": true, "chi": true, "a": true, "nhe": true, "nha": true, "nhieu": true, "loa": true,
		"ban": true, "anh": true, "em": true, "bot": true, "lam": true, "moi": true, "nguoi": true, "you": true, "very": true, "much": true}
)

// smallTalk says whether text is a greeting or thanks, and which line answers it.
func smallTalk(text string) (key string, ok bool) {
	words := strings.Fields(strings.NewReplacer("!", " ", ".", " ", "?", " ", "…", " ", ",", " ").Replace(vntext.Fold(text)))
	if len(words) == 0 || len(words) > 6 {
		return "", false
	}
	// Drop the words of address at the end ("cảm ơn đồng chí ạ" → "cảm ơn").
	for len(words) > 1 && addressWords[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	core := strings.Join(words, " ")
	switch {
	case thanks[core]:
		return "small_talk_thanks", true
	case greetings[core]:
		return "small_talk", true
	}
	return "", false
}

// notFoundWindow is how long a chat is spared the full "not found" answer after having read
// it once: a second off-topic message gets one short line.
const notFoundWindow = 10 * time.Minute

// toldNotFound reports whether the chat read the full "not found" answer within the window,
// and notes that it reads one now.
func (b *Bot) toldNotFound(chatID int64) bool {
	now := b.opts.Now()
	b.langMu.Lock()
	defer b.langMu.Unlock()
	if at, ok := b.notFound[chatID]; ok && now.Sub(at) < notFoundWindow {
		return true
	}
	if len(b.notFound) > 10000 { // forget old entries rather than grow
		for id, at := range b.notFound {
			if now.Sub(at) >= notFoundWindow {
				delete(b.notFound, id)
			}
		}
	}
	b.notFound[chatID] = now
	return false
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
	if key, ok := smallTalk(question); ok {
		_, err := b.reply(m.Chat.ID, T(lang, key), nil)
		return err
	}
	if b.opts.Answerer == nil {
		_, err := b.reply(m.Chat.ID, T(lang, "free_text"), nil)
		return err
	}
	if len([]rune(question)) > 300 {
		question = string([]rune(question)[:300])
	}
	// Stored, so the "Xem thêm" button still works after a restart.
	qid, err := b.questions.SaveQuestion(ctx, m.Chat.ID, question)
	if err != nil {
		return err
	}
	text, kb, err := b.answerPage(ctx, lang, question, qid, 0)
	if err != nil {
		return err
	}
	if text == "" { // nothing found
		key := "ask_none"
		if b.toldNotFound(m.Chat.ID) {
			key = "ask_none_again"
		}
		text = T(lang, key, esc(shorten(question, 60)))
	}
	_, err = b.reply(m.Chat.ID, text, kb)
	return err
}

// answerPage renders answers from offset, with a "Xem thêm" button when there are more.
func (b *Bot) answerPage(ctx context.Context, lang, question string, qid int64, offset int) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	answers, more, err := b.opts.Answerer.Answer(ctx, question, offset, answersPerPage)
	if err != nil {
		return "", nil, err
	}
	if len(answers) == 0 && offset == 0 {
		return "", nil, nil // the caller says so, briefly
	}
	var sb strings.Builder
	sb.WriteString(T(lang, "ask_head", esc(question)))
	// Items of one article are listed under it once, its title and link not repeated under
	// each: a page of three fits a phone's screen. Dated events come first, as they ranked.
	type group struct {
		source  string
		answers []loa.Answer
	}
	var groups []*group
	byArticle := map[string]*group{}
	for _, a := range answers {
		key := a.URL + "\x00" + a.Title
		g := byArticle[key]
		if g == nil {
			source := esc(a.Title)
			if loa.PublicURL(a.URL) {
				source = fmt.Sprintf(`<a href="%s">%s</a>`, esc(a.URL), esc(a.Title))
			}
			g = &group{source: fmt.Sprintf("📄 %s · %s", source, a.Published.In(b.opts.Location).Format("02/01/2006"))}
			byArticle[key] = g
			groups = append(groups, g)
		}
		g.answers = append(g.answers, a)
	}
	n := offset
	for _, g := range groups {
		sb.WriteString("\n\n" + g.source)
		for _, a := range g.answers {
			if a.Kind == loa.AnswerEvent {
				// When and where, from an article's dated event: not a numbered directive item.
				fmt.Fprintf(&sb, "\n%s: <b>%s</b>", T(lang, "ask_event"), esc(a.Text))
				continue
			}
			n++
			if a.Kind == loa.AnswerPassage {
				// A sentence of the article, quoted as it is: the fact asked about.
				fmt.Fprintf(&sb, "\n<b>%d. %s</b>\n«%s»", n, T(lang, "ask_passage"), esc(shorten(a.Text, itemChars)))
				continue
			}
			if a.Source == loa.DocumentSource {
				// A sent document's task, cited as officials cite one: its name and section.
				fmt.Fprintf(&sb, "\n<b>%d. %s</b>\n%s %s", n, esc(addresseeOrGeneral(lang, a)), esc(documentCitation(lang, a)), esc(shorten(a.Text, itemChars)))
				continue
			}
			fmt.Fprintf(&sb, "\n<b>%d. %s</b>", n, esc(addresseeOrGeneral(lang, a)))
			if a.Ordinal != "" {
				fmt.Fprintf(&sb, " · %s", esc(sectionLabel(lang, a.Ordinal)))
			}
			fmt.Fprintf(&sb, "\n%s", quoteHTML(a))
			if a.Speaker != "" {
				fmt.Fprintf(&sb, " <i>— %s</i>", esc(a.Speaker))
			}
		}
	}
	if !more {
		return sb.String(), nil, nil
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(T(lang, "ask_more"), fmt.Sprintf("ask:%d:%d", qid, offset+answersPerPage))))
	return sb.String(), &kb, nil
}

// documentCitation is "Theo Kế hoạch số 45/KH-UBND ngày 15/3/2024, mục III.2:": the
// document's name is its article's title up to the summary.
func documentCitation(lang string, a loa.Answer) string {
	name, _, _ := strings.Cut(a.Title, ": ")
	if a.Ordinal == "" {
		return T(lang, "docsearch_source0", name)
	}
	return T(lang, "docsearch_source", name, a.Ordinal)
}

func addresseeOrGeneral(lang string, a loa.Answer) string {
	if a.Addressee == "" {
		return T(lang, "ask_general")
	}
	return a.Addressee
}

// onMoreAnswers handles "ask:<question>:<offset>": the next page, sent as a new message.
func (b *Bot) onMoreAnswers(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	qid, err1 := strconv.ParseInt(parts[0], 10, 64)
	offset, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || b.opts.Answerer == nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	question, err := b.questions.Question(ctx, qid, q.Message.Chat.ID)
	if errors.Is(err, loa.ErrNotFound) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if err != nil {
		return err
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

// ordinalWords are the numbers of "Thứ nhất … Thứ mười" and "Một là … Mười là", folded.
var ordinalWords = map[string]int{"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6,
	"bay": 7, "tam": 8, "chin": 9, "muoi": 10}

// sectionLabel writes a directive's ordinal as "Mục 3": "Thứ ba" alone reads as Tuesday.
func sectionLabel(lang, ordinal string) string {
	f := strings.Fields(vntext.Fold(ordinal))
	if len(f) == 2 && (f[0] == "thu" || f[1] == "la") {
		word := f[1]
		if f[1] == "la" {
			word = f[0]
		}
		if n, ok := ordinalWords[word]; ok {
			return T(lang, "ask_section", n)
		}
	}
	return ordinal
}

const itemChars = loa.QuoteChars

// quoteHTML is a directive item's answer: the item in bold within what its sentence says
// around it, or the item alone.
func quoteHTML(a loa.Answer) string {
	q := a.Quote(itemChars)
	if q.Before == "" && q.After == "" {
		return esc(shorten(a.Text, itemChars))
	}
	return esc(q.Before) + "<b>" + esc(q.Item) + "</b>" + esc(q.After)
}

// shorten cuts text to about limit characters at the end of a clause or a word, marking the cut.
func shorten(text string, limit int) string {
	r := []rune(text)
	if len(r) <= limit {
		return text
	}
	cut := string(r[:limit])
	for _, mark := range []string{". ", "; ", ", "} {
		if i := strings.LastIndex(cut, mark); i > len(cut)/2 {
			return cut[:i+1] + " …"
		}
	}
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return cut + " …"
}
