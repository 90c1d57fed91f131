package search

import (
	"regexp"
	"slices"
	"strings"
)

// The kinds of fact a question asks beyond a bare count, day or someone: a winner, a sum of
// money, who holds an office ("X là ai"), a day of a named event. A sentence of the same
// article that says the sport, the allowance or the unit but not the fact answers something
// else.

var (
	// "đạt loại gì", "xếp loại nào": a grade is asked, which a sentence that only reports the
	// event does not say.
	// "đạt giải gì", "giành huy chương nào": the prize is the fact asked.
	prizeAsk = regexp.MustCompile(`\b(?:dat|gianh|duoc|nhan) (?:giai|huy chuong) (?:gi|nao)\b`)
	gradeAsk = regexp.MustCompile(`\b(?:dat|xep|duoc|danh gia) loai (?:gi|nao|the nao|ra sao)\b`)
	// A label asked by its name: "mang mật danh gì", "với chủ đề gì", "khẩu hiệu là gì"; a row
	// that does not name it ("mang mật danh “PH-22”") gives something else.
	labelAsk = regexp.MustCompile(`\b(mat danh|chu de|khau hieu|phuong cham|thong diep) (?:la |nao|gi\b)`)
	// A grade said: "đạt loại giỏi", "xếp loại khá", "hoàn thành xuất sắc".
	gradeSaid = regexp.MustCompile(` (?:(?:loai|dat|xep) (?:gioi|kha|tot|trung binh|yeu)|xuat sac) `)
	// "đơn vị nào giải nhất", "đội nào vô địch", "xã nào đạt giải nhất": a winner is asked.
	winnerAsk = regexp.MustCompile(`\b(?:giai (?:nhat|nhi|ba)|vo dich|huy chuong vang|hang nhat|dat giai|nhat toan doan)\b`)
	// A placing said: "giải nhất", "vô địch", "hạng Nhì", "huy chương".
	placing = regexp.MustCompile(` (?:giai (?:nhat|nhi|ba|khuyen khich)|vo dich|huy chuong|hang (?:nhat|nhi|ba)|xep thu|toan doan) `)
	// A winner named: a place's unit with its name ("xã Tân Thành"), or a team or unit with
	// its name ("Đoàn Quân khu 7", "đội Công an huyện").
	winnerNamed = regexp.MustCompile(` (?:xa|phuong|thi tran|huyen|tinh|thon|ap|doan|doi tuyen|doi bong|trung doan|su doan|lu doan|tieu doan|dai doi|quan khu|quan doan|cong an|ban chi huy|bo chi huy|truong|cum) [a-z0-9]+`)

	// "phụ cấp bao nhiêu", "kinh phí bao nhiêu", "bao nhiêu tiền": a sum of money is asked.
	moneyAsk = regexp.MustCompile(`\b(?:phu cap|tro cap|kinh phi|muc luong|tien luong|muc ho tro|muc thuong|bao nhieu tien|bao nhieu dong)\b`)
	// A sum said: "1,8 triệu đồng", "500.000 đồng", "2 tỷ".
	moneySaid = regexp.MustCompile(` \d+ (?:\d+ )*(?:trieu|ty|nghin|ngan|dong|vnd)\b`)

	// "bao nhiêu phần trăm", "tỷ lệ": a share is asked, which "đạt 98,6%" answers.
	shareAsk = regexp.MustCompile(`\b(?:phan tram|ty le)\b`)

	// "X là ai": the holder of office X is asked, as "ai là X" asks.
	whoHolds = regexp.MustCompile(`^(.+?) (?:hien )?la ai\b`)
	// "lịch khám sức khỏe …", "lịch giao nhận quân": a question that opens on "lịch" asks when.
	scheduleAsk = regexp.MustCompile(`^lich [a-z]`)
)

// commendation is the rest of a clause that commends some of those who took part ("khen
// thưởng cho 5 cá nhân hoàn thành xuất sắc nhiệm vụ"): their merit is no grade of the event.
var commendation = regexp.MustCompile(` (?:khen thuong|tang (?:giay|bang) khen)[^,;.]*`)

func withoutCommendations(body string) string {
	return commendation.ReplaceAllString(body, " ")
}

