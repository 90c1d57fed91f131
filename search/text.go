// Package search answers questions about directives ("Ban CHQS phải làm gì?", "diễn tập ở
// xã nào?", "nghị định 02") from the stored directive items. Documents and questions are
// folded the same way (no diacritics, lower case, "đ" → "d") and abbreviations are expanded on
// both sides, so "ban chqs thi xa" finds "Ban Chỉ huy quân sự thị xã" and the reverse.
package search

import (
	"regexp"
	"strings"

	"github.com/loa-vn/loa/vntext"
)

// officeAbbreviations are offices written short before the body they are of ("CT UBND xã",
// "PBT Đảng ủy"): alone, "CT" is as often a programme or a company.
var officeAbbreviations = map[string][]string{"ct": {"chu", "tich"}, "pct": {"pho", "chu", "tich"},
	"bt": {"bi", "thu"}, "pbt": {"pho", "bi", "thu"}, "cht": {"chi", "huy", "truong"}, "pcht": {"pho", "chi", "huy", "truong"}}

// officeBodies are the first words, folded, of the bodies an office is of.
var officeBodies = map[string]bool{"ubnd": true, "uy": true, "hdnd": true, "hd": true, "hdnvqs": true, "hoi": true, "dang": true,
	"huyen": true, "tinh": true, "thanh": true, "chi": true, "ban": true, "bchqs": true, "ubmttq": true, "ubmttqvn": true, "mttq": true}

// DefaultAbbreviations maps abbreviations to what they stand for. Matching is on folded text.
var DefaultAbbreviations = map[string]string{
	"chqs":     "chỉ huy quân sự",
	"bchqs":    "ban chỉ huy quân sự",
	"dqtv":     "dân quân tự vệ",
	"lldqtv":   "lực lượng dân quân tự vệ",
	"lldq":     "lực lượng dân quân",
	"đvtn":     "đoàn viên thanh niên",
	"cbcs":     "cán bộ chiến sĩ",
	"bđbp":     "bộ đội biên phòng",
	"pctt":     "phòng chống thiên tai",
	"tkcn":     "tìm kiếm cứu nạn",
	"qsđp":     "quân sự địa phương",
	"gdqp&an":  "giáo dục quốc phòng và an ninh",
	"gdqp-an":  "giáo dục quốc phòng và an ninh",
	"gdqpan":   "giáo dục quốc phòng và an ninh",
	"qp-an":    "quốc phòng và an ninh",
	"qp&an":    "quốc phòng và an ninh",
	"qpan":     "quốc phòng và an ninh",
	"gdqp":     "giáo dục quốc phòng",
	"kvpt":     "khu vực phòng thủ",
	"nvqs":     "nghĩa vụ quân sự",
	"ubnd":     "ủy ban nhân dân",
	"hdnd":     "hội đồng nhân dân",
	"ubmttqvn": "ủy ban mặt trận tổ quốc việt nam",
	"ubmttq":   "ủy ban mặt trận tổ quốc",
	"mttq":     "mặt trận tổ quốc",
	"llvt":     "lực lượng vũ trang",
	"tdtt":     "thể dục thể thao",
	"gddt":     "giáo dục và đào tạo",
	"gd&dt":    "giáo dục và đào tạo",
	"ptkv":     "phòng thủ khu vực",
	"qs":       "quân sự",
	"dbdv":     "dự bị động viên",
	"hdnvqs":   "hội đồng nghĩa vụ quân sự",
	"duqs":     "đảng ủy quân sự",
	"ptds":     "phòng thủ dân sự",
	"antt":     "an ninh trật tự",
	"tx":       "thị xã",
	"vđv":      "vận động viên",
	"cnvclđ":   "công nhân viên chức lao động",
	"hssv":     "học sinh sinh viên",
	"ssnn":     "sẵn sàng nhập ngũ",
	"ttđt":     "thông tin điện tử",
	"qd":       "quyết định",
	"nd":       "nghị định",
}

// Normaliser folds text and expands abbreviations.
type Normaliser struct {
	expand map[string][]string // folded abbreviation, punctuation removed → words
}

// NewNormaliser builds a normaliser from an abbreviation dictionary (nil: the default).
func NewNormaliser(dict map[string]string) *Normaliser {
	if dict == nil {
		dict = DefaultAbbreviations
	}
	n := &Normaliser{expand: map[string][]string{}}
	for k, v := range dict {
		n.expand[joinKey(vntext.Fold(k))] = strings.Fields(nonWord.ReplaceAllString(vntext.Fold(v), " "))
	}
	return n
}

