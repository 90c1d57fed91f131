package news

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// Directives written as prose, with no list and no colon:
//   - the speaker's sentence "… đề nghị các thành viên Ban Tổ chức bám sát kế hoạch …", whose
//     addressee is what follows the trigger up to its first verb;
//   - the sentences after it that each start with their own agency ("Ban Chỉ huy Quân sự huyện
//     chuẩn bị …. Công an huyện xây dựng phương án …");
//   - clauses joined by ";" carry the addressee before them until one names its own;
//   - a sentence with no subject ("Tăng cường …", "Việc khám tuyển phải …") or a trigger with
//     no addressee ("Bộ Quốc phòng cũng yêu cầu kiện toàn …") carries on the last addressee.
// A report of what was done ("Ban CHQS xã đã tổ chức …") ends the run.

// proseTriggerRE finds the verb that assigns tasks; what follows it names whom, after a comma
// at times ("Chủ tịch UBND thành phố yêu cầu, cấp ủy, chỉ huy các đơn vị …"). A wish or an
// appeal names them too: "mong muốn các tân binh phát huy …", "mong các bạn trẻ giữ vững …",
// "kêu gọi toàn thể Nhân dân đề cao tinh thần cảnh giác".
var proseTriggerRE = regexp.MustCompile(`(?i)(?:^|[\s,(])((?:được\s+)?(?:đề nghị|yêu cầu|kêu gọi|nhắc nhở|chỉ đạo|giao nhiệm vụ(?: cụ thể)? cho|giao cho|giao|phân công nhiệm vụ(?: cụ thể)? cho|phân công cho|phân công|hướng dẫn|quán triệt|mong muốn|mong))(?:\s*,)?\s+`)

// triggerTails are the triggers without their first letter, whose case varies: a sentence
// without any of them is not tried against proseTriggerRE, which is costly.
var triggerTails = []string{"ề nghị", "êu cầu", "êu gọi", "hắc nhở", "hỉ đạo", "iao", "hân công", "ướng dẫn", "uán triệt", "mong", "Mong"}

