package bot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/tgfake"
)

// Handlers are tested here through the narrow parts of the store they use, each faked in
// memory in a few lines; Telegram is the fake Bot API over HTTP with the real client. The
// store itself is tested on both real databases (store package), and every handler again end
// to end (cmd/loa).

const testToken = "42:handler-test"

// newHandlerBot is a bot with no store parts: a test gives it those its handler needs, and a
// handler reaching for another part fails the test with a nil dereference.
func newHandlerBot(t *testing.T, admins ...int64) (*Bot, *tgfake.Server) {
	t.Helper()
	fake := tgfake.New(t, testToken)
	api, err := NewClient(context.Background(), ClientOptions{Token: testToken, Endpoint: fake.URL, RequestTimeout: 5 * time.Second, PollTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	noon := time.Date(2026, 12, 15, 12, 0, 0, 0, hcm)
	return New(api, nil, Options{Admins: admins, Location: hcm, Now: func() time.Time { return noon },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}), fake
}

// press is the update Telegram sends when from presses the button with data under msg.
func press(msg tgfake.Message, from int64, data string) tgbotapi.Update {
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, row := range msg.Buttons {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
		}
		rows = append(rows, r)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	chatType := "private"
	if msg.ChatID < 0 {
		chatType = "group"
	}
	return tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{ID: data + "@" + time.Now().Format("150405.000000000"),
		From: &tgbotapi.User{ID: from, FirstName: "Hùng"}, Data: data,
		Message: &tgbotapi.Message{MessageID: msg.ID, Chat: &tgbotapi.Chat{ID: msg.ChatID, Type: chatType}, Text: tgfake.PlainText(msg.Text), ReplyMarkup: &kb}}}
}

// last is the newest message the bot has in a chat.
func last(t *testing.T, fake *tgfake.Server, chatID int64) tgfake.Message {
	t.Helper()
	msgs := fake.Messages(chatID)
	if len(msgs) == 0 {
		t.Fatalf("nothing in chat %d", chatID)
	}
	return msgs[len(msgs)-1]
}

var errUnused = errors.New("not used by this handler")

// memMembers is membership in memory.
type memMembers struct {
	mu    sync.Mutex
	chats map[int64]loa.Chat
	subs  map[int64][]string
}

func newMembers(chats ...loa.Chat) *memMembers {
	m := &memMembers{chats: map[int64]loa.Chat{}, subs: map[int64][]string{}}
	for _, c := range chats {
		m.chats[c.ID] = c
	}
	return m
}

func (m *memMembers) Chat(_ context.Context, id int64) (loa.Chat, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.chats[id]
	if !ok {
		return c, loa.ErrNotFound
	}
	return c, nil
}

func (m *memMembers) SaveChat(_ context.Context, c loa.Chat) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.chats[c.ID] = c
	return nil
}

func (m *memMembers) update(id int64, change func(*loa.Chat)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.chats[id]
	if !ok {
		return loa.ErrNotFound
	}
	change(&c)
	m.chats[id] = c
	return nil
}

func (m *memMembers) SetChatStatus(_ context.Context, id int64, status string) error {
	return m.update(id, func(c *loa.Chat) { c.Status = status })
}

func (m *memMembers) SetChatLang(_ context.Context, id int64, lang string) error {
	return m.update(id, func(c *loa.Chat) { c.Lang = lang })
}

func (m *memMembers) Subscriptions(_ context.Context, chatID int64) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.subs[chatID]), nil
}

func (m *memMembers) Subscribe(_ context.Context, chatID int64, topics ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, t := range topics {
		if !slices.Contains(m.subs[chatID], t) {
			m.subs[chatID] = append(m.subs[chatID], t)
		}
	}
	return nil
}

func (m *memMembers) Unsubscribe(_ context.Context, chatID int64, topics ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.subs[chatID] = slices.DeleteFunc(m.subs[chatID], func(s string) bool { return slices.Contains(topics, s) })
	return nil
}

func (m *memMembers) CreateInvite(context.Context, loa.Invite) error { return errUnused }
func (m *memMembers) RedeemInvite(context.Context, string, loa.Chat, time.Time) (loa.Chat, error) {
	return loa.Chat{}, errUnused
}

// memUnits is the directory in memory.
type memUnits struct {
	units  []loa.Unit
	topics []loa.Topic
}

func (d memUnits) Units(context.Context) ([]loa.Unit, error)   { return d.units, nil }
func (d memUnits) Topics(context.Context) ([]loa.Topic, error) { return d.topics, nil }
func (d memUnits) UnitByID(_ context.Context, id int64) (loa.Unit, error) {
	for _, u := range d.units {
		if u.ID == id {
			return u, nil
		}
	}
	return loa.Unit{}, loa.ErrNotFound
}
func (d memUnits) UnitByKey(_ context.Context, key string) (loa.Unit, error) {
	for _, u := range d.units {
		if u.Key == key {
			return u, nil
		}
	}
	return loa.Unit{}, loa.ErrNotFound
}

// memAudit keeps the audit entries.
type memAudit struct {
	mu      sync.Mutex
	entries []loa.AuditEntry
}

func (a *memAudit) Audit(_ context.Context, e loa.AuditEntry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.entries = append(a.entries, e)
	return nil
}
func (a *memAudit) AuditLog(context.Context, time.Time) ([]loa.AuditEntry, error) {
	return nil, errUnused
}

// memAcks is the acknowledging part of the notices room's store: deliveries, their chats and
// each person's first press; notice 6 was cancelled at 7h30 15/12.
type memAcks struct {
	notices.Store // the rest is not used by the acknowledgement handler
	mu            sync.Mutex
	chat          map[int64]int64        // delivery → chat
	acked         map[[2]int64]time.Time // (delivery, user) → first press
	cancelled     map[int64]bool
}

func (n *memAcks) AcknowledgeBy(_ context.Context, deliveryID, chatID, userID int64, _ string, now time.Time) (loa.Acknowledgement, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.chat[deliveryID] != chatID {
		return loa.Acknowledgement{}, loa.ErrNotFound
	}
	if n.cancelled[deliveryID] {
		return loa.Acknowledgement{}, loa.ErrNoticeCancelled
	}
	key := [2]int64{deliveryID, userID}
	at, done := n.acked[key]
	if !done {
		at = now
		n.acked[key] = at
	}
	count := 0
	for k := range n.acked {
		if k[0] == deliveryID {
			count++
		}
	}
	return loa.Acknowledgement{Delivery: loa.Delivery{ID: deliveryID, ChatID: chatID}, First: !done, At: at, Count: count}, nil
}

func (n *memAcks) NoticeOfDelivery(_ context.Context, deliveryID, chatID int64) (loa.Notice, error) {
	at := time.Date(2026, 12, 15, 0, 30, 0, 0, time.UTC)
	return loa.Notice{ID: 6, Number: 6, Status: loa.NoticeCancelled, CancelledAt: &at}, nil
}
