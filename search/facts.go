package search

import (
	"regexp"
	"slices"
	"strings"
)

// A question that asks for a fact ("bao nhiêu", "ai chủ trì", "ngày nào", "ở đâu") is
// answered only by a sentence that carries that kind of fact. A sentence of the same article
// that shares the question's words but holds no number, no one named or no day answers
// something else: better no answer than a neighbouring one.

var (
	// "bao nhiêu", "số lượng", "mấy người": a count is asked ("máy bay", "máy tính" fold
	// like "mấy" and are not).
	countStrict = regexp.MustCompile(`\b(?:bao nhieu|so luong)\b|\bmay ([a-z]+)`)
	notMay      = map[string]bool{"gio": true, "bay": true, "moc": true, "tinh": true, "thu": true, "in": true, "anh": true, "phat": true, "chu": true, "bom": true, "cay": true}
	// "khi nào", "ngày nào", "bao giờ": a day is asked. ("Lịch", "thời gian" are also said of
	// tasks: "trong thời gian tới".)
	dayStrict = regexp.MustCompile(`\b(?:khi nao|bao gio|luc nao|ngay nao|thang nao|hom nao|ngay may)\b`)
	// "từ ngày nào đến ngày nào", "từ bao giờ đến bao giờ", "kéo dài bao lâu", "mấy ngày".
	spanAsk = regexp.MustCompile(`\b(?:tu (?:ngay nao|bao gio|khi nao) den (?:ngay nao|bao gio|khi nao)|nhung ngay nao|bao lau|keo dai|may ngay|bao nhieu ngay)\b`)
	// "ai chủ trì", "ai phát biểu": someone doing something; "thuộc về ai", "giao cho ai":
	// someone, without the verb.
	whoVerb = regexp.MustCompile(`(?:^|\s)ai (?:da |se |la nguoi |duoc )?([a-z]+)(?: ([a-z]+))?`)
)

// askFacts notes the facts a question asks, from it as typed (raw) and normalised.
func (q *Query) askFacts(raw, norm string) {
	q.AskCount = countAsked(norm)
	if q.AskCount {
		q.CountNoun = countNoun(norm)
		q.CountStatus = countStatus(norm)
		q.AskQuota = strings.Contains(" "+norm+" ", " chi tieu ")
		q.AskMoney = moneyAsk.MatchString(norm)
		if q.AskMoney {
			q.CountNoun = "" // "bao nhiêu tiền": a sum, said in đồng (moneySaid)
		}
		q.AskShare = shareAsk.MatchString(norm)
		q.CountGroup = peopleGroup(norm)
	}
	q.AskSchedule = scheduleAsk.MatchString(norm)
	q.AskDay = dayStrict.MatchString(norm) || q.AskSchedule
	q.Months = monthsAsked(norm)
	q.AskExactDay = exactDay.MatchString(norm)
	if m := docNumberAsk.FindStringSubmatch(norm); m != nil {
		q.AskDocNumber = m[1]
	}
	q.AskSpan = spanAsk.MatchString(norm)
	q.AskWho, q.WhoVerb = whoAsked(raw, norm)
	if q.AskWho && q.WhoVerb == nil {
		q.WhoVerb = holderAsked(norm)
	}
	q.AskGrade = gradeAsk.MatchString(norm)
	if m := labelAsk.FindStringSubmatch(norm); m != nil {
		q.AskLabel = m[1]
	}
	q.AskWinner = winnerAsked(norm)
	q.AskPrize = !q.AskWinner && prizeAsk.MatchString(norm)
	if q.AskWinner {
		q.WhoVerb = nil // "ai đạt hạng nhất": the placing is the fact (carriesWinner)
	}
}

// askedAs gives a rewording of a question with synonyms what the question asks: a rewording is
// folded, so what capitals say (places, names, the "ai" that asks who) is the question's, and
// a synonym of a word of the fact ("trúng tuyển") must not loosen it.
func (q *Query) askedAs(question Query) {
	q.Places, q.Names, q.Units, q.AskWho, q.WhoVerb = question.Places, question.Names, question.Units, question.AskWho, question.WhoVerb
	q.AskCount, q.CountNoun, q.CountStatus, q.AskQuota = question.AskCount, question.CountNoun, question.CountStatus, question.AskQuota
	q.AskDay, q.AskExactDay, q.AskSchedule, q.AskDocNumber = question.AskDay, question.AskExactDay, question.AskSchedule, question.AskDocNumber
	q.AskMoney, q.AskShare, q.CountGroup, q.AskWinner = question.AskMoney, question.AskShare, question.CountGroup, question.AskWinner
	q.AskGrade, q.AskLabel, q.AskPrize = question.AskGrade, question.AskLabel, question.AskPrize
	if len(q.Kinds) == 0 || len(question.Kinds) == 0 {
		// "hội thi" for "hội thao": the rewording asks of the same event; and "công dân nhập
		// ngũ" for "tân binh" names the recruits, not their hand-over.
		q.Kinds = question.Kinds
	}
}

