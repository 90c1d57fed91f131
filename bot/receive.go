package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa/backoff"
)

// allowedUpdates are the update kinds the bot asks Telegram for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member", "inline_query"}

// WithContext returns a copy of api whose HTTP calls end when ctx ends. The poller uses one
// bound to the service's context so a shutdown aborts the long poll at once, while replies
// still in flight use a client that outlives it.
func WithContext(api *tgbotapi.BotAPI, ctx context.Context) *tgbotapi.BotAPI {
	c := *api
	if hc, ok := api.Client.(*httpClient); ok {
		h := *hc
		h.ctx = ctx
		c.Client = &h
	}
	return &c
}

// Poll receives updates by long polling until ctx ends, then finishes the updates being
// handled and returns; the others wait in the inbox for the next start. poller must be a
// client bound to ctx (see WithContext). Each batch is stored in the inbox before the offset
// moves past it (which is what tells Telegram it arrived). Errors back off exponentially
// with jitter; a 429 waits exactly retry_after.
func (b *Bot) Poll(ctx context.Context, poller *tgbotapi.BotAPI, timeout time.Duration) error {
	if _, err := poller.Request(tgbotapi.DeleteWebhookConfig{}); err != nil && ctx.Err() == nil {
		return fmt.Errorf("deleteWebhook before polling: %w", err)
	}
	h := b.startHandlers(ctx)
	defer h.wait()
	offset, failures, early := 0, 0, 0
	for ctx.Err() == nil {
		cfg := tgbotapi.NewUpdate(offset)
		cfg.Timeout = int(timeout / time.Second)
		cfg.AllowedUpdates = allowedUpdates
		asked := time.Now()
		updates, err := poller.GetUpdates(cfg)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			wait := pollRetry.Delay(failures)
			if te, ok := APIError(err); ok && te.RetryAfter > 0 {
				wait = time.Duration(te.RetryAfter) * time.Second
			}
			b.log.Warn("getUpdates failed; retrying", "err", err, "attempt", failures, "wait", wait)
			select {
			case <-ctx.Done():
			case <-time.After(wait):
			}
			continue
		}
		failures = 0
		// An empty answer long before the timeout is a server that does not long-poll: asking
		// again at once would spin. Wait a little, longer each time, until updates come.
		if len(updates) == 0 && time.Since(asked) < timeout/2 {
			early++
			select {
			case <-ctx.Done():
			case <-time.After(emptyPollPause.Delay(early)):
			}
			continue
		}
		early = 0
		if err := b.keep(ctx, updates); err != nil {
			// The offset stays: Telegram gives the same updates again on the next call.
			failures++
			b.log.Error("storing received updates failed; asking for them again", "err", err, "count", len(updates))
			sleepCtx(ctx, pollRetry.Delay(failures))
			continue
		}
		for _, u := range updates {
			offset = max(offset, u.UpdateID+1)
		}
		h.wake()
	}
	b.log.Info("polling stopped; finishing updates in hand")
	return nil
}

var (
	// pollRetry follows failed getUpdates calls: 1s, 2s, 4s… up to 30s, jittered so many
	// instances do not retry in step.
	pollRetry = backoff.Policy{Base: time.Second, Max: 30 * time.Second, Jitter: 0.2}
	// emptyPollPause follows empty answers that came at once: short, as a message may be next.
	emptyPollPause = backoff.Policy{Base: 100 * time.Millisecond, Max: 2 * time.Second, Jitter: 0.2}
)

// Webhook returns the handler Telegram posts updates to, and a function that waits, once ctx
// has ended, for the updates being handled. An update is answered 200 only once it is stored
// in the inbox: a crash after that loses nothing, and an error answer makes Telegram send it
// again. Requests without the secret token are refused.
func (b *Bot) Webhook(ctx context.Context, secret string) (http.Handler, func()) {
	handling := b.startHandlers(ctx)
	var mu sync.RWMutex
	closed := false
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			b.metrics.failures.WithLabelValues("webhook_secret").Inc()
			b.log.Warn("webhook request without the right secret token refused", "remote", r.RemoteAddr)
			http.Error(w, "forbidden", http.StatusUnauthorized)
			return
		}
		var u tgbotapi.Update
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		mu.RLock()
		defer mu.RUnlock()
		if closed {
			// Telegram retries later; nothing is lost.
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		if err := b.keep(r.Context(), []tgbotapi.Update{u}); err != nil {
			b.log.Error("storing a webhook update failed; Telegram sends it again", "update_id", u.UpdateID, "err", err)
			http.Error(w, "not stored", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
		handling.wake()
	})
	return h, func() {
		mu.Lock()
		closed = true
		mu.Unlock()
		handling.wait()
	}
}

// keep stores received updates in the inbox.
func (b *Bot) keep(ctx context.Context, updates []tgbotapi.Update) error {
	if len(updates) == 0 {
		return nil
	}
	rows, err := toInbox(updates)
	if err != nil {
		return err
	}
	return b.inbox.StoreUpdates(ctx, rows, b.opts.Now())
}

// SetWebhook registers the webhook URL with its secret token. tgbotapi v5.5.1 lacks the
// secret_token field, so the call is made with MakeRequest.
func SetWebhook(api *tgbotapi.BotAPI, url, secret string) error {
	allowed, _ := json.Marshal(allowedUpdates)
	_, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": url, "secret_token": secret, "allowed_updates": string(allowed)})
	if err != nil {
		return fmt.Errorf("setWebhook: %w", err)
	}
	return nil
}
