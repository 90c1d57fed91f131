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
	triggerRE = regexp.MustCompile(`(?i)(yêu cầu|đề nghị|chỉ đạo|giao|nhấn mạnh[^:]*):`)
	bulletRE  = regexp.MustCompile(`^[-–•+]\s*`)
	// "Đối với Ban CHQS thị xã cần …", "đối với UBND các xã, phường: …".
	forRE = regexp.MustCompile(`^(?i)đối với\s+`)
)

// ExtractDirectives finds the sections of the body that assign tasks.
func ExtractDirectives(paragraphs []string) []loa.Directive {
	var out []loa.Directive
	for i := 0; i < len(paragraphs); i++ {
		p := paragraphs[i]
		if m := ordinalRE.FindStringSubmatch(p); m != nil {
			d, next := ordinalSection(paragraphs, i, m)
			out = append(out, d)
			i = next - 1
			continue
		}
		if !triggerRE.MatchString(p) {
			continue
		}
		trigger := triggerRE.FindStringIndex(p)
		after := strings.TrimSpace(p[trigger[1]:])
		switch {
		case after != "":
			out = append(out, runOn(after)...)
		case i+1 < len(paragraphs) && numberedRE.MatchString(paragraphs[i+1]):
			ds, next := numberedList(paragraphs, i+1)
			out = append(out, ds...)
			i = next - 1
		}
	}
	for i := range out {
		out[i].Position = i + 1
	}
	return out
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
	return d, next
}

// numberedList reads "1. …", "2. …" paragraphs in sequence; any other paragraph ends it.
func numberedList(paragraphs []string, i int) ([]loa.Directive, int) {
	var out []loa.Directive
	want := 1
	for ; i < len(paragraphs); i++ {
		m := numberedRE.FindStringSubmatch(paragraphs[i])
		if m == nil || m[1] != strconv.Itoa(want) {
			break
		}
		text := strings.TrimSpace(paragraphs[i][len(m[0]):])
		out = append(out, loa.Directive{Ordinal: m[1] + ".", Addressee: addresseeHead(text), Items: []string{text}})
		want++
	}
	return out, i
}

// runOn splits "A làm X; B làm Y; …" into one section per clause, but only when at least two
// clauses start with an agency: a colon and semicolons alone do not make a directive list.
func runOn(text string) []loa.Directive {
	var out []loa.Directive
	named := 0
	for k, clause := range strings.Split(strings.TrimSuffix(text, "."), ";") {
		clause = strings.TrimSpace(clause)
		if clause == "" {
			continue
		}
		a := addresseeHead(clause)
		if a != "" {
			named++
		}
		out = append(out, loa.Directive{Ordinal: "(" + strconv.Itoa(k+1) + ")", Addressee: a, Items: []string{clause}})
	}
	if named < 2 {
		return nil
	}
	return out
}

// Agencies start with one of these words…
var agencyHeads = []string{"ban", "hoi dong", "cac doan", "doan", "luc luong", "ubnd", "uy ban", "cong an", "phong",
	"trung tam", "van phong", "truong", "thi uy", "dang uy", "chi cuc", "cac phong", "cac xa", "so", "benh vien",
	"mat tran", "ubmttq", "ubmttqvn", "hdnd", "quan su", "bo chi huy", "doan thanh nien", "hoi"}

// …and end before the first of these verbs (looked for from the third word on, so that "Ban
// tổ chức" and "Lực lượng bảo đảm" stay whole).
var predicateVerbs = []string{"dieu hanh", "lam viec", "chap hanh", "gom", "chi dao", "chu tri", "xay dung", "to chuc",
	"day manh", "phoi hop", "tang cuong", "thuc hien", "bao dam", "ra soat", "trien khai", "tham muu", "kiem tra",
	"can", "phai", "co trach nhiem", "khan truong", "tiep tuc", "quan ly", "chuan bi", "huong dan", "nam chac",
	"don doc", "duy tri", "tuyen truyen", "bo tri", "lanh dao", "chiu trach nhiem", "theo doi", "tap trung", "cham diem", "cu"}

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
	for i := head + 2; i < len(words); i++ {
		for _, v := range predicateVerbs {
			vw := strings.Fields(v)
			if i+len(vw) <= len(folded) && strings.Join(folded[i:i+len(vw)], " ") == v {
				return strings.TrimRight(strings.Join(words[:i], " "), ",;:")
			}
		}
	}
	return ""
}