// countAsked reports whether a normalised question asks how many.
func countAsked(norm string) bool {
	for _, m := range countStrict.FindAllStringSubmatch(norm, -1) {
		if m[1] == "" || !notMay[m[1]] {
			return true
		}
	}
	return false
}

// humanNouns are the words that count people, folded: "bao nhiêu người" is answered by "56
// trường hợp", "28 - 30 cán bộ", "2.800 thanh niên".
var humanNouns = []string{"nguoi", "cong dan", "thanh nien", "can bo", "chien si", "van dong vien", "hoc vien",
	"hoc sinh", "sinh vien", "dai bieu", "tan binh", "dan quan", "doi vien", "dong chi", "thi sinh",
	"hoi vien", "doan vien", "tu ve", "luot", "truong hop", "dong vien", "nhan vien", "giao vien",
	"dang vien", "quan nhan", "thanh vien", "chien sy", "lao dong", "tre em", "vdv", "chuc sac"}

// countNoun is the noun a count question counts, folded: "nguoi" when the words after "bao
// nhiêu" name people ("cán bộ", which folds like "cần", among them), else the first of them
// ("doi" of "bao nhiêu đội"), or "" when it names none.
func countNoun(norm string) string {
	if m := countAfter.FindStringSubmatch(norm); m != nil {
		for _, h := range humanNouns {
			if m[1] == h || strings.HasPrefix(m[1], h+" ") {
				return "nguoi"
			}
		}
	}
	// Only what follows "bao nhiêu" is counted: in "bắn bài nào, cự ly bao nhiêu" the "bài"
	// another clause asks for is not.
	m := focusCount.FindStringSubmatch(norm)
	if m == nil || isStop(m[1]) {
		return ""
	}
	head := m[1]
	if notCounted[head] {
		return ""
	}
	return head
}

var countAfter = regexp.MustCompile(`\b(?:bao nhieu|so luong|may) ([a-z ]+)`)

// notCounted are words after "bao nhiêu" that ask a share or a level, said by a bare number:
// "bao nhiêu phần trăm" is answered by "đạt 98,6%"; or a quota, said by those it calls:
// "bao nhiêu chỉ tiêu" by "được giao chỉ tiêu … 4.616 công dân" (quotaSaid).
var notCounted = map[string]bool{"phan": true, "ty": true, "muc": true, "lan": true, "chi": true}

// Which of those counted a count question asks: of the called, those who passed, were exempt,
// volunteered, are called as reserves or for certain. An article on recruits counts each, so
// the number of the called does not say how many passed, nor how many are reserves ("10 công
// dân …; trong đó có 09 công dân chính thức và 01 công dân dự bị").
var (
	countStatuses = regexp.MustCompile(`\b(?:bao nhieu|so luong|may) (?:[a-z]+ ){0,3}?(trung tuyen|dat yeu cau|dat tieu chuan|du suc khoe|dat suc khoe|du dieu kien|tu nguyen|duoc mien|mien|tam hoan|vang mat|tron|khong dat|du bi|du phong|chinh thuc|nhap ngu|nu)\b`)
)

// countStatus is the state of those counted a question asks about ("trung tuyen"), "" when it
// asks none.
func countStatus(norm string) string {
	// "bao nhiêu tân binh là đảng viên": those counted are the ones that are it, whatever
	// else the words before "là" say of them ("thanh niên nhập ngũ … là đảng viên").
	if m := countIsA.FindStringSubmatch(norm); m != nil {
		var words []string
		for _, w := range strings.Fields(m[1]) {
			if isStop(w) || yearTerm.MatchString(w) || notStatus[w] {
				break
			}
			words = append(words, w)
		}
		if len(words) > 0 {
			return strings.Join(words, " ")
		}
	}
	if m := countStatuses.FindStringSubmatch(norm); m != nil {
		return m[1]
	}
	// "bao nhiêu thanh niên thực hiện nghĩa vụ công an nhân dân": those called to the police,
	// not to the army.
	if policeServiceAsked.MatchString(norm) {
		return "cong an"
	}
	return ""
}

