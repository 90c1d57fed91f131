package delivery

import "context"

// Test hooks: the tests and benchmarks drive the dispatcher step by step with these.

// RunOnce claims and sends one batch, unless Telegram asked for a pause; tests and benchmarks
// drive the dispatcher with it. It returns how many deliveries it claimed.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	if d.pause() > 0 {
		return 0, nil
	}
	batch, err := d.store.ClaimDeliveries(ctx, d.opts.Worker, d.opts.Batch, d.opts.Now())
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	p := d.newPipeline(ctx)
	p.start(batch)
	p.close()
	return len(batch), nil
}

// RemindNow runs the automatic re-reminder check once (tests drive it with their clock).
func (d *Dispatcher) RemindNow(ctx context.Context) { d.remindUnacknowledged(ctx) }

// FollowAcksNow updates the progress messages of sent notices whose acknowledgements changed
// (the dispatcher does it when idle).
func (d *Dispatcher) FollowAcksNow(ctx context.Context) { d.progress.followAcks(ctx) }
