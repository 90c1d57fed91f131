package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// cmdReport answers /report NOTICE_ID for administrators: per unit, who received the notice and
// who acknowledged it.
func (b *Bot) cmdReport(ctx context.Context, m *tgbotapi.Message, lang string, args []string) error {
	if ok, err := b.adminCommand(ctx, m, lang, "report", strings.Join(args, " ")); !ok || err != nil {
		return err
	}
	var id int64
	var err error
	if len(args) == 1 {
		id, err = strconv.ParseInt(args[0], 10, 64)
	}
	if len(args) != 1 || err != nil {
		_, err := b.reply(m.Chat.ID, T(lang, "report_usage"), nil)
		return err
	}
	n, err := b.notices.Notice(ctx, id)
	if errors.Is(err, loa.ErrNotFound) {
		_, err := b.reply(m.Chat.ID, T(lang, "report_unknown", id), nil)
		return err
	} else if err != nil {
		return err
	}
	rows, err := b.notices.Report(ctx, id)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(T(lang, "report_head", id))
	if n.Status == loa.NoticeCancelled {
		sb.WriteString(T(lang, "report_cancelled"))
	}
	var total loa.ReportRow
	for _, r := range rows {
		fmt.Fprintf(&sb, "\n• <b>%s</b>: %s", esc(r.Unit), T(lang, "report_line", r.Recipients, r.Sent, r.Failed, r.Blocked))
		if n.RequiresAck {
			sb.WriteString(T(lang, "report_ack", r.Acknowledged, r.Recipients-r.Acknowledged))
			if len(r.NotAcked) > 0 {
				sb.WriteString("\n   " + T(lang, "report_missing") + esc(strings.Join(r.NotAcked, ", ")))
			}
		}
		total.Recipients += r.Recipients
		total.Sent += r.Sent
		total.Acknowledged += r.Acknowledged
		total.Paid += r.Paid
	}
	fmt.Fprintf(&sb, "\n\n%s", T(lang, "report_total", total.Sent, total.Recipients))
	if total.Paid > 0 {
		sb.WriteString(T(lang, "report_paid", total.Paid))
	}
	if n.RequiresAck {
		sb.WriteString(T(lang, "report_ack", total.Acknowledged, total.Recipients-total.Acknowledged))
	}
	// A long report is split by the messenger's rules; the buttons go on the last part.
	row := []tgbotapi.InlineKeyboardButton{tgbotapi.NewInlineKeyboardButtonData(T(lang, "report_csv"), fmt.Sprintf("rp:c:%d", id))}
	if n.RequiresAck && total.Acknowledged < total.Sent {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(T(lang, "report_remind"), fmt.Sprintf("rp:r:%d", id)))
	}
	buttons := [][]tgbotapi.InlineKeyboardButton{row}
	if n.Status == loa.NoticeActive {
		buttons = append(buttons, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "report_retract"), fmt.Sprintf("rp:x:%d", id))))
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(buttons...)
	parts := SplitHTML(sb.String(), MaxMessage)
	for i, part := range parts {
		var k *tgbotapi.InlineKeyboardMarkup
		if i == len(parts)-1 {
			k = &kb
		}
		if _, err := b.reply(m.Chat.ID, part, k); err != nil {
			return err
		}
	}
	return nil
}

// onReportButton handles "rp:r:<notice>" (remind those who have not acknowledged) and
// "rp:c:<notice>" (the report as a CSV file). Admins only.
func (b *Bot) onReportButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	if !b.adminPress(ctx, q, lang, "report."+parts[0], parts[1]) {
		return nil
	}
	id, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	n, err := b.notices.Notice(ctx, id)
	if errors.Is(err, loa.ErrNotFound) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if err != nil {
		return err
	}
	switch parts[0] {
	case "r":
		reminder, err := loa.RemindUnacknowledged(ctx, b.notices, n, actor(q.From))
		if err != nil {
			return err
		}
		if b.opts.Wake != nil {
			b.opts.Wake()
		}
		b.answer(q.ID, T(lang, "report_reminded", reminder.Recipients), true)
		return nil
	case "x":
		// Cancelling a sent notice tells everyone who got it: the first press only asks.
		b.answer(q.ID, "", false)
		kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData(T(lang, "report_retract_sure", id), fmt.Sprintf("rp:X:%d", id))))
		return b.editButtons(q.Message.Chat.ID, q.Message.MessageID, kb)
	case "X":
		follow, stopped, err := loa.FollowUp(ctx, b.notices, id, "", true, actor(q.From))
		if err != nil {
			return err
		}
		if b.opts.Wake != nil {
			b.opts.Wake()
		}
		b.answer(q.ID, T(lang, "report_retracted", stopped, follow.Recipients), true)
		return b.editButtons(q.Message.Chat.ID, q.Message.MessageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	case "c":
		rows, err := b.notices.Report(ctx, id)
		if err != nil {
			return err
		}
		b.answer(q.ID, "", false)
		// The byte-order mark makes spreadsheet programs read the Vietnamese as UTF-8.
		people, err := b.notices.Deliveries(ctx, id)
		if err != nil {
			return err
		}
		doc := tgbotapi.NewDocument(q.Message.Chat.ID, tgbotapi.FileBytes{Name: fmt.Sprintf("bao-cao-thong-bao-%d.csv", id),
			Bytes: loa.ReportCSV(lang, b.opts.Location, people, rows)})
		doc.Caption = T(lang, "report_head", id)
		doc.ParseMode = tgbotapi.ModeHTML
		_, err = b.api.Send(doc)
		return err
	}
	b.answer(q.ID, T(lang, "stale_button"), false)
	return nil
}

// cmdUpdate answers /capnhat ID text: an update to the recipients of notice ID, naming it.
func (b *Bot) cmdUpdate(ctx context.Context, m *tgbotapi.Message, lang string, args []string) error {
	if ok, err := b.adminCommand(ctx, m, lang, "notice.update", strings.Join(args, " ")); !ok || err != nil {
		return err
	}
	var id int64
	var err error
	if len(args) >= 2 {
		id, err = strconv.ParseInt(args[0], 10, 64)
	}
	if len(args) < 2 || err != nil {
		_, err := b.reply(m.Chat.ID, T(lang, "update_usage"), nil)
		return err
	}
	text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(m.CommandArguments()), args[0]))
	follow, _, err := loa.FollowUp(ctx, b.notices, id, text, false, actor(m.From))
	if errors.Is(err, loa.ErrNotFound) {
		_, err := b.reply(m.Chat.ID, T(lang, "report_unknown", id), nil)
		return err
	} else if err != nil {
		return err
	}
	if b.opts.Wake != nil {
		b.opts.Wake()
	}
	_, err = b.reply(m.Chat.ID, T(lang, "update_queued", id, follow.Recipients), nil)
	return err
}
