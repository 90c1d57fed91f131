package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"strconv"
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

// dispatcher hands updates to a fixed set of workers, always the same worker for the same
// chat, so one chat's updates are handled in order while different chats run in parallel.
type dispatcher struct {
	queues []chan tgbotapi.Update
	wg     sync.WaitGroup
}

func newDispatcher(ctx context.Context, workers int, handle func(context.Context, tgbotapi.Update)) *dispatcher {
	d := &dispatcher{queues: make([]chan tgbotapi.Update, workers)}
	for i := range d.queues {
		q := make(chan tgbotapi.Update, 64)
		d.queues[i] = q
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			for u := range q {
				handle(ctx, u)
			}
		}()
	}
	return d
}

func (d *dispatcher) dispatch(u tgbotapi.Update) {
	h := fnv.New32a()
	h.Write([]byte(strconv.FormatInt(chatOf(u), 10)))
	d.queues[h.Sum32()%uint32(len(d.queues))] <- u
}

// close waits for every queued update to be handled.
func (d *dispatcher) close() {
	for _, q := range d.queues {
		close(q)
	}
	d.wg.Wait()
}

// Poll receives updates by long polling until ctx ends, then finishes the updates it already
// took and returns. poller must be a client bound to ctx (see WithContext). Errors back off
// exponentially with jitter; a 429 waits exactly retry_after.
func (b *Bot) Poll(ctx context.Context, poller *tgbotapi.BotAPI, timeout time.Duration) error {
	if _, err := poller.Request(tgbotapi.DeleteWebhookConfig{}); err != nil && ctx.Err() == nil {
		return fmt.Errorf("deleteWebhook before polling: %w", err)
	}
	// Handlers get a context that survives the stop signal so they can finish their replies.
	d := newDispatcher(context.WithoutCancel(ctx), 8, b.Handle)
	defer d.close()
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
		for _, u := range updates {
			if u.UpdateID >= offset {
				offset = u.UpdateID + 1
			}
			d.dispatch(u)
		}
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

// Webhook returns the handler Telegram posts updates to, and a function that waits for the
// updates it accepted to be handled. Requests without the secret token are refused.
func (b *Bot) Webhook(ctx context.Context, secret string) (http.Handler, func()) {
	d := newDispatcher(context.WithoutCancel(ctx), 8, b.Handle)
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
		d.dispatch(u)
		w.WriteHeader(http.StatusOK)
	})
	return h, func() {
		mu.Lock()
		closed = true
		mu.Unlock()
		d.close()
	}
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