func mayTrigger(s string) bool {
	for _, t := range triggerTails {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

// proseReader carries the addressee from sentence to sentence.
type proseReader struct {
	active     bool   // the last sentence read assigned tasks
	addressee  string // whom the last task was for
	planIssued bool   // the page has told of a plan issued, whose steps it may then list
	reported   bool   // the last sentence reported a request made before ("đã chỉ đạo …")
}

// paragraph reads one paragraph's sentences; a paragraph that assigns nothing ends the run.
func (r *proseReader) paragraph(p string) []loa.Directive {
	var out []loa.Directive
	r.planIssued = r.planIssued || planIssuedRE.MatchString(p)
	r.reported = false // a report goes on within its paragraph only
	for _, s := range loa.Sentences(p) {
		ds := r.sentence(s)
		if len(ds) == 0 {
			r.active = false
			continue
		}
		out = append(out, ds...)
		r.active = true
	}
	return out
}

func (r *proseReader) reset() { r.active, r.addressee = false, "" }

func (r *proseReader) sentence(s string) []loa.Directive {
	if len(s) > maxSentence || strings.HasSuffix(s, ":") {
		return nil // a colon introduces a list, which the list forms read
	}
	var out []loa.Directive
	var triggers [][]int
	afterReport := r.reported
	r.reported = false
	if mayTrigger(s) {
		triggers = proseTriggerRE.FindAllStringSubmatchIndex(unnamed(s), 4)
	}
	for k, m := range triggers {
		trigger := strings.ToLower(s[m[2]:m[3]])
		rest := strings.TrimSpace(s[m[1]:])
		switch {
		case k > 0 && len(out) > 0 && strings.HasSuffix(strings.TrimSpace(s[:m[2]]), ";"):
			// "…; hướng dẫn các xã chuẩn bị văn kiện; …": a task of the chain the request
			// before it opened, not a request of its own.
		case strings.HasPrefix(trigger, "quán triệt"):
			// a briefing, not a task
		case strings.HasSuffix(trigger, "giao") && notAssignRE.MatchString(rest):
			// "được giao lưu với giảng viên", "giao nhận quân": no task handed out
		case documentNumberRE.MatchString(rest):
			// "Theo Hướng dẫn số 6544/HD-BQP …" names a document, not whom it asks
		case strings.HasPrefix(trigger, "được"):
			// "Các địa phương được yêu cầu làm tốt …": the subject is the addressee.
			if a := agencyPhrase(strings.TrimSpace(s[:m[2]])); a != "" {
				r.addressee = a
				out = append(out, r.clauses(rest, false)...)
			}
		case reportedRE.MatchString(s[:m[2]]) && !strings.HasPrefix(trigger, "phân công") && !strings.HasPrefix(trigger, "giao") && !atMeetingRE.MatchString(s):
			// "Bộ CHQS tỉnh đã hướng dẫn các địa phương …" reports; "đã phân công nhiệm vụ cho
			// từng thành viên …" still hands out tasks.
			r.reported = true
		case afterReport && strings.TrimSpace(s[:m[2]]) == "":
			// "… đã chỉ đạo các xã, phường làm tốt …. Phân công các thành viên …": a sentence
			// with no subject goes on with the report before it.
			r.reported = true
		default:
			// Each request with its addressee: "HĐNVQS xã cần tập trung lãnh đạo, chỉ đạo các
			// Ban ngành, đoàn thể làm tốt …" asks the council, and through it the bodies.
			if a, report := splitAddressee(rest); a != "" && !report {
				out = append(out, r.clauses(rest, true)...)
			} else if a, wished := wishedFuture(rest); strings.HasPrefix(trigger, "mong") && a != "" {
				// "mong muốn các quân nhân khi trở về địa phương sẽ gương mẫu, …": a wish's
				// "sẽ" is what is wished, not a report.
				r.addressee = a
				out = append(out, r.clauses(wished, false)...)
			} else if a := localityAddressee(rest); a != "" {
				// "đề nghị huyện Vĩnh Linh cần tiếp tục quán triệt …": a place asked as a whole.
				r.addressee = a
				out = append(out, r.clauses(afterWords(rest, len(strings.Fields(a))), false)...)
			} else if after := afterLeadIn(rest); after != rest {
				// "đề nghị thời gian tới, Ban CHQS xã tiếp tục …": the agency after the lead-in.
				if a, report := splitAddressee(after); a != "" && !report {
					out = append(out, r.clauses(after, true)...)
				}
			} else if !r.active && neededRE.MatchString(rest) {
				// "đề nghị cần tiếp tục tăng cường …; Các cơ quan đơn vị, các xã thị trấn tiến
				// hành …": a request of no one named, after no request, asks the meeting, and its
				// clauses that name an agency ask that agency. (After a request it goes on with
				// that request's addressee: see below.)
				r.addressee = ""
				for _, d := range r.clauses(rest, false) {
					if d.Addressee != "" {
						out = append(out, d)
					}
				}
			}
		}
	}
	if obliged := r.obligations(s); len(obliged) > 0 {
		out = append(obliged, out...)
	}
	if len(out) > 0 {
		return out
	}
	if len(triggers) > 0 {
		m := triggers[0]
		if rest := strings.TrimSpace(s[m[1]:]); r.active && startsWithVerb(rest) {
			return r.clauses(rest, false) // "… cũng yêu cầu kiện toàn …": the last addressee's
		}
	}
	// A speaker's words after a colon that start with an agency set its tasks: "Chủ tịch UBND
	// huyện phát biểu: Hội đồng nghĩa vụ quân sự xã, thị trấn phối hợp tốt …".
	if m := spokenRE.FindStringIndex(s); m != nil {
		if a, report := splitAddressee(s[m[1]:]); a != "" && !report {
			return r.clauses(s[m[1]:], true)
		}
	}
	body := connectiveRE.ReplaceAllString(s, "")
	// A plan for the time ahead ("Năm 2024, Hội đồng … tiếp tục …", "Trong những ngày tới, …")
	// assigns tasks without a trigger.
	if m := planLeadRE.FindStringIndex(body); m != nil {
		if a, report := splitAddressee(body[m[1]:]); a != "" && !report {
			return r.clauses(body[m[1]:], true)
		}
	}
	// A plan's step opens with its days: "Theo kế hoạch, từ ngày 30/6 - 15/8/2019 các thôn,
	// khối phố tiến hành điều tra …; từ ngày 20/8 - 15/9/2019 các xã, thị trấn rà soát …".
	// Without the plan named it reports ("Từ ngày 2 đến 12/12, Ban CHQS huyện tổ chức giải …"),
	// and so it does on a page that reports the steps done rather than the plan issued.
	if rest := afterDateLead(body); rest != body && r.planIssued && planStepRE.MatchString(body) {
		if a, report := splitAddressee(rest); a != "" && !report {
			return r.clauses(body, true)
		}
	}
	if r.planIssued {
		// Of a plan just told of, an agency given a deadline ("Các phường, xã tổng hợp danh
		// sách báo cáo … trước ngày 20/7/2021") is given a task, and so is one a step is left
		// to ("Việc phúc tra do cơ quan quân sự, công an phường, xã chủ trì, …").
		if a, report := splitAddressee(body); a != "" && !report && deadlineSaidRE.MatchString(body) {
			return r.clauses(body, true)
		}
		if m := leftToRE.FindStringSubmatchIndex(body); m != nil {
			r.addressee = strings.TrimSpace(body[m[2]:m[3]])
			return r.clauses(body[m[4]:], false)
		}
	}
	if !r.active {
		return nil
	}
	if a, _ := splitAddressee(body); a != "" {
		return r.clauses(body, true)
	}
	if startsWithVerb(body) || impersonalRE.MatchString(body) {
		return r.clauses(body, false)
	}
	// "Trong đó nhiệm vụ trọng tâm gồm có: Tiếp tục quán triệt …".
	if k := strings.Index(body, ": "); k > 0 && startsWithVerb(body[k+2:]) {
		return r.clauses(body[k+2:], false)
	}
	return nil
}

var (
	// A trigger right after "đã" or "vừa" reports what was asked before.
	reportedRE = regexp.MustCompile(`(?i)(?:^|\s)(?:đã|vừa)\s+(?:\p{L}+\s+)?$`)
	// "số 6544/HD-BQP": a document's number after its kind.
	documentNumberRE = regexp.MustCompile(`^(?i)số\s*\d`)
	// Words that join a sentence to the one before without naming anyone.
	// "Cùng với đó; phối hợp …" is written with a semicolon as often as with a comma.
	connectiveRE = regexp.MustCompile(`^(?i)(?:đồng thời|bên cạnh đó|ngoài ra|mặt khác|sau đó|cùng với đó|song song (?:với )?đó)\s*[,;]?\s*(?:cũng\s+)?`)
	// "Theo kế hoạch tuyển quân năm 2026, Ban Chỉ huy … tiếp tục phối hợp …" is a plan too, and
	// so is what a plan just told of sets: "Theo đó, các lực lượng chức năng tập trung …".
	planLeadRE = regexp.MustCompile(`^(?i)(?:năm \d{4}|năm tới|thời gian tới|trong thời gian tới|sắp tới|tới đây|trong (?:những|các) ngày tới|trong (?:những|các) tháng tới|theo kế hoạch[^,;.]{0,80}|theo đó)\s*,\s*`)
	// What a speaker asked at the meeting the article reports is told with "đã" too: "Tại cuộc
	// họp, Chủ tịch UBND huyện đã chỉ đạo các ban, ngành …" asks them.
	atMeetingRE = regexp.MustCompile(`^(?i)(?:tại|phát biểu tại|kết luận)\s+(?:cuộc họp|hội nghị|buổi làm việc|buổi lễ|buổi họp|lễ)\b`)
)

// dateLeadRE is the days a plan's step opens with: "từ ngày 30/6 - 15/8/2019", "Theo kế
// hoạch, đến ngày 15/11/2024,", "trước ngày 20/12", "Thời gian triển khai từ ngày 24/5 đến hết
// tháng 6/2021".
var dateLeadRE = regexp.MustCompile(`^(?i)(?:theo kế hoạch\s*,?\s*)?(?:thời gian (?:triển khai|thực hiện)\s*:?\s*)?(?:(?:bắt đầu\s+)?từ|đến|trước|trong|chậm nhất)\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}(?:\s*/\s*\d{1,2})?(?:\s*/\s*\d{4})?(?:\s*(?:-|–|đến(?: hết)?)\s*(?:ngày\s+|tháng\s+)?\d{1,2}(?:\s*/\s*\d{1,2})?(?:\s*/\s*\d{4})?)?\s*,?\s+`)

// spokenRE is a speaker's verb and the colon before their words.
var spokenRE = regexp.MustCompile(`(?i)(?:phát biểu|nhấn mạnh|kết luận)\s*:\s*`)

// neededRE opens a request that names no one: "đề nghị cần tiếp tục …" ("chỉ đạo" of "điểm chỉ
// đạo, tổ chức …" is a pilot site's name, followed by no need).
var neededRE = regexp.MustCompile(`^(?i)(?:cần|phải)\s`)

// deadlineSaidRE is a deadline: "trước ngày 20/7/2021", "chậm nhất ngày 5/12".
var deadlineSaidRE = regexp.MustCompile(`(?i)(?:trước|chậm nhất)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}`)

// leftToRE is a step left to an agency: "Việc phúc tra do cơ quan quân sự, công an phường, xã
// chủ trì, …"; the first group is the agency, the second what it does.
var leftToRE = regexp.MustCompile(`^(?i)việc\s+[^,;.]{1,60}?\s+do\s+([^;.]{3,80}?)\s+((?:chủ trì|thực hiện|đảm nhiệm|phụ trách).*)`)

// planIssuedRE is a page's news of a plan: "UBND huyện vừa ban hành Kế hoạch triển khai …",
// "… đã ban hành công văn 3541/UBND-BCHQS …".
var planIssuedRE = regexp.MustCompile(`(?i)(?:ban hành|triển khai|xây dựng)\s+(?:kế hoạch|công văn|hướng dẫn|chỉ thị)`)

// planStepRE opens a step of a plan the sentence names, or of the plan just told of: "Thời gian
// triển khai từ ngày 24/5 đến hết tháng 6/2021 các phường, xã tổ chức phúc tra …".
var planStepRE = regexp.MustCompile(`^(?i)(?:theo kế hoạch\s*,?|thời gian (?:triển khai|thực hiện)\s*:?)\s`)

// afterDateLead is text without the days it opens with; text itself when it opens with none.
func afterDateLead(text string) string {
	if m := dateLeadRE.FindStringIndex(text); m != nil {
		return text[m[1]:]
	}
	return text
}

// bodyNameRE is a body whose name holds a trigger: "Ban Chỉ đạo diễn tập", "Ban chỉ đạo".
var bodyNameRE = regexp.MustCompile(`(?i)\bban\s+chỉ đạo`)

// unnamed hides the trigger inside a body's name ("Ban Chỉ đạo giao Ban CHQS huyện …" asks
// the CHQS, and "Ban Chỉ đạo" asks nobody), keeping every byte where it was.
func unnamed(s string) string {
	if !strings.Contains(s, "hỉ đạo") {
		return s
	}
	return bodyNameRE.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, " ", "_") })
}

