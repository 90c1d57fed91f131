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
	if b.opts.NoPublicAddress {
		_, err := b.reply(m.Chat.ID, T(lang, "links_no_address"), nil)
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
	app := ""
	if b.opts.MiniAppURL != nil {
		app = b.opts.MiniAppURL()
	}
	if !strings.HasPrefix(app, "https://") {
		_, err = b.reply(m.Chat.ID, text, nil)
		return err
	}
	// Telegram opens Mini Apps only from https; the button signs in with Telegram's initData.
	// tgbotapi 5.5.1 has no web_app buttons, so the keyboard is written by hand.
	keyboard, err := json.Marshal(map[string]any{"inline_keyboard": [][]map[string]any{{
		{"text": T(lang, "web_button"), "web_app": map[string]string{"url": app}}}}})
	if err != nil {
		return err
	}
	_, err = b.api.MakeRequest("sendMessage", tgbotapi.Params{"chat_id": strconv.FormatInt(m.Chat.ID, 10), "text": text,
		"parse_mode": tgbotapi.ModeHTML, "disable_web_page_preview": "true", "reply_markup": string(keyboard)})
	return err
}

// Upload sends a file to a chat and returns Telegram's file_id for it, so that a notice
// composed in the web console can carry it: Telegram keeps files only for chats, so the
// composer's own chat holds the copy.
func (b *Bot) Upload(ctx context.Context, chatID int64, kind, name string, data []byte) (string, error) {
	return b.upload(chatID, kind, name, data, T(b.lang(ctx, chatID), "con_upload_caption"))
}

// UploadDocument puts an official document brought by another door (the HTTP API, the web
// console, the command line) into an administrator's chat, the office's copy in Telegram, and returns its file_id, so that its
// units receive the file itself.
func (b *Bot) UploadDocument(ctx context.Context, chatID int64, name string, data []byte) (string, error) {
	return b.upload(chatID, "document", name, data, T(b.lang(ctx, chatID), "dt_upload_caption"))
}

func (b *Bot) upload(chatID int64, kind, name string, data []byte, caption string) (string, error) {
	file := tgbotapi.FileBytes{Name: name, Bytes: data}
	var c tgbotapi.Chattable
	if kind == "photo" {
		p := tgbotapi.NewPhoto(chatID, file)
		p.Caption = caption
		c = p
	} else {
		d := tgbotapi.NewDocument(chatID, file)
		d.Caption = caption
		c = d
	}
	sent, err := b.api.Send(c)
	if err != nil {
		return "", fmt.Errorf("upload %s to %d: %w", name, chatID, err)
	}
	switch {
	case sent.Document != nil:
		return sent.Document.FileID, nil
	case len(sent.Photo) > 0:
		return sent.Photo[len(sent.Photo)-1].FileID, nil
	}
	return "", fmt.Errorf("upload %s: Telegram returned no file", name)
}
