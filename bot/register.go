package bot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// Registration is stateless: each button carries where the user is in the unit tree, so an
// abandoned registration leaves nothing behind and a restart loses nothing.
//
//	r:a:<unit>:<page>   browse the children of a unit
//	r:l:<unit>:<page>   browse the district's own agencies (the leaves under the top unit)
//	r:u:<unit>          pick a unit (then a role; groups register at once)
//	r:r:<unit>:<role>   pick a role: the member becomes pending
const pageSize = 10

func (b *Bot) cmdStart(ctx context.Context, m *tgbotapi.Message, lang string, args []string) error {
	if refused, err := b.refuseUnlessManager(m, lang); refused || err != nil {
		return err
	}
	existing, err := b.members.Chat(ctx, m.Chat.ID)
	if err != nil && !errors.Is(err, loa.ErrNotFound) {
		return err
	}
	known := err == nil
	if known && existing.Status == loa.StatusBlocked {
		_, err := b.reply(m.Chat.ID, T(lang, "chat_blocked"), nil)
		return err
	}
	if len(args) > 0 && args[0] != registerPayload {
		return b.redeemInvite(ctx, m, lang, args[0])
	}
	if known {
		switch existing.Status {
		case loa.StatusPending:
			// A wrong unit or role is corrected by picking again, while the request waits.
			root, err := b.rootUnit(ctx)
			if err != nil {
				return err
			}
			kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
				tgbotapi.NewInlineKeyboardButtonData(T(lang, "pending_change"), fmt.Sprintf("r:a:%d:0", root.ID))))
			_, err = b.reply(m.Chat.ID, T(lang, "still_pending"), &kb)
			return err
		case loa.StatusLeft:
			// Back after /stop: the unit and role were approved once; no new approval.
			if err := b.members.SetChatStatus(ctx, existing.ID, loa.StatusActive); err != nil {
				return err
			}
			unit, err := b.unitLabel(ctx, existing.UnitID)
			if err != nil {
				return err
			}
			existing.Status = loa.StatusActive
			return b.sendTopicPicker(ctx, existing, T(lang, "resumed", esc(unit), T(lang, "role_"+existing.Role)))
		case loa.StatusActive:
			unit, err := b.unitLabel(ctx, existing.UnitID)
			if err != nil {
				return err
			}
			_, err = b.reply(m.Chat.ID, T(lang, "already_active", esc(unit), T(lang, "role_"+existing.Role)), nil)
			return err
		}
	}
	root, err := b.rootUnit(ctx)
	if err != nil {
		return err
	}
	kb, err := b.unitKeyboard(ctx, lang, root, 0, false)
	if err != nil {
		return err
	}
	key := "welcome"
	if !m.Chat.IsPrivate() {
		key = "welcome_group"
	}
	_, err = b.reply(m.Chat.ID, T(lang, key), &kb)
	return err
}

func (b *Bot) redeemInvite(ctx context.Context, m *tgbotapi.Message, lang, code string) error {
	c := newChat(*m.Chat, m.From, lang)
	saved, err := b.members.RedeemInvite(ctx, code, c, b.opts.Now())
	key := ""
	switch {
	case errors.Is(err, loa.ErrNotFound):
		key = "invite_unknown"
	case errors.Is(err, loa.ErrInviteExpired):
		key = "invite_expired"
	case errors.Is(err, loa.ErrInviteUsedUp):
		key = "invite_used_up"
	case err != nil:
		return err
	}
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(m.From), Action: "invite.redeem", Target: strconv.FormatInt(m.Chat.ID, 10),
		Detail: code, Allowed: err == nil})
	if key != "" {
		_, err := b.reply(m.Chat.ID, T(lang, key), nil)
		return err
	}
	unit, err := b.unitLabel(ctx, saved.UnitID)
	if err != nil {
		return err
	}
	return b.sendTopicPicker(ctx, saved, T(lang, "invite_ok", esc(unit), T(lang, "role_"+saved.Role)))
}

