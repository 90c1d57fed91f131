package tgfake

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// WaitTimeout bounds every Wait helper; a bot that has not answered by then has failed.
var WaitTimeout = 10 * time.Second

// SendText injects a text message from user into chat. A leading "/command" gets the
// bot_command entity Telegram adds, so the client sees it as a command. It returns the
// update ID.
func (s *Server) SendText(from User, chat Chat, text string) int {
	s.mu.Lock()
	s.nextMsgID++
	msg := map[string]any{
		"message_id": s.nextMsgID, "date": time.Now().Unix(), "from": from, "chat": chat, "text": text,
	}
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(utf16(cmd))}}
	}
	s.chats[chat.ID] = chat
	s.keepUserMessageLocked(from, chat, text, "")
	s.mu.Unlock()
	return s.inject(map[string]any{"message": msg})
}

// SendPhoto injects a photo (by file_id) with a caption, as if the user sent or forwarded it.
func (s *Server) SendPhoto(from User, chat Chat, fileID, caption string) int {
	s.mu.Lock()
	s.nextMsgID++
	msg := map[string]any{
		"message_id": s.nextMsgID, "date": time.Now().Unix(), "from": from, "chat": chat, "caption": caption,
		"photo": []map[string]any{{"file_id": fileID + "-small", "file_unique_id": "s", "width": 90, "height": 60},
			{"file_id": fileID, "file_unique_id": "l", "width": 1280, "height": 853}},
	}
	s.chats[chat.ID] = chat
	s.keepUserMessageLocked(from, chat, caption, fileID)
	s.mu.Unlock()
	return s.inject(map[string]any{"message": msg})
}

// SendDocument injects a file sent by user, as Telegram delivers it: a document with its
// file_id, name, type and size. The bot fetches its content with getFile and the file URL.
func (s *Server) SendDocument(from User, chat Chat, name, mimeType string, data []byte, caption string) int {
	id := s.PutFile(name, data)
	s.mu.Lock()
	s.nextMsgID++
	msg := map[string]any{
		"message_id": s.nextMsgID, "date": time.Now().Unix(), "from": from, "chat": chat, "caption": caption,
		"document": map[string]any{"file_id": id, "file_unique_id": "u" + id, "file_name": name,
			"mime_type": mimeType, "file_size": len(data)},
	}
	s.chats[chat.ID] = chat
	s.keepUserMessageLocked(from, chat, caption, id)
	s.mu.Unlock()
	return s.inject(map[string]any{"message": msg})
}

// PutFile keeps a file as if a user had sent it and returns its file_id, for a handler test
// that builds the update itself.
func (s *Server) PutFile(name string, data []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := fmt.Sprintf("doc-%d", len(s.files)+1)
	s.files[id] = File{Name: name, Data: data}
	return id
}

// keepUserMessageLocked records what a user wrote, for Transcript.
func (s *Server) keepUserMessageLocked(from User, chat Chat, text, fileID string) {
	if s.written == nil {
		s.written = map[int64][]Message{}
	}
	s.written[chat.ID] = append(s.written[chat.ID], Message{ID: s.nextMsgID, ChatID: chat.ID, Method: "user",
		Text: text, FileID: fileID, From: from, Sent: time.Now()})
}

// Transcript returns a chat as its members see it: what users wrote and what the bot sent,
// in order. Messages the bot sent have a zero From.
func (s *Server) Transcript(chatID int64) []Message {
	s.mu.Lock()
	out := append([]Message(nil), s.written[chatID]...)
	s.mu.Unlock()
	out = append(out, s.Messages(chatID)...)
	slices.SortFunc(out, func(a, b Message) int { return a.ID - b.ID })
	return out
}

// Press injects a button press by user on the bot's message msg, returning the callback ID.
func (s *Server) Press(from User, msg Message, data string) string {
	s.mu.Lock()
	s.nextCbID++
	id := "cb" + strconv.Itoa(s.nextCbID)
	chat := s.chatOf(msg.ChatID)
	s.mu.Unlock()
	message := map[string]any{"message_id": msg.ID, "date": time.Now().Unix(), "chat": chat, "text": PlainText(msg.Text)}
	if len(msg.Buttons) > 0 {
		message["reply_markup"] = map[string]any{"inline_keyboard": msg.Buttons}
	}
	s.inject(map[string]any{"callback_query": map[string]any{
		"id": id, "from": from, "data": data, "chat_instance": "ci", "message": message,
	}})
	return id
}