// policeServiceAsked counts those called to serve in the police: "bao nhiêu thanh niên thực
// hiện nghĩa vụ công an nhân dân", "mấy công dân tham gia CAND".
var policeServiceAsked = regexp.MustCompile(`\b(?:bao nhieu|so luong|may) (?:[a-z]+ ){0,6}?(?:cong an nhan dan|cand)\b`)

// saysStatus reports whether a normalised row says the state of those counted a question asks:
// the police's service is written in full or as "CAND".
func saysStatus(body, status string) bool {
	if status == "cong an" && strings.Contains(body, " cand ") {
		return true
	}
	// Said of a count, close by: "722 thanh niên đủ điều kiện", not "khám cho 160 thanh niên,
	// qua đó sẽ chọn các thanh niên đủ điều kiện".
	words := strings.Fields(body)
	phrase := strings.Fields(status)
	for i := range words {
		if i+len(phrase) > len(words) || !slices.Equal(words[i:i+len(phrase)], phrase) {
			continue
		}
		from := i
		if status == "cong an" && i >= 2 && words[i-2] == "nghia" && words[i-1] == "vu" {
			from = i - 2 // "46 thanh niên tham gia nghĩa vụ công an nhân dân": the service is the state
		}
		for _, w := range words[max(0, from-statusNear):min(len(words), i+len(phrase)+statusNear)] {
			if isNumber(w) && !yearTerm.MatchString(w) || numberWords[w] {
				return true
			}
		}
	}
	return false
}

// statusNear is how many words from its count a state of those counted may be said: "có 04
// thanh niên là đảng viên", "đủ điều kiện sức khỏe: 722".
const statusNear = 6

var (
	countIsA = regexp.MustCompile(`\b(?:bao nhieu|so luong|may) (?:[a-z0-9]+ ){1,8}?la ((?:[a-z]+)(?: [a-z]+)?)`)
	// Words after "là" that end what those counted are: "là đảng viên năm 2026"; or say it is
	// the count that is asked: "số lượng tân binh năm 2025 là bao nhiêu".
	notStatus = map[string]bool{"nam": true, "thang": true, "ngay": true, "tai": true, "tren": true, "bao": true, "may": true}
)

// asksWho reports whether an "ai" of a question is the question word: not the first word of a
// name, capitalised after a place's unit or before another capitalised word ("thị trấn Ai
// Nghia" typed without diacritics).
func asksWho(raw string) bool {
	words := rawWords(raw)
	for i, w := range words {
		if w.folded != "ai" {
			continue
		}
		name := i > 0 && placeUnitWord[words[i-1].folded] || w.capital && i+1 < len(words) && words[i+1].capital && !w.stopping
		if !name {
			return true
		}
	}
	return false
}

var rawAi = regexp.MustCompile(`(?i)(?:^|[^\p{L}])ai(?:[^\p{L}]|$)`)

// whoAsked returns whether a normalised question asks who, and the verb asked of them ("chu
// tri" of "ai chủ trì hội nghị"), nil when "ai" is the object: "giải nhất thuộc về ai".
// raw is the question as typed: "Ái Nghĩa", "biên ải" fold like "ai" and do not ask.
func whoAsked(raw, norm string) (bool, []string) {
	if !rawAi.MatchString(raw) || strings.Contains(norm, "nhung ai") || !asksWho(raw) {
		return false, nil
	}
	if r := whoRole.FindStringSubmatch(norm); r != nil {
		// "ai là chỉ huy trưởng …": the office, said of a person.
		var role []string
		for _, w := range strings.Fields(r[1]) {
			if isStop(w) || yearTerm.MatchString(w) || len(role) == 3 {
				break
			}
			role = append(role, w)
		}
		if len(role) > 0 {
			return true, append([]string{roleMark}, role...)
		}
	}
	m := whoVerb.FindStringSubmatch(norm)
	if m == nil {
		return true, nil
	}
	verb := []string{m[1]}
	if m[2] != "" && !isStop(m[2]) && !yearTerm.MatchString(m[2]) && !verbObjects[m[2]] {
		verb = append(verb, m[2])
	}
	if isStop(m[1]) {
		return true, nil
	}
	return true, verb
}

// whoRole is "ai là <office>"; roleMark marks the words of WhoVerb as an office, which only a
// person named holds.
var whoRole = regexp.MustCompile(`(?:^|\s)ai (?:hien )?la (?:nguoi )?([a-z0-9 ]+)`)

const roleMark = "="

