package bot

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/sheets"
)

// cmdReport answers /baocao NUMBER: per unit, who received the notice and who acknowledged it,
// for whoever may follow it up (its sender, a leader whose scope covers it, administrators).
func (b *Bot) cmdReport(ctx context.Context, m *tgbotapi.Message, lang string, args []string) error {
	if len(args) != 1 {
		_, err := b.reply(m.Chat.ID, T(lang, "report_usage"), nil)
		return err
	}
	a := b.noticeActor(m.From)
	n, err := b.notes.Find(ctx, a, args[0])
	if err != nil {
		return b.refuse(m.Chat.ID, lang, err, nil)
	}
	r, err := b.notes.Report(ctx, a, n.ID)
	if err != nil {
		return b.refuse(m.Chat.ID, lang, err, nil)
	}
	var sb strings.Builder
	sb.WriteString(T(lang, "report_head", notices.Label(lang, n)))
	if n.Status == loa.NoticeCancelled {
		sb.WriteString(T(lang, "report_cancelled"))
	}
	for _, u := range r.Units {
		fmt.Fprintf(&sb, "\n• <b>%s</b>: %s", esc(u.Unit), T(lang, "report_line", u.Recipients, u.Sent, u.Failed, u.Blocked))
		if n.RequiresAck {
			sb.WriteString(T(lang, "report_ack", u.Acknowledged, u.Recipients-u.Acknowledged))
			if len(u.NotAcked) > 0 {
				sb.WriteString("\n   " + T(lang, "report_missing") + esc(strings.Join(u.NotAcked, ", ")))
			}
		}
	}
	for _, g := range r.Groups {
		fmt.Fprintf(&sb, "\n• %s", T(lang, "report_group_acks", esc(g.Group), esc(strings.Join(g.Names, ", "))))
	}
	fmt.Fprintf(&sb, "\n\n%s", T(lang, "report_total", r.Total.Sent, r.Total.Recipients))
	if r.Total.Paid > 0 {
		sb.WriteString(T(lang, "report_paid", r.Total.Paid))
	}
	if n.RequiresAck {
		sb.WriteString(T(lang, "report_ack", r.Total.Acknowledged, r.Total.Recipients-r.Total.Acknowledged))
	}
	// A long report is split by the messenger's rules; the buttons go on the last part. A
	// cancelled notice offers only its spreadsheet.
	row := []tgbotapi.InlineKeyboardButton{tgbotapi.NewInlineKeyboardButtonData(T(lang, "report_csv"), fmt.Sprintf("rp:c:%d", n.ID))}
	if r.CanRemind {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(T(lang, "report_remind"), fmt.Sprintf("rp:r:%d", n.ID)))
	}
	buttons := [][]tgbotapi.InlineKeyboardButton{row}
	if r.CanCancel {
		buttons = append(buttons, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "report_retract"), fmt.Sprintf("rp:x:%d", n.ID))))
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

// onReportButton handles the report's buttons: "rp:r:<notice>" reminds those who have not
// acknowledged, "rp:x" asks to confirm a cancellation and "rp:X" cancels, "rp:c" sends the
// report as a CSV file. A refused press (a cancelled notice) also takes the buttons away.
func (b *Bot) onReportButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	id, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	a := b.noticeActor(q.From)
	chatID, msgID := q.Message.Chat.ID, q.Message.MessageID
	refused := func(err error) error {
		if rerr := b.refusePress(q, lang, err); rerr != nil {
			return rerr
		}
		if cancelledNotice(err) {
			return b.editButtons(chatID, msgID, noButtons())
		}
		return nil
	}
	switch parts[0] {
	case "r":
		reminder, err := b.notes.Remind(ctx, a, id)
		if err != nil {
			return refused(err)
		}
		b.answer(q.ID, T(lang, "report_reminded", reminder.Recipients), true)
		return nil
	case "x":
		// Cancelling a sent notice tells everyone who got it: the first press only asks.
		n, err := b.notes.Get(ctx, a, id)
		if err == nil && n.Status == loa.NoticeCancelled {
			err = b.notes.Refuse(n)
		}
		if err != nil {
			return refused(err)
		}
		b.answer(q.ID, "", false)
		kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData(T(lang, "report_retract_sure", notices.Label(lang, n)), fmt.Sprintf("rp:X:%d", id))))
		return b.editButtons(chatID, msgID, kb)
	case "X":
		done, err := b.notes.Cancel(ctx, a, id, "")
		if err != nil {
			return refused(err)
		}
		b.answer(q.ID, T(lang, "report_retracted", done.Stopped, done.FollowUp.Recipients), true)
		return b.editButtons(chatID, msgID, noButtons())
	case "c":
		n, tables, err := b.notes.ReportTables(ctx, a, id, lang)
		if err != nil {
			return refused(err)
		}
		b.answer(q.ID, "", false)
		// The file is written into the upload as it is read, never whole in memory; closing
		// the reading end frees the writer if the upload stops early.
		pr, pw := io.Pipe()
		defer pr.Close()
		go func() { pw.CloseWithError(sheets.WriteCSV(pw, tables...)) }()
		doc := tgbotapi.NewDocument(chatID, tgbotapi.FileReader{Name: notices.ReportName(n, "csv"), Reader: pr})
		doc.Caption = T(lang, "report_head", notices.Label(lang, n))
		doc.ParseMode = tgbotapi.ModeHTML
		_, err = b.api.Send(doc)
		return err
	}
	b.answer(q.ID, T(lang, "stale_button"), false)
	return nil
}

func noButtons() tgbotapi.InlineKeyboardMarkup {
	return tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}}
}

// cmdUpdate answers /capnhat NUMBER text: an update to the recipients of the notice, naming it.
func (b *Bot) cmdUpdate(ctx context.Context, m *tgbotapi.Message, lang string, args []string) error {
	if len(args) < 2 {
		_, err := b.reply(m.Chat.ID, T(lang, "update_usage"), nil)
		return err
	}
	a := b.noticeActor(m.From)
	n, err := b.notes.Find(ctx, a, args[0])
	if err != nil {
		return b.refuse(m.Chat.ID, lang, err, nil)
	}
	text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(m.CommandArguments()), args[0]))
	follow, err := b.notes.Update(ctx, a, n.ID, text)
	if err != nil {
		return b.refuse(m.Chat.ID, lang, err, nil)
	}
	_, err = b.reply(m.Chat.ID, T(lang, "update_queued", notices.Label(lang, n), follow.Recipients), nil)
	return err
}
