// Package news turns district-portal pages into articles: it strips the portal's chrome, reads
// the publication date in its Vietnamese forms, classifies topics, and extracts directives and
// dated events. Fetching sources (RSS, Atom, HTML portals) lives here too, in sources.go.
package news

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Page is an article's visible text with the noise removed.
type Page struct {
	Title      string
	Published  time.Time // zero when the page names no date
	HasClock   bool      // Published includes a time of day ("Cập nhật: … 10:25:18 SA")
	Paragraphs []string  // body only: no metadata, captions, credits, byline, share links or "Tin khác"
	// LeadDay is the full day the lead opens with ("Ngày 25/3/2024, UBND thị xã …"): the day of
	// the article's event, which gives its other days their year; never the publication date.
	LeadDay time.Time
}

var (
	// The pieces a newsroom's date line is made of besides its date: a weekday, a clock, "Ngày
	// đăng", "Cập nhật lúc", "[GMT +7]", "Lượt xem" with its count, font-size buttons "A A",
	// separators, a view count whose icon was lost, after a bar or glued to the clock ("19:06
	// 17-06-2022 | :152", "08:302370"). A line that is nothing else is the date line ("Thứ 4,
	// 08/02/2023 | 20:20:00 [GMT +7] A A", "(15:36 | 27/11/2018)", "Ngày đăng 22/02/2024 | 16:00 |
	// Lượt xem").
	dateLineDateRE   = regexp.MustCompile(`\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2})\b`)
	dateLineChromeRE = regexp.MustCompile(`(?i)(?:thứ\s+(?:\p{L}+|\d)|chủ nhật|cập nhật(?:\s+lúc)?|ngày đăng|đăng lúc|đăng ngày|ngày|đăng|publish(?:ed)? date|view count:?(?:\s*[\d.,]+)?|` +
		`\d{1,2}:\d{1,2}(?::\d{2})?\d*\s*(?:SA|CH|AM|PM)?|\|\s*:?\s*\d[\d.,]*\s*$|[\[(]?\s*GMT\s*[+-]\s*\d{1,2}\s*[\])]?|(?:số\s+)?lượt xem:?(?:\s*[\d.,]+)?|` +
		`[\d.,]+\s+lượt xem|\bA\b|print|in bài)`)
	// A clock: "08:00", "10:55:40 SA".
	clockRE = regexp.MustCompile(`(?i)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(SA|CH|AM|PM))?`)
	// An author's name in capitals closing the article: "TRẦN VĂN LỰC", "MINH TÂM".
	capitalsRE          = regexp.MustCompile(`^\p{Lu}+(?:[ .]+\p{Lu}+){0,4}$`)
	onlyDigitsAndSpaces = regexp.MustCompile(`^[\d\s]+$`)
	// The lead's opening day: "Ngày 25/3/2024, ", "Chiều ngày 05/9/2024, ", "Chiều 15/7/2024, ".
	leadDateRE = regexp.MustCompile(`^(?i)(?:(?:sáng|chiều|tối|trưa)\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}\s*,`)
	// A full date and a clock ending the title's line: "… cấp xã quy mô lớn 12/11/2025 15:29".
	titleDateLineRE = regexp.MustCompile(`\s\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}$`)
	bylineRE        = regexp.MustCompile(`^[\p{Lu}][\p{L} .]{2,60}\s+[–-]\s+\S.{2,80}$`)
)

