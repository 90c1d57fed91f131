package search

import (
	"math"
	"strings"
)

// weights are a wording's words and pairs of words as rows are searched for them, padded, and
// their weights (rarer words weigh more): worked out once per question, not once per row.
type weights struct {
	terms []termWeight
	pairs []pairWeight
}

type termWeight struct {
	term, padded string
	weight       float64
	focus        bool // what the question asks for ("bao nhiêu vận động viên")
}

type pairWeight struct {
	words  [2]string
	weight float64 // both words'
}

func weigh(q Query, df map[string]int, total int) weights {
	idf := func(t string) float64 { return math.Log(1 + float64(total+1)/float64(df[t]+1)) }
	focus := " " + q.Focus + " "
	var wt weights
	for _, t := range q.Terms {
		wt.terms = append(wt.terms, termWeight{t, " " + t + " ", idf(t), q.Focus != "" && strings.Contains(focus, " "+t+" ")})
	}
	for _, p := range q.pairs() {
		wt.pairs = append(wt.pairs, pairWeight{p, idf(p[0]) + idf(p[1])})
	}
	return wt
}
