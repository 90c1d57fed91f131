package bot

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// viCommands names each command (by its English name) in Vietnamese; both names work in either
// language, and the Vietnamese menu lists the Vietnamese ones.
var viCommands = map[string]string{"start": "start", "ask": "hoi", "topics": "chude", "subscribe": "theodoi",
	"unsubscribe": "botheodoi", "me": "toi", "events": "lich", "lang": "ngonngu", "stop": "dung", "help": "trogiup",
	"broadcast": "thongbao", "event": "sukien", "update": "capnhat", "scheduled": "hengio", "invite": "moi",
	"report": "baocao", "web": "quantri", "cancel": "huy", "done": "xong"}

// Menus list, per scope, the commands that work there (English names, in menu order): a
// member sees no administrators' command, a group no private one.
var (
	memberMenu     = []string{"start", "ask", "topics", "subscribe", "unsubscribe", "me", "events", "lang", "stop", "help"}
	leaderMenu     = append(append([]string{}, memberMenu...), "broadcast", "report", "update", "done", "cancel", "web")
	adminMenu      = append(append([]string{}, memberMenu...), "broadcast", "scheduled", "update", "report", "event", "invite", "done", "cancel", "web")
	groupMenu      = []string{"events", "ask", "help"}
	groupAdminMenu = []string{"start", "events", "ask", "topics", "subscribe", "unsubscribe", "lang", "stop", "help"}
)

// menu is a scope's commands in lang, as setMyCommands takes them.
func menu(names []string, lang string) []tgbotapi.BotCommand {
	var cmds []tgbotapi.BotCommand
	for _, n := range names {
		c := n
		if lang == "vi" {
			c = viCommands[n]
		}
		cmds = append(cmds, tgbotapi.BotCommand{Command: c, Description: T(lang, "cmd_"+n)})
	}
	return cmds
}

// setMenu sets one scope's menu in Vietnamese (the default) and English.
func (b *Bot) setMenu(scope tgbotapi.BotCommandScope, names []string) error {
	for _, lang := range []string{"vi", "en"} {
		code := ""
		if lang == "en" {
			code = "en"
		}
		if _, err := b.api.Request(tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, code, menu(names, lang)...)); err != nil {
			return fmt.Errorf("setMyCommands (%s, %s): %w", scope.Type, lang, err)
		}
	}
	return nil
}

// RegisterCommands sets the menus Telegram shows: members' in private chats, groups' and their
// administrators', and each Loa administrator's own. Leaders' menus follow (LeaderMenus).
func (b *Bot) RegisterCommands() error {
	for _, s := range []struct {
		scope tgbotapi.BotCommandScope
		names []string
	}{
		{tgbotapi.NewBotCommandScopeDefault(), memberMenu},
		{tgbotapi.NewBotCommandScopeAllPrivateChats(), memberMenu},
		{tgbotapi.NewBotCommandScopeAllGroupChats(), groupMenu},
		{tgbotapi.NewBotCommandScopeAllChatAdministrators(), groupAdminMenu},
	} {
		if err := b.setMenu(s.scope, s.names); err != nil {
			return err
		}
	}
	for _, admin := range b.opts.Admins {
		if err := b.setMenu(tgbotapi.NewBotCommandScopeChat(admin), adminMenu); err != nil {
			return err
		}
	}
	return nil
}

// LeaderMenus gives every active unit leader who may broadcast the leaders' menu in their
// private chat. Run in the background at start: a district has hundreds of leaders.
func (b *Bot) LeaderMenus(ctx context.Context) error {
	leaders, err := b.notices.Recipients(ctx, loa.Audience{Roles: []string{loa.RoleLeader}})
	if err != nil {
		return fmt.Errorf("list leaders for their menus: %w", err)
	}
	for _, c := range leaders {
		if ctx.Err() != nil {
			return nil
		}
		if err := b.leaderMenu(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// leaderMenu sets a chat's menu to the leaders' when it is a leader who may broadcast (and not
// a Loa administrator, whose menu has more).
func (b *Bot) leaderMenu(ctx context.Context, c loa.Chat) error {
	if b.isAdmin(c.ID) || c.IsGroup() {
		return nil
	}
	if _, ok, err := loa.LeaderScope(ctx, b.units, c); err != nil || !ok {
		return err
	}
	return b.setMenu(tgbotapi.NewBotCommandScopeChat(c.ID), leaderMenu)
}