// CleanText reads the visible text of a portal page: line 1 is the title, then metadata, then
// the body up to "Tin khác". Image blocks ("anh tin bai" and its caption), the photo credit,
// the byline and share links are dropped, so they can neither become directive items nor end a
// list.
func CleanText(text string, loc *time.Location) Page {
	if loc == nil {
		loc = defaultLocation()
	}
	// NFC, so that folded text lines up rune for rune with the original.
	text = strings.ReplaceAll(norm.NFC.String(text), "\r\n", "\n")
	// A date line stands in the page's head: its glued forms are looked for there alone, which
	// spares reading every long page twice more.
	head, rest := text, ""
	if k := nthIndex(text, '\n', headLines); k >= 0 {
		head, rest = text[:k], text[k:]
	}
	if gluedDateRE.MatchString(head) {
		// "Ngày đăng: 25/04/2024Từ ngày 24-27/4…": the date line and the lead are two lines.
		head = gluedDateRE.ReplaceAllString(head, "$1\n$2")
	}
	if clockDateLeadRE.MatchString(head) {
		// "18:05 09/05/2025 Sáng 9-5, tại …": likewise, a space between them.
		head = clockDateLeadRE.ReplaceAllString(head, "$1\n$2")
	}
	text = head + rest
	lines := strings.Split(text, "\n")
	var p Page
	var body []string
	skipCaption := false
	titlePending := false
	// A date line above the title: the page's render date when a date line follows the title,
	// else the article's own, which some portals print first ("23/05/2023" / title / lead).
	var aboveTitle time.Time
	aboveTitleClock := false
	for i, raw := range lines {
		line := unglue(strings.TrimSpace(strings.Map(nbspToSpace, raw)))
		if i == 0 || titlePending {
			// A date line, the weather, a skip link, a menu's entry or a stray mark above the
			// title is chrome; the title is the next line.
			if line != "" && i < headerLines && (isDateLine(line) || !hasLetterOrDigit(line) || strings.Contains(line, "°C") || skipLinkRE.MatchString(line) || menuLine(line)) {
				if t, clock, ok := readDate(line, loc); ok && aboveTitle.IsZero() && !siteClock(line) {
					aboveTitle, aboveTitleClock = t, clock
				}
				titlePending = true
				continue
			}
			if i == 0 || line != "" {
				p.Title, titlePending = line, false
				// The date line glued to the title's end ("… quy mô lớn 12/11/2025 15:29") is
				// the article's, as a date line under the title would be.
				if m := titleDateLineRE.FindStringIndex(line); m != nil {
					if t, clock, ok := readDate(line[m[0]:], loc); ok {
						p.Title, p.Published, p.HasClock = strings.TrimSpace(line[:m[0]]), t, clock
					}
				}
			}
			continue
		}
		if line == "" {
			continue
		}
		lower := strings.ToLower(line)
		switch {
		case line == "Tin khác":
			goto done
		case skipCaption && len(strings.Fields(line)) <= maxCaptionWords:
			skipCaption = false
			continue
		case lower == "anh tin bai":
			skipCaption = true
			continue
		case skipCaption:
			skipCaption = false // longer than a caption: the article goes on ("Tại cuộc họp, các đại biểu …")
		case strings.HasPrefix(line, "Cập nhật:") || isDateLine(line):
			// The page's date line: "Cập nhật: …", "Thứ Hai, 06/11/2024 - 16:45 (GMT+7)",
			// "17:33, 24/04/2024", "10.5.2025". Metadata, never body. The first one near the
			// top is the article's; what came before it was chrome (a menu, the title again).
			// Of two in the header, the page's render date and the article's, the article's is
			// the earlier.
			t, clock, ok := readDate(line, loc)
			switch {
			case !ok:
			case p.Published.IsZero() && len(body) <= headerLines:
				p.Published, p.HasClock = t, clock
				body = body[:0]
			case len(body) == 0 && t.Before(p.Published):
				p.Published, p.HasClock = t, clock
			}
			continue
		case strings.HasPrefix(line, "Lượt xem:"), strings.HasPrefix(line, "Nguồn hình ảnh:"),
			strings.HasPrefix(line, "Chia sẻ:"), onlyDigitsAndSpaces.MatchString(line), !hasLetterOrDigit(line):
			continue // chrome, or a stray "." or "|"
		}
		body = append(body, line)
	}
done:
	if p.Published.IsZero() && !aboveTitle.IsZero() {
		p.Published, p.HasClock = aboveTitle, aboveTitleClock
	}
	// The byline "Name – Unit", or an author's name in capitals, is the last body line.
	if n := len(body); n > 0 && (bylineRE.MatchString(body[n-1]) && !strings.HasSuffix(body[n-1], ".") || capitalsRE.MatchString(body[n-1])) {
		body = body[:n-1]
	}
	// A page that shows no title starts with its lead ("(CTT- Đồng Nai) – Ngày 11-9, Bộ CHQS tỉnh
	// tổ chức khai mạc …."): a first line that is long prose is read as the body's too.
	if leadAsTitle(p.Title) {
		body = append([]string{p.Title}, body...)
	}
	p.Paragraphs = joinWrapped(body)
	// Without a date line the page names no date: a lead that opens with a day ("Ngày
	// 04/02/2020, UBND huyện tổ chức …") dates the article's event, not its publication, which
	// portals often make days later.
	if len(body) > 0 {
		if m := leadDateRE.FindString(dateForms(body[0])); m != "" {
			p.LeadDay, _ = ParseDate(m, loc)
		}
	}
	return p
}

