package delivery

import (
	"context"
	"sync"
	"time"

	"github.com/loa-vn/loa"
)

// heldClaims are the deliveries this process has claimed and not yet stored an outcome for:
// waiting for a worker, being sent, or their outcome being retried. The heartbeat renews these
// and no others.
type heldClaims struct {
	mu  sync.Mutex
	ids map[int64]struct{}
}

func (h *heldClaims) add(batch []loa.Delivery) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ids == nil {
		h.ids = map[int64]struct{}{}
	}
	for _, dl := range batch {
		h.ids[dl.ID] = struct{}{}
	}
}

func (h *heldClaims) drop(id int64) {
	h.mu.Lock()
	delete(h.ids, id)
	h.mu.Unlock()
}

func (h *heldClaims) list() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	ids := make([]int64, 0, len(h.ids))
	for id := range h.ids {
		ids = append(ids, id)
	}
	return ids
}

// heartbeat renews the claims this process holds every third of the lease until the returned
// stop is called: a batch that outlasts the lease (a slow Bot API, an outcome retried through
// a database outage) is not taken over while alive.
func (d *Dispatcher) heartbeat(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(d.opts.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				ids := d.held.list()
				if len(ids) == 0 {
					continue
				}
				if err := d.store.RenewClaims(ctx, d.opts.Worker, ids, d.opts.Now()); err != nil && ctx.Err() == nil {
					d.log.Error("renewing delivery claims failed", "err", err)
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}
