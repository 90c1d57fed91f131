package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

func (b *Bot) onMessage(ctx context.Context, m *tgbotapi.Message) error {
	if m.From == nil || m.From.IsBot {
		return nil
	}
	lang := b.lang(ctx, m.Chat.ID)
	group := m.Chat.IsGroup() || m.Chat.IsSuperGroup()
	if !m.IsCommand() {
		if handled, err := b.onTaskReport(ctx, m, lang); handled || err != nil {
			return err
		}
		if group {
			return nil // groups talk among themselves; the bot speaks only when addressed
		}
		if handled, err := b.onEventDraftMessage(ctx, m, lang); handled || err != nil {
			return err
		}
		if handled, err := b.onDraftMessage(ctx, m, lang); handled || err != nil {
			return err
		}
		if handled, err := b.onDocumentCorrection(ctx, m, lang); handled || err != nil {
			return err
		}
		if handled, err := b.onDocument(ctx, m, lang); handled || err != nil {
			return err
		}
		if strings.TrimSpace(m.Text) == "" {
			// A sticker, photo or voice message outside a dialogue: a short answer, not a lecture.
			_, err := b.reply(m.Chat.ID, T(lang, "not_text"), nil)
			return err
		}
		// A registered member's plain text is a question about directives.
		return b.cmdAsk(ctx, m, lang, m.Text)
	}
	cmd := m.CommandWithAt()
	if name, at, found := strings.Cut(cmd, "@"); found {
		if !strings.EqualFold(at, b.Username()) {
			return nil // addressed to another bot in the group
		}
		cmd = name
	}
	args := strings.Fields(m.CommandArguments())
	switch strings.ToLower(cmd) {
	case "start":
		return b.cmdStart(ctx, m, lang, args)
	case "topics", "chude":
		return b.cmdTopics(ctx, m, lang)
	case "subscribe", "theodoi":
		return b.cmdSubscribe(ctx, m, lang, args, true)
	case "unsubscribe", "botheodoi":
		return b.cmdSubscribe(ctx, m, lang, args, false)
	case "me", "toi":
		return b.cmdMe(ctx, m, lang)
	case "lang", "ngonngu":
		return b.cmdLang(ctx, m, args)
	case "stop", "dung":
		return b.cmdStop(ctx, m, lang)
	case "help", "trogiup":
		text := T(lang, "help")
		if b.isAdmin(m.From.ID) {
			text += T(lang, "help_admin")
		} else if scope, ok, err := b.broadcaster(ctx, m.Chat, m.From.ID); err != nil {
			return err
		} else if ok && scope != nil {
			text += T(lang, "help_leader")
		}
		_, err := b.reply(m.Chat.ID, text, nil)
		return err
	case "invite", "moi":
		return b.cmdInvite(ctx, m, lang, args)
	case "web", "quantri":
		return b.cmdWeb(ctx, m, lang)
	case "ask", "hoi":
		return b.cmdAsk(ctx, m, lang, m.CommandArguments())
	case "broadcast", "thongbao":
		if group {
			_, err := b.reply(m.Chat.ID, T(lang, "bc_private_only"), nil)
			return err
		}
		return b.cmdBroadcast(ctx, m, lang)
	case "cancel", "huy":
		if _, err := b.drafts.EventDraft(ctx, m.Chat.ID); err == nil {
			if err := b.drafts.DeleteEventDraft(ctx, m.Chat.ID); err != nil {
				return err
			}
			_, err := b.reply(m.Chat.ID, T(lang, "bc_cancelled"), nil)
			return err
		}
		return b.cancelDraft(ctx, m.Chat.ID, lang)
	case "capnhat", "update":
		return b.cmdUpdate(ctx, m, lang, args)
	case "sukien", "event":
		return b.cmdNewEvent(ctx, m, lang)
	case "scheduled", "hengio", "henggio": // henggio: an early misspelling, kept working
		return b.cmdScheduled(ctx, m, lang)
	case "events", "lich":
		return b.cmdEvents(ctx, m, lang)
	case "report", "baocao":
		return b.cmdReport(ctx, m, lang, args)
	case "done", "xong":
		return b.cmdDone(ctx, m, lang, m.CommandArguments())
	default:
		_, err := b.reply(m.Chat.ID, T(lang, "unknown_command", esc("/"+cmd)), nil)
		return err
	}
}

// activeChat returns the chat when it is an active member, else an error saying why not.
func (b *Bot) activeChat(ctx context.Context, chatID int64) (loa.Chat, error) {
	c, err := b.members.Chat(ctx, chatID)
	if err != nil {
		return c, err
	}
	switch c.Status {
	case loa.StatusActive:
		return c, nil
	case loa.StatusLeft:
		return c, errStopped
	}
	return c, errNotActive
}

var (
	errNotActive = errors.New("chat not active")
	errStopped   = fmt.Errorf("%w: it sent /stop", errNotActive)
)

// replyNotActive explains why a command needs registration; store failures stay errors.
func (b *Bot) replyNotActive(chatID int64, lang string, err error) error {
	key := "need_active"
	switch {
	case errors.Is(err, loa.ErrNotFound):
		key = "not_registered"
	case errors.Is(err, errStopped):
		key = "need_resume"
	case !errors.Is(err, errNotActive):
		return err
	}
	_, rerr := b.reply(chatID, T(lang, key), nil)
	return rerr
}

// mayManageChat reports whether user may register or change a chat: anyone in a private chat,
// only group or Loa administrators in a group.
func (b *Bot) mayManageChat(chat *tgbotapi.Chat, userID int64) (bool, error) {
	if chat.IsPrivate() || b.isAdmin(userID) {
		return true, nil
	}
	member, err := b.api.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chat.ID, UserID: userID}})
	if err != nil {
		return false, fmt.Errorf("getChatMember %d in %d: %w", userID, chat.ID, err)
	}
	return member.IsCreator() || member.IsAdministrator(), nil
}

