package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/when"
)

// The /broadcast dialogue keeps its state in a stored draft, one per chat, so a restart in the
// middle loses nothing and a cancel at any step deletes it: nothing is left behind.
//
//	text → audience (bc:t|u|r|all, bc:next) → options (bc:o:urgent|ack|exercise, bc:when)
//	     → preview (bc:send, bc:edit) ; bc:cancel or /huy at any step.
const (
	stepText     = "text"
	stepAudience = "audience"
	stepOptions  = "options"
	stepWhen     = "when"
	stepPreview  = "preview"
)

// broadcaster says who may broadcast and to what (the notices room decides): Loa admins to
// anyone, a unit's leader, in a private chat, only within their scope.
func (b *Bot) broadcaster(ctx context.Context, m *tgbotapi.Chat, userID int64) (scope *loa.Unit, ok bool, err error) {
	if !b.isAdmin(userID) && !m.IsPrivate() {
		return nil, false, nil
	}
	return b.notes.MaySend(ctx, notices.Actor{UserID: userID, Admin: b.isAdmin(userID), Door: "bot"})
}

// noticeActor is who presses or types, as the notices room knows them.
func (b *Bot) noticeActor(u *tgbotapi.User) notices.Actor {
	return notices.Actor{Name: actor(u), UserID: u.ID, Admin: b.isAdmin(u.ID), Door: "bot"}
}

// refuse tells the person why the notices room refused; other errors stay errors.
func (b *Bot) refuse(chatID int64, lang string, err error, kb *tgbotapi.InlineKeyboardMarkup) error {
	msg, ok := notices.Refusal(lang, err)
	if !ok {
		return err
	}
	_, rerr := b.reply(chatID, msg, kb)
	return rerr
}

// refusePress answers a button the notices room refused with an alert; other errors stay errors.
func (b *Bot) refusePress(q *tgbotapi.CallbackQuery, lang string, err error) error {
	msg, ok := notices.Refusal(lang, err)
	if !ok {
		return err
	}
	b.answer(q.ID, msg, true)
	return nil
}

func (b *Bot) cmdBroadcast(ctx context.Context, m *tgbotapi.Message, lang string) error {
	scope, ok, err := b.broadcaster(ctx, m.Chat, m.From.ID)
	if err != nil {
		return err
	}
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(m.From), Action: "broadcast.start", Target: strconv.FormatInt(m.Chat.ID, 10), Allowed: ok})
	if !ok {
		_, err := b.reply(m.Chat.ID, T(lang, "bc_not_allowed"), nil)
		return err
	}
	d := loa.Draft{ChatID: m.Chat.ID, UserID: m.From.ID, Step: stepText}
	if scope != nil {
		d.Audience.Units = []string{scope.Key}
	}
	if err := b.drafts.SaveDraft(ctx, d); err != nil {
		return err
	}
	_, err = b.reply(m.Chat.ID, T(lang, "bc_ask_text"), cancelKeyboard(lang))
	return err
}

func cancelKeyboard(lang string) *tgbotapi.InlineKeyboardMarkup {
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_cancel"), "bc:cancel")))
	return &kb
}

