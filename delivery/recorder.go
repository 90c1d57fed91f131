package delivery

import (
	"context"
	"runtime"

	"github.com/loa-vn/loa"
)

// recorder commits outcomes as sends finish, several at a time. A send's worker waits until
// its outcome is committed before it takes the next delivery, so at any moment at most
// Concurrency messages have been sent without their outcome stored: the most a crash can make
// Loa send twice. Committing whatever outcomes are waiting together keeps the cost of a
// commit spread over several sends.
type recorder struct {
	d    *Dispatcher
	ctx  context.Context
	in   chan pendingOutcome
	done chan struct{}
}

type pendingOutcome struct {
	out       loa.Outcome
	committed chan struct{}
}

func (d *Dispatcher) newRecorder(ctx context.Context) *recorder {
	r := &recorder{d: d, ctx: ctx, in: make(chan pendingOutcome, d.opts.Concurrency), done: make(chan struct{})}
	go r.run()
	return r
}

// record hands an outcome over and returns once it is stored (or storing it failed: the claim
// then stays and returns to the queue after the lease, resent and never lost).
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
	if err := d.store.RecordOutcomes(r.ctx, d.opts.Worker, outcomes, d.opts.Now()); err != nil {
		d.log.Error("recording delivery outcomes failed", "err", err, "count", len(outcomes))
	} else {
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
	}
	for _, p := range group {
		close(p.committed)
	}
}
