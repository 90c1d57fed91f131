package delivery

import (
	"sync"
	"time"
)

// rateWindow is how far back SendRate looks.
const rateWindow = time.Minute

// sentMeter counts this process's sent messages per second over the last minute, for the
// console's "sending rate": the metrics give the same as a counter, which a page cannot
// turn into a rate without a second sample.
type sentMeter struct {
	mu      sync.Mutex
	seconds [60]int
	stamps  [60]int64 // the Unix second each slot counts
}

func (m *sentMeter) add(now time.Time, n int) {
	sec := now.Unix()
	i := sec % int64(len(m.seconds))
	m.mu.Lock()
	if m.stamps[i] != sec {
		m.stamps[i], m.seconds[i] = sec, 0
	}
	m.seconds[i] += n
	m.mu.Unlock()
}

func (m *sentMeter) perSecond(now time.Time) float64 {
	sec := now.Unix()
	total := 0
	m.mu.Lock()
	for i, stamp := range m.stamps {
		if sec-stamp < int64(len(m.seconds)) {
			total += m.seconds[i]
		}
	}
	m.mu.Unlock()
	return float64(total) / rateWindow.Seconds()
}

// SendRate is how many messages this process sent per second over the last minute.
func (d *Dispatcher) SendRate() float64 { return d.sent.perSecond(d.opts.Now()) }