// joinWrapped puts back together the lines of a hard-wrapped page ("- Các cơ quan, đơn vị, địa
// phương được giao nhiệm vụ" / "phải tích cực, chủ động …"): a line that starts with a small
// letter goes on the line before it when that line ends no sentence.
func joinWrapped(body []string) []string {
	out := body[:0]
	for _, line := range body {
		if n := len(out); n > 0 && !endsSentence(out[n-1]) {
			if r, _ := utf8.DecodeRuneInString(line); unicode.IsLower(r) {
				out[n-1] += " " + line
				continue
			}
		}
		out = append(out, line)
	}
	return out
}

func endsSentence(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune(".!?:;…", r)
}

// minLeadWords is the fewest words of a first line that is a lead rather than a title.
const minLeadWords = 25

func leadAsTitle(title string) bool {
	words := len(strings.Fields(title))
	// A lead opens with its day ("Chiều 21-1, Hội đồng … họp …."), which a title does not.
	if strings.HasSuffix(title, ".") && words >= minDatedLeadWords && leadOpeningRE.MatchString(title) {
		return true
	}
	if words < minLeadWords {
		return false
	}
	// A title ends no sentence and holds none: one that does is prose, or a whole article
	// on one line ("… nhập ngũ! Thưa quý vị và các bạn …").
	return strings.HasSuffix(title, ".") || sentenceInsideRE.MatchString(title)
}

// minDatedLeadWords is the fewest words of a first line that opens with its day to be a lead.
const minDatedLeadWords = 12

var (
	sentenceInsideRE = regexp.MustCompile(`\p{Ll}[.!?] \p{Lu}`)
	// "Chiều 21-1, ", "(CTT- Đồng Nai) – Ngày 11-9, ", "Sáng nay (18/12), ".
	// A date, with its clock, glued to the sentence after it: "Ngày đăng: 25/04/2024Từ ngày …",
	// "24/09/2025 08:33Danh mục …".
	gluedDateRE     = regexp.MustCompile(`(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?: \d{1,2}:\d{2}(?::\d{2})?)?)(\p{Lu}\p{Ll})`)
	clockDateLeadRE = regexp.MustCompile(`(?m)^(\d{1,2}:\d{2}(?::\d{2})?\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s+(\p{Lu})`)
	// A page's link for screen readers above the title: "Skip to main content".
	skipLinkRE      = regexp.MustCompile(`(?i)^(skip to (main )?content|chuyển (đến|tới) nội dung( chính)?|bỏ qua nội dung)$`)
	shortYearDateRE = regexp.MustCompile(`\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2}\b`)
	fourDigitYearRE = regexp.MustCompile(`\b(19|20)\d\d\b`)
	leadOpeningRE   = regexp.MustCompile(`^(?i)(?:\([^)]{1,30}\)\s*[-–]?\s*)?(?:(?:sáng|chiều|tối|trưa)\s+)?(?:nay\s+)?(?:ngày\s+)?\(?\d{1,2}\s*[/.-]\s*\d{1,2}`)
)