// refuseUnlessManager tells a group member who is not an administrator that only
// administrators may change the group's registration; it reports whether it refused.
func (b *Bot) refuseUnlessManager(m *tgbotapi.Message, lang string) (bool, error) {
	ok, err := b.mayManageChat(m.Chat, m.From.ID)
	if err != nil || ok {
		return false, err
	}
	_, err = b.reply(m.Chat.ID, T(lang, "not_group_admin"), nil)
	return true, err
}

// adminCommand audits an administrators' command and refuses everyone else with a reply; it
// reports whether the sender is an administrator.
func (b *Bot) adminCommand(ctx context.Context, m *tgbotapi.Message, lang, action, target string) (bool, error) {
	allowed := b.isAdmin(m.From.ID)
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(m.From), Action: action, Target: target, Allowed: allowed})
	if !allowed {
		b.log.Warn("non-admin tried an administrators' command", "user", m.From.ID, "action", action)
		_, err := b.reply(m.Chat.ID, T(lang, "not_admin"), nil)
		return false, err
	}
	return true, nil
}

// adminPress audits a press of an administrators' button and refuses everyone else; it
// reports whether the presser is an administrator.
func (b *Bot) adminPress(ctx context.Context, q *tgbotapi.CallbackQuery, lang, action, target string) bool {
	allowed := b.isAdmin(q.From.ID)
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(q.From), Action: action, Target: target, Allowed: allowed})
	if !allowed {
		b.log.Warn("non-admin pressed an administrators' button", "user", q.From.ID, "action", action)
		b.answer(q.ID, T(lang, "not_admin"), true)
	}
	return allowed
}

// langNames are the ways officials name a language (folded): "/ngonngu tiếng Anh" works too.
var langNames = map[string]string{"vi": "vi", "viet": "vi", "tieng viet": "vi", "vietnamese": "vi", "en": "en",
	"anh": "en", "tieng anh": "en", "english": "en"}

func (b *Bot) cmdLang(ctx context.Context, m *tgbotapi.Message, args []string) error {
	lang, ok := langNames[vntext.Fold(strings.Join(args, " "))]
	if !ok {
		_, err := b.reply(m.Chat.ID, T(b.lang(ctx, m.Chat.ID), "lang_usage"), nil)
		return err
	}
	// A group's language is the group's: only its administrators (or Loa's) change it.
	if refused, err := b.refuseUnlessManager(m, b.lang(ctx, m.Chat.ID)); refused || err != nil {
		return err
	}
	err := b.members.SetChatLang(ctx, m.Chat.ID, lang)
	if errors.Is(err, loa.ErrNotFound) {
		b.langMu.Lock()
		b.langs[m.Chat.ID] = lang
		b.langMu.Unlock()
	} else if err != nil {
		return err
	}
	_, err = b.reply(m.Chat.ID, T(lang, "lang_set"), nil)
	return err
}

func (b *Bot) cmdStop(ctx context.Context, m *tgbotapi.Message, lang string) error {
	c, err := b.members.Chat(ctx, m.Chat.ID)
	if err != nil {
		return b.replyNotActive(m.Chat.ID, lang, err)
	}
	if refused, err := b.refuseUnlessManager(m, lang); refused || err != nil {
		return err
	}
	if err := b.members.Unsubscribe(ctx, c.ID); err != nil {
		return err
	}
	if err := b.members.SetChatStatus(ctx, c.ID, loa.StatusLeft); err != nil {
		return err
	}
	_, err = b.reply(m.Chat.ID, T(lang, "stopped"), nil)
	return err
}

func (b *Bot) cmdMe(ctx context.Context, m *tgbotapi.Message, lang string) error {
	c, err := b.members.Chat(ctx, m.Chat.ID)
	if err != nil {
		return b.replyNotActive(m.Chat.ID, lang, err)
	}
	unit, err := b.unitLabel(ctx, c.UnitID)
	if err != nil {
		return err
	}
	topics, err := b.topicNames(ctx, c.ID, lang)
	if err != nil {
		return err
	}
	_, err = b.reply(m.Chat.ID, T(lang, "me", esc(unit), T(lang, "role_"+c.Role), T(lang, "status_"+c.Status), topics), nil)
	return err
}

// unitLabel names a unit with its parent, e.g. "Ban CHQS phường Hưng Long — Phường Hưng Long".
func (b *Bot) unitLabel(ctx context.Context, unitID *int64) (string, error) {
	if unitID == nil {
		return "—", nil
	}
	u, err := b.units.UnitByID(ctx, *unitID)
	if err != nil {
		return "", err
	}
	return u.Name, nil
}

func (b *Bot) topicNames(ctx context.Context, chatID int64, lang string) (string, error) {
	subs, err := b.members.Subscriptions(ctx, chatID)
	if err != nil {
		return "", err
	}
	if len(subs) == 0 {
		return T(lang, "topics_none"), nil
	}
	names, err := b.topicNameList(ctx, lang, subs)
	if err != nil || len(names) == 0 {
		return T(lang, "topics_none"), err
	}
	// One per line: topic names such as "Hội thao, hội thi bắn súng" contain commas.
	return "\n• " + strings.Join(names, "\n• "), nil
}

// topicNameList names topics (HTML-escaped) by their names in lang, never by their keys.
func (b *Bot) topicNameList(ctx context.Context, lang string, keys []string) ([]string, error) {
	topics, err := b.units.Topics(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, k := range keys {
		for _, t := range topics {
			if t.Key == k {
				names = append(names, esc(t.Name(lang)))
			}
		}
	}
	return names, nil
}
