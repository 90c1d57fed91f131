package delivery

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// window admits at most n sends in any span of length per, counted the way Telegram counts
// them: by arrival. A send's arrival is not known, but it lies between the request's start and
// its answer, so a send may start only once the send n places before it has been answered at
// least per ago. However late the scheduler runs a goroutine, no span of length per sees more
// than n arrivals. A token bucket in front spreads the sends evenly; this is the guarantee.
type window struct {
	n   int
	per time.Duration

	mu       sync.Mutex
	inFlight int
	done     []time.Time   // answer times within the last per, oldest first
	changed  chan struct{} // closed and replaced when a send is answered
}

func newWindow(n int, per time.Duration) *window {
	return &window{n: max(n, 1), per: per, changed: make(chan struct{})}
}

// acquire waits until a send may start now. Every successful acquire needs one release.
func (w *window) acquire(ctx context.Context) error {
	for {
		w.mu.Lock()
		now := time.Now()
		for len(w.done) > 0 && now.Sub(w.done[0]) >= w.per {
			w.done = w.done[1:]
		}
		if w.inFlight+len(w.done) < w.n {
			w.inFlight++
			w.mu.Unlock()
			return nil
		}
		var wait <-chan time.Time
		if len(w.done) > 0 {
			wait = time.After(w.per - now.Sub(w.done[0]))
		}
		changed := w.changed
		w.mu.Unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wait:
		case <-changed:
		}
	}
}

// release records that an acquired send was answered (or abandoned) now.
func (w *window) release() {
	w.mu.Lock()
	w.inFlight--
	w.done = append(w.done, time.Now())
	close(w.changed)
	w.changed = make(chan struct{})
	w.mu.Unlock()
}

// chatPacer keeps one chat's messages at least an interval apart, measured from the answer to
// the previous one to the start of the next, so Telegram sees them at least that far apart.
type chatPacer struct {
	mu    sync.Mutex
	chats map[int64]*chatState
	now   func() time.Time
}

type chatState struct {
	busy bool      // a message to the chat is in flight
	next time.Time // when the next one may start
}

func newChatPacer(now func() time.Time) *chatPacer {
	return &chatPacer{chats: map[int64]*chatState{}, now: now}
}

// reserve takes the chat's next slot when it is at most maxWait away and returns the time to
// wait for it; otherwise ok is false and retry is when to try again.
func (p *chatPacer) reserve(chatID int64, interval, maxWait time.Duration) (wait time.Duration, retry time.Time, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	st := p.chats[chatID]
	if st == nil {
		if len(p.chats) > 100_000 {
			p.forgetIdleLocked(now)
		}
		st = &chatState{}
		p.chats[chatID] = st
	}
	if st.busy {
		return 0, now.Add(interval), false
	}
	if wait = st.next.Sub(now); wait > maxWait {
		return 0, st.next, false
	}
	st.busy = true
	return max(wait, 0), time.Time{}, true
}

// done frees the chat after its message was answered; the next may start interval later.
func (p *chatPacer) done(chatID int64, interval time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st := p.chats[chatID]; st != nil {
		st.busy, st.next = false, p.now().Add(interval)
	}
}

// forgetIdleLocked drops chats whose interval has passed: they would admit a send anyway.
func (p *chatPacer) forgetIdleLocked(now time.Time) {
	for id, st := range p.chats {
		if !st.busy && !st.next.After(now) {
			delete(p.chats, id)
		}
	}
}

// lane is one of Telegram's limits for the whole bot: the free one (30 a second) or the paid
// broadcasts' (1,000 a second). A token bucket at 97% spreads the sends evenly; the window
// guarantees no second sees more than the limit.
type lane struct {
	bucket *rate.Limiter
	window *window // nil: no limit
}

// newLane paces at perSecond; 0 or less means no limit (self-hosted test servers).
func newLane(perSecond float64) *lane {
	if perSecond <= 0 {
		return &lane{bucket: rate.NewLimiter(rate.Inf, 1)}
	}
	// Burst 1: Telegram counts per second, so sending a second's worth at once would trip it.
	return &lane{bucket: rate.NewLimiter(rate.Limit(perSecond*margin), 1), window: newWindow(int(perSecond), time.Second)}
}

// acquire waits for the lane's next slot; release must be called once the send is answered.
func (l *lane) acquire(ctx context.Context) (release func(), err error) {
	if err := l.bucket.Wait(ctx); err != nil {
		return nil, err
	}
	if l.window == nil {
		return func() {}, nil
	}
	if err := l.window.acquire(ctx); err != nil {
		return nil, err
	}
	return l.window.release, nil
}
