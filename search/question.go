package search

import (
	"regexp"
	"slices"
	"strings"

	"github.com/loa-vn/loa"
)

// Whom a question asks about, in the ways officials ask: "X phải làm gì", "nhiệm vụ của X",
// "A đề nghị X làm gì", "X được yêu cầu gì". Tried in order; the first that names someone wins.
var addresseeAsk = []*regexp.Regexp{
	// "Công an huyện yêu cầu cán bộ chiến sĩ làm gì": the one asked, not the one asking.
	regexp.MustCompile(`\b(?:de nghi|yeu cau|chi dao|giao cho|phan cong cho)\s+(.+?)\s+(?:phai\s+)?(?:lam gi|lam nhung gi|thuc hien (?:nhung )?gi|lam the nao|nhung gi|gi)\b`),
	regexp.MustCompile(`^(.+?)\s+(?:phai|can|co)\s+(?:lam gi|lam nhung gi|thuc hien gi|nhiem vu gi|lam)\b`),
	regexp.MustCompile(`^(.+?)\s+(?:phai|can)\s+(\S+)`),
	regexp.MustCompile(`^(.+?)\s+(?:duoc (?:giao|yeu cau|de nghi|chi dao|phan cong)|co nhiem vu)\b`),
	regexp.MustCompile(`\bnhiem vu\b.*?\b(?:cua|doi voi|giao cho)\s+(.+?)(?:\s+(?:la gi|la nhung gi|gom nhung gi|gom gi|gi))?$`),
	regexp.MustCompile(`\b(?:giao cho|doi voi|yeu cau)\s+(.+?)(?:\s+(?:nhung gi|gi|the nao))?$`),
}

// openingClause is a question's first clause when it says when or where, set off by a comma:
// "Trong đợt cao điểm tấn công tội phạm, Công an xã có nhiệm vụ gì?".
var openingClause = regexp.MustCompile(`(?i)^\s*(?:trong|khi|sau|trước|tại|nhân dịp|dịp)\s[^,]*,\s*`)

// withoutOpening drops a question's opening clause of when or where: whom it asks about
// follows it.
func withoutOpening(question string) string {
	if !strings.Contains(question, ",") {
		return question
	}
	if rest := openingClause.ReplaceAllString(question, ""); strings.TrimSpace(rest) != "" {
		return rest
	}
	return question
}

