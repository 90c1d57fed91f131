package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/when"
)

// onAckButton records the first press of "✅ Đã nhận" and shows it on the button; a second
// press changes nothing and says when the first was.
func (b *Bot) onAckButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang, idText string) error {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	d, first, err := b.notices.Acknowledge(ctx, id, q.Message.Chat.ID, b.opts.Now())
	if errors.Is(err, loa.ErrNotFound) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if errors.Is(err, loa.ErrNoticeCancelled) {
		b.answer(q.ID, T(lang, "ack_cancelled"), true)
		return nil
	} else if err != nil {
		return err
	}
	at := when.Format(*d.AckAt, b.opts.Location)
	if !first {
		b.answer(q.ID, T(lang, "ack_already", at), false)
		return nil
	}
	b.answer(q.ID, T(lang, "ack_done"), false)
	if q.Message.ReplyMarkup == nil {
		return nil
	}
	// Replace only the acknowledgement button; link buttons stay.
	kb := *q.Message.ReplyMarkup
	for i, row := range kb.InlineKeyboard {
		for j, btn := range row {
			if btn.CallbackData != nil && strings.HasPrefix(*btn.CallbackData, "ack:") {
				done := "ackd:" + idText
				kb.InlineKeyboard[i][j] = tgbotapi.InlineKeyboardButton{Text: T(lang, "ack_label", at), CallbackData: &done}
			}
		}
	}
	return b.editButtons(q.Message.Chat.ID, q.Message.MessageID, kb)
}
