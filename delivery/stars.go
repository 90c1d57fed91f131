package delivery

import (
	"context"
	"sync"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
)

// starsPause is how long urgent notices go at the free limit after the bot's Stars ran out,
// before a paid broadcast is tried again (the balance may have been topped up).
const starsPause = time.Hour

// starsState remembers that Telegram refused a paid broadcast for want of Stars.
type starsState struct {
	mu    sync.Mutex
	until time.Time
}

func (s *starsState) available(now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !now.Before(s.until)
}

// exhaust records the refusal; it reports whether this is news (the first refusal in a pause).
func (s *starsState) exhaust(now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	news := !now.Before(s.until)
	if news {
		s.until = now.Add(starsPause)
	}
	return news
}

// starsExhausted falls back to the free limit and tells the administrators, once a day
// whichever process notices first.
func (d *Dispatcher) starsExhausted(ctx context.Context) {
	now := d.opts.Now()
	if !d.stars.exhaust(now) {
		return
	}
	d.log.Warn("the bot's Telegram Stars ran out: urgent notices go at the free limit", "for", starsPause)
	if len(d.opts.Admins) == 0 {
		return
	}
	_, err := d.store.CreateNotice(ctx, loa.Notice{Origin: loa.OriginSystem,
		OriginRef: "stars-exhausted:" + now.In(time.UTC).Format("2006-01-02"), Priority: loa.PriorityUrgent,
		Text:     texts.T("vi", "stars_exhausted"),
		Audience: loa.Audience{Chats: d.opts.Admins}, CreatedBy: "system"})
	if err != nil {
		d.log.Error("telling administrators the Stars ran out failed", "err", err)
	}
}
