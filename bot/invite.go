package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// /moi without arguments picks the unit and the role with buttons: the communes, wards and
// agencies of the district, then a unit of the chosen one, then the role. Every press is an
// administrator's, checked on the server.

// inviteUnits shows the units under parent (0: under the top of the tree) as buttons; msgID 0
// sends a new message, otherwise the keyboard replaces the pressed one.
func (b *Bot) inviteUnits(ctx context.Context, chatID int64, lang string, parent int64, msgID int) error {
	units, err := b.units.Units(ctx)
	if err != nil {
		return err
	}
	if parent == 0 {
		for _, u := range units {
			if u.ParentID == nil {
				parent = u.ID
				break
			}
		}
	}
	hasChildren := map[int64]bool{}
	for _, u := range units {
		if u.ParentID != nil {
			hasChildren[*u.ParentID] = true
		}
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	var row []tgbotapi.InlineKeyboardButton
	for _, u := range units {
		if u.ParentID == nil || *u.ParentID != parent {
			continue
		}
		data, label := fmt.Sprintf("iv:u:%d", u.ID), u.Name
		if hasChildren[u.ID] {
			data, label = fmt.Sprintf("iv:a:%d", u.ID), u.Name+" ›"
		}
		if row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, data)); len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	if msgID == 0 {
		_, err = b.reply(chatID, T(lang, "invite_pick_unit"), &kb)
		return err
	}
	return b.edit(chatID, msgID, T(lang, "invite_pick_unit"), &kb)
}

// onInviteButton handles iv:a:<unit> (open a unit), iv:u:<unit> (pick it) and
// iv:r:<unit>:<role> (create the invite).
func (b *Bot) onInviteButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	if !b.adminPress(ctx, q, lang, "invite.create", parts[1]) {
		return nil
	}
	id, _ := strconv.ParseInt(parts[1], 10, 64) // the shape check made it a number
	unit, err := b.units.UnitByID(ctx, id)
	if errors.Is(err, loa.ErrNotFound) || (err == nil && unit.Retired) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if err != nil {
		return err
	}
	b.answer(q.ID, "", false)
	chatID, msgID := q.Message.Chat.ID, q.Message.MessageID
	switch parts[0] {
	case "a":
		return b.inviteUnits(ctx, chatID, lang, unit.ID, msgID)
	case "u":
		var row []tgbotapi.InlineKeyboardButton
		for _, r := range loa.Roles {
			row = append(row, tgbotapi.NewInlineKeyboardButtonData(T(lang, "role_"+r), fmt.Sprintf("iv:r:%d:%s", unit.ID, r)))
		}
		kb := tgbotapi.NewInlineKeyboardMarkup(row)
		return b.edit(chatID, msgID, T(lang, "invite_pick_role", esc(unit.Name)), &kb)
	}
	inv := loa.Invite{UnitID: unit.ID, Role: parts[2], MaxUses: 1, CreatedBy: actor(q.From), Code: loa.NewInviteCode()}
	if err := b.members.CreateInvite(ctx, inv); err != nil {
		return err
	}
	link, group := loa.InviteLinks(b.Username(), inv.Code)
	return b.edit(chatID, msgID, T(lang, "invite_created", esc(unit.Name), T(lang, "role_"+inv.Role), inv.MaxUses, "", esc(link), esc(group)), nil)
}
