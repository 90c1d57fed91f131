package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

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
	text := T(lang, "web_link", fmt.Sprintf(`<a href="%s">%s</a>`, esc(link), esc(link)))
	base, _, _ := strings.Cut(link, "/console/")
	if !strings.HasPrefix(base, "https://") {
		_, err = b.reply(m.Chat.ID, text, nil)
		return err
	}
	// Telegram opens Mini Apps only from https; the button signs in with Telegram's initData.
	// tgbotapi 5.5.1 has no web_app buttons, so the keyboard is written by hand.
	keyboard, err := json.Marshal(map[string]any{"inline_keyboard": [][]map[string]any{{
		{"text": T(lang, "web_button"), "web_app": map[string]string{"url": base + "/console/app"}}}}})
	if err != nil {
		return err
	}
	_, err = b.api.MakeRequest("sendMessage", tgbotapi.Params{"chat_id": strconv.FormatInt(m.Chat.ID, 10), "text": text,
		"parse_mode": tgbotapi.ModeHTML, "disable_web_page_preview": "true", "reply_markup": string(keyboard)})
	return err
}