// wishedFuture splits "các quân nhân … sẽ gương mẫu …" at its "sẽ": the agency before it, and
// what it is to do after it; "" when no agency opens the text.
func wishedFuture(text string) (addressee, wished string) {
	k := strings.Index(text, " sẽ ")
	if k < 0 {
		return "", ""
	}
	a := agencyPhrase(strings.TrimSpace(text[:k]))
	if a == "" {
		return "", ""
	}
	return a, strings.TrimSpace(text[k+len(" sẽ "):])
}

// notAssignRE is what follows "giao" when it hands nothing out: an exchange, a
// hand-over of recruits, a briefing ("hội nghị giao ban công tác tháng 4").
var notAssignRE = regexp.MustCompile(`^(?:lưu|nhận|quân|thông|tiếp|hữu|ban công tác|ban (?:tháng|quý|tuần))\b`)

// impersonalRE is an obligation without an agency: "Việc khám tuyển phải bảo đảm …".
var impersonalRE = regexp.MustCompile(`^(?i)việc\s+[^,;.]{1,60}\s(?:phải|cần)\s`)

// clauses splits a sentence at ";" into items: a clause that names its own agency starts a new
// directive, any other is one more item for the addressee before it. named says whether the
// first clause starts with its addressee.
func (r *proseReader) clauses(text string, named bool) []loa.Directive {
	var out []loa.Directive
	for k, clause := range strings.Split(strings.TrimRight(text, ". …"), ";") {
		clause = strings.TrimSpace(clause)
		if clause == "" {
			continue
		}
		clause = afterDateLead(clause) // the step's days are its event's, not its task
		// "… tập trung thực hiện tốt một số nhiệm vụ: Hội đồng NVQS các xã tổ chức phát lệnh
		// …": the tasks after the colon are for the agency they open with.
		if c := strings.Index(clause, ": "); c > 0 {
			if a, report := splitAddressee(clause[c+2:]); a != "" && !report {
				clause = clause[c+2:]
				if k == 0 {
					named = true
				}
			}
		}
		if a, report := splitAddressee(clause); a != "" && (k > 0 || named) {
			if report {
				break
			}
			r.addressee = a
			out = append(out, loa.Directive{Ordinal: "-", Addressee: a, Items: splitTasks(clause)})
			continue
		}
		if len(out) > 0 && out[len(out)-1].Addressee == r.addressee {
			out[len(out)-1].Items = append(out[len(out)-1].Items, splitTasks(clause)...)
			continue
		}
		out = append(out, loa.Directive{Ordinal: "-", Addressee: r.addressee, Items: splitTasks(clause)})
	}
	return out
}

