// Package search answers questions about directives ("Ban CHQS phải làm gì?", "diễn tập ở
// xã nào?", "nghị định 02") from the stored directive items. Documents and questions are
// folded the same way (no diacritics, lower case, "đ" → "d") and abbreviations are expanded on
// both sides, so "ban chqs thi xa" finds "Ban Chỉ huy quân sự thị xã" and the reverse.
package search

import (
	"regexp"
	"sort"
	"strings"

	"github.com/loa-vn/loa/vntext"
)

// DefaultAbbreviations maps abbreviations to what they stand for. Matching is on folded text.
var DefaultAbbreviations = map[string]string{
	"chqs":     "chỉ huy quân sự",
	"bchqs":    "ban chỉ huy quân sự",
	"dqtv":     "dân quân tự vệ",
	"gdqp&an":  "giáo dục quốc phòng và an ninh",
	"gdqp-an":  "giáo dục quốc phòng và an ninh",
	"gdqpan":   "giáo dục quốc phòng và an ninh",
	"qp-an":    "quốc phòng và an ninh",
	"qp&an":    "quốc phòng và an ninh",
	"qpan":     "quốc phòng và an ninh",
	"gdqp":     "giáo dục quốc phòng",
	"kvpt":     "khu vực phòng thủ",
	"nvqs":     "nghĩa vụ quân sự",
	"ubnd":     "ủy ban nhân dân",
	"hdnd":     "hội đồng nhân dân",
	"ubmttqvn": "ủy ban mặt trận tổ quốc việt nam",
	"ubmttq":   "ủy ban mặt trận tổ quốc",
	"mttq":     "mặt trận tổ quốc",
	"llvt":     "lực lượng vũ trang",
	"tx":       "thị xã",
	"qd":       "quyết định",
	"nd":       "nghị định",
}

// Normaliser folds text and expands abbreviations.
type Normaliser struct {
	abbr []abbreviation // longest first, so "gdqp&an" wins over "gdqp"
}

type abbreviation struct {
	re   *regexp.Regexp
	long string
}

// NewNormaliser builds a normaliser from an abbreviation dictionary (nil: the default).
func NewNormaliser(dict map[string]string) *Normaliser {
	if dict == nil {
		dict = DefaultAbbreviations
	}
	keys := make([]string, 0, len(dict))
	for k := range dict {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
	})
	n := &Normaliser{}
	for _, k := range keys {
		short := vntext.Fold(k)
		// "gdqp&an" is also written "GDQP & AN".
		pattern := strings.ReplaceAll(regexp.QuoteMeta(short), "&", `\s*&\s*`)
		pattern = strings.ReplaceAll(pattern, `\-`, `\s*-\s*`)
		n.abbr = append(n.abbr, abbreviation{re: regexp.MustCompile(`(^|[^a-z0-9])` + pattern + `($|[^a-z0-9])`), long: " " + vntext.Fold(dict[k]) + " "})
	}
	return n
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// Normalise returns folded text with abbreviations expanded, as words separated by spaces.
func (n *Normaliser) Normalise(s string) string {
	f := " " + vntext.Fold(s) + " "
	for _, a := range n.abbr {
		// Applied twice: adjacent abbreviations share the separator the first match used.
		f = a.re.ReplaceAllString(f, "${1}"+a.long+"${2}")
		f = a.re.ReplaceAllString(f, "${1}"+a.long+"${2}")
	}
	return strings.TrimSpace(nonWord.ReplaceAllString(f, " "))
}

// Words splits normalised text.
func Words(normalised string) []string { return strings.Fields(normalised) }

// stopWords carry no meaning in a question ("phải làm gì", "ở đâu"…), folded.
var stopWords = map[string]bool{
	"phai": true, "lam": true, "gi": true, "cua": true, "o": true, "dau": true, "nao": true, "khi": true,
	"bao": true, "gio": true, "the": true, "nhung": true, "cac": true, "va": true, "la": true, "co": true,
	"duoc": true, "trong": true, "cho": true, "voi": true, "ve": true, "can": true, "nhiem": true, "vu": true,
	"hoi": false, "tai": true, "nhu": true, "sao": true, "ai": true, "viec": true, "gom": true, "den": true,
	"nay": true, "do": true, "mot": true, "so": true, "thi": false, "xa": false, "hay": true, "a": true,
	"giao": false, "nam": false, "yeu": true, "cau": true, "de": true, "nghi": false, "di": true, "tu": false,
}

func isStop(w string) bool { return stopWords[w] }

// levenshtein is the edit distance between two short ASCII words.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
