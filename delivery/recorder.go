package delivery

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/backoff"
)

// recorder commits outcomes as sends finish, several at a time. A send's worker waits until
// its outcome is committed before it takes the next delivery, so at any moment at most
// Concurrency messages have been sent without their outcome stored: the most a crash can make
// Loa send twice. Committing whatever outcomes are waiting together keeps the cost of a
// commit spread over several sends. A commit that fails (the database cut off, SQLite busy
// beside a large import) is retried until it succeeds: dropping it would leave the claims
// "sending" until a restart sent them again.
type recorder struct {
	d    *Dispatcher
	ctx  context.Context
	stop <-chan struct{} // closed when the service stops: retries end soon after
	in   chan pendingOutcome
	done chan struct{}
	// gaveUp is set once outcomes were abandoned at a stop: no further send may start.
	gaveUp atomic.Bool
}

// outcomeRetry spaces the attempts to store outcomes: soon after a short hiccup, every few
// seconds through a long outage.
var outcomeRetry = backoff.Policy{Base: 100 * time.Millisecond, Max: 5 * time.Second, Jitter: 0.25}

// attemptsAfterStop bounds the retries once the service is stopping; the outcomes still not
// stored are the sends a restart may repeat (at most Concurrency).
const attemptsAfterStop = 3

type pendingOutcome struct {
	out       loa.Outcome
	committed chan struct{}
}

func (d *Dispatcher) newRecorder(ctx context.Context, stop <-chan struct{}) *recorder {
	r := &recorder{d: d, ctx: ctx, stop: stop, in: make(chan pendingOutcome, d.opts.Concurrency), done: make(chan struct{})}
	go r.run()
	return r
}

// record hands an outcome over and returns once it is stored (or, when the service stops
// with the database still failing, given up: the claim then lapses and is resent).
func (r *recorder) record(o loa.Outcome) {
	p := pendingOutcome{out: o, committed: make(chan struct{})}
	r.in <- p
	<-p.committed
}

// close stops the recorder after the outcomes handed over so far.
func (r *recorder) close() {
	close(r.in)
	<-r.done
}

func (r *recorder) run() {
	defer close(r.done)
	for first := range r.in {
		group := []pendingOutcome{first}
		// Let the sends answered at the same moment hand over their outcomes too: one commit
		// for several is what keeps per-send recording affordable.
		runtime.Gosched()
	gather:
		for len(group) < cap(r.in) {
			select {
			case p, ok := <-r.in:
				if !ok {
					break gather
				}
				group = append(group, p)
			default:
				break gather
			}
		}
		r.commit(group)
	}
}

func (r *recorder) commit(group []pendingOutcome) {
	d := r.d
	outcomes := make([]loa.Outcome, len(group))
	for i, p := range group {
		outcomes[i] = p.out
	}
	afterStop := 0
	for attempt := 1; ; attempt++ {
		err := d.store.RecordOutcomes(r.ctx, d.opts.Worker, outcomes, d.opts.Now())
		if err == nil {
			break
		}
		d.m.outcomeRetries.Inc()
		select {
		case <-r.stop:
			afterStop++
		default:
		}
		if afterStop >= attemptsAfterStop {
			r.gaveUp.Store(true)
			d.log.Error("stopping with delivery outcomes not stored; their messages are sent again after the lease",
				"err", err, "count", len(outcomes))
			r.release(group)
			return
		}
		d.log.Error("recording delivery outcomes failed; retrying", "err", err, "count", len(outcomes), "attempt", attempt)
		time.Sleep(outcomeRetry.Delay(attempt))
	}
	sent := 0
	for _, o := range outcomes {
		d.m.outcomes.WithLabelValues(o.Status).Inc()
		if o.Status == loa.DeliverySent {
			sent++
		}
	}
	d.sent.add(d.opts.Now(), sent)
	d.mu.Lock()
	close(d.recorded)
	d.recorded = make(chan struct{})
	d.mu.Unlock()
	r.release(group)
}

func (r *recorder) release(group []pendingOutcome) {
	for _, p := range group {
		close(p.committed)
	}
}
