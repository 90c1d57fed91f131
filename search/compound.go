package search

import (
	"context"
	"regexp"
	"strings"

	"github.com/loa-vn/loa"
)

// Officials ask two things at once: "Huyện Phù Yên có bao nhiêu tân binh năm 2022, tỷ lệ đồng
// bào dân tộc thiểu số bao nhiêu?". Each half is a fact of its own, in a sentence of its own:
// asked as one, no sentence carries both and the question goes unanswered. The halves are asked
// apart, the second with the first's words but its count ("Huyện Phù Yên có tân binh năm 2022
// tỷ lệ …"), so that it is of the same place and year, unless it names a place or year of its
// own; their answers are taken in turn.

var (
	// countWord is a word that asks how many, as typed.
	countWord = regexp.MustCompile(`(?i)(^|\s)(bao nhiêu|bao nhieu|số lượng|so luong|mấy)(\s|$)`)
	// whenWord is a word that asks when or how long, as typed.
	whenWord = regexp.MustCompile(`(?i)(^|\s)(ngày nào|ngay nao|khi nào|khi nao|bao giờ|bao gio|bao lâu|bao lau|tháng nào|thang nao)(\s|$)`)
	// askWords2 finds those words and those typed in capitals, more loosely: a question with
	// fewer than two asks one thing at most.
	askWords2 = regexp.MustCompile(`(?i)bao nhi|s[ốo] l[ưu][ợo]ng|m[ấa]y|ng[àa]y n[àa]o|khi n[àa]o|bao gi[ờo]|bao l[âa]u|th[áa]ng n[àa]o`)
	// whenAsked finds a question's when or how long, normalised.
	whenAsked = regexp.MustCompile(`\b(ngay nao|khi nao|bao gio|bao lau|thang nao)\b`)
)

// compoundParts splits a question that asks two things, counts or when or how long, joined by a
// comma, into the two it asks ("… ngày nào, buổi lễ bao lâu"); nil when it asks one. Where and
// when together ("ngày nào, ở đâu") are one ask, which an event answers.
func (s *Service) compoundParts(question string) []string {
	if len(askWords2.FindAllStringIndex(question, 2)) < 2 {
		return nil // most questions ask one thing: no need to normalise their halves
	}
	asks := func(norm string) bool { return countAsked(norm) || whenAsked.MatchString(norm) }
	for i := strings.IndexByte(question, ','); i >= 0; {
		left, right := question[:i], question[i+1:]
		if rightNorm := s.norm.Normalise(right); asks(s.norm.Normalise(left)) && asks(rightNorm) {
			second := strings.TrimSpace(right)
			if !s.namesItsOwn(right, rightNorm) {
				second = strings.Join(strings.Fields(whenWord.ReplaceAllString(countWord.ReplaceAllString(left, " "), " ")), " ") + " " + second
			}
			return []string{strings.TrimSpace(left), second}
		}
		next := strings.IndexByte(question[i+1:], ',')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return nil
}

// askCompound answers each part and takes their answers in turn, each once, paged as one list.
func (s *Service) askCompound(ctx context.Context, parts []string, offset, limit int) (Result, error) {
	var res Result
	lists := make([][]loa.Answer, len(parts))
	for i, p := range parts {
		r, err := s.askOne(ctx, p, 0, offset+limit)
		if err != nil {
			return res, err
		}
		if i == 0 {
			res.Query = r.Query
		}
		lists[i] = r.Answers
		res.More = res.More || r.More
	}
	var merged []loa.Answer
	seen := map[string]bool{}
	for k := 0; ; k++ {
		added := false
		for _, l := range lists {
			if k >= len(l) {
				continue
			}
			added = true
			if key := l[k].Kind + "\x00" + l[k].Text; !seen[key] {
				seen[key] = true
				merged = append(merged, l[k])
			}
		}
		if !added {
			break
		}
	}
	if offset < len(merged) {
		res.Answers = merged[offset:min(len(merged), offset+limit)]
	}
	res.More = res.More || len(merged) > offset+limit
	return res, nil
}

// namesItsOwn reports whether a part of a question names a place, a name or a year.
func (s *Service) namesItsOwn(raw, norm string) bool {
	return len(namedPlaces(norm)) > 0 || len(s.namedProvinces(norm)) > 0 || len(properNames(raw)) > 0 || namesYear(norm)
}
