// Package tgfake is a fake Telegram Bot API: a real HTTP server on loopback that speaks the
// Bot API as tgbotapi calls it. Tests point the real client at it, inject user messages and
// button presses, read what the bot sent, and make the next calls fail with 429, 403, 400 or
// 5xx. It also delivers updates to a webhook, with the secret token header, when one is set.
package tgfake

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// User is a Telegram user as the fake knows it.
type User struct {
	ID        int64  `json:"id"`
	IsBot     bool   `json:"is_bot"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name,omitempty"`
	Username  string `json:"username,omitempty"`
}

// Chat is a Telegram chat: private (ID = user ID) or a group (negative ID).
type Chat struct {
	ID    int64  `json:"id"`
	Type  string `json:"type"`
	Title string `json:"title,omitempty"`
}

// Private returns the private chat between u and the bot.
func Private(u User) Chat { return Chat{ID: u.ID, Type: "private"} }

// Button is an inline keyboard button the bot sent.
type Button struct {
	Text   string  `json:"text"`
	Data   string  `json:"callback_data,omitempty"`
	URL    string  `json:"url,omitempty"`
	WebApp *WebApp `json:"web_app,omitempty"`
}

// WebApp is a Mini App a button opens.
type WebApp struct {
	URL string `json:"url"`
}

// Message is what the bot sent to a chat, in its current state (edits applied).
type Message struct {
	ID        int
	ChatID    int64
	Method    string // sendMessage, sendPhoto, sendDocument, sendMediaGroup (one message a photo)
	Text      string // text, or caption for photos and documents
	FileID    string // the photo or document sent, by file_id
	ParseMode string
	Buttons   [][]Button
	Edits     int
	Deleted   bool
	Paid      bool // sent with allow_paid_broadcast
	ReplyTo   int  // the message it answers (reply_to_message_id), 0 for none
	FileName  string
	Sent      time.Time
	From      User // who wrote it, in a Transcript; zero for the bot's messages
}

// File is a document or photo the bot uploaded, kept so that a viewer can download it.
type File struct {
	Name string
	Data []byte
}

// Button finds a button by its visible text or callback data; ok is false when none matches.
func (m Message) Button(textOrData string) (Button, bool) {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Data == textOrData || strings.Contains(b.Text, textOrData) {
				return b, true
			}
		}
	}
	return Button{}, false
}

// Failure is an error the fake answers instead of doing the call.
type Failure struct {
	Code        int    // HTTP status and error_code: 429, 403, 400, 500…
	Description string // Telegram's text, e.g. "Forbidden: bot was blocked by the user"
	RetryAfter  int    // seconds, with 429
	MigrateTo   int64  // migrate_to_chat_id, with 400
	Delay       time.Duration
}

// Common failures, as Telegram words them.
var (
	TooManyRequests = Failure{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1}
	Blocked         = Failure{Code: 403, Description: "Forbidden: bot was blocked by the user"}
	ChatNotFound    = Failure{Code: 400, Description: "Bad Request: chat not found"}
	ServerError     = Failure{Code: 500, Description: "Internal Server Error"}
)

// InlineAnswer is an answerInlineQuery the bot made: its results as Telegram received them.
type InlineAnswer struct {
	ID                string
	Results           []map[string]any
	SwitchPMText      string
	SwitchPMParameter string
}

// CallbackAnswer is an answerCallbackQuery the bot made.
type CallbackAnswer struct {
	ID        string
	Text      string
	ShowAlert bool
}

type injected struct {
	method string // "" matches any method
	chatID int64  // 0 matches any chat
	f      Failure
}

// Server is the fake. Create it with New; it stops when the test ends.
type Server struct {
	Token string
	Bot   User
	URL   string // base URL to give the bot as its API endpoint

	srv *httptest.Server

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced on every change, to wake waiters
	updates      []json.RawMessage
	updateIDs    []int
	nextUpdateID int
	nextMsgID    int
	nextCbID     int
	messages     map[int64][]*Message
	cursor       map[int64]int
	chats        map[int64]Chat
	admins       map[int64]map[int64]string // group → user → status
	failures     []injected
	blocked      map[int64]Failure
	answers      map[string]CallbackAnswer
	calls        map[string]int
	commands     map[string]string // language → JSON of commands
	webhookURL   string
	webhookToken string
	rate         *rateLimits
	tooMany      int
	holds        map[string]chan struct{} // method → closed when held calls may go on
	files        map[string]File
	written      map[int64][]Message // what users wrote, by chat
	inline       map[string]InlineAnswer
}

// New starts a fake Bot API on loopback for a bot with the given token; it stops when the test ends.
func New(t interface {
	Cleanup(func())
	Helper()
}, token string) *Server {
	t.Helper()
	s := NewServer(token)
	t.Cleanup(s.Close)
	return s
}

