package search

import (
	"regexp"
	"slices"
	"strings"

	"github.com/loa-vn/loa"
)

// Which of a row's days say when the event asked happens: not the years an anniversary
// remembers, a document's signing, a place or a holiday named after a day, the meeting that
// plans the event, the other end of it, nor another event's.

// withoutAnniversaries drops from a normalised row the span of years an anniversary names
// ("kỷ niệm 81 năm Ngày thành lập QĐND (22.12.1944 – 22.12.2025)"): the same day of two
// years is the day remembered, not the day of what the sentence reports.
func withoutAnniversaries(body string) string {
	// Two dates with their years hold at least twelve digits; most sentences have fewer, and
	// need not be split into words.
	digits := 0
	for i := 0; i < len(body) && digits < 12; i++ {
		if isDigit(body[i]) {
			digits++
		}
	}
	if digits < 12 {
		return body
	}
	words := strings.Fields(body)
	changed := false
	for i := 0; i+5 < len(words); i++ {
		a, b := words[i:i+3], words[i+3:i+6]
		if isNumber(a[0]) && isNumber(a[1]) && len(a[2]) == 4 && isNumber(a[2]) && len(b[2]) == 4 && isNumber(b[2]) &&
			atoi(a[0]) == atoi(b[0]) && atoi(a[1]) == atoi(b[1]) && a[2] != b[2] {
			for k := i; k < i+6; k++ {
				words[k] = "_"
			}
			changed = true
			i += 5
		}
	}
	if !changed {
		return body
	}
	return " " + strings.Join(words, " ") + " "
}

// documentDate is a document's number and the day it was signed ("Quyết định số 119/QĐ-UBND,
// ngày 13 tháng 02 năm 2026"), normalised: its day is no event's.
var documentDate = regexp.MustCompile(`\b(?:` + strings.Join(documentKinds, "|") + `)(?: so)? \d+(?: [a-z0-9]+){0,8}? ngay \d{1,2}(?: thang)? \d{1,2}(?: nam)? \d{4}\b`)

var documentKinds = []string{"quyet dinh", "ke hoach", "cong van", "thong tu", "nghi dinh", "nghi quyet", "chi thi", "huong dan", "thong bao", "to trinh", "bao cao"}

// numberedDocuments are a document's kind as its number follows it: " quyet dinh ", " quyet dinh so ".
var numberedDocuments = padded(documentKinds, " ", " so ")

// withoutDocumentDates drops from a normalised row the days its documents were signed. A row
// that numbers no document is spared the expression's scan.
func withoutDocumentDates(body string) string {
	if !strings.Contains(body, " ngay ") || !slices.ContainsFunc(numberedDocuments, func(k string) bool { return numberAfter(body, k) }) {
		return body
	}
	return documentDate.ReplaceAllString(body, "_")
}

// namedDate is a day that names a place or a holiday, normalised: "Sân vận động 14 tháng 8",
// "Quảng trường 3/2", "đường 30/4", "Quốc tế lao động 01/5". It is no day of what happens
// there or then.
var namedDate = regexp.MustCompile(`\b(` + strings.Join(dateNamers, "|") + `) \d{1,2}(?: thang)? \d{1,2}\b`)

var dateNamers = []string{"san van dong", "quang truong", "cong vien", "nha thi dau", "duong", "cau",
	"quoc te lao dong", "quoc khanh", "thong nhat dat nuoc", "quan doi nhan dan viet nam"}

var paddedDateNamers = padded(dateNamers, " ")

// padded is each phrase between a space and each of the endings.
func padded(phrases []string, endings ...string) []string {
	var out []string
	for _, p := range phrases {
		for _, e := range endings {
			out = append(out, " "+p+e)
		}
	}
	return out
}

// withoutNamedDates drops from a normalised row the days that name places and holidays. Most
// rows name none of them, and are spared the expression's scan.
func withoutNamedDates(body string) string {
	if !slices.ContainsFunc(paddedDateNamers, func(n string) bool { return numberAfter(body, n) }) {
		return body
	}
	return namedDate.ReplaceAllString(body, "$1 _")
}

// numberAfter reports whether a padded word is followed by a number somewhere in text.
func numberAfter(text, word string) bool {
	return followedSomewhere(text, word, func(rest string) bool { return rest != "" && isDigit(rest[0]) })
}

// followedSomewhere reports whether what follows one of word's occurrences in text passes ok.
func followedSomewhere(text, word string, ok func(rest string) bool) bool {
	return anyAt(text, word, func(at int) bool { return ok(text[at+len(word):]) })
}

// meetingWords name a meeting, normalised; "họp" alone folds like "hợp" of "phối hợp".
var meetingWords = []string{" hoi nghi ", " cuoc hop ", " hop trien khai ", " hop thong nhat ", " hop ban "}