func newChat(chat tgbotapi.Chat, from *tgbotapi.User, lang string) loa.Chat {
	title := chat.Title
	if title == "" {
		title = personName(from)
	}
	c := loa.Chat{ID: chat.ID, Type: chat.Type, Title: title, Lang: lang}
	if from != nil {
		c.UserID, c.Username = from.ID, from.UserName
	}
	return c
}

func actor(u *tgbotapi.User) string {
	if u == nil {
		return "tg:unknown"
	}
	return "tg:" + strconv.FormatInt(u.ID, 10)
}

// rootUnit is the top of the tree: the unit without a parent (the district).
func (b *Bot) rootUnit(ctx context.Context) (loa.Unit, error) {
	units, err := b.units.Units(ctx)
	if err != nil {
		return loa.Unit{}, err
	}
	for _, u := range units {
		if u.ParentID == nil {
			return u, nil
		}
	}
	return loa.Unit{}, fmt.Errorf("the unit catalogue has no root unit: %w", loa.ErrNotFound)
}

// unitKeyboard lists the children of parent, one page at a time. A child with children of its
// own opens them; a leaf is picked. At the top of the tree the communes and wards come first and
// the district's own agencies sit behind one button, so most people find their place at once.
func (b *Bot) unitKeyboard(ctx context.Context, lang string, parent loa.Unit, page int, agencies bool) (tgbotapi.InlineKeyboardMarkup, error) {
	units, err := b.units.Units(ctx)
	if err != nil {
		return tgbotapi.InlineKeyboardMarkup{}, err
	}
	hasChildren := map[int64]bool{}
	for _, u := range units {
		if u.ParentID != nil {
			hasChildren[*u.ParentID] = true
		}
	}
	top := parent.ParentID == nil
	var children, leaves []loa.Unit
	for _, u := range units {
		if u.ParentID == nil || *u.ParentID != parent.ID {
			continue
		}
		switch {
		case top && !hasChildren[u.ID]:
			leaves = append(leaves, u)
		case !agencies:
			children = append(children, u)
		}
	}
	mode := "a"
	if agencies {
		children, mode = leaves, "l"
	}
	sort.SliceStable(children, func(i, j int) bool { return children[i].Sort < children[j].Sort })
	pages := max(1, (len(children)+pageSize-1)/pageSize)
	page = max(0, min(page, pages-1))
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, u := range children[page*pageSize : min(len(children), (page+1)*pageSize)] {
		data := fmt.Sprintf("r:u:%d", u.ID)
		label := u.Name
		if hasChildren[u.ID] {
			data = fmt.Sprintf("r:a:%d:0", u.ID)
			label += " ›"
		}
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(label, data)))
	}
	if top && !agencies && len(leaves) > 0 && page == pages-1 {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(
			T(lang, "agencies", parent.Name)+" ›", fmt.Sprintf("r:l:%d:0", parent.ID))))
	}
	var nav []tgbotapi.InlineKeyboardButton
	if page > 0 {
		nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(T(lang, "prev"), fmt.Sprintf("r:%s:%d:%d", mode, parent.ID, page-1)))
	}
	if agencies {
		nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(T(lang, "back"), fmt.Sprintf("r:a:%d:0", parent.ID)))
	} else if parent.ParentID != nil {
		nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(T(lang, "back"), fmt.Sprintf("r:a:%d:0", *parent.ParentID)))
	}
	if page < pages-1 {
		nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(T(lang, "next"), fmt.Sprintf("r:%s:%d:%d", mode, parent.ID, page+1)))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return tgbotapi.NewInlineKeyboardMarkup(rows...), nil
}

func roleKeyboard(lang string, unit loa.Unit) tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, r := range loa.Roles {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "role_"+r), fmt.Sprintf("r:r:%d:%s", unit.ID, r))))
	}
	if unit.ParentID != nil {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "back"), fmt.Sprintf("r:a:%d:0", *unit.ParentID))))
	}
	return tgbotapi.NewInlineKeyboardMarkup(rows...)
}