// menuLine reports whether a line above the title is a menu's entry: a few words in capitals
// ("MENU", "TIN BÀI ĐỌC NHIỀU"). A title in capitals says more.
func menuLine(line string) bool {
	words := strings.Fields(line)
	return len(words) <= 4 && strings.ToUpper(line) == line && strings.ToLower(line) != line
}

// siteClock reports whether a date line above the title is the site's clock: it writes the
// year in two digits ("Thứ ba, 3-2-26 04:11:21", beside the weather), an article's date line
// in four.
func siteClock(line string) bool {
	return shortYearDateRE.MatchString(line) && !fourDigitYearRE.MatchString(line)
}

// headLines is how many of a page's first lines may hold its date line, glued or not.
const headLines = 30

// nthIndex is the index of the n-th c in s, -1 when s holds fewer.
func nthIndex(s string, c byte, n int) int {
	at := -1
	for range n {
		k := strings.IndexByte(s[at+1:], c)
		if k < 0 {
			return -1
		}
		at += 1 + k
	}
	return at
}

// headerLines is how many lines of chrome (a menu, the title again, a sapo) may stand between
// the title and the date line; a date line further down belongs to something else.
const headerLines = 4

// isDateLine reports whether a line is a newsroom's date line: a full date and nothing but
// date-line chrome around it. A body sentence ("Ngày 25/3/2024, UBND thị xã …") has words left.
func isDateLine(line string) bool {
	line = fieldBarRE.ReplaceAllString(line, "|")
	if strings.Contains(line, "|") {
		line = withoutMetadata(line)
	}
	if len(line) > 120 {
		return false
	}
	if strings.Contains(line, "tháng") || strings.Contains(line, "Tháng") {
		line = dateForms(line) // "Hải Phòng, ngày 24 tháng 01 năm 2020"
	}
	loc := dateLineDateRE.FindStringIndex(line)
	if loc == nil {
		return false
	}
	rest := dateLineChromeRE.ReplaceAllString(line[:loc[0]]+" "+line[loc[1]:], " ")
	if loc[0] == 0 && strings.Trim(rest, " 0123456789") == "" {
		return true // "21/02/2024 782 0": the date, then its views and comments counted
	}
	return !hasLetterOrDigit(rest) || bylineBefore(rest)
}

// metadataFieldRE is a field of a page's line of metadata besides its date: "Chuyên mục: Tin
// tức, sự kiện", "Người đăng: Vương Vĩnh Phú", "Số lần xem: 368".
var metadataFieldRE = regexp.MustCompile(`(?i)^\s*(?:chuyên mục|danh mục|người đăng|người viết|người tạo|người cập nhật|tác giả|nguồn|số lần xem|lượt xem|lượt đọc)\s*:`)

// fieldBarRE is a bar drawn between a line's fields as some portals' templates draw it: "Ngày
// đăng: 25-04-2014 <------> Người tạo: Ban Biên Tập <------>".
var fieldBarRE = regexp.MustCompile(`<-{2,}>`)

// withoutMetadata drops from a line of fields split by "|" those that are not its date:
// "Chuyên mục: … | Người đăng: … | Ngày đăng: 19/12/2023 | Số lần xem: 368".
func withoutMetadata(line string) string {
	fields := strings.Split(line, "|")
	kept := fields[:0]
	for _, f := range fields {
		if !metadataFieldRE.MatchString(f) {
			kept = append(kept, f)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "|"))
}

// maxBylineWords is the most words of the names or the place a date line may open with.
const maxBylineWords = 6

