package news

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/loa-vn/loa"
)

// The days of events: which day, range, month or year a sentence gives each event it names,
// and the year of a day written without one.

// fullDateRE is a day with its year, as dateForms leaves it: day, month, year.
var fullDateRE = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)

// yearRule gives a day written without its year a year.
type yearRule struct {
	published time.Time
	named     []int // named by the sentence, else by the article or a full date before it
	intake    bool  // the first names a call-up: "nhập ngũ năm 2026"
	tet       bool  // the first names a Tết: "Tết Nguyên đán Nhâm Dần 2022"
}

// of is the year of a day of a month: of the years named, the one nearest the publication
// date (the first without one); with none named, the year that puts the day nearest the
// publication date. The steps of a call-up ("tuyển quân năm 2026": registration, sơ tuyển,
// khám tuyển) run in the autumn before it, so a day from July on is in the year before; so
// does the preparation of a Tết ("ra quân … Tết Nguyên đán Nhâm Dần 2022" on 20/12), from
// October on.
func (r yearRule) of(month, day int) int {
	cands := slices.Clone(r.named)
	if (r.intake && month >= 7 || r.tet && month >= 10) && len(cands) > 0 {
		cands[0]--
	}
	if r.published.IsZero() {
		if len(cands) == 0 {
			return 0
		}
		return cands[0]
	}
	if len(cands) == 0 {
		for y := r.published.Year() - 1; y <= r.published.Year()+1; y++ {
			cands = append(cands, y)
		}
	}
	best, dist := 0, time.Duration(0)
	for _, y := range cands {
		if !valid(y, month, day) {
			continue
		}
		d := time.Date(y, time.Month(month), day, 0, 0, 0, 0, r.published.Location()).Sub(r.published)
		if d < 0 {
			d = -d
		}
		if best == 0 || d < dist {
			best, dist = y, d
		}
	}
	return best
}

// tetYearRE is the year of a Tết: "Tết Nguyên đán Nhâm Dần 2022".
var tetYearRE = regexp.MustCompile(`(?i)tết\s+(?:nguyên đán\s+)?(?:\p{L}+\s+){0,3}(?:năm\s+)?((?:19|20)\d\d)\b`)

// intakeRE names a call-up's year: "gọi công dân nhập ngũ năm 2026", "tuyển quân năm 2018",
// "sơ tuyển nghĩa vụ quân sự 2026", "khám sức khỏe nghĩa vụ quân sự, năm 2022", "hiệp đồng
// giao, nhận quân và huấn luyện, diễn tập … dự bị động viên năm 2024".
var intakeRE = regexp.MustCompile(`(?i)(?:tuyển quân|nhập ngũ|nghĩa vụ quân sự|NVQS|nghĩa vụ công an nhân dân|giao,? nhận quân|giao quân)(?:\s+và\s+[^.;]{0,80}?)?,?\s+(?:năm\s+)?(\d{4})\b`)

// namedYearRE is a year written after a word, without "năm".
var namedYearRE = regexp.MustCompile(`\p{L} ((?:19|20)\d\d)\b`)

