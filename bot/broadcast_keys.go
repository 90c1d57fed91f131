package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/when"
)

func mark(on bool) string {
	if on {
		return "✅ "
	}
	return "⬜ "
}

// audienceKeyboard shows topics, roles and (for admins) communes, wards and agencies as toggles,
// with the number of recipients the current choice reaches.
func (b *Bot) audienceView(ctx context.Context, d loa.Draft, lang string, scope *loa.Unit, page int) (string, tgbotapi.InlineKeyboardMarkup, error) {
	topics, err := b.units.Topics(ctx)
	if err != nil {
		return "", tgbotapi.InlineKeyboardMarkup{}, err
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	if scope == nil {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(mark(d.Audience.All)+T(lang, "bc_everyone"), "bc:all")))
	}
	// Captions tell topics from roles and units: "Dân quân tự vệ" is both a topic and a role.
	caption := func(key string) []tgbotapi.InlineKeyboardButton {
		return tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, key), "noop"))
	}
	rows = append(rows, caption("bc_section_topics"))
	var row []tgbotapi.InlineKeyboardButton
	for _, t := range topics {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(mark(slices.Contains(d.Audience.Topics, t.Key))+t.Name(lang), "bc:t:"+t.Key))
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, caption("bc_section_roles"))
	row = nil
	for _, r := range loa.Roles {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(mark(slices.Contains(d.Audience.Roles, r))+T(lang, "role_"+r), "bc:r:"+r))
	}
	rows = append(rows, row)
	if scope == nil {
		units, err := b.units.Units(ctx)
		if err != nil {
			return "", tgbotapi.InlineKeyboardMarkup{}, err
		}
		// The units right under the top of the tree: communes, wards and district agencies.
		var top []loa.Unit
		for _, u := range units {
			if u.ParentID != nil {
				if parent := slices.IndexFunc(units, func(p loa.Unit) bool { return p.ID == *u.ParentID }); parent >= 0 && units[parent].ParentID == nil {
					top = append(top, u)
				}
			}
		}
		const perPage = 10
		pages := max(1, (len(top)+perPage-1)/perPage)
		page = max(0, min(page, pages-1))
		rows = append(rows, caption("bc_section_units"))
		row = nil
		for _, u := range top[page*perPage : min(len(top), (page+1)*perPage)] {
			row = append(row, tgbotapi.NewInlineKeyboardButtonData(mark(slices.Contains(d.Audience.Units, u.Key))+u.Name, fmt.Sprintf("bc:u:%d:%d", u.ID, page)))
			if len(row) == 2 {
				rows, row = append(rows, row), nil
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
		var nav []tgbotapi.InlineKeyboardButton
		if page > 0 {
			nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(T(lang, "prev"), fmt.Sprintf("bc:page:%d", page-1)))
		}
		if pages > 1 {
			nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_page", page+1, pages), "noop"))
		}
		if page < pages-1 {
			nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(T(lang, "next"), fmt.Sprintf("bc:page:%d", page+1)))
		}
		if len(nav) > 0 {
			rows = append(rows, nav)
		}
	}
	rows = append(rows, tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_cancel"), "bc:cancel"),
		tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_next"), "bc:next")))
	count := 0
	if !d.Audience.Empty() {
		recipients, err := b.notices.Recipients(ctx, d.Audience)
		if err != nil {
			return "", tgbotapi.InlineKeyboardMarkup{}, err
		}
		count = len(recipients)
	}
	text := T(lang, "bc_audience", count)
	if scope != nil {
		text += "\n" + T(lang, "bc_scope", esc(scope.Name))
	} else if len(d.Audience.Units) > 0 {
		// Units picked on other pages are out of sight: name them all.
		var names []string
		for _, key := range d.Audience.Units {
			if u, err := b.units.UnitByKey(ctx, key); err == nil {
				names = append(names, esc(u.Name))
			}
		}
		text += "\n" + T(lang, "bc_units_chosen", strings.Join(names, "; "))
	}
	return text, tgbotapi.NewInlineKeyboardMarkup(rows...), nil
}

func (b *Bot) sendAudience(ctx context.Context, d loa.Draft, lang string) error {
	scope, _, err := b.broadcaster(ctx, &tgbotapi.Chat{ID: d.ChatID, Type: "private"}, d.UserID)
	if err != nil {
		return err
	}
	text, kb, err := b.audienceView(ctx, d, lang, scope, 0)
	if err != nil {
		return err
	}
	_, err = b.reply(d.ChatID, text, &kb)
	return err
}

func (b *Bot) editAudience(ctx context.Context, d loa.Draft, lang string, msgID int, scope *loa.Unit, page int) error {
	text, kb, err := b.audienceView(ctx, d, lang, scope, page)
	if err != nil {
		return err
	}
	return b.edit(d.ChatID, msgID, text, &kb)
}

// sendOptions shows the options; with msgID it edits that message instead of sending one.
func (b *Bot) sendOptions(_ context.Context, d loa.Draft, lang string, msgID int) error {
	sendAt := T(lang, "bc_now")
	if d.SendAt != nil {
		sendAt = when.Format(*d.SendAt, b.opts.Location)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(mark(d.Urgent)+T(lang, "bc_urgent"), "bc:o:urgent")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(mark(d.Ack)+T(lang, "bc_ack"), "bc:o:ack")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(mark(d.Exercise)+T(lang, "bc_exercise"), "bc:o:exercise")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_when", sendAt), "bc:when")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "back"), "bc:back"),
			tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_cancel"), "bc:cancel"),
			tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_preview"), "bc:preview")))
	if msgID != 0 {
		return b.edit(d.ChatID, msgID, T(lang, "bc_options"), &kb)
	}
	_, err := b.reply(d.ChatID, T(lang, "bc_options"), &kb)
	return err
}