// InlineQuery injects "@bot query" typed by user in some chat, returning the query's ID.
func (s *Server) InlineQuery(from User, query string) string {
	s.mu.Lock()
	s.nextCbID++
	id := "iq" + strconv.Itoa(s.nextCbID)
	s.mu.Unlock()
	s.inject(map[string]any{"inline_query": map[string]any{"id": id, "from": from, "query": query, "offset": "", "chat_type": "supergroup"}})
	return id
}

// WaitInlineAnswer waits for the bot's answer to an inline query.
func (s *Server) WaitInlineAnswer(t testing.TB, id string) InlineAnswer {
	t.Helper()
	var got InlineAnswer
	if err := s.waitFor(func() bool {
		var ok bool
		got, ok = s.inline[id]
		return ok
	}); err != nil {
		t.Fatalf("no answer to inline query %s: %v", id, err)
	}
	return got
}

func utf16(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			out = append(out, 0, 0)
		} else {
			out = append(out, 0)
		}
	}
	return out
}

// inject queues an update for getUpdates, or posts it to the webhook when one is set.
func (s *Server) inject(body map[string]any) int {
	s.mu.Lock()
	s.nextUpdateID++
	id := s.nextUpdateID
	body["update_id"] = id
	raw, _ := json.Marshal(body)
	hook, secret := s.webhookURL, s.webhookToken
	if hook == "" {
		s.updates = append(s.updates, raw)
		s.updateIDs = append(s.updateIDs, id)
		s.notifyLocked()
	}
	s.mu.Unlock()
	if hook != "" {
		s.PostWebhook(raw, secret)
	}
	return id
}