// sentenceYear reads the years a sentence names ("năm 2023 và triển khai nhiệm vụ năm 2024").
func sentenceYear(s string) yearRule {
	var r yearRule
	for _, m := range yearRE.FindAllStringSubmatchIndex(s, 4) {
		if strings.HasSuffix(strings.ToLower(s[max(0, m[0]-6):m[0]]), "sinh ") {
			continue // "thanh niên sinh năm 1996": who is called, not when
		}
		r.named = append(r.named, atoi(s[m[2]:m[3]]))
	}
	if len(r.named) > 1 {
		// "Ngày 10/4, … tổng kết công tác năm 2018, triển khai nhiệm vụ năm 2019": the year
		// summed up is behind a meeting held in the first months of the next; one held at the
		// year's end ("Sáng 24-12, … tổng kết công tác năm 2025") is of the year it sums up.
		if m := summedYearRE.FindStringSubmatch(s); m != nil && !yearEndDay(s) {
			r.named = slices.DeleteFunc(r.named, func(y int) bool { return y == atoi(m[1]) })
		}
	}
	if len(r.named) == 0 {
		// A year an event's name ends with: "Đại hội thể dục thể thao liên phường 2025",
		// "Hội trại tòng quân 2026"; never a date's ("23/11/2025") or a span's ("giai đoạn
		// 2013 – 2018").
		for _, m := range namedYearRE.FindAllStringSubmatchIndex(s, 4) {
			if rest := strings.TrimLeft(s[m[1]:], " "); rest == "" || !strings.ContainsRune("/-–.", []rune(rest)[0]) {
				r.named = append(r.named, atoi(s[m[2]:m[3]]))
			}
		}
	}
	// "Tết Nguyên đán Nhâm Dần 2022", "Tết Nguyên đán Bính Ngọ năm 2026": the year of a Tết,
	// named with or without "năm".
	if strings.Contains(s, "ết") {
		if t := tetYearRE.FindStringSubmatch(s); t != nil {
			y := atoi(t[1])
			if len(r.named) == 0 {
				r.named = []int{y}
			}
			r.tet = r.named[0] == y
		}
	}
	if len(r.named) > 0 {
		// "sơ tuyển nghĩa vụ quân sự 2026", with or without "năm": the first year is a call-up's.
		// A review of a call-up ("tổng kết công tác tuyển chọn và gọi công dân nhập ngũ năm
		// 2021", on 9/9) comes after its hand-over, in its own year.
		if im := intakeRE.FindStringSubmatchIndex(s); im != nil && atoi(s[im[2]:im[3]]) == r.named[0] {
			r.intake = !reviewRE.MatchString(s[:im[0]])
		}
	}
	return r
}

// reviewRE names a review: "tổng kết", "sơ kết".
var reviewRE = regexp.MustCompile(`(?i)(?:tổng|sơ) kết`)

// summedYearRE is the year a review sums up: "tổng kết công tác năm 2018", "sơ kết 6 tháng
// năm 2024".
var summedYearRE = regexp.MustCompile(`(?i)(?:tổng kết|sơ kết)(?:\s+[^\s,.;]+){0,4}?\s+năm\s+((?:19|20)\d{2})`)

// yearEndDay reports whether the first day a sentence names is in the year's last quarter.
func yearEndDay(s string) bool {
	d := dayMonthRE.FindString(dateForms(s))
	if d == "" {
		return false
	}
	_, month, _ := strings.Cut(d, "/")
	return atoi(month) >= 10
}

// leadDate reports whether a sentence opens with its date, within a source tag like "(NTO)".
func leadDate(s string) bool {
	k := dayMonthRE.FindStringIndex(s)
	return k != nil && k[0] < 48
}

// datedSubjectRE is a day right before the event it is of: "Ngày 9 và 10/5, cuộc ".
var datedSubjectRE = regexp.MustCompile(`(?i)\d{1,2}/\d{1,2}(?:/\d{4})?\s*,\s*(?:cuộc\s+|lễ\s+|buổi\s+|đợt\s+|lớp\s+)?$`)

var actMentionRE = regexp.MustCompile(`^(?i)(?:họp|phát lệnh|trao lệnh|tổ chức tuyên truyền|tập huấn cho|tổng kết|sơ kết)$`)

var dayMonthRE = regexp.MustCompile(`\b\d{1,2}/\d{1,2}\b`)

func first(years []int) int {
	if len(years) == 0 {
		return 0
	}
	return years[0]
}

func firstOf(years ...int) int {
	for _, y := range years {
		if y != 0 {
			return y
		}
	}
	return 0
}