// maxSentence bounds the prose rules' work on one sentence; real sentences are far shorter.
const maxSentence = 2000

// words of a clause, folded for matching and kept as written for quoting.
type proseWords struct {
	raw, folded []string
}

func foldWords(text string, limit int) proseWords {
	raw := strings.Fields(text)
	if len(raw) > limit {
		raw = raw[:limit]
	}
	w := proseWords{raw: raw, folded: make([]string, len(raw))}
	for i, x := range raw {
		w.folded[i] = strings.TrimFunc(vntext.Fold(x), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	return w
}

// reportAt reports whether word i opens a report's verb: "đã", "vừa", "đang", "sẽ", "báo
// cáo", "cho biết", "phát biểu". The one-word ones are matched as written, since folding makes
// "Đà Nẵng" read "đã" and "Đăng" read "đang".
func (w proseWords) reportAt(i int) bool {
	n := reportWords.at(w.folded, i)
	if n != 1 {
		return n > 0
	}
	word := strings.ToLower(strings.TrimFunc(w.raw[i], func(r rune) bool { return !unicode.IsLetter(r) }))
	return word == "đã" || word == "vừa" || word == "đang" || word == "sẽ"
}

// phraseSet holds folded phrases by their first word.
type phraseSet map[string][][]string

func newPhraseSet(phrases ...[]string) phraseSet {
	set := phraseSet{}
	for _, list := range phrases {
		for _, p := range list {
			w := strings.Fields(p)
			set[w[0]] = append(set[w[0]], w)
		}
	}
	return set
}

// at is the length in words of the longest phrase of the set at word i, 0 when none.
func (set phraseSet) at(folded []string, i int) int {
	best := 0
	for _, p := range set[folded[i]] {
		if len(p) > best && i+len(p) <= len(folded) && equalWords(folded[i:i+len(p)], p) {
			best = len(p)
		}
	}
	return best
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Addressees that are whole as they stand: a verb may follow them at once ("Ban tổ chức điều
// hành …", "các vận động viên chấp hành …").
var wholeAgencies = []string{"ban to chuc", "ban giam khao", "cac van dong vien", "van dong vien", "cac doan van dong vien",
	"cac dia phuong", "dia phuong", "cac thanh vien", "cac co quan", "cac don vi", "cac xa", "cac phuong", "cac xa phuong",
	"cong an", "can bo", "cac luc luong", "cac doan", "cac nganh", "cac cap", "cac truong", "cac tieu ban", "cac phong",
	"cac ban", "cac ban nganh", "cac so", "cac bo", "cac bo nganh", "cac huyen", "cac hoi", "cac chi bo", "cac to chuc", "cac dong chi", "cac tram y te",
	"cac doi", "cac trung doi", "cac tieu doi", "cac thon", "cac ap", "cac khu pho", "doan vien", "hoi vien", "dan quan", "cac hoc vien",
	// Those a hand-over or a training speaks to: "các chiến sĩ dân quân", "các tân binh",
	// "gia đình và công dân".
	"cac chien si", "chien si", "cac tan binh", "tan binh", "cac quan nhan", "quan nhan", "gia dinh", "cac gia dinh",
	"tung thanh vien", "tung dong chi", "tung co quan", "tung don vi", "tung can bo", "moi don vi", "moi xa", "moi dia phuong",
	"moi co quan", "cac cong dan", "thanh vien", "hdnvqs", "hd nvqs", "hdnvqs xa",
	// People a course, an exam or a send-off speaks to: "mỗi học viên cần …", "Thí sinh phải
	// …", "đội ngũ cán bộ phải …", "các bạn trẻ giữ vững …".
	"moi hoc vien", "hoc vien", "thi sinh", "cac thi sinh", "moi thi sinh", "doi ngu can bo", "cac ban tre", "ban tre",
	"moi thanh nien", "moi can bo", "moi chien si", "cac can bo",
	// Families and citizens a call-up speaks to: "mỗi gia đình cần động viên con em …",
	// "Những công dân đến tuổi … cần thực hiện …".
	"moi gia dinh", "nhung cong dan", "moi cong dan",
	// Those a warning speaks to: "Học sinh, sinh viên cần đặc biệt cảnh giác", "đề nghị các
	// bậc phụ huynh thường xuyên trao đổi …", "người dân cần …", and those an appeal speaks
	// to: "kêu gọi toàn thể Nhân dân đề cao tinh thần cảnh giác".
	"hoc sinh", "cac hoc sinh", "sinh vien", "phu huynh", "cac bac phu huynh", "nguoi dan",
	"nhan dan", "toan the nhan dan", "toan dan", "quan chung nhan dan"}

var (
	agencyStarts = newPhraseSet(agencyHeads, wholeAgencies, []string{"to giup viec", "to cong tac", "to tuan tra", "bo chi huy", "ban chi huy", "ban chqs", "bchqs", "bo chqs", "chqs", "thanh vien", "tram y te", "nha truong", "cap uy", "chinh quyen", "tieu ban", "hoi dong nvqs", "cac hoi dong", "cong dan", "thanh nien", "cac thanh nien",
		"cac luc luong", "cac thanh vien"})
	wholeSet     = newPhraseSet(wholeAgencies)
	predicateSet = newPhraseSet(predicateVerbs, proseVerbs)
	reportWords  = newPhraseSet([]string{"da", "vua", "dang", "se", "bao cao", "cho biet", "phat bieu"})
	proseVerbs   = []string{"bam sat", "nam chac", "phat huy", "lam tot", "chu dong", "kip thoi", "cuong quyet", "nang cao", "quan triet", "tich cuc", "nghiem tuc", "thuong xuyen", "tham gia", "quan tam", "dieu hanh", "cham", "hoan thien", "sap xep", "ho tro", "giai quyet", "xu ly", "phat lenh", "tiep nhan", "truc tiep", "nghien cuu", "danh gia", "dam bao", "thong bao", "van dong", "lam viec", "ket hop", "tap luyen", "luyen tap", "thi dau", "chon loc", "tuyen chon", "gap mat", "tham hoi", "tang qua", "xet duyet", "rut kinh nghiem", "khac phuc", "bao quan", "su dung", "thi dua", "cung co", "doi moi", "mo lop", "lua chon", "co ke hoach", "co phuong an", "san sang", "truc", "tuan tra", "canh gioi", "dieu dong", "huy dong", "ban hanh", "ky ket", "lam ro", "chap hanh", "phan dau", "nhanh chong", "cu", "thanh lap", "to chuc", "tiep noi", "giu vung", "no luc", "chu trong", "trao doi",
		// A subjectless step of a plan: "Phân công nhiệm vụ, xác định rõ trách nhiệm …", "tiến hành điều tra …".
		"phan cong", "tien hanh",
		// Compiling what was gathered: "Các phường, xã tổng hợp danh sách báo cáo về …".
		"tong hop"}
	fillerBoundary  = newPhraseSet([]string{"de", "thoi gian toi", "trong thoi gian toi", "nam nay", "nam toi", "sau hoi nghi"})
	maxAddresseeLen = 20
)

// splitAddressee finds the agency a clause starts with and where its verb begins: "Công an các
// xã, phường xây dựng phương án …" → "Công an các xã, phường". report says the verb is a
// report's ("đã tổ chức", "báo cáo"). "" when the clause does not start with an agency.
func splitAddressee(clause string) (addressee string, report bool) {
	return splitAddresseeOf(clause, agencyStarts)
}

// localityAddressee is the place a request's clause starts with, asked as a whole ("huyện
// Vĩnh Linh cần …"), "" when it starts with none or reports. Only a request asks a place so:
// a sentence that opens with one mostly tells what it did.
func localityAddressee(clause string) string {
	w := foldWords(clause, 3)
	head := localityStarts.at(w.folded, 0)
	if head == 0 || head >= len(w.raw) || !unicode.IsUpper([]rune(w.raw[head])[0]) {
		return "" // "phương pháp …", "phường đã …": no place's name
	}
	a, report := splitAddresseeOf(clause, localityStarts)
	if report {
		return ""
	}
	return a
}

// afterWords is text after its first n words.
func afterWords(text string, n int) string {
	for range n {
		text = strings.TrimLeft(text, " \t")
		if k := strings.IndexAny(text, " \t"); k >= 0 {
			text = text[k:]
		} else {
			return ""
		}
	}
	return strings.TrimSpace(text)
}

// splitAddresseeOf is splitAddressee for the addressees that start with one of starts.
func splitAddresseeOf(clause string, starts phraseSet) (addressee string, report bool) {
	w := foldWords(clause, maxAddresseeLen+2)
	if len(w.folded) < 2 {
		return "", false
	}
	head := starts.at(w.folded, 0)
	if head == 0 || eventNamed(w.folded) {
		return "", false
	}
	from := head + 1
	switch {
	case wholeSet.at(w.folded, 0) == head:
		from = head
	case head == 1:
		from = 2
	}
	depth := 0
	for i := from; i < len(w.folded) && i <= maxAddresseeLen; i++ {
		depth += strings.Count(w.raw[i-1], "(") - strings.Count(w.raw[i-1], ")")
		if w.folded[i-1] == "ban" || depth > 0 || w.folded[i-1] == "thuong" && w.folded[i] == "truc" {
			continue // "Ban Tổ chức", "Ban Chỉ đạo", "(cơ quan thường trực)": part of a name
		}
		if w.reportAt(i) {
			return strings.TrimRight(strings.Join(w.raw[:i], " "), ",;:"), true
		}
		if predicateSet.at(w.folded, i) > 0 || fillerBoundary.at(w.folded, i) > 0 {
			return strings.TrimRight(strings.Join(w.raw[:i], " "), ",;:"), false
		}
	}
	return "", false
}

// eventNamed reports whether folded words open with a gathering rather than a body: "Hội
// nghị", "Hội thao", "Hội thi", "Hội trại" start like "Hội Nông dân" but ask nobody ("Phát
// biểu chỉ đạo Hội nghị, Thiếu tướng … nhấn mạnh …").
func eventNamed(folded []string) bool {
	if len(folded) < 2 || folded[0] != "hoi" {
		return false
	}
	switch folded[1] {
	case "nghi", "thao", "thi", "trai":
		return true
	}
	return false
}

// agencyPhrase is text that is only an agency ("Các địa phương"), else "".
func agencyPhrase(text string) string {
	w := foldWords(text, maxAddresseeLen+1)
	if len(w.folded) == 0 || len(w.folded) > maxAddresseeLen || agencyStarts.at(w.folded, 0) == 0 || eventNamed(w.folded) {
		return ""
	}
	return strings.TrimRight(text, ",;:")
}

// startsWithVerb reports whether a clause has no subject: "Tăng cường công tác …".
func startsWithVerb(clause string) bool {
	w := foldWords(clause, 4)
	return len(w.folded) > 1 && predicateSet.at(w.folded, 0) > 0
}
