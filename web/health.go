package web

import (
	"context"
	"errors"
	"time"
)

var errStillPinging = errors.New("the previous database check has not returned")

// healthCheck answers within its limit even when the database hangs: a driver may ignore the
// context while it waits on a connection that never answers (lib/pq does during a network
// hang), so the ping runs aside and is abandoned at the limit. One ping at a time: while an
// abandoned one still hangs, checks fail at once instead of piling up goroutines.
type healthCheck struct {
	ping  func(context.Context) error
	limit time.Duration
	slot  chan struct{}
}

func newHealthCheck(ping func(context.Context) error, limit time.Duration) *healthCheck {
	if limit <= 0 {
		limit = 2 * time.Second
	}
	return &healthCheck{ping: ping, limit: limit, slot: make(chan struct{}, 1)}
}

func (h *healthCheck) check(ctx context.Context) error {
	select {
	case h.slot <- struct{}{}:
	default:
		return errStillPinging
	}
	ctx, cancel := context.WithTimeout(ctx, h.limit)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() { <-h.slot }()
		done <- h.ping(ctx)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
