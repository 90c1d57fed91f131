package news

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

var (
	// "Thứ nhất, …" … "Thứ mười, …" and "Một là, …" … "Mười là, …" open a section.
	ordinalRE = regexp.MustCompile(`^(?i)(thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười) là)\s*[,:.]\s*`)
	// "1. Ban tổ chức …" after an intro that ends with a trigger and a colon.
	numberedRE = regexp.MustCompile(`^(\d{1,2})[.)]\s+`)
	// A trigger word right before a colon: "ông yêu cầu:", "đề nghị:".
	// "giao nhiệm vụ cụ thể như sau:" ends with its trigger too.
	triggerRE = regexp.MustCompile(`(?i)(yêu cầu|đề nghị|chỉ đạo|chỉ thị|giao(?: nhiệm vụ)?(?: cụ thể)?|nhấn mạnh[^:]*)(?: như sau)?:`)
	// A trigger that names whom it asks before its closing colon: "đề nghị Ban CHQS các xã,
	// phường tập trung thực hiện tốt một số nội dung sau:".
	namedTriggerRE = regexp.MustCompile(`(?i)(?:yêu cầu|đề nghị|chỉ đạo)\s+([^:.;]{3,160}):$`)
	bulletRE       = regexp.MustCompile(`^[-–•+]\s*`)
	// "a) …", "b) …" and "1) …": each its own section.
	letteredRE = regexp.MustCompile(`^([a-zđ]|\d{1,2})\)\s+`)
	// A date opening a line ("Thứ sáu, 8/11, đoàn …"): a weekday, not a section's ordinal.
	dateStartRE = regexp.MustCompile(`^\d{1,2}\s*[/.-]\s*\d{1,2}`)
	// "Đối với Ban CHQS thị xã cần …", "đối với UBND các xã, phường: …".
	forRE = regexp.MustCompile(`^(?i)đối với\s+`)
)

// ExtractDirectives finds the sections of the body that assign tasks.
func ExtractDirectives(paragraphs []string) []loa.Directive {
	var out []loa.Directive
	var prose proseReader
	for i := 0; i < len(paragraphs); i++ {
		p := paragraphs[i]
		n := len(out)
		ds, ok := listDirectives(paragraphs, &i)
		out = append(out, ds...)
		if ok && len(ds) == 0 && strings.HasSuffix(p, ":") && triggerRE.MatchString(p) {
			// "… giao nhiệm vụ cụ thể như sau:" before prose: the sentences after it that
			// start with their own agency are its requests.
			prose.active, prose.addressee = true, ""
			continue
		}
		if len(out) > n {
			prose.reset()
			continue
		}
		out = append(out, prose.paragraph(p)...)
	}
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}

// listDirectives reads the sections that start at paragraph *i in the forms with a list or a
// colon: ordinals ("Thứ nhất, …"), a trigger and its colon followed by a list or by run-on
// clauses. It moves *i to the last paragraph it read.
func listDirectives(paragraphs []string, i *int) ([]loa.Directive, bool) {
	var out []loa.Directive
	{
		p := paragraphs[*i]
		if m := ordinalRE.FindStringSubmatch(p); m != nil && !dateStartRE.MatchString(p[len(m[0]):]) {
			d, next := ordinalSection(paragraphs, *i, m)
			if len(d.Items) == 0 {
				return nil, false // "Thứ Ba," alone: a weekday, not a section
			}
			*i = next - 1
			return append(out, d), true
		}
		intro := ""
		if !strings.Contains(p, ":") {
			return nil, false // every trigger ends at a colon
		}
		if owner := dutyOwner(p); owner != "" {
			ds, next := duties(paragraphs, *i+1, owner)
			if len(ds) == 0 {
				return nil, false
			}
			*i = next - 1
			return ds, true
		}
		if m := namedTriggerRE.FindStringSubmatch(p); strings.HasSuffix(p, ":") && m != nil {
			intro = addresseeHead(m[1])
		} else if !triggerRE.MatchString(p) {
			return nil, false
		}
		after := ""
		if trigger := triggerRE.FindStringIndex(p); trigger != nil && intro == "" {
			after = strings.TrimSpace(p[trigger[1]:])
		}
		switch {
		case after != "":
			out = append(out, runOn(after)...)
		case *i+1 < len(paragraphs) && numberedRE.MatchString(paragraphs[*i+1]):
			ds, next := numberedList(paragraphs, *i+1, intro)
			out = append(out, ds...)
			*i = next - 1
		case *i+1 < len(paragraphs) && isListLine(paragraphs[*i+1]):
			ds, next := listSections(paragraphs, *i+1, intro)
			out = append(out, ds...)
			*i = next - 1
		}
	}
	return out, true
}