// onRegisterButton moves through the registration screens by editing the same message.
func (b *Bot) onRegisterButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	msg := q.Message
	if ok, err := b.mayManageChat(msg.Chat, q.From.ID); err != nil || !ok {
		if err == nil {
			b.answer(q.ID, T(lang, "not_group_admin"), true)
		}
		return err
	}
	// A pending registration may still be corrected; a decided one may not.
	if c, err := b.members.Chat(ctx, msg.Chat.ID); err == nil && (c.Status == loa.StatusActive || c.Status == loa.StatusBlocked) {
		b.answer(q.ID, T(lang, "already_decided"), false)
		return nil
	}
	if len(parts) < 2 {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	unitID, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	unit, err := b.units.UnitByID(ctx, unitID)
	if errors.Is(err, loa.ErrNotFound) || (err == nil && unit.Retired) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if err != nil {
		return err
	}
	switch parts[0] {
	case "a", "l":
		page := 0
		if len(parts) > 2 {
			page, _ = strconv.Atoi(parts[2])
		}
		kb, err := b.unitKeyboard(ctx, lang, unit, page, parts[0] == "l")
		if err != nil {
			return err
		}
		text := T(lang, "choose_unit", esc(unit.Name))
		if unit.ParentID == nil && parts[0] == "a" {
			text = T(lang, "welcome")
			if !msg.Chat.IsPrivate() {
				text = T(lang, "welcome_group")
			}
		}
		b.answer(q.ID, "", false)
		return b.edit(msg.Chat.ID, msg.MessageID, text, &kb)
	case "u":
		b.answer(q.ID, "", false)
		if !msg.Chat.IsPrivate() {
			return b.registerGroup(ctx, q, lang, unit)
		}
		kb := roleKeyboard(lang, unit)
		return b.edit(msg.Chat.ID, msg.MessageID, T(lang, "choose_role", esc(unit.Name)), &kb)
	case "r":
		if len(parts) < 3 || !loa.ValidRole(parts[2]) || parts[2] == loa.RoleGroup || !msg.Chat.IsPrivate() {
			b.answer(q.ID, T(lang, "stale_button"), false)
			return nil
		}
		b.answer(q.ID, "", false)
		return b.requestApproval(ctx, q, lang, unit, parts[2])
	}
	b.answer(q.ID, T(lang, "stale_button"), false)
	return nil
}

// registerGroup registers a group chat to a unit at once: only its administrators got here.
func (b *Bot) registerGroup(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, unit loa.Unit) error {
	// A group is approved like a person: anyone can create a group and call it a unit's, and
	// nothing may reach it before an administrator agrees.
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(q.From), Action: "group.register", Target: strconv.FormatInt(q.Message.Chat.ID, 10), Detail: unit.Key, Allowed: true})
	return b.requestApproval(ctx, q, lang, unit, loa.RoleGroup)
}

// requestApproval saves the member as pending and asks every admin to approve or reject.
func (b *Bot) requestApproval(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, unit loa.Unit, role string) error {
	if len(b.opts.Admins) == 0 {
		// Nobody could approve: say so now, and save nothing, so /start works once one is set.
		b.log.Warn("a registration cannot be approved: no administrator is configured; set admins or LOA_ADMINS", "user", q.From.ID)
		return b.edit(q.Message.Chat.ID, q.Message.MessageID, T(lang, "no_admin_yet", q.From.ID), nil)
	}
	c := newChat(*q.Message.Chat, q.From, lang)
	c.UnitID, c.Role, c.Status = &unit.ID, role, loa.StatusPending
	if b.isAdmin(q.From.ID) {
		// An administrator would approve their own request: they are active at once.
		c.Status = loa.StatusActive
		if err := b.members.SaveChat(ctx, c); err != nil {
			return err
		}
		b.audit.Record(ctx, loa.AuditEntry{Actor: actor(q.From), Action: "approve", Target: strconv.FormatInt(c.ID, 10), Detail: "admin registers", Allowed: true})
		if err := b.edit(c.ID, q.Message.MessageID, T(lang, "admin_registered"), nil); err != nil {
			return err
		}
		return b.tellDecision(ctx, c)
	}
	if err := b.members.SaveChat(ctx, c); err != nil {
		return err
	}
	pending := T(lang, "pending", esc(unit.Name), T(lang, "role_"+role))
	if c.IsGroup() {
		pending = T(lang, "group_pending", esc(unit.Name))
	}
	if err := b.edit(c.ID, q.Message.MessageID, pending, nil); err != nil {
		return err
	}
	who := esc(personName(q.From))
	if q.From.UserName != "" {
		who += " (@" + esc(q.From.UserName) + ")"
	}
	if c.IsGroup() {
		who = "👥 " + esc(c.Title) + " — " + who
	}
	for _, admin := range b.opts.Admins {
		alang := b.lang(ctx, admin)
		kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			// The unit and role ride along: a request corrected since is decided on its new message.
			tgbotapi.NewInlineKeyboardButtonData(T(alang, "approve"), fmt.Sprintf("a:ok:%d:%d:%s", c.ID, unit.ID, role)),
			tgbotapi.NewInlineKeyboardButtonData(T(alang, "reject"), fmt.Sprintf("a:no:%d:%d:%s", c.ID, unit.ID, role)),
		))
		if _, err := b.reply(admin, T(alang, "admin_new", who, esc(unit.Name), T(alang, "role_"+role), c.ID), &kb); err != nil {
			// One unreachable admin (never started the bot, blocked it) must not stop the others.
			b.log.Warn("cannot notify admin of a registration", "admin", admin, "err", err)
		}
	}
	return nil
}

