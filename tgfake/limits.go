package tgfake

import (
	"sync"
	"time"
)

// rateLimits answers 429 the way Telegram does when a bot sends faster than allowed: more than
// global messages in any one-second window, or two messages to one chat less than perChat apart.
type rateLimits struct {
	mu       sync.Mutex
	global   int
	perChat  time.Duration
	window   []time.Time
	lastSent map[int64]time.Time

	// Paid broadcasts (allow_paid_broadcast=true) have their own limit, and cost Stars.
	paid       int
	paidWindow []time.Time
	stars      int // -1: unlimited
	paidSent   int
}

// EnforceLimits makes send and edit calls answer 429 with retry_after when the bot exceeds
// global messages per second overall or one message per perChat to the same chat.
func (s *Server) EnforceLimits(global int, perChat time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate = &rateLimits{global: global, perChat: perChat, lastSent: map[int64]time.Time{}, paid: 1000, stars: -1}
}

// EnforcePaidLimits makes sends that carry allow_paid_broadcast count against perSecond (Telegram:
// 1,000) instead of the free limit, and be refused as Telegram refuses them once stars paid
// sends have used up the bot's balance (-1: never). Call after EnforceLimits.
func (s *Server) EnforcePaidLimits(perSecond, stars int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate.paid, s.rate.stars = perSecond, stars
}

// PaidSent counts the sends accepted as paid broadcasts.
func (s *Server) PaidSent() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rate == nil {
		return 0
	}
	s.rate.mu.Lock()
	defer s.rate.mu.Unlock()
	return s.rate.paidSent
}

// ErrNoStars is Telegram's answer to a paid broadcast the bot's Stars balance cannot pay for.
var ErrNoStars = Failure{Code: 400, Description: "Bad Request: BALANCE_TOO_LOW"}

// TooManyRequests counts the 429 answers the enforced limits gave.
func (s *Server) TooManyRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tooMany
}

// admit records a send at now and returns 0, or the seconds to wait when it breaks a limit,
// or -1 when a paid send finds no Stars to pay with.
func (r *rateLimits) admit(chatID int64, paid bool, now time.Time) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	window, limit := &r.window, r.global
	if paid {
		if r.stars >= 0 && r.paidSent >= r.stars {
			return -1
		}
		window, limit = &r.paidWindow, r.paid
	}
	cut := now.Add(-time.Second)
	for len(*window) > 0 && !(*window)[0].After(cut) {
		*window = (*window)[1:]
	}
	if limit > 0 && len(*window) >= limit {
		return 1
	}
	if last, ok := r.lastSent[chatID]; ok && r.perChat > 0 && now.Sub(last) < r.perChat {
		return 1
	}
	*window = append(*window, now)
	r.lastSent[chatID] = now
	if paid {
		r.paidSent++
	}
	return 0
}
