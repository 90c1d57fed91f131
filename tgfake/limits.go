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
}

// EnforceLimits makes send and edit calls answer 429 with retry_after when the bot exceeds
// global messages per second overall or one message per perChat to the same chat.
func (s *Server) EnforceLimits(global int, perChat time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate = &rateLimits{global: global, perChat: perChat, lastSent: map[int64]time.Time{}}
}

// TooManyRequests counts the 429 answers the enforced limits gave.
func (s *Server) TooManyRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tooMany
}

// admit records a send at now and returns 0, or the seconds to wait when it breaks a limit.
func (r *rateLimits) admit(chatID int64, now time.Time) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	cut := now.Add(-time.Second)
	for len(r.window) > 0 && !r.window[0].After(cut) {
		r.window = r.window[1:]
	}
	if r.global > 0 && len(r.window) >= r.global {
		return 1
	}
	if last, ok := r.lastSent[chatID]; ok && r.perChat > 0 && now.Sub(last) < r.perChat {
		return 1
	}
	r.window = append(r.window, now)
	r.lastSent[chatID] = now
	return 0
}