// winnerAsked reports whether a normalised question asks which unit or who won.
func winnerAsked(norm string) bool {
	return winnerAsk.MatchString(norm) && (strings.Contains(" "+norm+" ", " nao ") || strings.Contains(" "+norm+" ", " ai "))
}

// carriesWinner reports whether a normalised row (padded) names a placing and someone who
// took it: "trao giải nhất toàn đoàn cho Đoàn xã An Thành", not "trao giải cho các tập thể
// đạt hạng Nhất".
func carriesWinner(body string) bool {
	if !placing.MatchString(body) {
		return false
	}
	if winnerPerson.MatchString(body) {
		return true
	}
	for _, m := range winnerNamed.FindAllString(body, -1) {
		name := m[strings.LastIndexByte(m, ' ')+1:]
		if !isStop(name) && name != "cac" && name != "va" && !isNumber(name) || strings.HasPrefix(m, " quan khu ") {
			return true
		}
	}
	return false
}

// winnerPerson is someone named by rank or role: "Nữ dân quân A Lăng Thị Loang đạt Huy
// chương Vàng". ("Bà" is left out: it folds like the "Ba" of "hạng Nhất, Nhì, Ba".)
var winnerPerson = regexp.MustCompile(` (?:dong chi|ong|dai ta|thuong ta|trung ta|thieu ta|dai uy|thuong uy|trung uy|thieu uy|dan quan|chien si|chien sy|van dong vien|vdv|hoc vien|tan binh) `)

// holderAsked returns the office of "X là ai" as WhoVerb gives it (after roleMark), nil
// when the question is not of that form; "người chủ trì … là ai" asks the verb instead.
func holderAsked(norm string) []string {
	m := whoHolds.FindStringSubmatch(norm)
	if m == nil {
		return nil
	}
	words := strings.Fields(m[1])
	if len(words) > 0 && words[0] == "nguoi" {
		var verb []string
		for _, w := range words[1:] {
			if isStop(w) || len(verb) == 2 {
				break
			}
			verb = append(verb, w)
		}
		return verb
	}
	role := []string{roleMark}
	for _, w := range words {
		// "chỉ huy trưởng Bộ …" holds another office than "chỉ huy trưởng Ban …": the office
		// keeps the first word of its unit.
		if isStop(w) || yearTerm.MatchString(w) || len(role) == 5 {
			break
		}
		role = append(role, w)
	}
	if len(role) == 1 {
		return nil
	}
	// "tân binh phát biểu tại lễ … là ai": one of a group of people who did something; the
	// doing is asked, of a person (ranks names a recruit as one).
	for _, h := range humanNouns {
		if group := strings.Fields(h); len(role) > len(group)+1 && slices.Equal(role[1:1+len(group)], group) {
			return role[1+len(group) : min(len(role), 3+len(group))]
		}
	}
	return role
}

// withoutShares is a row's text as its counts read: a share ("đạt 100% chỉ tiêu", normalised
// "dat 100 phan tram chi tieu") counts nothing, so its number is dropped.
func withoutShares(body string) string {
	if !strings.Contains(body, " phan tram ") {
		return body
	}
	return shareNumber.ReplaceAllString(body, " _ ")
}

// shareNumber is a share with its number, normalised: "98 6 phan tram" of "98,6%".
var shareNumber = regexp.MustCompile(` \d+(?: \d+)? phan tram `)

// The people a count of people can count, by group: a count of party members does not say
// how many militiamen there are. A question of no group ("cán bộ", "người") is answered by
// any; one of a group by that group or a word for anyone ("người", "trường hợp", "lượt").
var peopleGroups = [][]string{
	{"dang vien", "dong chi"},
	{"dan quan", "tu ve", "chien si", "chien sy", "dqtv"},
	{"thanh nien", "cong dan", "tan binh", "quan nhap ngu"},
	{"van dong vien", "vdv"},
	{"hoc vien", "hoc sinh", "sinh vien", "thi sinh"},
	{"dai bieu"},
}

// peopleGroup is the group of the people a normalised question counts, numbered from 1 (0
// for anyone).
func peopleGroup(norm string) int {
	m := countAfter.FindStringSubmatch(norm)
	if m == nil {
		return 0
	}
	for g, nouns := range peopleGroups {
		for _, n := range nouns {
			if m[1] == n || strings.HasPrefix(m[1], n+" ") {
				return g + 1
			}
		}
	}
	return 0
}