// attachDates gives each mention the day, range, month or year written nearest to it.
func attachDates(s string, ms []mention, found []loa.EventCandidate, years yearRule, dateline bool) {
	if !strings.ContainsAny(s, "0123456789") {
		return // no day, month or year to attach
	}
	blocked := docDateRE.FindAllStringIndex(s, -1)
	inDoc := func(pos int) bool {
		for _, b := range blocked {
			if pos >= b[0] && pos < b[1] {
				return true
			}
		}
		return false
	}
	// A day without a year takes one by years.of; with none it stays undated rather than in
	// year 1.
	year := func(y string, month, day int) int {
		if y == "" {
			return years.of(month, day)
		}
		return atoi(y)
	}
	// In the dateline a date belongs only to an event the lead says is held ("tổ chức diễn
	// tập"), or is a deadline; otherwise it is the day of the meeting the article reports.
	// The words just before a position: the verb or the deadline is within them, and matching
	// a "…$" pattern on the whole prefix would read the sentence again for every mention.
	before := func(pos int) string { return s[max(0, pos-80):pos] }
	organised := make([]bool, len(ms))
	anyOrganised := false
	for i, m := range ms {
		// "họp", "phát lệnh", "trao lệnh", "tổ chức tuyên truyền", "tập huấn cho", "tổng kết" are themselves what is done that day.
		// "Ngày 9 và 10/5, cuộc diễn tập …": the event the dateline's day opens on is its subject.
		organised[i] = organisedRE.MatchString(before(m.pos)) || actMentionRE.MatchString(s[m.pos:m.end]) ||
			datedSubjectRE.MatchString(before(m.pos))
		anyOrganised = anyOrganised || organised[i]
	}
	owner := func(pos int) (int, bool) {
		if deadlineRE.MatchString(before(pos)) {
			return nearest(ms, pos), true
		}
		if !dateline {
			// "…, ngày 09/5, Ban chỉ đạo tổ chức hội nghị tập huấn …": the day of the event
			// the sentence says is held right after it, else the nearest.
			for i, m := range ms {
				if organised[i] && m.pos > pos && !strings.ContainsAny(s[pos:m.pos], ";.") {
					return i, true
				}
			}
			return nearest(ms, pos), true
		}
		if !anyOrganised {
			return 0, false
		}
		best, dist := -1, 0
		for i, m := range ms {
			if d := abs(m.pos - pos); organised[i] && (best < 0 || d < dist) {
				best, dist = i, d
			}
		}
		return best, true
	}
	used := map[int]bool{}
	var ranges [][]int
	if strings.Contains(s, "/") { // every day is d/m by now
		ranges = append(rangeRE.FindAllStringSubmatchIndex(s, -1), spanRE.FindAllStringSubmatchIndex(s, -1)...)
		ranges = append(ranges, daysRE.FindAllStringSubmatchIndex(s, -1)...)
	}
	for _, m := range ranges {
		if used[m[0]] {
			continue
		}
		g := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return s[m[2*k]:m[2*k+1]]
		}
		endY := year(g(7), atoi(g(6)), atoi(g(5)))
		startMonth := g(3)
		if startMonth == "" {
			startMonth = g(6)
		}
		if g(2) == g(5) && startMonth == g(6) && g(4) != "" && g(7) != "" && g(4) != g(7) {
			continue // "(22/12/1944 – 22/12/2018)": an anniversary's years, not how long anything lasts
		}
		startY := endY
		if g(4) != "" {
			startY = atoi(g(4))
		}
		start := civil(startY, atoi(startMonth), atoi(g(2)))
		end := civil(endY, atoi(g(6)), atoi(g(5)))
		i, ok := owner(m[0])
		if start == "" || end == "" || !ok {
			continue
		}
		if found[i].Date == "" || found[i].EndDate == "" {
			found[i].Date, found[i].EndDate, found[i].Year = start, end, startY
			found[i].TimeOfDay = strings.ToLower(g(1))
		}
		for k := m[0]; k < m[1]; k++ {
			used[k] = true
		}
	}
	var days [][]int
	if len(ranges) > 0 || strings.Contains(s, "/") {
		days = findDays(s)
	}
	for _, m := range days {
		if used[m[0]] || inDoc(m[0]) {
			continue
		}
		prefixed := m[2] >= 0 || strings.Contains(strings.ToLower(s[m[0]:m[1]]), "ngày") || openingDay(s, m)
		step := -1
		if !prefixed {
			if step = stepDay(s, ms, m[1]); step < 0 {
				continue // "9/9 xã, phường" is a count, not a date
			}
		}
		g := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return s[m[2*k]:m[2*k+1]]
		}
		y := year(g(4), atoi(g(3)), atoi(g(2)))
		d := civil(y, atoi(g(3)), atoi(g(2)))
		i, ok := owner(m[0])
		if step >= 0 {
			i, ok = step, true
		}
		if d == "" || !ok {
			continue
		}
		if found[i].Date == "" {
			found[i].Date, found[i].Year = d, y
			found[i].TimeOfDay = strings.ToLower(g(1))
		}
	}
	// "tổ chức lễ ra mắt và ra quân huấn luyện dân quân", "Hội nghị gặp mặt và trao Quyết định
	// gọi công dân nhập ngũ": events joined by "và" share their day.
	for i := 1; i < len(ms); i++ {
		if ms[i-1].end > ms[i].pos || !joinedByAnd(s[ms[i-1].end:ms[i].pos]) {
			continue
		}
		a, b := &found[i-1], &found[i]
		if a.Date == "" {
			a, b = b, a
		}
		if a.Date != "" && b.Date == "" {
			b.Date, b.EndDate, b.Year, b.TimeOfDay = a.Date, a.EndDate, a.Year, a.TimeOfDay
		}
	}
	for _, m := range monthRE.FindAllStringSubmatchIndex(s, -1) {
		i := nearest(ms, m[0])
		if found[i].Date == "" && found[i].Month == 0 {
			found[i].Month, found[i].Year = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]])
		}
	}
	for _, m := range yearRE.FindAllStringSubmatchIndex(s, -1) {
		i := nearest(ms, m[0])
		if found[i].Year == 0 {
			found[i].Year = atoi(s[m[2]:m[3]])
		}
	}
}

