package search

import (
	"context"
	"math"
	"unicode/utf8"

	"github.com/loa-vn/loa"
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
	for _, r := range page {
		ids = append(ids, r.row.RowID)
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
		a = a.Joined(others)
		a.Score = math.Round(r.score*100) / 100
		answers = append(answers, a)
	}
	return answers, nil
}
