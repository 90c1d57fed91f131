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
	allowed := b.isAdmin(m.From.ID)
	if !allowed {
		b.store.Audit(ctx, loa.AuditEntry{Actor: actor(m.From), Action: "report", Target: strings.Join(args, " "), Allowed: false})
		_, err := b.reply(m.Chat.ID, T(lang, "not_admin"), nil)
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
	n, err := b.store.Notice(ctx, id)
	if errors.Is(err, loa.ErrNotFound) {
		_, err := b.reply(m.Chat.ID, T(lang, "report_unknown", id), nil)
		return err
	} else if err != nil {
		return err
	}
	rows, err := b.store.Report(ctx, id)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(T(lang, "report_head", id))
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
	}
	fmt.Fprintf(&sb, "\n\n%s", T(lang, "report_total", total.Sent, total.Recipients))
	if n.RequiresAck {
		sb.WriteString(T(lang, "report_ack", total.Acknowledged, total.Recipients-total.Acknowledged))
	}
	// A long report is split by the messenger's rules.
	for _, part := range SplitHTML(sb.String(), MaxMessage) {
		if _, err := b.reply(m.Chat.ID, part, nil); err != nil {
			return err
		}
	}
	return nil
}