// ordinalSection reads "Thứ hai, Đối với X cần …:" and the bullets under it.
func ordinalSection(paragraphs []string, i int, m []string) (loa.Directive, int) {
	d := loa.Directive{Ordinal: vntext.Capitalise(strings.TrimSpace(m[1]))}
	rest := strings.TrimSpace(paragraphs[i][len(m[0]):])
	inline := rest
	if loc := forRE.FindStringIndex(rest); loc != nil {
		head := rest[loc[1]:]
		// The addressee ends at the colon or before "cần"/"phải"; commas belong to it
		// ("UBND các xã, phường").
		end := len(head)
		for _, stop := range []string{":", " cần ", " phải ", " có trách nhiệm "} {
			if k := strings.Index(head, stop); k >= 0 && k < end {
				end = k
			}
		}
		d.Addressee = strings.TrimSpace(head[:end])
		inline = ""
		if k := strings.Index(head, ":"); k >= 0 {
			inline = strings.TrimSpace(head[k+1:])
		}
	}
	next := i + 1
	for ; next < len(paragraphs) && bulletRE.MatchString(paragraphs[next]); next++ {
		d.Items = append(d.Items, strings.TrimSpace(bulletRE.ReplaceAllString(paragraphs[next], "")))
	}
	if len(d.Items) == 0 && inline != "" {
		d.Items = []string{inline}
	}
	if d.Addressee == "" && len(d.Items) == 1 {
		d.Addressee = addresseeHead(d.Items[0]) // "Một là, Phòng Giáo dục và Đào tạo chỉ đạo …"
	}
	return d, next
}

func isListLine(p string) bool {
	return bulletRE.MatchString(p) || letteredRE.MatchString(p) || forRE.MatchString(p) && strings.HasSuffix(p, ":")
}

// listSections reads the list after a trigger's colon: bullets ("- ", "+ ", "•"), lettered or
// numbered items ("a) ", "1) "), and "Đối với X:" headings whose bullets are X's. Bullets
// under the trigger are one section for whom the trigger named, unless every one of them
// starts with its own addressee ("Công an thị xã phối hợp …"); then, like lettered items,
// each is a section of its own.
func listSections(paragraphs []string, i int, intro string) ([]loa.Directive, int) {
	var out []loa.Directive
	var loose []string // bullets not under a heading
	flush := func() {
		if len(loose) == 0 {
			return
		}
		own := true
		for _, it := range loose {
			own = own && addresseeHead(it) != ""
		}
		if own && len(loose) > 1 {
			for _, it := range loose {
				out = append(out, loa.Directive{Ordinal: "-", Addressee: addresseeHead(it), Items: []string{it}})
			}
		} else {
			out = append(out, loa.Directive{Ordinal: "-", Addressee: intro, Items: loose})
		}
		loose = nil
	}
	for ; i < len(paragraphs); i++ {
		p := paragraphs[i]
		switch {
		case letteredRE.MatchString(p):
			flush()
			m := letteredRE.FindStringSubmatch(p)
			text := strings.TrimSpace(p[len(m[0]):])
			a := addresseeHead(text)
			if a == "" {
				a = intro // "Nhiệm vụ của Ban Chỉ huy …:" then "a) Tham mưu …"
			}
			out = append(out, loa.Directive{Ordinal: m[1] + ")", Addressee: a, Items: []string{text}})
		case forRE.MatchString(p) && strings.HasSuffix(p, ":"):
			flush()
			d := loa.Directive{Ordinal: "-", Addressee: strings.TrimSpace(strings.TrimSuffix(p[forRE.FindStringIndex(p)[1]:], ":"))}
			for i+1 < len(paragraphs) && bulletRE.MatchString(paragraphs[i+1]) {
				i++
				d.Items = append(d.Items, strings.TrimSpace(bulletRE.ReplaceAllString(paragraphs[i], "")))
			}
			if len(d.Items) > 0 {
				out = append(out, d)
			}
		case bulletRE.MatchString(p):
			loose = append(loose, strings.TrimSpace(bulletRE.ReplaceAllString(p, "")))
		default:
			flush()
			return out, i
		}
	}
	flush()
	return out, i
}

