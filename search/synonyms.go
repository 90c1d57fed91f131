package search

import (
	"regexp"
	"strings"

	"github.com/loa-vn/loa/vntext"
)

// DefaultSynonyms are phrases officials use for the same thing. A question with one of them
// is also asked with each of the others, so "tòng quân" finds items that say "nhập ngũ".
// ("DQTV" and "dân quân" need none: the abbreviation is expanded, and the longer phrase
// contains the shorter.)
var DefaultSynonyms = [][]string{
	{"nhập ngũ", "tòng quân", "giao quân", "lên đường nhập ngũ", "giao nhận quân"},
	{"khu vực phòng thủ", "phòng thủ khu vực"},
	{"khám sức khỏe", "khám tuyển", "khám nghĩa vụ"},
	{"hội thi", "hội thao"},
	{"tân binh", "công dân trúng tuyển", "công dân nhập ngũ"},
}

// maxVariants bounds how many rewordings of one question are searched, and perGroup how many
// of them one group gives, so that a question with phrases of two groups ("tân binh … giao
// quân") is reworded in both.
const (
	maxVariants = 6
	perGroup    = 2
)

// synonymGroup is a group of phrases, folded, each with a pattern that finds it as whole words.
type synonymGroup struct {
	phrases  []string
	patterns []*regexp.Regexp
}

func compileSynonyms(groups [][]string) []synonymGroup {
	var out []synonymGroup
	for _, g := range groups {
		var sg synonymGroup
		for _, p := range g {
			folded := strings.Join(strings.Fields(nonWord.ReplaceAllString(vntext.Fold(p), " ")), " ")
			if folded == "" {
				continue
			}
			sg.phrases = append(sg.phrases, folded)
			sg.patterns = append(sg.patterns, regexp.MustCompile(`\b`+regexp.QuoteMeta(folded)+`\b`))
		}
		if len(sg.phrases) > 1 {
			out = append(out, sg)
		}
	}
	return out
}

// WithSynonyms returns the service with these synonym groups (nil: DefaultSynonyms; an empty
// list: none), as configured in search.synonyms.
func (s *Service) WithSynonyms(groups [][]string) *Service {
	if groups == nil {
		groups = DefaultSynonyms
	}
	c := *s
	c.synonyms = compileSynonyms(groups)
	return &c
}

// variants are the question reworded with the synonyms of the phrases it contains, the
// question itself first.
func (s *Service) variants(question string) []string {
	folded := strings.Join(strings.Fields(nonWord.ReplaceAllString(vntext.Fold(question), " ")), " ")
	out := []string{question}
	for _, g := range s.synonyms {
		for i, p := range g.patterns {
			if !p.MatchString(folded) {
				continue
			}
			added := 0
			for j, other := range g.phrases {
				if j != i && len(out) < maxVariants && added < perGroup {
					out = append(out, p.ReplaceAllString(folded, other))
					added++
				}
			}
			break // the longest phrases are listed first where they overlap
		}
	}
	return out
}
