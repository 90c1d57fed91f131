package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/backoff"
)

// inbox is where received updates wait to be handled. The webhook and the poller store each
// update here before Telegram is told it arrived, so a crash loses none; workers then take
// them one at a time per chat, in order.
type inbox interface {
	StoreUpdates(ctx context.Context, updates []loa.InboxUpdate, now time.Time) error
	ClaimUpdate(ctx context.Context, worker string, now time.Time) (loa.InboxUpdate, bool, error)
	FinishUpdate(ctx context.Context, updateID int64, now time.Time) error
	TidyInbox(ctx context.Context, staleBefore, doneBefore time.Time) (int, error)
}

const (
	// inboxWorkers handle updates side by side; a kill -9 can leave at most this many
	// half-handled (they are not handled again: a handler may already have replied).
	inboxWorkers = 8
	// inboxIdle is how often an idle worker looks for updates another process stored.
	inboxIdle = 5 * time.Second
	// inboxStale is how long an update may stay claimed before it counts as its process's
	// last (it died handling it): then its chat's next updates go on.
	inboxStale = 2 * time.Minute
	// inboxMemory is how long handled updates are kept to recognise one sent again.
	inboxMemory = 24 * time.Hour
)

var inboxRetry = backoff.Policy{Base: 100 * time.Millisecond, Max: 5 * time.Second, Jitter: 0.2}

// toInbox is the updates as the inbox keeps them.
func toInbox(updates []tgbotapi.Update) ([]loa.InboxUpdate, error) {
	out := make([]loa.InboxUpdate, 0, len(updates))
	for _, u := range updates {
		body, err := json.Marshal(u)
		if err != nil {
			return nil, fmt.Errorf("keep update %d: %w", u.UpdateID, err)
		}
		out = append(out, loa.InboxUpdate{UpdateID: int64(u.UpdateID), ChatID: chatOf(u), Body: string(body)})
	}
	return out, nil
}

// handlers take updates from the inbox and hand them to Handle until stopped.
type handlers struct {
	b      *Bot
	worker string
	wg     sync.WaitGroup

	mu   sync.Mutex
	more chan struct{} // closed and replaced when updates are stored or a chat's turn ends
}

// startHandlers runs the inbox's workers until ctx ends; the handlers' own context outlives
// it, so that an update being handled is finished (see handlers.wait).
func (b *Bot) startHandlers(ctx context.Context) *handlers {
	h := &handlers{b: b, worker: loa.WorkerName() + "-" + randomSuffix(), more: make(chan struct{})}
	if _, err := b.inbox.TidyInbox(ctx, b.opts.Now().Add(-inboxStale), b.opts.Now().Add(-inboxMemory)); err != nil {
		b.log.Warn("tidying the inbox failed", "err", err)
	}
	for range inboxWorkers {
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			h.work(ctx)
		}()
	}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		h.tidy(ctx)
	}()
	return h
}

// wake tells the workers that updates are waiting.
func (h *handlers) wake() {
	h.mu.Lock()
	close(h.more)
	h.more = make(chan struct{})
	h.mu.Unlock()
}

func (h *handlers) signal() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.more
}

// wait returns once every worker has finished the update in hand.
func (h *handlers) wait() { h.wg.Wait() }

func (h *handlers) work(ctx context.Context) {
	b := h.b
	handleCtx := context.WithoutCancel(ctx)
	failures := 0
	for ctx.Err() == nil {
		more := h.signal()
		row, ok, err := b.inbox.ClaimUpdate(ctx, h.worker, b.opts.Now())
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			failures++
			b.log.Error("taking an update from the inbox failed; retrying", "err", err)
			sleepCtx(ctx, inboxRetry.Delay(failures))
			continue
		}
		failures = 0
		if !ok {
			select {
			case <-ctx.Done():
			case <-more:
			case <-time.After(inboxIdle):
			}
			continue
		}
		var u tgbotapi.Update
		if err := json.Unmarshal([]byte(row.Body), &u); err != nil {
			b.log.Error("an update in the inbox does not read; skipped", "update_id", row.UpdateID, "err", err)
		} else {
			b.Handle(handleCtx, u)
		}
		h.finish(handleCtx, row.UpdateID)
		h.wake() // the chat's next update may go now
	}
}

// finish marks an update handled, retrying a little: one left claimed holds its chat's next
// updates back until it counts as stale.
func (h *handlers) finish(ctx context.Context, updateID int64) {
	for attempt := 1; ; attempt++ {
		err := h.b.inbox.FinishUpdate(ctx, updateID, h.b.opts.Now())
		if err == nil {
			return
		}
		if attempt == 5 {
			h.b.log.Error("marking an update handled failed; its chat waits until it counts as stale", "update_id", updateID, "err", err)
			return
		}
		time.Sleep(inboxRetry.Delay(attempt))
	}
}

func (h *handlers) tidy(ctx context.Context) {
	t := time.NewTicker(inboxStale / 2)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n, err := h.b.inbox.TidyInbox(ctx, h.b.opts.Now().Add(-inboxStale), h.b.opts.Now().Add(-inboxMemory))
			if err != nil && ctx.Err() == nil {
				h.b.log.Warn("tidying the inbox failed", "err", err)
			}
			if n > 0 {
				h.b.log.Warn("gave up updates a stopped process was handling; their chats go on", "count", n)
				h.wake()
			}
		}
	}
}

// randomSuffix tells apart two processes with the same worker name (a container restarted
// keeps its host name and pid 1).
func randomSuffix() string {
	var b [4]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
