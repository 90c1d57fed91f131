package search

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/vntext"
)

// eventAnswers answers "khi nào giao nhận quân", "diễn tập ở xã nào" from the dated events
// found in articles: those whose title covers most of the question's words, the coming ones
// first (soonest first), then past ones (latest first); at most limit.
func (s *Service) eventAnswers(ctx context.Context, q Query, now time.Time, limit int) ([]loa.Answer, error) {
	mentions, err := s.events.get(ctx, s)
	if err != nil {
		return nil, err
	}
	var matched []loa.EventMention
	for _, cm := range mentions {
		m, title := cm.EventMention, cm.words
		found := 0
		for _, t := range q.Terms {
			if strings.Contains(title, " "+t+" ") {
				found++
			}
		}
		// Most of the question, not one shared word: "quân" alone matches every recruit.
		if len(q.Terms) > 0 && found*3 >= len(q.Terms)*2 {
			matched = append(matched, m)
		}
	}
	today := now.Format("2006-01-02")
	sort.SliceStable(matched, func(i, j int) bool {
		fi, fj := matched[i].Date >= today, matched[j].Date >= today
		switch {
		case fi != fj:
			return fi
		case fi:
			return matched[i].Date < matched[j].Date
		}
		return matched[i].Date > matched[j].Date
	})
	var out []loa.Answer
	seen := map[string]bool{}
	for _, m := range matched {
		key := m.Kind + m.Date
		if len(out) == limit || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, loa.Answer{Kind: loa.AnswerEvent, Text: eventText(m), Title: m.ArticleTitle, URL: m.URL, Published: m.Published})
	}
	return out, nil
}

// eventCacheTTL is how long the dated events are kept in memory between questions: an article
// stored by this process clears them at once, one stored by another within a minute.
const eventCacheTTL = time.Minute

// eventCache keeps the dated events found in articles with their titles and places already
// normalised: reading and normalising them all for every "when" question was the slowest
// part of answering it.
type eventCache struct {
	mu      sync.Mutex
	at      time.Time
	entries []cachedMention
}

type cachedMention struct {
	loa.EventMention
	words string // " title places ", normalised
}

func (c *eventCache) get(ctx context.Context, s *Service) ([]cachedMention, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries != nil && time.Since(c.at) < eventCacheTTL {
		return c.entries, nil
	}
	mentions, err := s.store.EventMentions(ctx)
	if err != nil {
		return nil, err
	}
	entries := make([]cachedMention, len(mentions))
	for i, m := range mentions {
		entries[i] = cachedMention{EventMention: m, words: " " + s.norm.Normalise(m.Title+" "+strings.Join(m.Places, " ")) + " "}
	}
	c.entries, c.at = entries, time.Now()
	return entries, nil
}

// forget drops the cached events: an article was just indexed.
func (c *eventCache) forget() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}

// eventText says what, when and where: "Giao nhận quân: sáng 14/02/2025, tại Quảng trường …".
func eventText(m loa.EventMention) string {
	when := m.Date
	if d, err := time.Parse("2006-01-02", m.Date); err == nil {
		when = d.Format("02/01/2006")
	}
	if m.EndDate != "" {
		if d, err := time.Parse("2006-01-02", m.EndDate); err == nil {
			when += " – " + d.Format("02/01/2006")
		}
	}
	if m.TimeOfDay != "" {
		when = m.TimeOfDay + " " + when
	}
	text := vntext.Capitalise(m.Title) + ": " + when
	if len(m.Places) > 0 {
		text += ", " + texts.T("vi", "answer_at") + " " + strings.Join(m.Places, "; ")
	}
	return text
}
