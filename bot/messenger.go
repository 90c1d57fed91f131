package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// Messenger sends notices to Telegram for the delivery engine (loa.Messenger).
type Messenger struct {
	api *tgbotapi.BotAPI
}

// NewMessenger wraps a connected client.
func NewMessenger(api *tgbotapi.BotAPI) *Messenger { return &Messenger{api: api} }

var _ loa.Messenger = (*Messenger)(nil)

// MaxMessage is Telegram's limit on one message's text, in UTF-16 code units.
const MaxMessage = 4096

// MaxCaption is Telegram's limit on a photo's or document's caption.
const MaxCaption = 1024

// Send sends m as one or more HTML messages (split at paragraphs, then sentences), with the
// buttons on the last part only. A photo or document goes first, carrying the text as its
// caption when it fits. Parts an earlier attempt already sent are skipped, so a retry never
// repeats them. The requests are built here rather than with tgbotapi's configs, which lack
// allow_paid_broadcast. Errors are *loa.SendError, classified for the dispatcher.
func (ms *Messenger) Send(_ context.Context, m loa.OutMessage) ([]int, error) {
	type step struct {
		method string
		params tgbotapi.Params
	}
	common := func(last bool) tgbotapi.Params {
		p := tgbotapi.Params{"chat_id": strconv.FormatInt(m.ChatID, 10), "parse_mode": tgbotapi.ModeHTML}
		p.AddBool("allow_paid_broadcast", m.PaidBroadcast)
		p.AddNonZero("reply_to_message_id", m.ReplyTo)
		if m.ReplyTo != 0 {
			p["allow_sending_without_reply"] = "true" // the original may have been deleted
		}
		if last && len(m.Buttons) > 0 {
			p.AddInterface("reply_markup", keyboard(m.Buttons))
		}
		return p
	}
	var steps []step
	// A notice too long for one message goes in parts, each after the first marked "(tiếp)".
	continued := T("vi", "split_continued") + "\n"
	texts := SplitHTML(m.Text, MaxMessage-utf16Len(continued))
	for i := 1; i < len(texts); i++ {
		texts[i] = continued + texts[i]
	}
	if album := m.Media.Album(); len(album) > 0 {
		// The pages of a document: albums of at most ten photos, which take no buttons, so the
		// text and its buttons follow as messages.
		for len(album) > 0 {
			n := min(len(album), 10)
			if n == 1 {
				p := common(false)
				p["photo"] = album[0]
				delete(p, "parse_mode")
				steps = append(steps, step{"sendPhoto", p})
			} else {
				p := common(false)
				delete(p, "parse_mode")
				items := make([]map[string]string, n)
				for i, id := range album[:n] {
					items[i] = map[string]string{"type": "photo", "media": id}
				}
				p.AddInterface("media", items)
				steps = append(steps, step{"sendMediaGroup", p})
			}
			album = album[n:]
		}
		if strings.TrimSpace(m.Text) == "" {
			texts = nil // photos alone
		}
	} else if m.Media.Kind != "" {
		caption := ""
		if utf16Len(m.Text) <= MaxCaption {
			caption, texts = m.Text, nil
		}
		p := common(len(texts) == 0)
		p.AddNonEmpty("caption", caption)
		method, field := "sendPhoto", "photo"
		if m.Media.Kind == "document" {
			method, field = "sendDocument", "document"
		}
		p[field] = m.Media.FileID
		steps = append(steps, step{method, p})
	}
	for i, part := range texts {
		p := common(i == len(texts)-1)
		p["text"], p["disable_web_page_preview"] = part, "true"
		steps = append(steps, step{"sendMessage", p})
	}
	var ids []int
	for i := m.SkipParts; i < len(steps); i++ {
		id, err := ms.call(steps[i].method, steps[i].params)
		if err != nil {
			se := classify(err)
			se.MessageIDs = ids
			return ids, se
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// call makes one Bot API request and returns the sent message's ID.
func (ms *Messenger) call(method string, p tgbotapi.Params) (int, error) {
	resp, err := ms.api.MakeRequest(method, p)
	if err != nil {
		return 0, err
	}
	// Only the id is needed: decoding the whole tgbotapi.Message allocated more than the rest
	// of a send.
	var sent struct {
		MessageID int `json:"message_id"`
	}
	if method == "sendMediaGroup" {
		// An album answers with its messages: the first stands for it.
		var group []struct {
			MessageID int `json:"message_id"`
		}
		if err := json.Unmarshal(resp.Result, &group); err != nil || len(group) == 0 {
			return 0, fmt.Errorf("%s: unreadable answer: %v", method, err)
		}
		return group[0].MessageID, nil
	}
	if err := json.Unmarshal(resp.Result, &sent); err != nil {
		return 0, fmt.Errorf("%s: unreadable answer: %w", method, err)
	}
	return sent.MessageID, nil
}

// Edit replaces a message's text (progress reports); "not modified" counts as success.
func (ms *Messenger) Edit(_ context.Context, chatID int64, messageID int, text string) error {
	e := tgbotapi.NewEditMessageText(chatID, messageID, text)
	e.ParseMode = tgbotapi.ModeHTML
	return ignoreNotModified(ms.api.Request(e))
}

// ClearButtons removes a message's buttons (a cancelled notice's "Đã nhận").
func (ms *Messenger) ClearButtons(_ context.Context, chatID int64, messageID int) error {
	none := tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}}
	return ignoreNotModified(ms.api.Request(tgbotapi.NewEditMessageReplyMarkup(chatID, messageID, none)))
}

func keyboard(buttons [][]loa.Button) tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, row := range buttons {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			if b.URL != "" {
				r = append(r, tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
			} else {
				r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
			}
		}
		rows = append(rows, r)
	}
	return tgbotapi.NewInlineKeyboardMarkup(rows...)
}

