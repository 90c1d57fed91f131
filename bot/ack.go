package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// cancelledNotice reports whether the notices room refused because the notice was cancelled.
func cancelledNotice(err error) bool { return errors.Is(err, loa.ErrNoticeCancelled) }

// onAckButton records the first press of "✅ Đã nhận" and shows it on the button; a second
// press changes nothing and says when the first was. A cancelled notice's button says so
// and goes away.
func (b *Bot) onAckButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang, idText string) error {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	chatID := q.Message.Chat.ID
	a, err := b.notes.Acknowledge(ctx, id, chatID, q.From.ID, personName(q.From))
	switch {
	case errors.Is(err, loa.ErrNotFound):
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	case cancelledNotice(err):
		if err := b.refusePress(q, lang, err); err != nil {
			return err
		}
		return b.editButtons(chatID, q.Message.MessageID, withoutAck(q.Message.ReplyMarkup))
	case err != nil:
		return err
	}
	if !a.First {
		b.answer(q.ID, T(lang, "ack_already", b.notes.AckTime(a)), false)
		return nil
	}
	b.answer(q.ID, T(lang, "ack_done"), false)
	if q.Message.ReplyMarkup == nil {
		return nil
	}
	// A private chat's button shows when it was pressed; a group's stays live for the other
	// members and counts who pressed. Link buttons stay.
	label, data := T(lang, "ack_label", b.notes.AckTime(a)), "ackd:"+idText
	if q.Message.Chat.IsGroup() || q.Message.Chat.IsSuperGroup() {
		label, data = T(lang, "ack_count", a.Count), "ack:"+idText
	}
	kb := *q.Message.ReplyMarkup
	for i, row := range kb.InlineKeyboard {
		for j, btn := range row {
			if btn.CallbackData != nil && strings.HasPrefix(*btn.CallbackData, "ack") {
				kb.InlineKeyboard[i][j] = tgbotapi.InlineKeyboardButton{Text: label, CallbackData: &data}
			}
		}
	}
	return b.editButtons(chatID, q.Message.MessageID, kb)
}

// withoutAck is a keyboard with its acknowledgement buttons taken out; link buttons stay.
func withoutAck(kb *tgbotapi.InlineKeyboardMarkup) tgbotapi.InlineKeyboardMarkup {
	out := noButtons()
	if kb == nil {
		return out
	}
	for _, row := range kb.InlineKeyboard {
		var kept []tgbotapi.InlineKeyboardButton
		for _, btn := range row {
			if btn.CallbackData == nil || !strings.HasPrefix(*btn.CallbackData, "ack") {
				kept = append(kept, btn)
			}
		}
		if len(kept) > 0 {
			out.InlineKeyboard = append(out.InlineKeyboard, kept)
		}
	}
	return out
}
