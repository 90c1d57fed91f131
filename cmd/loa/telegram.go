package main

import (
	"context"
	"errors"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa/bot"
	"github.com/loa-vn/loa/config"
)

// telegramClient connects to the Bot API with the configured token. A token Telegram refuses
// is said in words an operator can act on.
func telegramClient(ctx context.Context, cfg *config.Config) (*tgbotapi.BotAPI, error) {
	api, err := bot.NewClient(ctx, bot.ClientOptions{Token: cfg.Telegram.Token, Endpoint: cfg.Telegram.APIEndpoint,
		RequestTimeout: cfg.Telegram.RequestTimeout, PollTimeout: cfg.Telegram.PollTimeout})
	var refusal *tgbotapi.Error
	if errors.As(err, &refusal) && refusal.Code == http.StatusUnauthorized {
		return nil, tokenRefused{err}
	}
	return api, err
}

// tokenRefused: Telegram answered 401 to getMe, so the token is wrong or was revoked.
type tokenRefused struct{ err error }

func (e tokenRefused) Error() string {
	return "Telegram refused the token (401): check it with @BotFather"
}

func (e tokenRefused) Unwrap() error { return e.err }