// onDraftMessage takes typed input for a draft waiting for text or a time. It reports whether
// the message was for the draft.
func (b *Bot) onDraftMessage(ctx context.Context, m *tgbotapi.Message, lang string) (bool, error) {
	d, err := b.drafts.Draft(ctx, m.Chat.ID)
	if errors.Is(err, loa.ErrNotFound) || (err == nil && d.UserID != m.From.ID) {
		return false, nil
	} else if err != nil {
		return true, err
	}
	switch d.Step {
	case stepText:
		text := m.Text
		d.Media = loa.Media{}
		switch {
		case len(m.Photo) > 0:
			// A photo (sent or forwarded) goes out again by file_id, largest size, with the
			// text as caption.
			d.Media = loa.Media{Kind: "photo", FileID: m.Photo[len(m.Photo)-1].FileID}
			text = m.Caption
		case m.Document != nil:
			d.Media = loa.Media{Kind: "document", FileID: m.Document.FileID}
			text = m.Caption
		}
		if err := notices.CheckText(text, d.Media.Kind != ""); err != nil {
			return true, b.refuse(m.Chat.ID, lang, err, cancelKeyboard(lang))
		}
		d.Text, d.Step = text, stepAudience
		if err := b.drafts.SaveDraft(ctx, d); err != nil {
			return true, err
		}
		return true, b.sendAudience(ctx, d, lang)
	case stepWhen:
		input := strings.TrimSpace(strings.ToLower(m.Text))
		if input == "ngay" || input == "now" {
			d.SendAt = nil
		} else {
			at, problem := b.readTime(m.Text, lang)
			if problem != "" {
				_, err := b.reply(m.Chat.ID, problem, cancelKeyboard(lang))
				return true, err
			}
			d.SendAt = &at
		}
		d.Step = stepOptions
		if err := b.drafts.SaveDraft(ctx, d); err != nil {
			return true, err
		}
		return true, b.sendOptions(ctx, d, lang, 0)
	}
	return false, nil
}

// readTime reads a future time typed in a dialogue, or says in the chat's language what is
// missing or wrong, with an example computed from now.
func (b *Bot) readTime(text, lang string) (time.Time, string) {
	now := b.opts.Now()
	example := when.Example(now, b.opts.Location)
	t, err := when.Parse(text, now, b.opts.Location)
	switch {
	case errors.Is(err, when.ErrNoDay):
		return t, T(lang, "time_no_day", esc(text), example)
	case errors.Is(err, when.ErrNoHour):
		return t, T(lang, "time_no_hour", esc(text), example)
	case err != nil:
		return t, T(lang, "bc_bad_time", esc(text), example)
	case !t.After(now):
		return t, T(lang, "time_past", when.Format(t, b.opts.Location), example)
	}
	return t, ""
}

// cancelDraft handles /huy and the cancel buttons: the draft is deleted.
func (b *Bot) cancelDraft(ctx context.Context, chatID int64, lang string) error {
	if _, err := b.drafts.Draft(ctx, chatID); errors.Is(err, loa.ErrNotFound) {
		_, err := b.reply(chatID, T(lang, "bc_nothing_to_cancel"), nil)
		return err
	}
	if err := b.drafts.DeleteDraft(ctx, chatID); err != nil {
		return err
	}
	_, err := b.reply(chatID, T(lang, "bc_cancelled"), nil)
	return err
}