// askedAddressee returns the words of whom a normalised question asks about, nil when none.
func askedAddressee(norm string) []string {
	for _, re := range addresseeAsk {
		m := re.FindStringSubmatch(norm)
		if m == nil || len(m) > 2 && m[2] == "bo" {
			continue // "cán bộ", not "cần"
		}
		var out []string
		for _, w := range Words(m[1]) {
			if !isStop(w) {
				out = append(out, w)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

var (
	// A venue: "tại nhà văn hoá thôn Ô Mễ", "ở Trung tâm …".
	venueWords = regexp.MustCompile(`\b(?:tai|o) ([a-z]+)(?: ([a-z]+))?`)
	// Words after "tại", "ở" that name an occasion or no place: "tại hội nghị", "tại buổi lễ".
	notVenues = map[string]bool{"hoi": true, "buoi": true, "cuoc": true, "day": true, "le": true, "dot": true, "ky": true, "cac": true,
		// "tai nạn", "ở nội dung", "tại chỗ", "ở mức", "ở giai đoạn", "ở nhiều", "ở mọi"
		"nan": true, "noi": true, "cho": true, "muc": true, "giai": true, "nhieu": true, "moi": true, "tat": true, "nhung": true,
		// "tại lớp tập huấn", "tại khóa học": the course, not where it is
		"lop": true, "khoa": true,
		// "ở phần diễn tập", "ở từng đơn vị", "bắn ở tư thế nằm", "thời gian tại ngũ": a part,
		// each of many, a stance, service
		"phan": true, "tung": true, "tu": true, "ngu": true,
		// "tài" folds like "tại": "Sở Tài chính", "tài liệu", "tài nguyên", "tài
		// khoản", "tài trợ", "tài năng", "tài xế", "thi tranh tài tại …", "so tài ở …" ("tài sản"
		// folds like "tại sân", a venue)
		"chinh": true, "lieu": true, "nguyen": true, "khoan": true, "tro": true, "nang": true, "xe": true, "tai": true, "o": true,
		// "thực hiện tốt nhiệm vụ tại đơn vị", "tại địa phương": wherever one serves
		"don": true, "dia": true}
	// Fillers of a question about time spans: "kéo dài từ bao giờ", "trong bao lâu".
	spanFillers = regexp.MustCompile(`\b(keo dai|bao lau)\b`)
)

// fieldVenue is a venue said with "trên": "trên các sân của Bộ CHQS tỉnh", "trên thao trường".
var fieldVenue = regexp.MustCompile(`\btren (?:cac )?(?:san|thao truong|bai tap)\b`)

// saysWhere reports whether a row names a venue.
func saysWhere(body string) bool { return saysWhereBut(body, nil) }

// saysWhereBut is saysWhere, where the places a question names, as it names them ("huyen kien
// thuy", or "kien thuy" without a unit), are no venue of theirs: "Lễ giao nhận quân … huyện
// Kiến Thụy ở đâu?" is not answered by "… tại huyện Kiến Thụy", but "Biên phòng Lai Châu … ở
// đâu?" is by "tại thành phố Lai Châu".
func saysWhereBut(body string, asked []string) bool {
	if fieldVenue.MatchString(body) {
		return true
	}
	body = strings.ReplaceAll(body, "mang tai san", "mang") // "tính mạng, tài sản" of the people, no "tại sân"
	for _, at := range venueWords.FindAllStringSubmatchIndex(body, -1) {
		m := submatches(body, at)
		if notVenues[m[1]] && !(m[1] == "hoi" && m[2] == "truong") { // "tại hội trường", not "tại hội nghị"
			continue
		}
		if venue := body[at[2]:] + " "; slices.ContainsFunc(asked, func(p string) bool { return strings.HasPrefix(venue, p+" ") }) {
			continue
		}
		return true
	}
	return false
}

// Units of the country's administration that precede a name: "xã Nội Bài", "huyện Vạn
// Ninh", "tỉnh Bình Dương". ("quận" folds like "quân", so it is left out.)
var placeNamed = regexp.MustCompile(`\b(?:xa|phuong|huyen|tinh|thi xa|thanh pho|thi tran) ([a-z]+)(?: ([a-z]+))?`)

// notPlaceNames are words that follow those units without naming one: "các xã, phường",
// and the words that fold like them: "tình hình", "tinh thần", "phương án", "xã hội".
var notPlaceNames = map[string]bool{"phuong": true, "xa": true, "huyen": true, "tinh": true, "thi": true, "thanh": true,
	"hinh": true, "than": true, "hoi": true, "uy": true, "doi": true, "nha": true, "trong": true, "ngoai": true,
	"va": true, "cac": true, "nay": true, "do": true, "an": true, "tien": true, "huong": true, "cham": true, "thuc": true,
	"phap": true, "chat": true, "nguyen": true, "trang": true, "gon": true, "cam": true, "yeu": true}

// afterUnit are the words of grammar that follow a unit's noun as often as a name does:
// "huyện của đồng chí …" names no ward Cửa Đông.
var afterUnit = map[string]bool{"cua": true, "la": true, "va": true, "co": true, "o": true, "tai": true, "voi": true,
	"cho": true, "da": true, "duoc": true, "se": true, "dang": true, "cung": true, "nay": true, "do": true, "thi": true}

// namedPlaces lists the places a normalised question names, each as the words a row must
// hold: "van ninh" for "huyện Vạn Ninh". A place's name is its next two words, or one when
// the second is a word of the question's grammar.
func namedPlaces(norm string) []string { return namedPlacesKnown(norm, nil) }

// namedPlacesKnown is namedPlaces, also reading a name whose first word is a word of the
// question's grammar when known says the list knows it: "huyen lam binh" is Lâm Bình.
func namedPlacesKnown(norm string, known func(name string) bool) []string {
	var out []string
	for _, at := range placeNamed.FindAllStringSubmatchIndex(norm, -1) {
		if strings.HasSuffix(norm[:at[0]], "dia ") {
			continue // "địa phương điều gì": "địa phương" is no ward
		}
		m := submatches(norm, at)
		if timeWord[m[1]] && m[2] == "" && digitAfter(norm[at[3]:], " ") {
			continue // "cấp xã năm 2019": a year, not a commune named Nam
		}
		if unitNamed(m) {
			// "xã Phương Linh", "xã Thanh Hòa": a name whose first word folds like a unit's.
			out = append(out, m[1]+" "+m[2])
			continue
		}
		if known != nil && m[2] != "" && isStop(m[1]) && !afterUnit[m[1]] && known(m[1]+" "+m[2]) {
			out = append(out, m[1]+" "+m[2])
			continue
		}
		if isStop(m[1]) || notPlaceNames[m[1]] || m[2] == "ra" {
			continue // "thành phố diễn ra": no place's name goes on with "ra"
		}
		if unitsOwnBody(strings.TrimSpace(norm[at[0]:at[2]]), m[1]) {
			continue // "Huyện đoàn Tây Sơn": the district's Youth Union
		}
		name := m[1]
		// "thành phố Huế lúc nào": a second word the question asks with ("lúc nào") is no name's.
		if m[2] != "" && !isStop(m[2]) && !notPlaceNames[m[2]] && !placeUnit[m[2]] && !strings.HasPrefix(norm[at[5]:], " nao") {
			name += " " + m[2]
		}
		out = append(out, name)
	}
	return out
}

// submatches gives the texts of a match's groups from their indices; "" for a group not matched.
func submatches(s string, at []int) []string {
	out := make([]string, len(at)/2)
	for i := range out {
		if at[2*i] >= 0 {
			out[i] = s[at[2*i]:at[2*i+1]]
		}
	}
	return out
}

// unitNamed reports whether a place's name opens with a word that folds like a unit ("phuong",
// "thanh") and goes on with a word of a name: "phuong linh", not "phuong thi" of "các xã,
// phường, thị trấn" nor "thanh pho".
func unitNamed(m []string) bool {
	if m[1] != "phuong" && m[1] != "thanh" || m[2] == "" {
		return false
	}
	return !isStop(m[2]) && !notPlaceNames[m[2]] && !placeUnit[m[2]] && m[2] != "pho" && m[2] != "vien" && m[2] != "lap" && m[2] != "cong" && m[2] != "tich"
}

// timeWord are words that, before a number, say when: "năm 2019", "ngày 5", "tháng 3".
var timeWord = map[string]bool{"nam": true, "ngay": true, "thang": true}

var placeUnit = map[string]bool{"nam": true, "ngay": true, "thang": true, "dien": true, "to": true, "kham": true, "tong": true,
	"hoc": true, "duoc": true, "tham": true, "phai": true, "can": true, "tap": true}

// namesEach reports whether a row, its addressee or its article's title and lead says each of
// the names: the places a question names ("huyện Vạn Ninh"), or its numbered units ("khu vực 3").
func namesEach(names []string, r rowText) bool {
	for _, p := range names {
		p = " " + p + " "
		if !strings.Contains(r.body, p) && !strings.Contains(r.title, p) && !strings.Contains(r.addressee, p) {
			return false
		}
	}
	return true
}

// rowText is a row's texts padded with spaces, for whole-word matching.
type rowText struct{ body, addressee, title string }

// saysDay reports whether a normalised row says a day, which "khi nào" asks for (a year alone,
// "năm 2026", does not say when): "ngay 5", "15 3" (15/3), "thang 7",
// "thuong tuan", "trung tuan", "ha tuan", "dau thang", "cuoi thang", each starting a word.
// It is written out rather than as an expression because the expression scanned every row
// that says no day to its end, about 12 µs for a long sentence: most of an answer's time when
// 200 candidates are weighed. FuzzDayTests holds it to the expression it replaces.
func saysDay(body string) bool {
	for i := 0; i < len(body); i++ {
		if !isWordByte(body[i]) || i > 0 && isWordByte(body[i-1]) {
			continue // not the start of a word
		}
		rest := body[i:]
		switch {
		case (strings.HasPrefix(rest, "ngay ") || strings.HasPrefix(rest, "thang ")) && digitAfter(rest, " "),
			strings.HasPrefix(rest, "thuong tuan"), strings.HasPrefix(rest, "trung tuan"), strings.HasPrefix(rest, "ha tuan"),
			strings.HasPrefix(rest, "dau thang"), strings.HasPrefix(rest, "cuoi thang"),
			dayAndMonth(rest):
			return true
		}
	}
	return false
}

// digitAfter reports whether a digit follows the first sep in s.
func digitAfter(s, sep string) bool {
	k := strings.Index(s, sep) + len(sep)
	return k < len(s) && isDigit(s[k])
}

// dayAndMonth reports whether s starts with a day (1–31), a space, and a month (1–12) that
// ends a word: "15 3", "04 12"; not "65 70" of "65/70 học viên".
func dayAndMonth(s string) bool {
	n := leadingDigits(s, 2)
	if n == 0 || n >= len(s) || s[n] != ' ' {
		return false
	}
	rest := s[n+1:]
	m := leadingDigits(rest, 2)
	for k := m; k > 0; k-- { // "15 123": "12" does not end a word, nor "1"
		if k == len(rest) || !isWordByte(rest[k]) {
			return isDayOfMonth(atoi(s[:n]), atoi(rest[:k]))
		}
	}
	return false
}

// isDayOfMonth reports whether a day and a month can be a date's: 1–31 and 1–12.
func isDayOfMonth(day, month int) bool { return day >= 1 && day <= 31 && month >= 1 && month <= 12 }

func leadingDigits(s string, most int) int {
	n := 0
	for n < len(s) && n < most && isDigit(s[n]) {
		n++
	}
	return n
}

// isWordByte is what the expression \b counts as part of a word.
func isWordByte(b byte) bool {
	return isDigit(b) || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '_'
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func newRowText(r loa.SearchRow) rowText {
	return rowText{body: " " + r.Body + " ", addressee: " " + r.Addressee + " ", title: " " + r.Title + " "}
}

// hasPhrase reports whether padded text holds the words of phrase side by side, stop words
// between them aside: "khám sơ tuyển nghĩa vụ" holds "khám tuyển nghĩa" as a question's words
// do once its stop words are dropped.
func hasPhrase(text string, phrase []string) bool {
	if len(phrase) == 0 {
		return true
	}
	first := " " + phrase[0] + " "
	for from := 0; ; {
		k := strings.Index(text[from:], first)
		if k < 0 {
			return false
		}
		at := from + k + len(first) // the word after the first, and its space before
		if followedBy(text[at:], phrase[1:]) {
			return true
		}
		from += k + 1
	}
}

// followedBy reports whether text (words each followed by a space) starts with the words,
// stop words skipped before each.
func followedBy(text string, words []string) bool {
	for _, w := range words {
		for {
			sp := strings.IndexByte(text, ' ')
			if sp < 0 {
				return false
			}
			word := text[:sp]
			text = text[sp+1:]
			if word == w {
				break
			}
			if !isStop(word) {
				return false
			}
		}
	}
	return true
}

// pairs are the question's words side by side, stop words left out.
func (q Query) pairs() [][2]string {
	var out [][2]string
	for i := 0; i+1 < len(q.Seq); i++ {
		if q.Seq[i] != q.Seq[i+1] {
			out = append(out, [2]string{q.Seq[i], q.Seq[i+1]})
		}
	}
	return out
}

// eventKindsOf lists the kinds of event a question's terms name ("diễn tập", "khám sơ
// tuyển"): a row that names none of them, in any of their phrases, is of another event,
// however many of the question's other words it shares.
func eventKindsOf(terms []string) []string {
	question := " " + strings.Join(terms, " ") + " "
	var out []string
	for kind, phrases := range eventKinds {
		for _, p := range phrases {
			if saysKind(question, p) {
				out = append(out, kind)
				break
			}
		}
	}
	return out
}

// meetingAsked narrows the kinds a question names to the meeting when it names the meeting
// first: "hội nghị rút kinh nghiệm diễn tập … họp ngày nào" asks the meeting's day, not the
// drill's.
func meetingAsked(seq, kinds []string) []string {
	if len(kinds) < 2 || !slices.Contains(kinds, loa.EventMeeting) {
		return kinds
	}
	question := " " + strings.Join(seq, " ") + " "
	first := func(kind string) int {
		at := -1
		for _, p := range eventKinds[kind] {
			if i := strings.Index(question, " "+p+" "); i >= 0 && (at < 0 || i < at) {
				at = i
			}
		}
		return at
	}
	meeting := first(loa.EventMeeting)
	for _, k := range kinds {
		if at := first(k); k != loa.EventMeeting && at >= 0 && at < meeting {
			return kinds // "diễn tập … hội nghị": the event comes first
		}
	}
	return []string{loa.EventMeeting}
}

// saysKind reports whether padded normalised text says a kind of event's phrase. Folded, the
// board reads as shooting ("Hội thi của Ban CHQS", "hội thi bắn"): a phrase ending in "ban"
// that "chỉ huy" follows is the board's. Some words before a phrase make it another event's
// (kindNotAfter).
func saysKind(text, phrase string) bool {
	p := " " + phrase + " "
	board := strings.HasSuffix(p, " ban ")
	for at := strings.Index(text, p); at >= 0; {
		if !(board && strings.HasPrefix(text[at+len(p):], "chi huy ")) && !afterAny(text[:at+1], kindNotAfter[phrase]) {
			return true
		}
		next := strings.Index(text[at+1:], p)
		if next < 0 {
			break
		}
		at += 1 + next
	}
	return false
}

// kindNotAfter are the words before a kind's phrase that make it another event: "trao lệnh
// gọi (công dân) nhập ngũ", "trao quyết định nhập ngũ" hand out the call-up orders, not the
// recruits; a "hội trại tòng
// quân" is the camp before the hand-over; the civil games are no military sports meet.
var kindNotAfter = map[string][]string{
	"nhap ngu":         {" goi ", " goi cong dan ", " quyet dinh "},
	"tong quan":        {" trai "},
	"the duc the thao": {" dai hoi "}, // "Đại hội Thể dục thể thao" is a province's games, no "hội thao"
	"hoi thao":         {" dai "},     // "đại hội thể thao", its "thể" dropped as a question's stop word
}

// afterAny reports whether text ends with one of the padded phrases.
func afterAny(text string, phrases []string) bool {
	for _, p := range phrases {
		if strings.HasSuffix(text, p) {
			return true
		}
	}
	return false
}

// ofKind reports whether a row says one of the kinds of event a question names.
func ofKind(kinds []string, r rowText) bool {
	if len(kinds) == 0 {
		return true
	}
	for _, k := range kinds {
		for _, p := range eventKinds[k] {
			if saysKind(r.body, p) || saysKind(r.title, p) || saysKind(r.addressee, p) {
				return true
			}
		}
	}
	return false
}

// What a question asks for by name: "thi những môn nào" (môn), "bao nhiêu vận động viên"
// (vận động), "giao quân cho đơn vị nào" (đơn vị). A row that names it answers better than one
// that only repeats the question; a row need not name it to answer ("Trung đoàn Minh Đạm" is
// the unit), so it is left out of the words a row must cover.
var (
	focusWhich = regexp.MustCompile(`\b(?:([a-z]+) )?([a-z]+) nao\b`)
	focusWhat  = regexp.MustCompile(`\bnhung ([a-z]+) gi\b`)
	focusCount = regexp.MustCompile(`\b(?:bao nhieu|may) ([a-z]+)(?: ([a-z]+))?`)
	// Words before "nào" that ask when, where or how, which other rules weigh.
	notFocus = map[string]bool{"khi": true, "luc": true, "ngay": true, "thang": true, "nam": true, "xa": true, "phuong": true,
		"the": true, "ra": true, "noi": true, "ban": true, "dau": true, "huyen": true, "tinh": true, "gio": true, "hom": true,
		"gian": true, "diem": true} // "thời gian nào", "thời điểm nào", "địa điểm nào" ask when and where
)

// focusOf is the phrase a question asks for by name, "" when it names none.
func focusOf(norm string) string {
	m := focusWhich.FindStringSubmatch(norm)
	// "súng loại nào", "những loại súng nào": the kind of a thing is asked by the thing.
	switch {
	case m != nil && m[2] == "loai" && m[1] != "" && !isStop(m[1]):
		return m[1]
	case m != nil && m[1] == "loai" && !isStop(m[2]):
		return m[2]
	}
	if m != nil && !notFocus[m[2]] && !isStop(m[2]) {
		if m[1] != "" && !isStop(m[1]) && !notFocus[m[1]] && len(m[1]) > 2 {
			return m[1] + " " + m[2] // "đơn vị nào"
		}
		return m[2]
	}
	if m := focusWhat.FindStringSubmatch(norm); m != nil && !isStop(m[1]) && !notFocus[m[1]] {
		return m[1] // "thi đấu những môn gì"
	}
	if m := focusCount.FindStringSubmatch(norm); m != nil && !isStop(m[1]) {
		if m[2] != "" && !isStop(m[2]) {
			return m[1] + " " + m[2] // "bao nhiêu vận động viên"
		}
		return m[1]
	}
	return ""
}

// countOf reports whether a normalised text counts what is asked for: "140 van dong vien".
func countOf(body, focus string) bool {
	return anyAt(body, " "+focus+" ", func(i int) bool {
		before := strings.TrimRight(body[:i], " ")
		k := strings.LastIndexByte(before, ' ')
		return i > 0 && k >= 0 && strings.Trim(before[k+1:], "0123456789") == "" && before[k+1:] != ""
	})
}

// valueAsk is "X là bao nhiêu": what is asked is X's value, so a row that does not say X
// ("chỉ tiêu tuyển quân") answers something else, however many of its words it shares. ("X
// là gì" asks for a list as often: "nhiệm vụ của các trường là gì".)
var valueAsk = regexp.MustCompile(`^(.+?) la bao nhieu\b`)

// subjectOf is the first words of the X of "X là bao nhiêu", as a row must say them side by
// side (stop words aside), nil when the question is not of that form.
func subjectOf(norm string) []string {
	m := valueAsk.FindStringSubmatch(norm)
	if m == nil {
		return nil
	}
	var words []string
	for _, w := range Words(m[1]) {
		if !isStop(w) {
			words = append(words, w)
		}
	}
	// "tỷ lệ khá, giỏi … là bao nhiêu": a share is said as a percentage ("70,3% đạt khá,
	// giỏi"), not with "tỷ lệ"; what it is of must be said (AskShare asks the "%").
	if len(words) > 2 && words[0] == "ty" && words[1] == "le" {
		return words[2:min(4, len(words))]
	}
	if len(words) < 3 {
		return nil
	}
	return words[:3]
}
