package search

import (
	"context"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// oneAnswerPerSentence keeps the best ranked of the directive items that one sentence sets for
// one addressee ("… bảo đảm cho lực lượng thường trực có bản lĩnh …, thành thạo …, sẵn sàng
// …"): shown apart, they quote the same sentence three times and push every other answer off
// the page. together maps the kept item's row to the rows of the others, shown within it. The
// items of a sentence longer than a reply quotes stay apart, each quoted with what is near it.
func oneAnswerPerSentence(ranked []scoredRow) (kept []scoredRow, together map[int64][]int64) {
	type sentenceKey struct {
		article            int64
		passage, addressee string
	}
	first := map[sentenceKey]int64{}
	kept = ranked[:0:0]
	for _, r := range ranked {
		if r.row.ItemID == 0 || r.row.Passage == "" || utf8.RuneCountInString(r.row.Passage) > loa.QuoteChars {
			kept = append(kept, r)
			continue
		}
		key := sentenceKey{r.row.ArticleID, r.row.Passage, r.row.Addressee}
		if id, ok := first[key]; ok {
			if together == nil {
				together = map[int64][]int64{}
			}
			together[id] = append(together[id], r.row.RowID)
			continue
		}
		first[key] = r.row.RowID
		kept = append(kept, r)
	}
	return kept, together
}

// answers loads the rows of a page to show, each with its score, and the items shown within
// them.
func (s *Service) answers(ctx context.Context, page []scoredRow, together map[int64][]int64) ([]loa.Answer, error) {
	ids := make([]int64, 0, len(page))
	score := map[int64]float64{}
	for _, r := range page {
		ids = append(ids, r.row.RowID)
		score[r.row.RowID] = r.score
		ids = append(ids, together[r.row.RowID]...)
	}
	loaded, err := s.store.Answers(ctx, ids)
	if err != nil {
		return nil, err
	}
	byRow := make(map[int64]loa.Answer, len(loaded))
	for _, a := range loaded {
		byRow[a.RowID] = a
	}
	answers := make([]loa.Answer, 0, len(page))
	for _, r := range page {
		a, ok := byRow[r.row.RowID]
		if !ok {
			continue // the article was deleted since it was ranked
		}
		var others []loa.Answer
		for _, id := range together[r.row.RowID] {
			if o, ok := byRow[id]; ok {
				others = append(others, o)
			}
		}
		a = joinItems(a, others)
		a.Score = math.Round(score[r.row.RowID]*100) / 100
		answers = append(answers, a)
	}
	return answers, nil
}

// joinItems makes one answer of items read from the same sentence: its text runs from the
// first of them to the last as the sentence writes it, so that the reply marks them all. An
// item the sentence does not hold as written is left out of the span; answer is unchanged when
// fewer than two are found.
func joinItems(answer loa.Answer, others []loa.Answer) loa.Answer {
	sentence := []rune(answer.Sentence)
	folded := vntext.Fold(answer.Sentence)
	if len(sentence) == 0 || utf8.RuneCountInString(folded) != len(sentence) {
		return answer // folding changed the length: offsets would not line up
	}
	start, end, found := len(sentence), 0, 0
	for _, a := range append([]loa.Answer{answer}, others...) {
		item := vntext.Fold(a.Text)
		at := strings.Index(folded, item)
		if item == "" || at < 0 {
			continue
		}
		from := utf8.RuneCountInString(folded[:at])
		start, end = min(start, from), max(end, from+utf8.RuneCountInString(item))
		found++
	}
	if found < 2 {
		return answer
	}
	answer.Text = string(sentence[start:end])
	return answer
}