// onBroadcastButton handles every "bc:" button of the dialogue.
func (b *Bot) onBroadcastButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	chatID := q.Message.Chat.ID
	if len(parts) >= 2 && parts[0] == "x" {
		return b.onCancelScheduled(ctx, q, lang, parts[1])
	}
	d, err := b.drafts.Draft(ctx, chatID)
	if errors.Is(err, loa.ErrNotFound) || (err == nil && d.UserID != q.From.ID) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if err != nil {
		return err
	}
	scope, ok, err := b.broadcaster(ctx, q.Message.Chat, q.From.ID)
	if err != nil {
		return err
	}
	if !ok {
		b.drafts.DeleteDraft(ctx, chatID)
		b.answer(q.ID, T(lang, "bc_not_allowed"), true)
		return nil
	}
	if scope != nil {
		// A unit leader's notice never leaves their unit, whatever the buttons said.
		d.Audience.Units, d.Audience.All, d.Audience.Chats = []string{scope.Key}, false, nil
	}
	msgID := q.Message.MessageID
	switch parts[0] {
	case "cancel":
		b.answer(q.ID, "", false)
		if err := b.drafts.DeleteDraft(ctx, chatID); err != nil {
			return err
		}
		return b.edit(chatID, msgID, T(lang, "bc_cancelled"), nil)
	case "t", "u", "r", "all", "page":
		if len(parts) < 2 && parts[0] != "all" {
			break
		}
		page := 0
		switch parts[0] {
		case "t":
			d.Audience.Topics = toggle(d.Audience.Topics, parts[1])
		case "r":
			d.Audience.Roles = toggle(d.Audience.Roles, parts[1])
		case "all":
			if scope == nil {
				d.Audience.All = !d.Audience.All
			}
		case "page":
			page, _ = strconv.Atoi(parts[1])
		case "u":
			if scope != nil {
				break // a unit leader's audience stays within their unit
			}
			id, _ := strconv.ParseInt(parts[1], 10, 64)
			u, err := b.units.UnitByID(ctx, id)
			if err != nil {
				b.answer(q.ID, T(lang, "stale_button"), false)
				return nil
			}
			d.Audience.Units = toggle(d.Audience.Units, u.Key)
			page, _ = strconv.Atoi(parts[2])
		}
		if err := b.drafts.SaveDraft(ctx, d); err != nil {
			return err
		}
		b.answer(q.ID, "", false)
		return b.editAudience(ctx, d, lang, msgID, scope, page)
	case "next", "back":
		if parts[0] == "next" && d.Audience.Empty() {
			b.answer(q.ID, T(lang, "bc_pick_someone"), true)
			return nil
		}
		b.answer(q.ID, "", false)
		if parts[0] == "back" {
			d.Step = stepAudience
			if err := b.drafts.SaveDraft(ctx, d); err != nil {
				return err
			}
			return b.editAudience(ctx, d, lang, msgID, scope, 0)
		}
		d.Step = stepOptions
		if err := b.drafts.SaveDraft(ctx, d); err != nil {
			return err
		}
		return b.sendOptions(ctx, d, lang, msgID)
	case "o":
		if len(parts) < 2 {
			break
		}
		switch parts[1] {
		case "urgent":
			d.Urgent = !d.Urgent
		case "ack":
			d.Ack = !d.Ack
		case "exercise":
			d.Exercise = !d.Exercise
		}
		if err := b.drafts.SaveDraft(ctx, d); err != nil {
			return err
		}
		b.answer(q.ID, "", false)
		return b.sendOptions(ctx, d, lang, msgID)
	case "when":
		d.Step = stepWhen
		if err := b.drafts.SaveDraft(ctx, d); err != nil {
			return err
		}
		b.answer(q.ID, "", false)
		return b.edit(chatID, msgID, T(lang, "bc_ask_time", when.Example(b.opts.Now(), b.opts.Location)), cancelKeyboard(lang))
	case "preview":
		d.Step = stepPreview
		if err := b.drafts.SaveDraft(ctx, d); err != nil {
			return err
		}
		b.answer(q.ID, "", false)
		return b.sendPreview(ctx, q, d, lang)
	case "edit":
		d.Step = stepText
		if err := b.drafts.SaveDraft(ctx, d); err != nil {
			return err
		}
		b.answer(q.ID, "", false)
		return b.edit(chatID, msgID, T(lang, "bc_ask_text"), cancelKeyboard(lang))
	case "send":
		if d.Step != stepPreview {
			break
		}
		b.answer(q.ID, "", false)
		return b.sendDraft(ctx, q, d, lang)
	}
	b.answer(q.ID, T(lang, "stale_button"), false)
	return nil
}

func toggle(list []string, v string) []string {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(slices.Clone(list), i, i+1)
	}
	return append(list, v)
}

// request is the draft as the notices room reads it.
func request(d loa.Draft) notices.Request {
	return notices.Request{Text: d.Text, Audience: d.Audience, Urgent: d.Urgent, Ack: d.Ack, Exercise: d.Exercise, At: d.SendAt,
		Media: d.Media, CreatorChat: d.ChatID}
}