// countOfGroup reports whether a normalised row counts people of group g: a number followed
// closely by a word of the group, or by a word for anyone.
func countOfGroup(body string, g int) bool {
	if g <= 0 {
		return true
	}
	words := strings.Fields(body)
	for i, w := range words {
		if !isNumber(w) && !numberWords[w] {
			continue
		}
		window := " " + strings.Join(words[i+1:min(len(words), i+9)], " ") + " "
		for _, n := range peopleGroups[g-1] {
			if strings.Contains(window, " "+n+" ") {
				return true
			}
		}
		if i+1 < len(words) && words[i+1] == "quan" && slices.Contains(peopleGroups[g-1], "tan binh") {
			return true // "110 quân": recruits
		}
		for _, h := range anyone {
			if strings.HasPrefix(window, " "+h+" ") {
				return true
			}
		}
		// "Dân quân cơ động 112 đồng chí": the group named right before its count.
		if strings.HasPrefix(window, " dong chi ") {
			before := " " + strings.Join(words[max(0, i-4):i], " ") + " "
			if slices.ContainsFunc(peopleGroups[g-1], func(n string) bool { return strings.Contains(before, " "+n+" ") }) {
				return true
			}
		}
	}
	return false
}

// anyone are the words that count people of any group.
var anyone = []string{"nguoi", "truong hop", "luot"}

// A unit numbered ("khu vực 3", "cụm 3", "Quân khu 9", "Phường 7"), or a course ("khóa 65"),
// is named by its number: a row of "khu vực 1" does not answer a question about "khu vực 3".
var numberedUnit = regexp.MustCompile(`\b(khu vuc|cum|khoa|quan khu|vung|doi tuong|trung doan|su doan|lu doan|tieu doan|phuong|quan|to dan pho|khu pho|thon|ap) 0*(\d{1,3})\b`)

// levelRE is a level of administration or command: "cấp xã", "cấp thành phố".
var levelRE = regexp.MustCompile(`\bcap (?:xa|huyen|tinh|thanh pho|quan khu|toan quan|co so|bo)\b`)

// otherOf reports whether a normalised row, or its article's title where the row names none,
// names only others of what a question names of one kind: "cấp huyện" but never the "cấp thành
// phố" asked (levelRE), the "dân quân cơ động" but never the "dân quân tại chỗ" asked
// (militiaRE). A row that names none may still be of it.
func otherOf(asked []string, kind *regexp.Regexp, r rowText) bool {
	if len(asked) == 0 {
		return false
	}
	named := said(kind, r.body)
	if len(named) == 0 {
		named = said(kind, r.title) // "Tân Lập huấn luyện … dân quân tại chỗ": its sentences' kind
	}
	if len(named) == 0 {
		return false
	}
	for _, a := range asked {
		if slices.Contains(named, a) {
			return false
		}
	}
	return true
}

// said lists what text says of one kind: each match, or its group when the kind has one.
func said(kind *regexp.Regexp, text string) []string {
	var out []string
	for _, m := range kind.FindAllStringSubmatch(text, -1) {
		out = append(out, m[len(m)-1])
	}
	return out
}

// militiaRE is a kind of militia, normalised, and the kind: "dân quân tại chỗ", "Trung đội Dân
// quân cơ động", "dân quân tự vệ năm thứ Nhất".
var militiaRE = regexp.MustCompile(`\bdan quan (?:tu ve )?(tai cho|co dong|thuong truc|nam thu nhat|binh chung)\b`)

// numberedUnits lists the numbered units a normalised question names, as a row must say
// them.
func numberedUnits(norm string) []string {
	var out []string
	for _, m := range numberedUnit.FindAllStringSubmatch(norm, -1) {
		out = append(out, m[1]+" "+m[2])
	}
	return out
}