// plansIt reports whether a row's day is of a meeting about the event asked, not the event's:
// "Ngày 07/6, UBND huyện tổ chức cuộc họp Tiểu ban nội dung diễn tập" does not say when the
// drill is. A row that names two days may say both, and a day said after the meeting is of
// what it planned.
func plansIt(q Query, body string) bool {
	kinds := q.Kinds
	if len(kinds) == 0 || slices.Contains(kinds, loa.EventMeeting) || slices.Contains(q.Terms, "hop") {
		return false // a meeting asked ("họp hiệp đồng … ngày nào")
	}
	at, word := -1, 0
	for _, m := range meetingWords {
		if i := strings.Index(body, m); i >= 0 && (at < 0 || i < at) {
			at, word = i, len(m)-1
		}
	}
	if at < 0 || strings.Contains(body, " den ngay ") || len(dayPairs.FindAllStringIndex(body, 2)) > 1 {
		return false // no meeting, or days of a span
	}
	if day := dayPairs.FindStringIndex(body); day == nil || day[0] > at {
		return false // the day comes after the meeting: said of what it planned
	}
	for _, k := range kinds {
		for _, p := range eventKinds[k] {
			if i := strings.Index(body[at:], " "+p+" "); i >= 0 {
				// "hội nghị triển khai ý định diễn tập": a question that says "triển khai ý
				// định" asks the meeting's own day.
				return i >= word && !namesMeeting(q, body[at+word:at+i+1])
			}
		}
	}
	return false
}

// namesMeeting reports whether a question says one of the words a row gives a meeting between
// "hội nghị" and the event it plans ("hội" of "hội thi" is not one).
func namesMeeting(q Query, meeting string) bool {
	for _, t := range q.Terms {
		if len(t) > 2 && !eventFillers[t] && !yearTerm.MatchString(t) && strings.Contains(meeting, " "+t+" ") {
			return true
		}
	}
	return false
}

// The two ends of a contest or a course: a question about its opening is not answered by
// the day it closed ("bế mạc Hội thi … năm 2021"), nor the other way round.
var (
	openingWords = []string{" khai mac ", " khai giang ", " bat dau "}
	closingWords = []string{" be mac ", " be giang ", " ket thuc "}
)

// otherEnd reports whether a question asks one end of an event and a row says only the other.
func otherEnd(question, body string) bool {
	says := func(text string, words []string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(text, w) })
	}
	opening, closing := says(question, openingWords), says(question, closingWords)
	return opening && !closing && says(body, closingWords) && !says(body, openingWords) ||
		closing && !opening && says(body, openingWords) && !says(body, closingWords)
}

// dayPairs are days written as day and month: "07 6", "30 6 2021".
var dayPairs = regexp.MustCompile(`\b\d{1,2} \d{1,2}\b`)

// otherEvent reports whether a row's own words name only events other than those asked: its
// day ("Ngày 4/4, các xã … ra quân huấn luyện dân quân") is theirs, whatever the article's
// title says.
func otherEvent(kinds []string, body string) bool {
	if len(kinds) == 0 {
		return false
	}
	if k := strings.Index(body, " mon "); k >= 0 {
		body = body[:k+1] // "tranh tài ở các môn: …, huấn luyện thể lực": the disciplines are no events
	}
	other := false
	for kind, phrases := range eventKinds {
		if kind == loa.EventShootingContest && slices.Contains(kinds, loa.EventSportsContest) {
			continue // shooting is one of a sports contest's events: "các môn: …, bắn súng"
		}
		for _, p := range phrases {
			if !saysKind(body, p) {
				continue
			}
			for _, k := range kinds {
				if k == kind {
					return false
				}
			}
			other = true
		}
	}
	return other
}

// spanSaid is how long something lasts, normalised: "từ ngày 16 đến 25/11", "từ 7-9/5",
// "26/11-28/11/2019", "trong 3 ngày", "kéo dài 12 ngày", "không quá 25 phút".
var spanSaid = regexp.MustCompile(`\b(?:den (?:het )?(?:ngay )?\d|\d{1,2} \d{1,2} \d{1,2}\b|\d+ (?:ngay|tuan|thang|phut|gio)\b)`)

// saysSpan reports whether a normalised row says when something starts and ends, or how long
// it lasts.
func saysSpan(body string) bool { return spanSaid.MatchString(body) }

// roughDays are the times a "khi nào" is also answered by, normalised: "quý II", "tuần đầu",
// "sáng nay"; a quarter may also be a digit ("quý 3"). ("Ngày nào" asks a day: they do not
// answer it.)
var roughDays = []string{" quy i ", " quy ii ", " quy iii ", " quy iv ", " tuan thu ", " tuan dau ", " tuan cuoi ",
	" sang nay ", " chieu nay ", " toi nay ", " hom nay "}

// saysRoughDay reports whether a normalised row says roughly when ("quý II", "sáng nay").
// It is written out, not an expression: a when-question tests every candidate row with it.
func saysRoughDay(body string) bool {
	if slices.ContainsFunc(roughDays, func(p string) bool { return strings.Contains(body, p) }) {
		return true
	}
	// "quý 3"
	return followedSomewhere(body, " quy ", func(rest string) bool { return len(rest) > 1 && isDigit(rest[0]) && rest[1] == ' ' })
}

// saysWhenAsked reports whether a normalised row says a day, or roughly when where the question
// does not ask the day itself.
func saysWhenAsked(q Query, body string) bool {
	return saysDay(body) || !q.AskExactDay && saysRoughDay(body) || q.AskSchedule && saysHour(body)
}

// saysHour reports whether a normalised row says an hour ("từ 19 giờ đến 23 giờ"), which a
// schedule's shifts are given by.
func saysHour(body string) bool {
	return hourBefore.MatchString(body)
}

var hourBefore = regexp.MustCompile(` \d{1,2} gio `)