// onApprovalButton handles a:ok:<chat> and a:no:<chat>. Only Loa admins may decide; anyone
// else is refused and audited.
func (b *Bot) onApprovalButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	if len(parts) != 2 && len(parts) != 4 {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	target, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	action := map[string]string{"ok": "approve", "no": "reject"}[parts[0]]
	if action == "" {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	if !b.adminPress(ctx, q, lang, action, parts[1]) {
		return nil
	}
	member, err := b.members.Chat(ctx, target)
	if errors.Is(err, loa.ErrNotFound) || (err == nil && member.Status != loa.StatusPending) {
		b.answer(q.ID, T(lang, "already_decided"), true)
		return nil
	} else if err != nil {
		return err
	}
	if len(parts) == 4 && (member.UnitID == nil || strconv.FormatInt(*member.UnitID, 10) != parts[2] || member.Role != parts[3]) {
		b.answer(q.ID, T(lang, "request_corrected"), true)
		return nil
	}
	status, suffix := loa.StatusActive, "admin_approved"
	if action == "reject" {
		status, suffix = loa.StatusRejected, "admin_rejected"
	}
	if err := b.members.SetChatStatus(ctx, target, status); err != nil {
		return err
	}
	b.answer(q.ID, T(lang, "done"), false)
	if q.Message != nil {
		original := strings.TrimSpace(q.Message.Text)
		if err := b.edit(q.Message.Chat.ID, q.Message.MessageID, esc(original)+T(lang, suffix, esc(personName(q.From))), nil); err != nil {
			b.log.Warn("cannot update the approval message", "err", err)
		}
	}
	member.Status = status
	return b.tellDecision(ctx, member)
}

// tellDecision tells a member the outcome of their registration.
func (b *Bot) tellDecision(ctx context.Context, member loa.Chat) error {
	lang := member.Lang
	prefix := ""
	if member.IsGroup() {
		prefix = "group_"
	}
	if member.Status != loa.StatusActive {
		_, err := b.reply(member.ID, T(lang, prefix+"rejected"), nil)
		return err
	}
	unit, err := b.unitLabel(ctx, member.UnitID)
	if err != nil {
		return err
	}
	if member.IsGroup() {
		return b.sendTopicPicker(ctx, member, T(lang, "group_approved", esc(unit)))
	}
	if err := b.leaderMenu(ctx, member); err != nil {
		b.log.Warn("cannot set a leader's menu; the commands work without it", "chat", member.ID, "err", err)
	}
	return b.sendTopicPicker(ctx, member, T(lang, "approved", esc(unit), T(lang, "role_"+member.Role)))
}

// NotifyDecision tells a member approved or rejected outside Telegram (loa members approve).
func (b *Bot) NotifyDecision(ctx context.Context, chatID int64) error {
	member, err := b.members.Chat(ctx, chatID)
	if err != nil {
		return err
	}
	return b.tellDecision(ctx, member)
}