// verbObjects are first words of what a one-syllable verb acts on: "ai dự hội nghị" asks who
// attended ("dự"), said as "dự và chỉ đạo hội nghị".
var verbObjects = map[string]bool{"hoi": true, "le": true, "buoi": true, "cuoc": true, "lop": true, "giai": true,
	"doan": true, "chuong": true, "tong": true, "dien": true, "ban": true, "ky": true, "dot": true}

// A unit that can be the one who acts: "UBND xã tổ chức", "Ban Chỉ huy … chủ trì", "Đoàn
// xã An Thành".
var unitWords = regexp.MustCompile(` (?:uy ban|ban chi huy|bo chi huy|hoi dong|cong an|dang uy|huyen uy|tinh uy|thanh uy|trung doan|su doan|lu doan|ban to chuc|ban chi dao|doan (?:xa|phuong|thi tran|huyen|thanh nien|truong)|so [a-z]+ (?:va|tinh)|phong [a-z]+ (?:va|huyen)) `)

// carriesWho reports whether a normalised row names someone, a person by rank or office or a
// unit, and, when a verb is asked, says it; when an office is asked ("ai là chỉ huy trưởng"),
// a person holding it.
func carriesWho(body string, verb []string) bool {
	if len(verb) > 0 && verb[0] == roleMark {
		// "Phó Chỉ huy trưởng" holds another office than "Chỉ huy trưởng".
		role := " " + strings.Join(verb[1:], " ") + " "
		if strings.Contains(body, " pho"+role) && !strings.Contains(strings.ReplaceAll(body, " pho"+role, " "), role) {
			return false
		}
		return hasPhrase(body, verb[1:]) && (personWords.MatchString(body) || ranks.MatchString(body))
	}
	if len(verb) > 0 && !hasPhrase(body, verb) && !slices.ContainsFunc(sameDoing[strings.Join(verb, " ")], func(v string) bool { return strings.Contains(body, " "+v+" ") }) {
		return false
	}
	return personWords.MatchString(body) || ranks.MatchString(body) || unitWords.MatchString(body)
}

// sameDoing are verbs whose doer answers "ai <verb>" as well: who opens or hosts a drill
// organises it ("Ban chỉ đạo diễn tập thị xã khai mạc diễn tập …"), and who is present attends.
var sameDoing = map[string][]string{"to chuc": {"khai mac", "dang cai"},
	// Who attended is said many ways: "Có mặt tại buổi diễn tập có đồng chí …", "Tham dự có …".
	"du": {"co mat", "tham du", "den du"}, "tham du": {"co mat", "du", "den du"}}

// ranks and offices beyond those the ranking weighs (personWords); "đ/c" is "đồng chí", and
// "lãnh đạo Hội Chữ thập đỏ huyện", "đại diện …" say who did it as well.
var ranks = regexp.MustCompile(` (?:d c|lanh dao|dai dien|cong chuc|dan quan|chien si|van dong vien|tan binh|hoc vien|thieu uy|trung uy|thuong uy|thieu tuong|trung tuong|thuong tuong|dai tuong|chinh uy|chinh tri vien|tham muu truong|truong phong|pho giam doc|tu lenh|cuc truong|hieu truong|trung doan truong|chi huy pho|pho chi huy truong|truong cong an|bi thu) `)

var exactDay = regexp.MustCompile(`\b(?:ngay nao|ngay may|hom nao)\b`)

// carriesFact reports whether a normalised row (padded) carries each fact the question asks.
func carriesFact(q Query, body string) bool {
	switch {
	case q.AskCount && !countOfYear(q, body):
		return false
	case q.AskCount && !carriesCount(body, q.CountNoun),
		q.AskCount && !countOfGroup(body, q.CountGroup),
		q.AskQuota && q.CountNoun == "" && !quotaSaid(body),
		q.AskMoney && !moneySaid.MatchString(body),
		q.AskShare && !strings.Contains(body, " phan tram "), // "98,6%", read "phần trăm"
		q.AskWinner && !carriesWinner(body),
		q.AskPrize && !placing.MatchString(body),
		q.AskGrade && !gradeSaid.MatchString(withoutCommendations(body)),
		q.AskLabel != "" && !strings.Contains(body, " "+q.AskLabel+" "),
		q.CountStatus != "" && !saysStatus(body, q.CountStatus),
		q.AskQuota && !strings.Contains(body, " chi tieu ") && !strings.Contains(body, " duoc giao ") && !strings.Contains(body, " giao quan "),
		q.AskDay && !saysWhenAsked(q, withoutShares(body)), // "2,5%" reads "2 5", no 2 May
		q.AskDay && !ofMonths(body, q.Months),
		q.AskDocNumber != "" && !numbersDocument(body, q.AskDocNumber),
		!q.AskDay && !ofQuarters(body, q.Months),
		q.AskExactDay && !exactDayWords.MatchString(body),
		q.AskWho && !carriesWho(body, q.WhoVerb):
		return false
	}
	return true
}