// sendPreview shows the notice exactly as recipients will see it, then asks to confirm.
func (b *Bot) sendPreview(ctx context.Context, q *tgbotapi.CallbackQuery, d loa.Draft, lang string) error {
	// The preview goes through the messenger recipients' notices go through, so it is the
	// same: photo or document first, parts split the same way, the button on the last.
	n, err := b.notes.Prepare(ctx, b.noticeActor(q.From), request(d))
	if err != nil {
		return b.refuse(d.ChatID, lang, err, cancelKeyboard(lang))
	}
	text, buttons := b.notes.Message(n, 0)
	for _, row := range buttons {
		for i := range row {
			row[i].Data = "noop"
		}
	}
	if _, err := NewMessenger(b.api).Send(ctx, loa.OutMessage{ChatID: d.ChatID, Media: n.Media, Text: text, Buttons: buttons}); err != nil {
		return err
	}
	recipients, err := b.notices.Recipients(ctx, n.Audience)
	if err != nil {
		return err
	}
	sendAt := T(lang, "bc_now")
	if d.SendAt != nil {
		sendAt = when.Format(*d.SendAt, b.opts.Location)
	}
	confirm := tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_send"), "bc:send")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_edit"), "bc:edit"),
			tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_cancel"), "bc:cancel")))
	_, err = b.reply(d.ChatID, T(lang, "bc_confirm", len(recipients), sendAt), &confirm)
	return err
}

// sendDraft turns the draft into a notice for the delivery engine and deletes the draft.
func (b *Bot) sendDraft(ctx context.Context, q *tgbotapi.CallbackQuery, d loa.Draft, lang string) error {
	created, err := b.notes.Create(ctx, b.noticeActor(q.From), request(d))
	if err != nil {
		return b.refuse(d.ChatID, lang, err, cancelKeyboard(lang))
	}
	if err := b.drafts.DeleteDraft(ctx, d.ChatID); err != nil {
		return err
	}
	label := notices.Label(lang, created)
	text := T(lang, "bc_queued", label, created.Recipients)
	if created.SendAt != nil {
		text = T(lang, "bc_scheduled", label, when.Format(*created.SendAt, b.opts.Location), created.Recipients)
	}
	return b.edit(d.ChatID, q.Message.MessageID, text, nil)
}

// cmdScheduled lists broadcasts waiting for their time, each with a cancel button.
func (b *Bot) cmdScheduled(ctx context.Context, m *tgbotapi.Message, lang string) error {
	if ok, err := b.adminCommand(ctx, m, lang, "broadcast.scheduled", ""); !ok || err != nil {
		return err
	}
	scheduled, err := b.notices.ScheduledNotices(ctx, b.opts.Now())
	if err != nil {
		return err
	}
	if len(scheduled) == 0 {
		_, err := b.reply(m.Chat.ID, T(lang, "bc_none_scheduled"), nil)
		return err
	}
	for _, n := range scheduled {
		label := notices.Label(lang, n)
		kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_cancel_scheduled", label), fmt.Sprintf("bc:x:%d", n.ID))))
		text := T(lang, "bc_scheduled_item", label, when.Format(*n.SendAt, b.opts.Location), n.Recipients) + "\n\n" + n.Text
		if _, err := b.reply(m.Chat.ID, SplitHTML(text, MaxMessage)[0], &kb); err != nil {
			return err
		}
	}
	return nil
}

// onCancelScheduled cancels a notice from the list of scheduled ones: nothing is sent to anyone.
func (b *Bot) onCancelScheduled(ctx context.Context, q *tgbotapi.CallbackQuery, lang, idText string) error {
	id, _ := strconv.ParseInt(idText, 10, 64)
	done, err := b.notes.CancelScheduled(ctx, b.noticeActor(q.From), id)
	if err != nil {
		return b.refusePress(q, lang, err)
	}
	b.answer(q.ID, T(lang, "done"), false)
	return b.edit(q.Message.Chat.ID, q.Message.MessageID, T(lang, "bc_scheduled_cancelled", notices.Label(lang, done.Notice)), nil)
}
