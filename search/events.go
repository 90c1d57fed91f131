package search

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/vntext"
)

// eventAnswers answers "khi nào giao nhận quân", "diễn tập ở xã nào" from the dated events
// found in articles: those whose title covers most of the question's words, the coming ones
// first (soonest first), then past ones (latest first); at most limit.
func (s *Service) eventAnswers(ctx context.Context, q Query, now time.Time, limit int) ([]loa.Answer, error) {
	mentions, err := s.store.EventMentions(ctx)
	if err != nil {
		return nil, err
	}
	var matched []loa.EventMention
	for _, m := range mentions {
		title := " " + s.norm.Normalise(m.Title+" "+strings.Join(m.Places, " ")) + " "
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
		out = append(out, loa.Answer{Kind: "event", Text: eventText(m), Title: m.ArticleTitle, URL: m.URL, Published: m.Published})
	}
	return out, nil
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