// bylineBefore reports whether what a date line holds besides its date and chrome is names or a
// place, each word capitalised: the byline "Quang Vũ - Lại Tuyến 22/12/2023 - 08:23", the
// place of a dated heading "Hải Phòng, ngày 24/01/2020".
func bylineBefore(rest string) bool {
	words := strings.FieldsFunc(rest, func(r rune) bool { return strings.ContainsRune(" ,-–|:•·", r) })
	if len(words) == 0 || len(words) > maxBylineWords {
		return false
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return false
		}
	}
	return true
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// unglue puts back the spaces a page lost between words, where a word of two or more small
// letters runs into a capital followed by a small letter: "tạiTrungtâmVănhóa" → "tại Trungtâm
// Vănhóa", and after a full stop: "kịp thời.Ban tổ chức" → "kịp thời. Ban tổ chức".
// Abbreviations ("ThS", "TTg", "iPhone", "TP.HCM") and capitals ("HĐND") stay as they are.
func unglue(line string) string {
	var b strings.Builder
	lowerRun, stopAfter := 0, 0 // small letters before the current rune, and before a "."
	var prev rune
	changed := false
	for i, r := range line {
		if unicode.IsUpper(r) && (lowerRun >= 2 && unicode.IsLetter(prev) || prev == '.' && stopAfter >= 2) {
			if next, _ := utf8.DecodeRuneInString(line[i+utf8.RuneLen(r):]); unicode.IsLower(next) {
				if !changed {
					b.Grow(len(line) + 8)
					b.WriteString(line[:i])
					changed = true
				}
				b.WriteByte(' ')
			}
		}
		if changed {
			b.WriteRune(r)
		}
		stopAfter = 0
		if r == '.' {
			stopAfter = lowerRun
		}
		switch {
		case unicode.IsLower(r):
			lowerRun++
		default:
			lowerRun = 0
		}
		prev = r
	}
	if !changed {
		return line
	}
	return b.String()
}

func nbspToSpace(r rune) rune {
	if r == '\u00a0' {
		return ' '
	}
	return r
}

// readDate finds the first real day a page's line names, in any form dateForms reads
// ("Thứ Hai, 06/11/2024 - 16:45", "Cập nhật lúc 08:30, 18/8/2024", "10.5.2025", "20/3/24",
// "ngày 25 tháng 3 năm 2024"), with the clock written beside it; "SA"/"CH" are sáng/chiều.
func readDate(line string, loc *time.Location) (t time.Time, clock, ok bool) {
	if loc == nil {
		loc = defaultLocation()
	}
	for _, m := range fullDateRE.FindAllStringSubmatch(dateForms(line), -1) {
		d, mo, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if !valid(y, mo, d) {
			continue // "31/02/2024" is not a day; a later one may be
		}
		h, mi, sec := 0, 0, 0
		if c := clockRE.FindStringSubmatch(line); c != nil {
			h, mi, sec = hour24(atoi(c[1]), c[4]), atoi(c[2]), atoi(c[3])
			clock = h < 24 && mi < 60 && sec < 60
			if !clock {
				h, mi, sec = 0, 0, 0
			}
		}
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc), clock, true
	}
	return time.Time{}, false, false
}

// hour24 reads an hour followed by "SA"/"CH" (sáng/chiều) or "AM"/"PM" on a 24-hour clock.
func hour24(h int, marker string) int {
	switch strings.ToUpper(marker) {
	case "CH", "PM":
		if h < 12 {
			return h + 12
		}
	case "SA", "AM":
		if h == 12 {
			return 0
		}
	}
	return h
}

// ParseDate finds the first Vietnamese date (and time, when written) in s, in loc.
func ParseDate(s string, loc *time.Location) (time.Time, bool) {
	t, _, ok := readDate(s, loc)
	return t, ok
}

func valid(y, m, d int) bool {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
