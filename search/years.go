package search

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/loa-vn/loa"
)

// The years a question names, and the rows that can be of them.

// ofYears reports whether a row can be of the years a question names: its text, the clause
// before it in its sentence, or its article's title and lead name one of them, or its article
// was published in one and its title names no year. A title that names only other years is of them: a contest "chào
// mừng … 22/12/2023" reported in 2024 does not answer "năm 2024". The years of an
// anniversary's span are remembered ones, and a school year ("năm học 2026-2027") is said
// whole: "năm học 2025-2026" is not of it.
func ofYears(q Query, r loa.SearchRow) bool {
	years := 0
	var body, title string
	for _, t := range q.Terms {
		if !yearTerm.MatchString(t) {
			continue
		}
		if years++; years == 1 {
			body, title = withoutAnniversaries(" "+r.Body+" "), " "+r.Title+" "
		}
		said := " " + t + " "
		if pair := schoolYear(q.Seq, t); pair != "" {
			said = " " + pair + " "
		}
		if strings.Contains(body, said) || strings.Contains(title, said) || r.ItemID == 0 && strings.Contains(" "+r.Addressee+" ", said) ||
			!r.Published.IsZero() && strconv.Itoa(r.Published.Year()) == t && !namesYear(r.Title) {
			return true
		}
	}
	return years == 0
}

// schoolYear is the span of two years a question's words write with year ("2026 2027" of
// "năm học 2026-2027"), "" when year stands alone.
func schoolYear(seq []string, year string) string {
	for i, w := range seq {
		if w != year {
			continue
		}
		if i+1 < len(seq) && yearTerm.MatchString(seq[i+1]) && atoi(seq[i+1]) == atoi(w)+1 {
			return w + " " + seq[i+1]
		}
		if i > 0 && yearTerm.MatchString(seq[i-1]) && atoi(seq[i-1])+1 == atoi(w) {
			return seq[i-1] + " " + w
		}
	}
	return ""
}

// soleYears gives, for each undated article whose rows name one year and no other, that
// year: "Năm nay, huyện có 30 tân binh" is of the "năm 2024" another of its
// sentences names, as a dated article's rows are of its year.
func soleYears(rows []loa.SearchRow) map[int64]string {
	years := map[int64]string{}
	for _, r := range rows {
		if !r.Published.IsZero() {
			continue
		}
		// The years of an anniversary's span ("(28/3/1935 – 28/3/2023)") are remembered ones.
		words := strings.Fields(withoutAnniversaries(" " + r.Body + " "))
		for j, w := range words {
			switch y, seen := years[r.ArticleID]; {
			case !yearTerm.MatchString(w) || y == w || comparedWith(words[:j]):
			case !seen:
				years[r.ArticleID] = w
			default:
				years[r.ArticleID] = "-" // two years: neither is the article's alone
			}
		}
	}
	return years
}

// comparedWith reports whether the words before a year compare with it ("tăng 50 công dân so
// với năm 2021", "cùng kỳ năm 2021"): the year is the past's, not the article's.
func comparedWith(before []string) bool {
	tail := " " + strings.Join(before[max(0, len(before)-3):], " ")
	return strings.HasSuffix(tail, " so voi nam") || strings.HasSuffix(tail, " so voi") || strings.HasSuffix(tail, " cung ky nam")
}

// namesYear reports whether a normalised text holds a year: "2023" of "22 12 2023".
func namesYear(text string) bool {
	for _, w := range strings.Fields(text) {
		if yearTerm.MatchString(w) {
			return true
		}
	}
	return false
}

var yearTerm = regexp.MustCompile(`^(19|20)\d\d$`)
