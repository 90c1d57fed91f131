// Package backoff is Loa's one retry schedule: exponential from a base, capped, with jitter
// so that many processes or chats retrying together spread out. The Bot API poller, the
// delivery queue and the news poller each keep a Policy.
package backoff

import (
	"math/rand/v2"
	"time"
)

// Policy is base · 2^(attempt-1), at most Max, multiplied by a random factor in
// [1-Jitter, 1+Jitter].
type Policy struct {
	Base   time.Duration
	Max    time.Duration
	Jitter float64 // 0 = exact
}

// Delay is the wait before retry number attempt (1 for the first retry).
func (p Policy) Delay(attempt int) time.Duration {
	d := p.Base
	for i := 1; i < attempt && d < p.Max; i++ {
		d *= 2
	}
	if p.Max > 0 {
		d = min(d, p.Max)
	}
	if p.Jitter > 0 {
		d = time.Duration(float64(d) * (1 - p.Jitter + 2*p.Jitter*rand.Float64()))
	}
	return d
}
