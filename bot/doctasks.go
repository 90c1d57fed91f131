package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
)

// onDocumentButton handles "📤 Gửi" (dc:s:ID) and "✖ Hủy" (dc:x:ID) under a document's
// preview. Who may send is asked of the documents room at the press, not when the preview
// was shown: a leader moved to another unit since then is refused.
func (b *Bot) onDocumentButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang, action, idText string) error {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || b.opts.Documents == nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	chatID, msgID := q.Message.Chat.ID, q.Message.MessageID
	if action == "x" {
		// Kept as cancelled, so that a later page of its album starts nothing.
		err := b.opts.Documents.Cancel(ctx, b.docPerson(q.From), id)
		if msg, ok := documents.SendRefusal(lang, err); ok {
			b.answer(q.ID, msg, true)
			return nil
		} else if err != nil {
			return err
		}
		b.answer(q.ID, T(lang, "dt_cancelled"), false)
		if err := b.editButtons(chatID, msgID, noButtons()); err != nil {
			return err
		}
		_, err = b.reply(chatID, T(lang, "dt_cancelled"), nil)
		return err
	}
	sent, err := b.opts.Documents.Send(ctx, b.docPerson(q.From), id)
	if msg, ok := documents.SendRefusal(lang, err); ok {
		b.audit.Record(ctx, loa.AuditEntry{Actor: actor(q.From), Action: "document.send", Target: idText, Detail: "bot: " + err.Error(),
			Allowed: false})
		b.answer(q.ID, msg, true)
		if errors.Is(err, documents.ErrAlreadySent) {
			return b.editButtons(chatID, msgID, noButtons())
		}
		return nil
	} else if err != nil {
		b.answer(q.ID, T(lang, "dt_sending_failed"), true)
		return err
	}
	b.answer(q.ID, "", false)
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(q.From), Action: "document.send", Target: idText,
		Detail: fmt.Sprintf("bot, %d units", len(sent.Notices)), Allowed: true})
	if err := b.editButtons(chatID, msgID, noButtons()); err != nil {
		return err
	}
	text := T(lang, "dt_sent", esc(documents.Name(sent.Document)), len(sent.Notices))
	if len(sent.Unmapped) > 0 {
		text += "\n" + T(lang, "dt_not_sent", esc(strings.Join(sent.Unmapped, "; ")))
	}
	_, err = b.reply(chatID, text, nil)
	return err
}

// onTaskDoneButton records a task done (dt:TASK) for the unit's leader or an administrator,
// shows it on the button, and offers to take a one-line report as a reply.
func (b *Bot) onTaskDoneButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang, idText string) error {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || b.opts.Documents == nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	task, first, err := b.opts.Documents.MarkDone(ctx, b.docPerson(q.From), id, "")
	switch {
	case errors.Is(err, documents.ErrForbidden):
		b.answer(q.ID, T(lang, "dt_done_forbidden"), true)
		return nil
	case errors.Is(err, loa.ErrNotFound):
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	case err != nil:
		return err
	case !first:
		b.answer(q.ID, T(lang, "dt_done_already"), false)
		return nil
	}
	b.answer(q.ID, T(lang, "dt_done_ok"), false)
	if kb := q.Message.ReplyMarkup; kb != nil {
		n := 0
		for i, row := range kb.InlineKeyboard {
			for j, btn := range row {
				if btn.CallbackData == nil || !strings.HasPrefix(*btn.CallbackData, "dt:") {
					continue
				}
				n++
				if *btn.CallbackData == q.Data {
					noop := "noop"
					kb.InlineKeyboard[i][j] = tgbotapi.InlineKeyboardButton{Text: T("vi", "dt_done_label", n), CallbackData: &noop}
				}
			}
		}
		if err := b.editButtons(q.Message.Chat.ID, q.Message.MessageID, *kb); err != nil {
			return err
		}
	}
	prompt := tgbotapi.NewMessage(q.Message.Chat.ID, T(lang, "dt_report_prompt", esc(shorten(task.Text, 80)), task.ID))
	prompt.ParseMode = tgbotapi.ModeHTML
	prompt.ReplyMarkup = tgbotapi.ForceReply{ForceReply: true, Selective: true}
	if _, err := b.api.Send(prompt); err != nil {
		return err
	}
	return nil
}

// correctionRE reads "sửa <tên trong văn bản> = <đơn vị>".
var correctionRE = regexp.MustCompile(`(?is)^\s*s(?:ửa|ua)\s+(.+?)\s*=\s*(.+?)\s*$`)

