package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// onCallback routes a button press by the prefix of its data. Every press is answered.
func (b *Bot) onCallback(ctx context.Context, q *tgbotapi.CallbackQuery) error {
	chatID := q.From.ID
	if q.Message != nil {
		chatID = q.Message.Chat.ID
	}
	lang := b.lang(ctx, chatID)
	parts := strings.Split(q.Data, ":")
	if q.Message == nil || !validCallback(q.Data) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	switch parts[0] {
	case "r":
		return b.onRegisterButton(ctx, q, lang, parts[1:])
	case "a":
		return b.onApprovalButton(ctx, q, lang, parts[1:])
	case "t":
		if len(parts) != 2 {
			break
		}
		return b.onTopicButton(ctx, q, lang, parts[1])
	case "bc":
		if len(parts) < 2 {
			break
		}
		return b.onBroadcastButton(ctx, q, lang, parts[1:])
	case "ed":
		if len(parts) < 2 {
			break
		}
		return b.onEventDraftButton(ctx, q, lang, parts[1:])
	case "rp":
		if len(parts) != 3 {
			break
		}
		return b.onReportButton(ctx, q, lang, parts[1:])
	case "iv":
		return b.onInviteButton(ctx, q, lang, parts[1:])
	case "noop":
		b.answer(q.ID, "", false)
		return nil
	case "ask":
		if len(parts) != 3 {
			break
		}
		return b.onMoreAnswers(ctx, q, lang, parts[1:])
	case "ev":
		if len(parts) != 3 || parts[1] != "c" {
			break
		}
		return b.onConfirmCandidate(ctx, q, lang, parts[2])
	case "ack", "ackd":
		if len(parts) != 2 {
			break
		}
		return b.onAckButton(ctx, q, lang, parts[1])
	case "dc":
		return b.onDocumentButton(ctx, q, lang, parts[1], parts[2])
	case "dt":
		return b.onTaskDoneButton(ctx, q, lang, parts[1])
	}
	b.answer(q.ID, T(lang, "stale_button"), false)
	return nil
}

func (b *Bot) topicKeyboard(ctx context.Context, chatID int64, lang string) (tgbotapi.InlineKeyboardMarkup, error) {
	topics, err := b.units.Topics(ctx)
	if err != nil {
		return tgbotapi.InlineKeyboardMarkup{}, err
	}
	subs, err := b.members.Subscriptions(ctx, chatID)
	if err != nil {
		return tgbotapi.InlineKeyboardMarkup{}, err
	}
	on := map[string]bool{}
	for _, s := range subs {
		on[s] = true
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, t := range topics {
		mark := "⬜ "
		if on[t.Key] {
			mark = "✅ "
		}
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(mark+t.Name(lang), "t:"+t.Key)))
	}
	return tgbotapi.NewInlineKeyboardMarkup(rows...), nil
}

// sendTopicPicker sends text followed by the topic toggles of the chat.
func (b *Bot) sendTopicPicker(ctx context.Context, c loa.Chat, text string) error {
	kb, err := b.topicKeyboard(ctx, c.ID, c.Lang)
	if err != nil {
		return err
	}
	_, err = b.reply(c.ID, text, &kb)
	return err
}

func (b *Bot) cmdTopics(ctx context.Context, m *tgbotapi.Message, lang string) error {
	c, err := b.activeChat(ctx, m.Chat.ID)
	if err != nil {
		return b.replyNotActive(m.Chat.ID, lang, err)
	}
	if refused, err := b.refuseUnlessManager(m, lang); refused || err != nil {
		return err
	}
	return b.sendTopicPicker(ctx, c, T(lang, "topics"))
}

// onTopicButton toggles one topic and redraws the keyboard in place.
func (b *Bot) onTopicButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang, key string) error {
	chat := q.Message.Chat
	if _, err := b.activeChat(ctx, chat.ID); err != nil {
		if errors.Is(err, loa.ErrNotFound) || errors.Is(err, errNotActive) {
			b.answer(q.ID, T(lang, "need_active"), true)
			return nil
		}
		return err
	}
	if ok, err := b.mayManageChat(chat, q.From.ID); err != nil || !ok {
		if err == nil {
			b.answer(q.ID, T(lang, "not_group_admin"), true)
		}
		return err
	}
	subs, err := b.members.Subscriptions(ctx, chat.ID)
	if err != nil {
		return err
	}
	following := false
	for _, s := range subs {
		following = following || s == key
	}
	if following {
		err = b.members.Unsubscribe(ctx, chat.ID, key)
	} else {
		err = b.members.Subscribe(ctx, chat.ID, key)
	}
	if errors.Is(err, loa.ErrNotFound) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if err != nil {
		return err
	}
	b.answer(q.ID, "", false)
	kb, err := b.topicKeyboard(ctx, chat.ID, lang)
	if err != nil {
		return err
	}
	return b.editButtons(chat.ID, q.Message.MessageID, kb)
}