// namesOtherUnit reports whether padded normalised words name a unit of the kind a question
// names with another number and never the one asked: "khóa 25" for "khóa 65". An event's
// words are its title, places and article title, which need not name every unit asked.
// saysUnit reports whether a row says a numbered unit ("cum 5"), its number right after its
// kind or a few words on: "cụm huấn luyện số 5", "khu vực phòng thủ số 3".
func saysUnit(unit string, r rowText) bool {
	return unitIn(unit, r.body) || unitIn(unit, r.title) || unitIn(unit, r.addressee)
}

// unitWordsBetween is how many words may stand between a unit's kind and its number.
const unitWordsBetween = 3

func unitIn(unit, text string) bool {
	cut := strings.LastIndexByte(unit, ' ')
	if cut < 0 {
		return strings.Contains(text, " "+unit+" ")
	}
	kind, number := " "+unit[:cut]+" ", strings.TrimLeft(unit[cut+1:], "0")
	for at := strings.Index(text, kind); at >= 0; {
		for i, w := range strings.Fields(text[at+len(kind)-1 : min(len(text), at+len(kind)+40)]) {
			if isNumber(w) {
				if strings.TrimLeft(w, "0") == number {
					return true
				}
				break // another unit's number
			}
			if i >= unitWordsBetween {
				break
			}
		}
		next := strings.Index(text[at+1:], kind)
		if next < 0 {
			break
		}
		at += 1 + next
	}
	return false
}

func namesOtherUnit(units []string, words string) bool {
	for _, u := range units {
		if strings.Contains(words, " "+u+" ") {
			continue
		}
		kind := u[:strings.LastIndexByte(u, ' ')+1]
		for at := strings.Index(words, " "+kind); at >= 0; {
			rest := words[at+1+len(kind):]
			if len(rest) > 0 && isDigit(rest[0]) {
				return true
			}
			next := strings.Index(words[at+1:], " "+kind)
			if next < 0 {
				break
			}
			at += 1 + next
		}
	}
	return false
}

// quotaSaid reports whether a normalised row says a quota's number: people counted ("289
// thanh niên", "110 quân") or a number just after "chỉ tiêu" ("được giao chỉ tiêu 17"). A
// quota reached ("đạt 100% chỉ tiêu … là 1 trong 9 điểm") says none.
func quotaSaid(body string) bool {
	if carriesCount(body, "nguoi") {
		return true
	}
	words := strings.Fields(body)
	for i := 0; i+1 < len(words); i++ {
		if words[i] != "chi" || words[i+1] != "tieu" {
			continue
		}
		for _, w := range words[i+2 : min(len(words), i+5)] {
			if isNumber(w) && !yearTerm.MatchString(w) {
				return true
			}
		}
	}
	return false
}

// taskWords are what a task says: a request, a duty, an action to take. "X phải làm gì" is
// answered by a directive item or a sentence with one of them; a sentence that reports a prize
// or a result ("BTC còn trao giải đồng diễn: xã Tân Thành giải nhì") names X but sets no task.
// Padded, and looked for one by one: an expression of them all took a tenth of answering.
var taskWords = padded([]string{"de nghi", "yeu cau", "phai", "can", "chi dao", "giao", "nhiem vu", "tiep tuc", "tap trung",
	"chu dong", "thuc hien", "trien khai", "lam tot", "dam bao", "bao dam", "nang cao", "tang cuong", "day manh", "to chuc",
	"phoi hop", "quan triet", "chuan bi", "kip thoi", "nghiem", "ra soat", "tuyen truyen", "van dong", "quan ly", "xay dung",
	"huong dan", "kiem tra", "bam sat", "nam chac", "phan cong", "phu trach", "chap hanh", "giu gin", "san sang",
	"hoan thanh", "khan truong", "luu y", "canh giac", "khong"}, " ")

// setsTask reports whether a row can answer what someone must do: a directive item, a clause
// continuing a sentence that names its doer, or a sentence that says a task.
func setsTask(r rowText, item bool) bool {
	if item {
		return true
	}
	// A clause carrying on one that sets a task is one more task; a clause of a list of who
	// attended ("Tham dự có …; toàn thể cán bộ, chiến sĩ …") is none.
	if strings.TrimSpace(r.addressee) != "" {
		return saysTask(r.addressee)
	}
	return saysTask(r.body)
}