// onDocumentCorrection maps a name of the person's newest draft document to a unit before it
// is sent, and shows the send buttons again. It reports whether the message was such a
// correction.
func (b *Bot) onDocumentCorrection(ctx context.Context, m *tgbotapi.Message, lang string) (bool, error) {
	match := correctionRE.FindStringSubmatch(m.Text)
	if b.opts.Documents == nil || match == nil {
		return false, nil
	}
	c, err := b.opts.Documents.CorrectLatest(ctx, b.docPerson(m.From), match[1], match[2])
	if errors.Is(err, documents.ErrNoDraft) {
		return false, nil // no document of theirs waits: the text is read as any other
	}
	if msg, ok := documents.CorrectionRefusal(lang, err); ok {
		_, err := b.reply(m.Chat.ID, msg, nil)
		return true, err
	} else if err != nil {
		return true, err
	}
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(m.From), Action: "document.correct", Target: strconv.FormatInt(c.Document.ID, 10),
		Detail: c.Name + " = " + c.Unit.Key, Allowed: true})
	_, err = b.reply(m.Chat.ID, T(lang, "dt_fix_done", esc(c.Name), esc(c.Unit.Name), c.Tasks), sendButtons(lang, c.Document.ID))
	return true, err
}

// reportPromptRE finds the task a report prompt is about: "(mã 12)", "(no. 12)".
var reportPromptRE = regexp.MustCompile(`\((?:mã|no\.) (\d{1,18})\)`)

// onTaskReport takes a reply to a report prompt as the task's one-line report. It reports
// whether the message was such a reply.
func (b *Bot) onTaskReport(ctx context.Context, m *tgbotapi.Message, lang string) (bool, error) {
	r := m.ReplyToMessage
	if b.opts.Documents == nil || r == nil || r.From == nil || r.From.ID != b.api.Self.ID || strings.TrimSpace(m.Text) == "" {
		return false, nil
	}
	match := reportPromptRE.FindStringSubmatch(r.Text)
	if match == nil {
		return false, nil
	}
	id, _ := strconv.ParseInt(match[1], 10, 64)
	_, _, err := b.opts.Documents.MarkDone(ctx, b.docPerson(m.From), id, m.Text)
	var reply string
	switch {
	case errors.Is(err, documents.ErrForbidden):
		reply = T(lang, "dt_done_forbidden")
	case errors.Is(err, documents.ErrBadReport):
		reply = T(lang, "dt_bad_report")
	case errors.Is(err, loa.ErrNotFound):
		reply = T(lang, "stale_button")
	case err != nil:
		return true, err
	default:
		reply = T(lang, "dt_report_saved", id)
	}
	_, err = b.reply(m.Chat.ID, reply, nil)
	return true, err
}

// cmdDone is "/xong MÃ [báo cáo một dòng]": the "✔ Xong" button typed, for a leader who reads
// the unit's message elsewhere or whose button is gone. It goes through the same call as the
// button, so the same people may mark the same tasks.
func (b *Bot) cmdDone(ctx context.Context, m *tgbotapi.Message, lang, args string) error {
	if b.opts.Documents == nil {
		_, err := b.reply(m.Chat.ID, T(lang, "unknown_command", esc("/"+m.Command())), nil)
		return err
	}
	args = strings.TrimSpace(args)
	code := args
	if i := strings.IndexFunc(args, unicode.IsSpace); i >= 0 {
		code = args[:i]
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(code, "#"), 10, 64)
	if err != nil || id <= 0 {
		_, err := b.reply(m.Chat.ID, T(lang, "dt_xong_usage"), nil)
		return err
	}
	report := strings.TrimSpace(args[len(code):])
	if strings.ContainsAny(report, "\r\n") {
		_, err := b.reply(m.Chat.ID, T(lang, "dt_bad_report"), nil)
		return err
	}
	task, first, err := b.opts.Documents.MarkDone(ctx, b.docPerson(m.From), id, report)
	var reply string
	switch {
	case errors.Is(err, documents.ErrForbidden):
		reply = T(lang, "dt_xong_forbidden", id)
	case errors.Is(err, loa.ErrNotFound):
		reply = T(lang, "dt_xong_unknown", id)
	case errors.Is(err, documents.ErrBadReport):
		reply = T(lang, "dt_bad_report")
	case err != nil:
		return err
	case first:
		reply = T(lang, "dt_xong_done", esc(shorten(task.Text, 80)), id)
	default:
		reply = T(lang, "dt_xong_already", esc(shorten(task.Text, 80)), id)
	}
	if err == nil && report != "" {
		reply += "\n" + T(lang, "dt_xong_report", esc(task.Report)) // as the room kept it, spaces folded
	}
	_, err = b.reply(m.Chat.ID, reply, nil)
	return err
}