// cmdSubscribe handles /subscribe T and /unsubscribe T; T is a key or a topic name typed with
// or without diacritics ("dien-tap", "Diễn tập", "dien tap").
func (b *Bot) cmdSubscribe(ctx context.Context, m *tgbotapi.Message, lang string, args []string, on bool) error {
	if _, err := b.activeChat(ctx, m.Chat.ID); err != nil {
		return b.replyNotActive(m.Chat.ID, lang, err)
	}
	if refused, err := b.refuseUnlessManager(m, lang); refused || err != nil {
		return err
	}
	topics, err := b.units.Topics(ctx)
	if err != nil {
		return err
	}
	// Topics by their names, one a line: names such as "Hội thao, hội thi bắn súng" hold commas.
	var list strings.Builder
	for _, t := range topics {
		list.WriteString("\n• " + esc(t.Name(lang)))
	}
	name := map[bool]string{true: "subscribe", false: "unsubscribe"}[on]
	cmd := "/" + name
	if lang == "vi" {
		cmd = "/" + viCommands[name]
	}
	if len(args) == 0 {
		_, err := b.reply(m.Chat.ID, T(lang, "topic_usage", cmd, list.String()), nil)
		return err
	}
	chosen, unknown := findTopics(topics, strings.Join(args, " "))
	if unknown != "" {
		_, err := b.reply(m.Chat.ID, T(lang, "topic_unknown", esc(unknown), list.String()), nil)
		return err
	}
	key := "subscribed"
	if !on {
		key = "unsubscribed"
	}
	var names []string
	for _, topic := range chosen {
		if on {
			err = b.members.Subscribe(ctx, m.Chat.ID, topic.Key)
		} else {
			err = b.members.Unsubscribe(ctx, m.Chat.ID, topic.Key)
		}
		if err != nil {
			return err
		}
		names = append(names, esc(topic.Name(lang)))
	}
	_, err = b.reply(m.Chat.ID, T(lang, key, strings.Join(names, "</b>, <b>")), nil)
	return err
}

// findTopics reads one or several topics as officials type them: "dien-tap tuyen-quan",
// "Diễn tập, Tuyển quân", "dien tap tuyen quan". Each comma-separated part is a topic, or
// else words taken greedily, the longest run naming a topic first. It returns the first words
// naming none.
func findTopics(topics []loa.Topic, wanted string) ([]loa.Topic, string) {
	var out []loa.Topic
	seen := map[string]bool{}
	add := func(t loa.Topic) {
		if !seen[t.Key] {
			seen[t.Key] = true
			out = append(out, t)
		}
	}
	longest := longestTopicName(topics)
	for _, part := range strings.Split(wanted, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if t, ok := findTopic(topics, part); ok {
			add(t)
			continue
		}
		words := strings.Fields(part)
		for i := 0; i < len(words); {
			// No topic is named in more words than its longest name: trying longer runs would
			// only make a long message cost the square of its length.
			j := min(len(words), i+longest)
			for ; j > i; j-- {
				if t, ok := findTopic(topics, strings.Join(words[i:j], " ")); ok {
					add(t)
					break
				}
			}
			if j == i {
				return nil, strings.Join(words[i:], " ")
			}
			i = j
		}
	}
	if len(out) == 0 {
		return nil, wanted
	}
	return out, ""
}

// longestTopicName counts the words of the longest way to write a topic: its key's parts or
// its name in either language.
func longestTopicName(topics []loa.Topic) int {
	longest := 1
	for _, t := range topics {
		longest = max(longest, len(strings.FieldsFunc(t.Key, func(r rune) bool { return r == '-' || r == ' ' })),
			len(strings.Fields(t.NameVI)), len(strings.Fields(t.NameEN)))
	}
	return longest
}

