package bot

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// cmdWeb sends an administrator or a unit leader a one-time sign-in link to the web console,
// in their private chat only: a link in a group could be used by anyone who reads it.
func (b *Bot) cmdWeb(ctx context.Context, m *tgbotapi.Message, lang string) error {
	if !m.Chat.IsPrivate() {
		_, err := b.reply(m.Chat.ID, T(lang, "bc_private_only"), nil)
		return err
	}
	if b.opts.SignInLink == nil {
		_, err := b.reply(m.Chat.ID, T(lang, "web_off"), nil)
		return err
	}
	_, ok, err := b.broadcaster(ctx, m.Chat, m.From.ID)
	if err != nil {
		return err
	}
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(m.From), Action: "console.link", Target: "tg", Allowed: ok})
	if !ok {
		_, err := b.reply(m.Chat.ID, T(lang, "web_not_allowed"), nil)
		return err
	}
	link, err := b.opts.SignInLink(ctx, m.From.ID)
	if err != nil {
		return err
	}
	_, err = b.reply(m.Chat.ID, T(lang, "web_link", fmt.Sprintf(`<a href="%s">%s</a>`, esc(link), esc(link))), nil)
	return err
}
