// Package bot is Loa's Telegram room: it receives updates (long polling or webhook), runs the
// conversation (registration, topics, admin approval, invites) on a loa.Store, and sends
// through the tgbotapi client. Every sentence it says is in i18n.go.
package bot

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
)

// Options configures the bot's behaviour.
type Options struct {
	Admins      []int64 // Telegram user IDs of Loa administrators
	DefaultLang string  // "vi" unless configured otherwise
	Location    *time.Location
	Logger      *slog.Logger
	Registry    prometheus.Registerer // nil: metrics are not registered
	Now         func() time.Time
	Planner     loa.Planner  // confirms event candidates; nil disables the button
	Answerer    loa.Answerer // answers questions about directives; nil disables /ask
	Wake        func()       // tells the dispatcher a notice was queued
	AuditFailed func()       // counts an audit entry that could not be written; may be nil
	// SignInLink makes a one-time link to the web console for /web; nil: the console is off.
	SignInLink func(ctx context.Context, userID int64) (string, error)
	// MiniAppURL is the console's Mini App address; /web offers its button when it is https.
	MiniAppURL func() string
	// CalendarLink is a chat's private iCalendar address, shown by /lich; nil: none.
	CalendarLink func(chatID int64) string
	// NoPublicAddress says Loa has no address a phone can open (no http.public_url, listening
	// on this machine only): console and calendar links are withheld, and the reply says the
	// administrator must set the address.
	NoPublicAddress bool
	// Documents previews, keeps and sends official documents administrators and leaders
	// send, and records their tasks done; nil: files outside a dialogue get the usual short
	// answer.
	Documents DocumentKeeper
	// FileEndpoint is the base URL of file downloads (the Bot API endpoint's); empty:
	// https://api.telegram.org.
	FileEndpoint string
	// Notices is the notices room; nil: one on the bot's store.
	Notices *notices.Service
}

// Bot handles updates. It is safe for concurrent use; updates of one chat must be handed to
// Handle in order (the poller and the webhook both do so).
type Bot struct {
	api *tgbotapi.BotAPI
	// The parts of the store, one per concern (see Store): a handler uses only its own.
	units     directory
	members   membership
	notices   noticing
	notes     *notices.Service // a notice's life: create, follow up, acknowledge, report
	drafts    drafting
	calendar  calendar
	questions loa.Questions
	inbox     inbox
	audit     loa.AuditTrail
	opts      Options
	log       *slog.Logger
	metrics   *metrics

	langMu sync.Mutex
	langs  map[int64]string // language picked before registering
	// notFound is when each chat last read the full "not found" answer (guarded by langMu).
	notFound map[int64]time.Time
}

type metrics struct {
	updates  *prometheus.CounterVec
	failures *prometheus.CounterVec
}

// New creates a bot on an already connected client.
func New(api *tgbotapi.BotAPI, store Store, opts Options) *Bot {
	if opts.DefaultLang == "" {
		opts.DefaultLang = "vi"
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := &metrics{
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loa_bot_updates_total",
			Help: "Telegram updates handled, by kind."}, []string{"kind"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loa_bot_update_failures_total",
			Help: "Updates whose handling failed, by reason (error or panic)."}, []string{"reason"}),
	}
	if opts.Registry != nil {
		opts.Registry.MustRegister(m.updates, m.failures)
	}
	notes := opts.Notices
	if notes == nil && store != nil {
		notes = notices.New(store, notices.Options{Location: opts.Location, Now: opts.Now, Wake: opts.Wake, Logger: opts.Logger,
			AuditFailed: opts.AuditFailed})
	}
	return &Bot{api: api, units: store, members: store, notices: store, notes: notes, drafts: store, calendar: store, questions: store, inbox: store,
		opts: opts, log: opts.Logger, metrics: m, langs: map[int64]string{}, notFound: map[int64]time.Time{},
		audit: loa.AuditTrail{Auditor: store, Log: opts.Logger, Failed: opts.AuditFailed}}
}

// Username is the bot's Telegram username, used in invite links.
func (b *Bot) Username() string { return b.api.Self.UserName }

func (b *Bot) isAdmin(userID int64) bool {
	for _, a := range b.opts.Admins {
		if a == userID {
			return true
		}
	}
	return false
}