// findTopic matches what an official types for a topic: its key or its name, ignoring case,
// diacritics, spaces and dashes ("dien-tap", "Diễn tập", "dien tap"); else a short form, when
// it points at one topic only: words of its name ("bắn súng", "dân quân") or the initials of a
// part of it ("gdqp", "nvqs", "dqtv").
func findTopic(topics []loa.Topic, wanted string) (loa.Topic, bool) {
	w := vntext.Key(wanted)
	if w == "" {
		return loa.Topic{}, false
	}
	for _, t := range topics {
		if w == vntext.Key(t.Key) || w == vntext.Key(t.NameVI) || w == vntext.Key(t.NameEN) {
			return t, true
		}
	}
	words := " " + strings.Join(strings.Fields(vntext.Fold(wanted)), " ") + " "
	var found []loa.Topic
	for _, t := range topics {
		if shortFormOf(t, words, w) {
			found = append(found, t)
		}
	}
	if len(found) != 1 {
		return loa.Topic{}, false
	}
	return found[0], true
}

// shortFormOf reports whether words (folded, space-padded) or their key w stand for t.
func shortFormOf(t loa.Topic, words, w string) bool {
	for _, name := range []string{t.NameVI, t.NameEN, strings.ReplaceAll(t.Key, "-", " ")} {
		folded := " " + strings.Join(strings.Fields(strings.NewReplacer(",", " ", "&", " ").Replace(vntext.Fold(name))), " ") + " "
		if strings.Contains(folded, words) {
			return true
		}
		for _, part := range strings.FieldsFunc(vntext.Fold(name), func(r rune) bool { return r == ',' || r == '&' }) {
			initials := ""
			for _, word := range strings.Fields(part) {
				if word != "va" && word != "and" {
					initials += word[:1]
				}
			}
			if len(initials) > 1 && w == initials {
				return true
			}
		}
	}
	// A key's leading part: "gdqp" for "gdqp-an".
	first, _, _ := strings.Cut(t.Key, "-")
	return len(first) > 2 && w == vntext.Key(first)
}

// cmdInvite creates an invite: /invite UNIT-KEY ROLE [USES] [VALID-FOR]. Admins only; a
// refused attempt is audited.
func (b *Bot) cmdInvite(ctx context.Context, m *tgbotapi.Message, lang string, args []string) error {
	if ok, err := b.adminCommand(ctx, m, lang, "invite.create", strings.Join(args, " ")); !ok || err != nil {
		return err
	}
	if len(args) == 0 {
		return b.inviteUnits(ctx, m.Chat.ID, lang, 0, 0)
	}
	if len(args) < 2 || len(args) > 4 {
		_, err := b.reply(m.Chat.ID, T(lang, "invite_usage"), nil)
		return err
	}
	unit, err := b.units.UnitByKey(ctx, args[0])
	if errors.Is(err, loa.ErrNotFound) || (err == nil && unit.Retired) {
		_, err := b.reply(m.Chat.ID, T(lang, "invite_bad_unit", esc(args[0])), nil)
		return err
	} else if err != nil {
		return err
	}
	if !loa.ValidRole(args[1]) || args[1] == loa.RoleGroup {
		_, err := b.reply(m.Chat.ID, T(lang, "invite_bad_role", esc(args[1])), nil)
		return err
	}
	inv := loa.Invite{UnitID: unit.ID, Role: args[1], MaxUses: 1, CreatedBy: actor(m.From)}
	if len(args) > 2 {
		n, err := strconv.Atoi(args[2])
		if err != nil || n < 1 || n > 1000 {
			_, err := b.reply(m.Chat.ID, T(lang, "invite_bad_num", esc(args[2])), nil)
			return err
		}
		inv.MaxUses = n
	}
	expiry := ""
	if len(args) > 3 {
		d, err := time.ParseDuration(args[3])
		if err != nil || d <= 0 {
			_, err := b.reply(m.Chat.ID, T(lang, "invite_bad_dur", esc(args[3])), nil)
			return err
		}
		at := b.opts.Now().Add(d)
		inv.ExpiresAt = &at
		expiry = T(lang, "invite_expires", at.In(b.opts.Location).Format("02/01/2006 15:04"))
	}
	inv.Code = loa.NewInviteCode()
	if err := b.members.CreateInvite(ctx, inv); err != nil {
		return err
	}
	link, group := loa.InviteLinks(b.Username(), inv.Code)
	_, err = b.reply(m.Chat.ID, T(lang, "invite_created", esc(unit.Name), T(lang, "role_"+inv.Role), inv.MaxUses, expiry, esc(link), esc(group)), nil)
	return err
}