// joinKey drops the "&" and "-" inside an abbreviation: "gdqp&an" and "gdqp - an" are "gdqpan".
func joinKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '&' || r == '-' || r == ' ' {
			return -1
		}
		return r
	}, s)
}

// "GDQP&AN", "QP - AN": two words joined by & or - that together are an abbreviation.
var joined = regexp.MustCompile(`([a-z0-9]+)\s*[&-]\s*([a-z0-9]+)`)

// Normalise returns folded text with abbreviations expanded, as words separated by spaces.
// It is one pass over the words plus a map look-up each, so indexing stays cheap.
func (n *Normaliser) Normalise(s string) string {
	f := vntext.Fold(s)
	if strings.Contains(f, "%") {
		f = strings.ReplaceAll(f, "%", " phan tram ") // "98,6%" is read "98,6 phần trăm", as it is asked
	}
	if strings.ContainsAny(f, "&-") {
		f = joined.ReplaceAllStringFunc(f, func(m string) string {
			if k := joinKey(m); n.expand[k] != nil {
				return k
			}
			return m
		})
	}
	words := strings.Fields(nonWord.ReplaceAllString(f, " "))
	out := make([]string, 0, len(words)+8)
	for i := 0; i < len(words); i++ {
		w := words[i]
		// "GD ĐT", "GD QPAN": two short words that together are an abbreviation, the first of
		// which alone is not one.
		if i+1 < len(words) && len(w) <= 3 && len(words[i+1]) <= 5 && n.expand[w] == nil {
			if long, ok := n.expand[w+words[i+1]]; ok {
				out = append(out, long...)
				i++
				continue
			}
		}
		if long, ok := n.expand[w]; ok {
			out = append(out, long...)
			continue
		}
		// "CT UBND xã", "PBT Đảng ủy", "CHT Ban CHQS": an office, by the body it is of.
		if office, ok := officeAbbreviations[w]; ok && i+1 < len(words) && officeBodies[words[i+1]] {
			out = append(out, office...)
			continue
		}
		// "PTKV4", "KV3": an abbreviation glued to its unit's number.
		if k := strings.IndexAny(w, "0123456789"); k > 1 && isNumber(w[k:]) && n.expand[w[:k]] != nil {
			out = append(append(out, n.expand[w[:k]]...), w[k:])
			continue
		}
		// "cụm số 5", "khu vực số 3": the unit is named by its number, as "cụm 5" names it.
		if w == "so" && len(out) > 0 && numberedBefore[out[len(out)-1]] && i+1 < len(words) && isNumber(words[i+1]) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// numberedBefore are the last words of the units numberedUnit reads ("cụm", "khu vực").
var numberedBefore = map[string]bool{"cum": true, "vuc": true, "khoa": true, "khu": true, "vung": true, "tuong": true,
	"doan": true, "pho": true, "thon": true, "ap": true}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// Words splits normalised text.
func Words(normalised string) []string { return strings.Fields(normalised) }

// stopWords carry no meaning in a question ("phải làm gì", "ở đâu"…), folded.
var stopWords = map[string]bool{
	"phai": true, "lam": true, "gi": true, "cua": true, "o": true, "dau": true, "nao": true, "khi": true,
	"bao": true, "gio": true, "the": true, "nhung": true, "cac": true, "va": true, "la": true, "co": true,
	"duoc": true, "trong": true, "cho": true, "voi": true, "ve": true, "can": true, "nhiem": true, "vu": true,
	"hoi": false, "tai": true, "nhu": true, "sao": true, "ai": true, "viec": true, "gom": true, "den": true,
	"nay": true, "do": true, "mot": true, "so": true, "thi": false, "xa": false, "hay": true, "a": true,
	"giao": false, "nam": false, "yeu": true, "cau": true, "de": true, "nghi": false, "di": true, "tu": false,
	"nhieu": true, "may": true, // "bao nhiêu", "mấy"
	"lich": true, // "lịch X" asks when X is
	"vao":  true, // "nhập ngũ vào Quân đội", "vào ngày nào": a preposition, never what is asked
}

func isStop(w string) bool { return stopWords[w] }

// anyAt reports whether found holds at some occurrence of sub in text, given its offset.
func anyAt(text, sub string, found func(at int) bool) bool {
	for at := strings.Index(text, sub); at >= 0; {
		if found(at) {
			return true
		}
		k := strings.Index(text[at+1:], sub)
		if k < 0 {
			return false
		}
		at += 1 + k
	}
	return false
}