// Handle processes one update. It never panics and always tells the user something when a
// handler fails, without internal details.
func (b *Bot) Handle(ctx context.Context, u tgbotapi.Update) {
	chatID := chatOf(u)
	defer func() {
		if r := recover(); r != nil {
			b.metrics.failures.WithLabelValues("panic").Inc()
			b.log.Error("panic while handling update", "update_id", u.UpdateID, "chat_id", chatID,
				"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			b.apologise(ctx, u)
		}
	}()
	var err error
	switch {
	case u.Message != nil:
		b.metrics.updates.WithLabelValues("message").Inc()
		err = b.onMessage(ctx, u.Message)
	case u.CallbackQuery != nil:
		b.metrics.updates.WithLabelValues("callback").Inc()
		err = b.onCallback(ctx, u.CallbackQuery)
	case u.MyChatMember != nil:
		b.metrics.updates.WithLabelValues("my_chat_member").Inc()
		err = b.onMyChatMember(ctx, u.MyChatMember)
	case u.InlineQuery != nil:
		b.metrics.updates.WithLabelValues("inline_query").Inc()
		err = b.onInlineQuery(ctx, u.InlineQuery)
	default:
		b.metrics.updates.WithLabelValues("other").Inc()
	}
	if err != nil && ctx.Err() == nil {
		b.metrics.failures.WithLabelValues("error").Inc()
		b.log.Error("handling update failed", "update_id", u.UpdateID, "chat_id", chatID, "err", err)
		b.apologise(ctx, u)
	}
}

func (b *Bot) apologise(ctx context.Context, u tgbotapi.Update) {
	lang := b.opts.DefaultLang
	if id := chatOf(u); id != 0 {
		lang = b.lang(ctx, id)
	}
	if u.CallbackQuery != nil {
		b.answer(u.CallbackQuery.ID, T(lang, "internal_error"), true)
		return
	}
	if id := chatOf(u); id != 0 {
		b.reply(id, T(lang, "internal_error"), nil)
	}
}

// chatOf is the chat an update belongs to; updates of one chat are handled in order.
func chatOf(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil:
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return u.InlineQuery.From.ID
	}
	return 0
}

// onMyChatMember marks a chat blocked when the user blocks the bot or removes it from a group,
// so nothing more is sent there.
func (b *Bot) onMyChatMember(ctx context.Context, m *tgbotapi.ChatMemberUpdated) error {
	switch m.NewChatMember.Status {
	case "kicked", "left":
		err := b.members.SetChatStatus(ctx, m.Chat.ID, loa.StatusBlocked)
		if errors.Is(err, loa.ErrNotFound) {
			return nil
		}
		return err
	}
	return nil
}

// lang is the language of a chat: its saved choice, a choice made before registering, or the default.
func (b *Bot) lang(ctx context.Context, chatID int64) string {
	if c, err := b.members.Chat(ctx, chatID); err == nil && c.Lang != "" {
		return c.Lang
	}
	b.langMu.Lock()
	defer b.langMu.Unlock()
	if l, ok := b.langs[chatID]; ok {
		return l
	}
	return b.opts.DefaultLang
}

func (b *Bot) reply(chatID int64, text string, kb *tgbotapi.InlineKeyboardMarkup) (int, error) {
	msg := tgbotapi.NewMessage(chatID, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if kb != nil {
		msg.ReplyMarkup = *kb
	}
	sent, err := b.api.Send(msg)
	if err != nil {
		return 0, fmt.Errorf("send to %d: %w", chatID, err)
	}
	return sent.MessageID, nil
}

// edit replaces a message's text and buttons; "message is not modified" is not an error.
func (b *Bot) edit(chatID int64, msgID int, text string, kb *tgbotapi.InlineKeyboardMarkup) error {
	e := tgbotapi.NewEditMessageText(chatID, msgID, text)
	e.ParseMode = tgbotapi.ModeHTML
	e.DisableWebPagePreview = true
	e.ReplyMarkup = kb
	return ignoreNotModified(b.api.Request(e))
}

func (b *Bot) editButtons(chatID int64, msgID int, kb tgbotapi.InlineKeyboardMarkup) error {
	return ignoreNotModified(b.api.Request(tgbotapi.NewEditMessageReplyMarkup(chatID, msgID, kb)))
}

func ignoreNotModified(_ *tgbotapi.APIResponse, err error) error {
	if te, ok := APIError(err); ok && strings.Contains(te.Message, "message is not modified") {
		return nil
	}
	if err != nil {
		return fmt.Errorf("edit message: %w", err)
	}
	return nil
}

// answer acknowledges a button press; Telegram shows a spinner until it does.
func (b *Bot) answer(callbackID, text string, alert bool) {
	cb := tgbotapi.NewCallback(callbackID, text)
	cb.ShowAlert = alert
	if _, err := b.api.Request(cb); err != nil {
		b.log.Warn("answer callback failed", "err", err)
	}
}

// esc escapes text from users or the catalogue for HTML parse mode.
func esc(s string) string { return html.EscapeString(s) }

func personName(u *tgbotapi.User) string {
	if u == nil {
		return ""
	}
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.UserName
	}
	return name
}