// numberedList reads "1. …", "2. …" paragraphs in sequence, each for the agency it opens with,
// else for intro, whom the line before asked; any other paragraph ends it.
func numberedList(paragraphs []string, i int, intro string) ([]loa.Directive, int) {
	var out []loa.Directive
	want := 1
	for ; i < len(paragraphs); i++ {
		m := numberedRE.FindStringSubmatch(paragraphs[i])
		if m == nil || m[1] != strconv.Itoa(want) {
			break
		}
		text := strings.TrimSpace(paragraphs[i][len(m[0]):])
		a := addresseeHead(text)
		if a == "" {
			a = intro // "đề nghị Ban CHQS xã … thực hiện một số nội dung sau:" and the points under it
		}
		out = append(out, loa.Directive{Ordinal: m[1] + ".", Addressee: a, Items: []string{text}})
		want++
	}
	return out, i
}

// runOn splits "A làm X; B làm Y; …" into one section per clause, but only when at least two
// clauses start with an agency, or the first does: a colon and semicolons alone do not make a
// directive list. The first clause may open with what the request rests on ("căn cứ chỉ
// tiêu …, các đơn vị nhận quân phối hợp …"), which is no task.
func runOn(text string) []loa.Directive {
	var out []loa.Directive
	named := 0
	last := ""
	firstNamed := false
	for k, clause := range strings.Split(strings.TrimSuffix(text, "."), ";") {
		clause = strings.TrimSpace(clause)
		if clause == "" {
			continue
		}
		if k == 0 {
			clause = afterLeadIn(clause)
		}
		a := addresseeHead(clause)
		if a == "" {
			a, _ = splitAddressee(clause) // "các vận động viên chấp hành …"
		}
		if k == 0 && a != "" {
			firstNamed = true
		}
		if a != "" {
			named++
			last = a
		} else {
			a = last // a clause without an agency carries on the one before it
		}
		out = append(out, loa.Directive{Ordinal: "(" + strconv.Itoa(k+1) + ")", Addressee: a, Items: splitTasks(clause)})
	}
	if named < 2 && !firstNamed {
		return nil
	}
	return out
}

// leadInRE opens a clause with what a request rests on or aims at, or when it is for.
var leadInRE = regexp.MustCompile(`^(?i)(?:căn cứ|trên cơ sở|dựa trên|để|nhằm|thời gian tới|trong thời gian tới|sắp tới|năm \d{4}|sau khi|trước khi)[\s,]`)

var timeLeadInRE = regexp.MustCompile(`^(?i)(?:trong\s+)?(?:thời gian tới|sắp tới)\s*,?\s`)