// joinedByAnd reports whether the words between two mentions end with "và", a few words after
// the first ("lễ ra mắt và ra quân", "gặp mặt và trao"), or there are none: "Hội nghị gặp mặt".
func joinedByAnd(between string) bool {
	words := strings.Fields(between)
	return len(words) == 0 || len(words) <= 3 && words[len(words)-1] == "và" && !strings.ContainsAny(between, ",;.")
}

// findDays finds the days of a sentence with the words that may stand before them, as the
// groups of "(sáng|chiều|tối|trưa)?( nay)? (ngày )?d/m(/yyyy)?" would: the whole, the time
// of day, the day, the month and the year. Matching the words before in Go rather than in the
// pattern saves trying them at every position of the sentence.
func findDays(s string) [][]int {
	var out [][]int
	for _, b := range dayRE.FindAllStringSubmatchIndex(s, -1) {
		m := []int{b[0], b[1], -1, -1, b[2], b[3], b[4], b[5], b[6], b[7]}
		rest := strings.TrimRight(s[:b[0]], " (") // "Sáng nay (18/12)"
		if endsWithWord(rest, "ngày") && len(rest) < b[0] {
			m[0] = len(rest) - len("ngày")
			rest = strings.TrimRight(rest[:m[0]], " ")
		}
		if endsWithWord(rest, "nay") {
			rest = strings.TrimRight(rest[:len(rest)-len("nay")], " ")
		}
		for _, tod := range []string{"sáng", "chiều", "tối", "trưa"} {
			if endsWithWord(rest, tod) {
				m[0], m[2], m[3] = len(rest)-len(tod), len(rest)-len(tod), len(rest)
				break
			}
		}
		out = append(out, m)
	}
	return out
}

// openingDay reports whether a bare day opens its sentence as a dateline does: "Hôm nay, 9/12,
// tại Hà Nội, …", "(ĐNO) - 9/7, …"; a count ("9/9 xã") is followed by what it counts.
func openingDay(s string, m []int) bool {
	return m[0] < 48 && m[1] < len(s) && (s[m[1]] == ',' || s[m[1]] == ')')
}

// endsWithWord reports whether s ends with the word w, in any case.
func endsWithWord(s, w string) bool {
	k := len(s) - len(w)
	return k >= 0 && strings.EqualFold(s[k:], w) && (k == 0 || !isLetterByte(s[k-1]))
}

// civil writes an event's day. A day before 1945 is history ("thành lập ngày 22/12/1944"),
// never a day to be reminded of.
func civil(y, m, d int) string {
	if !valid(y, m, d) || y < 1945 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// stepDay is the event named right after a day, as in a list of steps: "10/2 hội trại …,
// 13/2 lễ giao nhận quân", "21/2: lễ giao nhận quân"; -1 when none is.
func stepDay(s string, ms []mention, end int) int {
	for i, m := range ms {
		if m.pos < end || m.pos-end > len(": lễ ") {
			continue
		}
		if gap := strings.ToLower(strings.Trim(s[end:m.pos], ": ")); gap == "" || gap == "lễ" {
			return i
		}
	}
	return -1
}