// countOfYear reports whether a row's count can be of the year a question asks: a sentence
// that names another year ("năm 2023") counts for it, so "năm 2023 … bàn giao 37 tân binh" does not say how many
// were handed over in 2024, whatever its article's title says.
func countOfYear(q Query, body string) bool {
	asked := false
	for _, t := range q.Terms {
		if yearTerm.MatchString(t) {
			asked = true
			if strings.Contains(body, " "+t+" ") {
				return true
			}
		}
	}
	if !asked {
		return true
	}
	// "năm 2023" binds the sentence to its year; a date's year ("khám ngày 12/11/2024" for
	// the recruits of 2025) does not.
	words := strings.Fields(body)
	for i := 1; i < len(words); i++ {
		if words[i-1] == "nam" && yearTerm.MatchString(words[i]) {
			return false
		}
	}
	return true
}

var (
	// "tháng 5": a month, as a question about a day names it and as a row says it.
	monthRE = regexp.MustCompile(`\bthang (\d{1,2})\b`)
	// "quý III": the quarter a question about a day names.
	quarterAskedRE = regexp.MustCompile(`\bquy (i|ii|iii|iv|1|2|3|4)\b`)
	quarters       = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
)

// monthsAsked lists the months a normalised question about a day names, by number or by
// quarter; nil when it names none.
func monthsAsked(norm string) []int {
	var out []int
	for _, m := range monthRE.FindAllStringSubmatch(norm, -1) {
		if n := atoi(m[1]); n >= 1 && n <= 12 {
			out = append(out, n)
		}
	}
	for _, m := range quarterAskedRE.FindAllStringSubmatch(norm, -1) {
		q := quarters[m[1]]
		out = append(out, 3*q-2, 3*q-1, 3*q)
	}
	return out
}

// ofQuarters reports whether the quarters a row names ("Trong quý I/2022, … 38 lượt") can be
// of the months a question asks ("trong quý 2 năm 2022"); a row that names none may be.
func ofQuarters(body string, months []int) bool {
	if len(months) == 0 || !strings.Contains(body, " quy ") {
		return true
	}
	said := quarterAskedRE.FindAllStringSubmatch(body, -1)
	for _, m := range said {
		q := quarters[m[1]]
		if slices.ContainsFunc(months, func(mo int) bool { return (mo+2)/3 == q }) {
			return true
		}
	}
	return len(said) == 0
}

// ofMonths reports whether a row's days can be in the months asked: "giao ban tháng 5 ngày
// nào" is not answered by "Chiều 25-4", nor "quý III" by "Ngày 23/6". The row's days decide;
// without one, the months it names; a row that names neither may still say it.
func ofMonths(body string, months []int) bool {
	if len(months) == 0 {
		return true
	}
	said := false
	for _, m := range dayPairs.FindAllString(body, -1) {
		day, month, _ := strings.Cut(m, " ")
		if mo := atoi(month); isDayOfMonth(atoi(day), mo) {
			said = true
			if slices.Contains(months, mo) {
				return true
			}
		}
	}
	if said {
		return false
	}
	for _, m := range monthRE.FindAllStringSubmatch(body, -1) {
		said = true
		if slices.Contains(months, atoi(m[1])) {
			return true
		}
	}
	return !said
}

// docNumberAsk asks the number of a kind of document: "chỉ thị … có số hiệu là gì", "kế
// hoạch … số mấy" ("số nào" folds like "sở nào", which department).
var docNumberAsk = regexp.MustCompile(`\b(chi thi|quyet dinh|nghi quyet|thong tu|ke hoach|cong van|huong dan|nghi dinh)\b.*\b(?:so hieu|so may|so bao nhieu|ky hieu)\b`)

// numbersDocument reports whether a normalised row (padded) gives a document of a kind with its
// number: "chỉ thị số 13/CT-UBND".
func numbersDocument(body, kind string) bool {
	return anyAt(body, " "+kind+" ", func(at int) bool {
		rest := strings.TrimPrefix(body[at+len(kind)+2:], "so ")
		return rest != "" && isDigit(rest[0])
	})
}