// classify turns a Bot API failure into what the dispatcher should do about it.
func classify(err error) *loa.SendError {
	te, ok := APIError(err)
	if !ok {
		return &loa.SendError{Kind: loa.SendRetry, Err: err} // network, timeout
	}
	se := &loa.SendError{Err: fmt.Errorf("telegram %d: %s", te.Code, te.Message)}
	switch {
	case te.Code == 429 || te.RetryAfter > 0:
		se.Kind, se.RetryAfter = loa.SendRateLimited, time.Duration(max(te.RetryAfter, 1))*time.Second
	case te.MigrateToChatID != 0:
		se.Kind, se.MigrateTo = loa.SendMigrated, te.MigrateToChatID
	case te.Code == 403:
		se.Kind = loa.SendBlocked
	case te.Code == 400 && strings.Contains(strings.ToLower(te.Message), "chat not found"):
		se.Kind = loa.SendNotFound
	case te.Code == 400 && strings.Contains(te.Message, "BALANCE_TOO_LOW"):
		se.Kind = loa.SendNoStars
	case te.Code >= 400 && te.Code < 500:
		se.Kind = loa.SendRejected
	default:
		se.Kind = loa.SendRetry
	}
	return se
}

// utf16Len is how Telegram counts message length.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r) // invalid UTF-8 comes as U+FFFD, one unit, as Telegram counts it
	}
	return n
}

// fitsUTF16 reports whether s has at most limit UTF-16 units, reading no further than the
// limit: checking a long text's rest at every cut must not cost the whole rest each time.
func fitsUTF16(s string, limit int) bool {
	n := 0
	for _, r := range s {
		if n += utf16.RuneLen(r); n > limit {
			return false
		}
	}
	return true
}

var tagRE = regexp.MustCompile(`<(/?)([a-z-]+)[^<>]*>`)

// SplitHTML cuts text into parts of at most limit UTF-16 units, preferring paragraph breaks,
// then line and sentence ends, then spaces. Tags open at a cut are closed at the end of one part
// and reopened at the start of the next, so every part is valid HTML for Telegram.
func SplitHTML(text string, limit int) []string {
	if fitsUTF16(text, limit) {
		return []string{text}
	}
	// Room for the tags closed and reopened around a cut.
	budget := limit - 200
	var parts []string
	var open []string // opening tags in effect at the start of rest
	rest := text
	for rest != "" {
		prefix := strings.Join(open, "")
		if fitsUTF16(rest, limit-utf16Len(prefix)) {
			parts = append(parts, prefix+rest)
			break
		}
		cut := cutPoint(rest, budget-utf16Len(prefix))
		chunk := strings.TrimRight(rest[:cut], " \n")
		rest = strings.TrimLeft(rest[cut:], " \n")
		stillOpen := openTags(open, chunk)
		var closing strings.Builder
		for i := len(stillOpen) - 1; i >= 0; i-- {
			closing.WriteString("</" + tagName(stillOpen[i]) + ">")
		}
		parts = append(parts, prefix+chunk+closing.String())
		open = stillOpen
	}
	return parts
}

// cutPoint finds where to cut s so the first piece fits in budget UTF-16 units.
func cutPoint(s string, budget int) int {
	// The longest prefix that fits, on a rune boundary and outside tags and entities.
	// hard is the longest prefix that fits wherever it ends: the cut when a "<" or "&" is
	// never closed, which is not a tag or entity but must not make one part of the rest.
	fit, hard, units, inTag, inEntity := 0, 0, 0, false, false
	for i, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case r == '&':
			inEntity = true
		case r == ';':
			inEntity = false
		}
		units += utf16.RuneLen(r)
		if units > budget {
			break
		}
		hard = i + len(string(r))
		if !inTag && !inEntity {
			fit = i + len(string(r))
		}
	}
	window := s[:fit]
	for _, sep := range []string{"\n\n", "\n", ". ", "! ", "? ", "; ", " "} {
		if i := strings.LastIndex(window, sep); i > len(window)/3 {
			return i + len(sep)
		}
	}
	switch {
	case fit > 0:
		return fit
	case hard > 0:
		return hard
	}
	return len(s)
}

// openTags returns the opening tags in effect after chunk, given those open before it.
func openTags(open []string, chunk string) []string {
	stack := append([]string(nil), open...)
	for _, m := range tagRE.FindAllStringSubmatch(chunk, -1) {
		if m[1] == "/" {
			for i := len(stack) - 1; i >= 0; i-- {
				if tagName(stack[i]) == m[2] {
					stack = append(stack[:i], stack[i+1:]...)
					break
				}
			}
			continue
		}
		stack = append(stack, m[0])
	}
	return stack
}

// tagName is the name of an opening tag that tagRE matched: the letters and dashes after "<".
// It runs for every open tag at every closing one, so it reads bytes instead of matching.
func tagName(openTag string) string {
	end := 1
	for end < len(openTag) && (openTag[end] >= 'a' && openTag[end] <= 'z' || openTag[end] == '-') {
		end++
	}
	return openTag[1:end]
}