// NewServer starts a fake Bot API on loopback outside a test (`loa demo`); Close stops it.
func NewServer(token string) *Server {
	s := &Server{
		Token:    token,
		Bot:      User{ID: botID(token), IsBot: true, FirstName: "Loa", Username: "loa_test_bot"},
		changed:  make(chan struct{}),
		messages: map[int64][]*Message{},
		cursor:   map[int64]int{},
		chats:    map[int64]Chat{},
		admins:   map[int64]map[int64]string{},
		blocked:  map[int64]Failure{},
		answers:  map[string]CallbackAnswer{},
		calls:    map[string]int{},
		commands: map[string]string{},
		files:    map[string]File{},
		inline:   map[string]InlineAnswer{},
	}
	s.nextUpdateID = 1000
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.srv.URL
	return s
}

// Close stops the server, ending any long poll.
func (s *Server) Close() {
	s.mu.Lock()
	s.notifyLocked()
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

func botID(token string) int64 {
	id, _ := strconv.ParseInt(strings.SplitN(token, ":", 2)[0], 10, 64)
	return id
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// SetGroupAdmin makes user an administrator of a group chat (getChatMember answers so).
func (s *Server) SetGroupAdmin(group int64, user int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.admins[group] == nil {
		s.admins[group] = map[int64]string{}
	}
	s.admins[group][user] = "administrator"
}

// Fail makes the next matching call (method "" = any, chatID 0 = any chat) answer f.
func (s *Server) Fail(method string, chatID int64, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, injected{method: method, chatID: chatID, f: f})
}

// Hold makes calls of method wait, after they are counted, until release is called: a Bot
// API that answers slowly, for as long as the test needs.
func (s *Server) Hold(method string) (release func()) {
	gate := make(chan struct{})
	s.mu.Lock()
	if s.holds == nil {
		s.holds = map[string]chan struct{}{}
	}
	s.holds[method] = gate
	s.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			delete(s.holds, method)
			s.mu.Unlock()
			close(gate)
		})
	}
}

// Block makes every send to chatID answer f from now on (e.g. Blocked).
func (s *Server) Block(chatID int64, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = f
}

// Calls counts the calls made to a method.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Answer returns the answer the bot gave to a button press, if it has answered.
func (s *Server) Answer(callbackID string) (CallbackAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.answers[callbackID]
	return a, ok
}

// FileByID returns an uploaded file by the file_id the fake gave it.
func (s *Server) FileByID(id string) (File, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[id]
	return f, ok
}

// Commands returns the JSON the bot registered with setMyCommands for the default scope and a
// language ("" = default).
func (s *Server) Commands(lang string) string { return s.CommandsIn("default", lang) }

// CommandsIn returns the JSON the bot registered for a scope ("default", "all_private_chats",
// "all_group_chats", "all_chat_administrators", "chat:900"…) and a language ("" = default).
func (s *Server) CommandsIn(scope, lang string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commands[commandsKey(scope, lang)]
}

func scopeName(kind string, chatID int64) string {
	switch {
	case kind == "":
		return "default"
	case chatID != 0:
		return kind + ":" + strconv.FormatInt(chatID, 10)
	}
	return kind
}

func commandsKey(scope, lang string) string { return scope + "|" + lang }

// Webhook returns the URL and secret token set with setWebhook.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookToken
}

// Messages returns copies of everything the bot sent to a chat, oldest first.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.messages[chatID]))
	for _, m := range s.messages[chatID] {
		out = append(out, *m)
	}
	return out
}

// Changed returns a channel closed at the fake's next change. Take it before reading the
// state, so that a change between the read and the wait is not missed.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// WaitUntil blocks until cond (called under the fake's lock, with its state current) holds,
// or fails the test after timeout. It waits on the fake's change notifications, not on a timer.
func (s *Server) WaitUntil(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (s *Server) chatOf(id int64) Chat {
	if c, ok := s.chats[id]; ok {
		return c
	}
	if id < 0 {
		return Chat{ID: id, Type: "supergroup"}
	}
	return Chat{ID: id, Type: "private"}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func ok(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

func fail(w http.ResponseWriter, f Failure) {
	body := map[string]any{"ok": false, "error_code": f.Code, "description": f.Description}
	params := map[string]any{}
	if f.RetryAfter > 0 {
		params["retry_after"] = f.RetryAfter
	}
	if f.MigrateTo != 0 {
		params["migrate_to_chat_id"] = f.MigrateTo
	}
	if len(params) > 0 {
		body["parameters"] = params
	}
	writeJSON(w, f.Code, body)
}

// String summarises what the bot sent to a chat, for test failure messages.
func (s *Server) String(chatID int64) string {
	var b strings.Builder
	for _, m := range s.Messages(chatID) {
		fmt.Fprintf(&b, "  #%d %s %q buttons=%v\n", m.ID, m.Method, m.Text, m.Buttons)
	}
	return b.String()
}
