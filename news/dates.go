package news

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates as Vietnamese newsrooms write them are rewritten to the d/m/yyyy the event reader
// knows: "10-5", "10.5.2024", "27/5/ 2018", "21 tháng 5 năm 2024" (after "ngày", a part of the
// day or a joining word: "sáng 14 tháng 12"), two-digit years.
var (
	spacedYearRE = regexp.MustCompile(`(\d{1,2})\s*/\s+(\d{4})\b`)
	// "27 / 5 / 2024": spaces around the slashes.
	spacedSlashRE = regexp.MustCompile(`\b(\d{1,2})\s+/\s*(\d{1,2})\b`)
	wordMonthRE   = regexp.MustCompile(`(?i)(ngày|đến|và|,|-|sáng|chiều|tối|trưa)\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:,\s*)?(?:năm\s+(\d{4})|((?:19|20)\d{2})\b))?`)
	dashDateRE    = regexp.MustCompile(`\b(\d{1,2})[-.](\d{1,2})(?:[-.](\d{4}|\d{2}))?\b`)
	shortYearRE   = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{2})\b`)
	// "từ ngày 08/04/ đến ngày 29/04/2024": a slash left where no year was written.
	danglingSlashRE = regexp.MustCompile(`\b(\d{1,2}/\d{1,2})/(\s|$)`)
	// "từ 26.9-11.10": two days written with dots, whose second day's would be read as a year.
	dottedSpanRE = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\s*([-–])\s*(\d{1,2})\.(\d{1,2})\b`)
	// "2 ngày 4 và 5 – 4": the second day and the month, a dash with spaces between them.
	spacedDashRE = regexp.MustCompile(`(?i)(\bngày\s+\d{1,2}\s+và\s+\d{1,2})\s+[-–]\s+(\d{1,2})\b([^/\d]|$)`)
	// "đến hết tháng 6/2021": the month's last day ends the span.
	monthEndRE = regexp.MustCompile(`(đến|tới)\s+hết\s+tháng\s+(\d{1,2})(?:\s*/\s*(\d{4}))?`)
	// Words that make "10-5" a day and a month rather than a score or a count.
	dateLead = regexp.MustCompile(`(?i)(ngày|đến|và|từ|,|\(|sáng|chiều|tối|trưa|nay)\s*(?:\d{1,2}\s*(?:[-–]\s*)?)?$`)
)

// dateForms rewrites a sentence's dates to d/m[/yyyy].
func dateForms(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s // most sentences name no date: five passes saved
	}
	// Each form needs a character the others leave alone: its pass is skipped without it.
	slash := strings.Contains(s, "/")
	if slash {
		s = spacedSlashRE.ReplaceAllString(s, "$1/$2")
		s = spacedYearRE.ReplaceAllString(s, "$1/$2")
		s = danglingSlashRE.ReplaceAllString(s, "$1$2")
	}
	if strings.Contains(s, "hết tháng") {
		s = monthEndRE.ReplaceAllStringFunc(s, monthEnd)
		slash = true
	}
	if strings.Contains(s, "tháng") || strings.Contains(s, "Tháng") {
		s = wordMonthRE.ReplaceAllStringFunc(s, func(m string) string {
			g := wordMonthRE.FindStringSubmatch(m)
			out := g[1] + " " + g[2] + "/" + g[3]
			if year := g[4] + g[5]; year != "" { // "năm 2024", or a bare year after a comma: "26 Tháng 6, 2025"
				out += "/" + year
			}
			return out
		})
		slash = true
	}
	if strings.Contains(s, "và") && (strings.Contains(s, " - ") || strings.Contains(s, " – ")) {
		if t := spacedDashRE.ReplaceAllString(s, "$1/$2$3"); t != s {
			s, slash = t, true
		}
	}
	if !digitJoined(s) {
		if !slash {
			return s
		}
		return shortYearRE.ReplaceAllString(s, "$1/$2/20$3")
	}
	s = dottedSpanRE.ReplaceAllString(s, "$1/$2$3$4/$5")
	var b strings.Builder
	last := 0
	for _, m := range dashDateRE.FindAllStringSubmatchIndex(s, -1) {
		before := s[max(0, m[0]-16):m[0]]
		withYear := m[6] >= 0 && m[7]-m[6] == 4 // "10.5.2025" is a day wherever it stands
		if !withYear && !dateLead.MatchString(before) {
			continue
		}
		if m[6] < 0 && m[1] < len(s) && s[m[1]] == '/' {
			continue // "12-26/4": two days of one month, read as a range
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(s[m[2]:m[3]] + "/" + s[m[4]:m[5]])
		if m[6] >= 0 {
			b.WriteString("/" + s[m[6]:m[7]])
		}
		last = m[1]
	}
	b.WriteString(s[last:])
	if out := b.String(); strings.Contains(out, "/") {
		return shortYearRE.ReplaceAllString(out, "$1/$2/20$3")
	}
	return b.String()
}

// digitJoined reports whether a "-" or "." stands right after a digit, as in "10-5" or "10.5".
func digitJoined(s string) bool {
	for i := 1; i < len(s); i++ {
		if (s[i] == '-' || s[i] == '.') && s[i-1] >= '0' && s[i-1] <= '9' {
			return true
		}
	}
	return false
}

// monthEnd rewrites "đến hết tháng 6/2021" as "đến hết ngày 30/6/2021"; a February without its
// year ends on the 28th.
func monthEnd(m string) string {
	g := monthEndRE.FindStringSubmatch(m)
	month, _ := strconv.Atoi(g[2])
	if month < 1 || month > 12 {
		return m
	}
	year := 2001 // no leap year: a February without its year ends on the 28th
	if g[3] != "" {
		year, _ = strconv.Atoi(g[3])
	}
	last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	out := g[1] + " hết ngày " + strconv.Itoa(last) + "/" + g[2]
	if g[3] != "" {
		out += "/" + g[3]
	}
	return out
}