// datelineOpens is a sentence that opens with its day, as a report does: "sang 08 5 2024".
var datelineOpens = regexp.MustCompile(`^\s*(?:sang|chieu|toi|trua|ngay)\s+(?:nay\s+)?(?:ngay\s+)?\d`)

// saysTask reports whether padded, normalised words set someone a task.
func saysTask(text string) bool {
	// "Ban tổ chức" is no task, and "cán bộ" folds like "cần bộ".
	return slices.ContainsFunc(taskWords, func(w string) bool {
		switch w {
		case " to chuc ":
			// "Sáng 08/5/2024 Xã Hoằng Cát tổ chức khai mạc …" reports the day's event.
			return strings.Count(text, w) > strings.Count(text, " ban to chuc ") && !datelineOpens.MatchString(text)
		case " can ":
			return strings.Count(text, w) > strings.Count(text, " can bo ")
		}
		return strings.Contains(text, w)
	})
}

// exactDayWords is a day of a month: "ngày 12", "20/12" folded. "Ngày nào" is not answered by
// a month ("trung tuần tháng 12/2018"); "sáng 14 tháng 12" says a day.
var exactDayWords = regexp.MustCompile(`\b(?:ngay \d|\d{1,2} (?:thang )?\d{1,2}\b)`)

// subjectRest is the rest of the X of "X là bao nhiêu" after its first three words, up to its
// first stop word: whose value it is ("mức phụ cấp Phó Chỉ huy trưởng …"). A row must say
// each of its words, or it gives the value of another.
func subjectRest(norm string) []string {
	m := valueAsk.FindStringSubmatch(norm)
	if m == nil {
		return nil
	}
	var rest []string
	seen := 0
	if subject := subjectOf(norm); len(subject) < 3 {
		return nil // a share's subject is said whole ("tỷ lệ khá, giỏi": subjectOf)
	}
	for _, w := range Words(m[1]) {
		if seen < 3 {
			if !isStop(w) {
				seen++
			}
			continue
		}
		if isStop(w) || yearTerm.MatchString(w) {
			break
		}
		rest = append(rest, w)
	}
	return rest
}

// saysAll reports whether padded text holds each of the words.
func saysAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, " "+w+" ") {
			return false
		}
	}
	return true
}

// roleVerbs give whom they follow a part in a plan: "chủ trì", "tham mưu", "có trách nhiệm".
var roleVerbs = map[string]bool{"chu tri": true, "tham muu": true, "trach nhiem": true, "chiu trach": true, "duoc giao": true}

// namesDoer reports whether a padded normalised sentence names whom a question asks about,
// by the first two words of them, just before "cần" or "phải": "mỗi học viên cần phải nâng
// cao …" sets the students' task though no list marks it ("cán bộ" folds like "cần" and is not).
func namesDoer(body string, addressee []string) bool {
	head := " " + strings.Join(addressee[:min(2, len(addressee))], " ") + " "
	for at := strings.Index(body, head); at >= 0; {
		after := strings.Fields(body[at+len(head) : min(len(body), at+len(head)+40)])
		for i, w := range after[:min(3, len(after))] {
			if w == "phai" || w == "can" && (i+1 >= len(after) || after[i+1] != "bo") {
				return true
			}
			if i+1 < len(after) && roleVerbs[w+" "+after[i+1]] {
				return true // "lực lượng Công an xã chủ trì, phối hợp …": a plan gives it its part
			}
		}
		next := strings.Index(body[at+1:], head)
		if next < 0 {
			break
		}
		at += 1 + next
	}
	return false
}

// namesKind reports whether a question asks which one of a kind of body or thing that is
// named with its kind ("đồn biên phòng nào", "trường nào" … of two words), not of a kind too
// general to be said ("đơn vị nào": "Trung đoàn Minh Đạm").
func namesKind(q Query) bool {
	return q.Focus != "" && !q.WantCount && strings.Contains(q.Focus, " ") && !generalKinds[q.Focus]
}

var generalKinds = map[string]bool{"don vi": true, "co quan": true, "dia phuong": true, "luc luong": true, "tap the": true, "ca nhan": true,
	"noi dung": true, "hoat dong": true, "bien phap": true, "nhiem vu": true, "dia ban": true, "thanh phan": true, "doi tuong": true, "giai doan": true}