// PostWebhook posts an update to the configured webhook with the given secret header, as
// Telegram would, and returns the HTTP status the bot answered.
func (s *Server) PostWebhook(update []byte, secret string) int {
	hook, _ := s.Webhook()
	req, err := http.NewRequest(http.MethodPost, hook, bytes.NewReader(update))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// NextMessage waits for the next message the bot sends to chat after the last one this
// helper returned for that chat, and fails the test if none comes.
func (s *Server) NextMessage(t testing.TB, chatID int64) Message {
	t.Helper()
	var got Message
	err := s.waitFor(func() bool {
		if s.cursor[chatID] < len(s.messages[chatID]) {
			got = *s.messages[chatID][s.cursor[chatID]]
			s.cursor[chatID]++
			return true
		}
		return false
	})
	if err != nil {
		t.Fatalf("no new message to chat %d; the bot sent:\n%s", chatID, s.String(chatID))
	}
	return got
}

// WaitMessage waits until some message in chat (edits included) satisfies match.
func (s *Server) WaitMessage(t testing.TB, chatID int64, what string, match func(Message) bool) Message {
	t.Helper()
	var got Message
	err := s.waitFor(func() bool {
		for _, m := range s.messages[chatID] {
			if match(*m) {
				got = *m
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("chat %d never got %s; the bot sent:\n%s", chatID, what, s.String(chatID))
	}
	return got
}

// WaitText waits for a message to chat containing every one of parts.
func (s *Server) WaitText(t testing.TB, chatID int64, parts ...string) Message {
	t.Helper()
	return s.WaitMessage(t, chatID, fmt.Sprintf("a message containing %q", parts), func(m Message) bool {
		for _, p := range parts {
			if !strings.Contains(m.Text, p) {
				return false
			}
		}
		return true
	})
}

// WaitAnswer waits for the bot's answer to a button press.
func (s *Server) WaitAnswer(t testing.TB, callbackID string) CallbackAnswer {
	t.Helper()
	var a CallbackAnswer
	err := s.waitFor(func() bool {
		var ok bool
		a, ok = s.answers[callbackID]
		return ok
	})
	if err != nil {
		t.Fatalf("button press %s was never answered", callbackID)
	}
	return a
}

// WaitCondition waits until cond holds (called with the fake's state locked).
func (s *Server) WaitCondition(t testing.TB, what string, cond func() bool) {
	t.Helper()
	if err := s.waitFor(cond); err != nil {
		t.Fatalf("timed out waiting for %s", what)
	}
}

func (s *Server) waitFor(cond func() bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), WaitTimeout)
	defer cancel()
	return s.WaitUntil(ctx, cond)
}

var (
	htmlTag    = regexp.MustCompile(`^<(/?)([a-z-]+)(\s[^<>]*)?>`)
	htmlEntity = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);`)
	allowedTag = map[string]bool{"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
		"s": true, "strike": true, "del": true, "a": true, "code": true, "pre": true, "blockquote": true,
		"tg-spoiler": true, "span": true}
)

// CheckHTML rejects what Telegram's HTML parse mode rejects: unknown tags, unbalanced tags,
// and a bare "<", ">" or "&" that is not part of a tag or entity.
func CheckHTML(text string) error {
	var open []string
	for i := 0; i < len(text); {
		switch text[i] {
		case '<':
			m := htmlTag.FindStringSubmatch(text[i:])
			if m == nil || !allowedTag[m[2]] {
				return fmt.Errorf("unsupported start tag at byte offset %d", i)
			}
			if m[1] == "/" {
				if len(open) == 0 || open[len(open)-1] != m[2] {
					return fmt.Errorf("unexpected end tag %q at byte offset %d", m[2], i)
				}
				open = open[:len(open)-1]
			} else {
				open = append(open, m[2])
			}
			i += len(m[0])
		case '&':
			m := htmlEntity.FindString(text[i:])
			if m == "" {
				return fmt.Errorf("unsupported entity at byte offset %d", i)
			}
			i += len(m)
		case '>':
			return fmt.Errorf("unexpected > at byte offset %d", i)
		default:
			i++
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("can't find end tag corresponding to start tag %q", open[len(open)-1])
	}
	return nil
}

// WaitReplies waits until a chat holds at least n messages. A call is counted when it arrives,
// before its message is stored: a test that stops the bot once it has made its calls may stop
// it with the last message still in flight.
func (s *Server) WaitReplies(t testing.TB, chatID int64, n int) {
	t.Helper()
	s.WaitCondition(t, fmt.Sprintf("%d message(s) to chat %d", n, chatID), func() bool { return len(s.messages[chatID]) >= n })
}

// WaitCalls waits until the bot has called method at least n times.
func (s *Server) WaitCalls(t testing.TB, method string, n int) {
	t.Helper()
	s.WaitCondition(t, fmt.Sprintf("%d call(s) of %s", n, method), func() bool { return s.calls[method] >= n })
}

var anyTag = regexp.MustCompile(`<[^<>]*>`)

// PlainText is what a client sees of an HTML message: tags removed, entities decoded. Telegram
// sends this text (not the HTML) back in callback queries.
func PlainText(htmlText string) string {
	return html.UnescapeString(anyTag.ReplaceAllString(htmlText, ""))
}

// WaitChats waits until at least n different chats have received a message, with timeout.
func (s *Server) WaitChats(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := s.WaitUntil(ctx, func() bool { return len(s.messages) >= n }); err != nil {
		chats, total := s.Totals()
		t.Fatalf("only %d of %d chats got a message (%d messages) within %s", chats, n, total, timeout)
	}
}

// Totals counts the chats that received something and all messages sent.
func (s *Server) Totals() (chats, messages int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ms := range s.messages {
		messages += len(ms)
	}
	return len(s.messages), messages
}

// NextMessageContaining waits for a message to chat containing text that arrived after the
// last one returned by NextMessage or this helper for that chat.
func (s *Server) NextMessageContaining(t testing.TB, chatID int64, text string) Message {
	t.Helper()
	var got Message
	err := s.waitFor(func() bool {
		for i := s.cursor[chatID]; i < len(s.messages[chatID]); i++ {
			if strings.Contains(s.messages[chatID][i].Text, text) {
				got = *s.messages[chatID][i]
				s.cursor[chatID] = i + 1
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no new message to chat %d containing %q; the bot sent:\n%s", chatID, text, s.String(chatID))
	}
	return got
}
