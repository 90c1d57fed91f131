package search_test

import (
	"math"
	"sort"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/news"
)

// bm25 is the naive search Loa must beat: Okapi BM25 over every sentence of every article
// (title included), folded, with no abbreviations, no stop words and no relevance floor.
type bm25 struct {
	sentences []string
	words     [][]string
	df        map[string]int
	avgLen    float64
}

func newBM25(set realSet) *bm25 {
	b := &bm25{df: map[string]int{}}
	x := news.Extractor{Location: hcm}
	total := 0
	for _, art := range set.Articles {
		a := x.Extract(art.Text)
		for _, s := range loa.Sentences(a.Title + "\n" + a.Body) {
			words := strings.Fields(foldWords(s))
			if len(words) == 0 {
				continue
			}
			b.sentences = append(b.sentences, s)
			b.words = append(b.words, words)
			total += len(words)
			seen := map[string]bool{}
			for _, w := range words {
				if !seen[w] {
					seen[w] = true
					b.df[w]++
				}
			}
		}
	}
	b.avgLen = float64(total) / float64(max(1, len(b.sentences)))
	return b
}

// top returns the n best-scoring sentences that share at least one word with the question.
func (b *bm25) top(question string, n int) []string {
	const k1, bLen = 1.2, 0.75
	terms := strings.Fields(foldWords(question))
	type hit struct {
		i     int
		score float64
	}
	var hits []hit
	for i, words := range b.words {
		tf := map[string]int{}
		for _, w := range words {
			tf[w]++
		}
		var sc float64
		for _, t := range terms {
			if tf[t] == 0 {
				continue
			}
			N, df := float64(len(b.words)), float64(b.df[t])
			idf := math.Log(1 + (N-df+0.5)/(df+0.5))
			f := float64(tf[t])
			sc += idf * f * (k1 + 1) / (f + k1*(1-bLen+bLen*float64(len(words))/b.avgLen))
		}
		if sc > 0 {
			hits = append(hits, hit{i, sc})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	var out []string
	for _, h := range hits[:min(n, len(hits))] {
		out = append(out, b.sentences[h.i])
	}
	return out
}