// afterLeadIn drops a lead-in before the agency that a comma puts after it, and leaves any
// other clause as it is.
func afterLeadIn(clause string) string {
	if !leadInRE.MatchString(clause) {
		return clause
	}
	// "thời gian tới các địa phương tiếp tục …": a time needs no comma.
	if m := timeLeadInRE.FindStringIndex(clause); m != nil {
		rest := strings.TrimSpace(clause[m[1]:])
		if a, report := splitAddressee(rest); a != "" && !report {
			return rest
		}
	}
	words := strings.Fields(clause)
	for k := 1; k < len(words) && k < 60; k++ {
		if !strings.HasSuffix(words[k-1], ",") {
			continue
		}
		rest := strings.Join(words[k:], " ")
		if a := addresseeHead(rest); a != "" {
			return rest
		}
		if a, report := splitAddressee(rest); a != "" && !report {
			return rest
		}
	}
	return clause
}

// Agencies start with one of these words…
var agencyHeads = []string{"ban", "hoi dong", "cac doan", "doan", "luc luong", "ubnd", "uy ban", "cong an", "phong",
	"trung tam", "van phong", "truong", "thi uy", "dang uy", "chi cuc", "cac phong", "cac xa", "so", "benh vien",
	"mat tran", "ubmttq", "ubmttqvn", "hdnd", "quan su", "bo chi huy", "doan thanh nien", "hoi", "trung doi",
	"cac trung doi", "tieu doi", "cac tieu doi", "can bo", "cac co quan", "cac don vi", "cac truong",
	// The army's units, as the platoons and squads above: "yêu cầu Trung đoàn 833, đội ngũ giáo
	// viên và học viên quán triệt …".
	"trung doan", "su doan", "lu doan", "tieu doan", "dai doi", "bo tu lenh",
	// The party committees ("Huyện ủy, UBND huyện" are asked together) and the standing body
	// of a drill or a council ("cơ quan thường trực là Ban CHQS huyện").
	"huyen uy", "tinh uy", "thanh uy", "quan uy", "co quan thuong truc",
	// The standing members of a council or committee: "Thường trực Hội đồng NVQS phường".
	"thuong truc",
	// Party committees and authorities at every level: "Cấp ủy, chính quyền các cấp tăng cường …".
	"cap uy", "chinh quyen",
	// The army's party committees: "ĐUQS tỉnh phải vừa tập trung …".
	"duqs", "dang uy quan su"}

// …and end before the first of these verbs (looked for from the third word on, so that "Ban
// tổ chức" and "Lực lượng bảo đảm" stay whole).
var predicateVerbs = []string{"dieu hanh", "lam viec", "chap hanh", "gom", "chi dao", "chu tri", "xay dung", "to chuc",
	"day manh", "phoi hop", "tang cuong", "thuc hien", "bao dam", "ra soat", "trien khai", "tham muu", "kiem tra",
	"can", "phai", "co trach nhiem", "khan truong", "tiep tuc", "quan ly", "chuan bi", "huong dan", "nam chac",
	"don doc", "duy tri", "tuyen truyen", "bo tri", "lanh dao", "chiu trach nhiem", "theo doi", "tap trung", "cham diem", "cu",
	"chon", "lap", "kien toan", "hoan thanh", "hoan thien", "xac minh", "tham dinh", "giu gin", "bo sung", "dang ky"}

// addresseeHead returns the agency a clause starts with ("Ban CHQS thị xã chủ trì…" → "Ban
// CHQS thị xã"), or "" when it does not start with one.
func addresseeHead(clause string) string {
	words := strings.Fields(clause)
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = strings.TrimFunc(vntext.Fold(w), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	head := 0
	for _, h := range agencyHeads {
		hw := strings.Fields(h)
		if len(hw) <= len(folded) && strings.Join(folded[:len(hw)], " ") == h {
			head = max(head, len(hw))
		}
	}
	if head == 0 {
		return ""
	}
	// A one-word head needs two words of name ("Ban tổ chức"); a longer one, one.
	from := head + 1
	if head == 1 {
		from = head + 2
	}
	for i := from; i < len(words); i++ {
		for _, v := range predicateVerbs {
			vw := strings.Fields(v)
			if i+len(vw) <= len(folded) && strings.Join(folded[i:i+len(vw)], " ") == v {
				return strings.TrimRight(strings.Join(words[:i], " "), ",;:")
			}
		}
	}
	return ""
}
