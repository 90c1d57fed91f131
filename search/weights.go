package search

import "math"

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
	var wt weights
	for _, t := range q.Terms {
		wt.terms = append(wt.terms, termWeight{t, " " + t + " ", idf(df, total, t), q.focuses(t)})
	}
	for _, p := range q.pairs() {
		wt.pairs = append(wt.pairs, pairWeight{p, idf(df, total, p[0]) + idf(df, total, p[1])})
	}
	return wt
}

// idf is a word's weight among total indexed rows, df[t] of which hold it: rarer words weigh
// more, and a word no row holds weighs most.
func idf(df map[string]int, total int, t string) float64 {
	return math.Log(1 + float64(total+1)/float64(df[t]+1))
}
