package news

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// DefaultTopicRules are the keyword rules of each topic, matched on folded text (no
// diacritics, lower case, whole words) and weighed by where they occur (see topics). "chi-dao"
// is added for articles with directives and "tin-tuc" for every article.
var DefaultTopicRules = map[string][]string{
	"dien-tap": {"diễn tập"},
	"hoi-thao": {"bắn súng", "hội thao", "hội thi", "giải thể thao", "giải thi đấu", "giải bóng đá"},
	"tuyen-quan": {"tuyển quân", "nghĩa vụ quân sự", "NVQS", "giao nhận quân", "tuyển sinh quân sự", "nhập ngũ", "khám tuyển",
		// The commune-led steps since 1 July 2025 (registration and approval are under "nghĩa vụ quân sự").
		"sơ tuyển", "phúc tra nguồn", "lệnh gọi nhập ngũ",
		// Joining up as the people say it: "Hội trại tòng quân", "Ngày hội tòng quân", "Vì người
		// bạn tòng quân". Never "tòng quân" alone: folded, it is "tổng quân số" and "tổng quan".
		"trại tòng quân", "hội tòng quân", "người bạn tòng quân"},
	"gdqp-an":        {"giáo dục quốc phòng", "kiến thức quốc phòng", "GDQP", "GD QPAN", "giáo dục QP"},
	"dan-quan-tu-ve": {"dân quân tự vệ", "DQTV", "dân quân", "tự vệ"},
	// Order and the commune's police: "an ninh, trật tự" folds to the same words as "an ninh trật tự".
	"an-ninh": {"ANTT", "tội phạm", "an ninh trật tự", "công an xã", "công an phường", "lừa đảo", "tuần tra"},
}

// passingInDirectives are topic words that do not count in a directive: keeping order at a
// ceremony ("bảo đảm an ninh trật tự") is one task of many, not what the article is about.
var passingInDirectives = map[string]bool{" an ninh trat tu ": true, " cong an xa ": true, " cong an phuong ": true, " tuan tra ": true}

// foldedRules are the topic rules' words folded once: " word ", as topics matches them.
type foldedRules map[string][]string

func foldRules(rules map[string][]string) foldedRules {
	out := make(foldedRules, len(rules))
	for topic, words := range rules {
		for _, w := range words {
			out[topic] = append(out[topic], foldPadded(w))
		}
	}
	return out
}

// foldPadded is text as topic words are matched in it: folded, words only, between spaces.
func foldPadded(s string) string { return " " + wordsOnly(vntext.Fold(s)) + " " }

// notAContest keeps "Đại hội Thi đua" (an assembly) from reading as "hội thi" (a contest) in
// folded, padded text.
func notAContest(p string) string { return strings.ReplaceAll(p, " dai hoi thi ", " dai hoi_thi ") }

// ofCallUpAge keeps "thanh niên trong độ tuổi (sẵn sàng) nhập ngũ" from reading as the call-up
// in folded, padded text: it names people by their age, as a course's or a meeting's list of
// who attends does, and an article about the call-up says so with words of its own.
func ofCallUpAge(p string) string {
	if !strings.Contains(p, " do tuoi ") {
		return p
	}
	p = strings.ReplaceAll(p, " do tuoi san sang nhap ngu ", " do tuoi san_sang_nhap_ngu ")
	return strings.ReplaceAll(p, " do tuoi nhap ngu ", " do tuoi nhap_ngu ")
}

var defaultFolded = foldRules(DefaultTopicRules)

// Extractor turns page text into an article. Zero values are usable: the default topic rules,
// no gazetteer, Asia/Ho_Chi_Minh.
type Extractor struct {
	TopicRules map[string][]string
	Gazetteer  []string // commune and ward names without "xã"/"phường": "Minh Thắng", "Hưng Long"
	// Places are the country's places, old and new (NewPlaces); nil: those of the gazetteer only.
	Places   *Places
	Location *time.Location
}

// Extract reads a portal page's visible text (title on line 1).
func (x Extractor) Extract(text string) loa.Article {
	loc := x.Location
	if loc == nil {
		loc = defaultLocation()
	}
	page := CleanText(clip(text, maxText), loc)
	return x.FromPage(page)
}

// Bounds on what extraction reads, so that its cost per page is bounded whatever a page
// holds: real articles are far smaller (the longest seen is about 30 KB in 60 paragraphs).
const (
	maxText       = 96 << 10 // bytes of page text
	maxParagraphs = 300
	maxParagraph  = 8 << 10 // bytes of one paragraph
)

// clip cuts s to at most n bytes, at the start of a rune.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// readable is the part of a page's paragraphs extraction reads.
func readable(paragraphs []string) []string {
	if len(paragraphs) > maxParagraphs {
		paragraphs = paragraphs[:maxParagraphs]
	}
	out := paragraphs
	for i, p := range paragraphs {
		if len(p) > maxParagraph {
			if &out[0] == &paragraphs[0] {
				out = slices.Clone(paragraphs)
			}
			out[i] = clip(p, maxParagraph)
		}
	}
	return out
}

// FromPage builds the article from an already cleaned page (feeds and HTML portals).
func (x Extractor) FromPage(page Page) loa.Article {
	// A NUL cannot be stored (PostgreSQL refuses it) nor sent; a page never means one.
	page.Title = strings.ReplaceAll(page.Title, "\x00", "")
	for i, p := range page.Paragraphs {
		page.Paragraphs[i] = strings.ReplaceAll(p, "\x00", "")
	}
	a := loa.Article{Title: page.Title, Published: page.Published, Body: strings.Join(page.Paragraphs, "\n\n")}
	// The title and paragraphs folded to plain words once, for the hash and the topics.
	words := make([]string, 1+len(page.Paragraphs))
	words[0] = wordsOnly(vntext.Fold(page.Title))
	for i, p := range page.Paragraphs {
		words[i+1] = wordsOnly(vntext.Fold(p))
	}
	a.ContentHash = hashWords(words)
	paragraphs := readable(page.Paragraphs)
	// A page without a date line is dated by its lead's day, the nearest it names: so an old
	// page is not pushed as news, and its other days take their year from it.
	if a.Published.IsZero() {
		a.Published = page.LeadDay
	}
	a.Directives = ExtractDirectives(paragraphs)
	a.Speaker = speaker(paragraphs, a.Directives)
	for i := range a.Directives {
		a.Directives[i].Speaker = a.Speaker
		a.Directives[i].Date = a.Published
	}
	a.Events = extractEvents(page.Title, paragraphs, a.Published, x.Gazetteer, x.Places)
	a.Topics = x.topics(words, page.Paragraphs, a.Directives, isDocument(page))
	return a
}

// Where a topic's word occurs says how much the article is about it: in the title (3), the
// lead paragraph (2), a directive (2), or once more in the body (1 a paragraph). Two make a
// topic: "bắn súng" among the subjects of a training report is not a contest, and one passing
// "dân quân" in a quarterly report does not make it the militia's.
const (
	titleWeight     = 3
	leadWeight      = 2
	directiveWeight = 2
	topicThreshold  = 2
)

// topics reads words: the folded title, then the folded paragraphs (as written in paragraphs).
// document says the page is a directing document itself: a decision, plan or decree.
func (x Extractor) topics(words, paragraphs []string, directives []loa.Directive, document bool) []string {
	rules := defaultFolded
	if x.TopicRules != nil {
		rules = foldRules(x.TopicRules)
	}
	type weighed struct {
		text      string
		weight    int
		directive bool
	}
	parts := []weighed{{notAContest(" " + words[0] + " "), titleWeight, false}}
	for i, p := range words[1:] {
		w := 1
		switch {
		case i == 0:
			w = leadWeight
		case caption(paragraphs[i]):
			// "Các chiến sĩ dân quân tự vệ thực hành kiểm tra bắn súng": a photo's caption
			// says what the picture shows, not what the article is about.
			w = 0
		}
		parts = append(parts, weighed{ofCallUpAge(notAContest(" " + p + " ")), w, false})
	}
	for _, d := range directives {
		parts = append(parts, weighed{foldPadded(d.Addressee + " " + strings.Join(d.Items, " ")), directiveWeight, true})
	}
	var out []string
	for topic, folded := range rules {
		score := 0
		for _, part := range parts {
			for _, w := range folded {
				if part.directive && passingInDirectives[w] {
					continue
				}
				if strings.Contains(part.text, w) {
					score += part.weight
					break
				}
			}
		}
		if score >= topicThreshold {
			out = append(out, topic)
		}
	}
	sort.Strings(out)
	if len(directives) > 0 || document || directing(parts[0].text) || len(parts) > 1 && directing(parts[1].text) {
		out = append(out, "chi-dao")
	}
	return append(out, "tin-tuc")
}

// directingWords, in the title or the lead, say the article reports a leader directing the work
// ("Phát biểu chỉ đạo tại Hội nghị …", "kết quả lãnh đạo, chỉ đạo nhiệm vụ quân sự", "Tỉnh …
// chỉ đạo công tác tuyển quân") even when no task is quoted; a leader who only attends ("dự và
// chỉ đạo") does not.
var directingWords = []string{foldPadded("phát biểu chỉ đạo"), foldPadded("lãnh đạo, chỉ đạo"), foldPadded("chỉ đạo công tác")}

func directing(folded string) bool {
	return slices.ContainsFunc(directingWords, func(w string) bool { return strings.Contains(folded, w) })
}

// isDocument reports whether a page is a directing document itself: its title names one with
// its number, or its header holds the document's own heading, its kind alone in capitals
// ("QUYẾT ĐỊNH", "KẾ HOẠCH") as a decision's text reproduced on a legal portal shows it.
func isDocument(page Page) bool {
	if documentTitleRE.MatchString(page.Title) {
		return true
	}
	return slices.ContainsFunc(page.Paragraphs[:min(len(page.Paragraphs), documentHeaderParagraphs)], func(p string) bool {
		return len(p) <= maxDocumentHeading && documentHeadingRE.MatchString(p)
	})
}

// documentHeaderParagraphs is how far down a document's heading may stand: below the list of
// related documents and the issuer's and number's lines.
const documentHeaderParagraphs = 12

// maxDocumentHeading is the longest a document's heading is, in bytes ("QUYẾT ĐỊNH" is 15).
const maxDocumentHeading = 24

var documentHeadingRE = regexp.MustCompile(`^(?:QUYẾT ĐỊNH|KẾ HOẠCH|CHỈ THỊ|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ|HƯỚNG DẪN|CÔNG VĂN)$`)

// documentTitleRE is the title of a page that is a directing document, named with its number:
// "Quyết định 1161/QĐ-UBND 2023 Kế hoạch …", "Kế hoạch số 65/KH-UBND …", "Nghị định 200/2025/NĐ-CP".
var documentTitleRE = regexp.MustCompile(`^(?i)(?:quyết định|kế hoạch|nghị định|chỉ thị|nghị quyết|thông tư|hướng dẫn|công văn)\s+(?:số\s*)?\d+(?:/\d{4})?/(?:QĐ|KH|NĐ|CT|NQ|TT|HD|CV)[-\s]`)

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// maxCaptionWords is the longest a caption runs; a longer line without a full stop is prose.
const maxCaptionWords = 20

// caption reports whether a paragraph reads as a photo's caption: a short line that does not
// end a sentence.
func caption(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || strings.ContainsAny(p[len(p)-1:], ".!?:;…") || strings.HasSuffix(p, "…") {
		return false
	}
	return len(strings.Fields(p)) <= maxCaptionWords
}

func wordsOnly(folded string) string { return strings.TrimSpace(nonWord.ReplaceAllString(folded, " ")) }

// hashWords identifies an article's text across sources, ignoring spacing, case and
// diacritics: words are its title and paragraphs folded to plain words.
func hashWords(words []string) string {
	h := sha256.New()
	for i, w := range words {
		if i > 0 {
			h.Write([]byte{'\n'})
		}
		h.Write([]byte(w))
	}
	return hex.EncodeToString(h.Sum(nil))
}

var (
	// "Chủ tịch UBND thị xã Hà Duy Đạt", "Phó Chủ tịch UBND thị xã Võ Thành Trung".
	titledNameRE = regexp.MustCompile(`((?:Phó )?Chủ tịch (?:UBND|HĐND) (?:thị xã|xã|phường|tỉnh|huyện)) ((?:\p{Lu}\p{Ll}*\s?){2,4})`)
	// "bà Lương Thị Thu Hà", "ông Trương Minh Khải".
	honorificRE = regexp.MustCompile(`(?:^|\s)(?:[bB]à|[ôÔ]ng) ((?:\p{Lu}\p{Ll}*\s?){2,4})`)
	// "Bà Lương Thị Thu Hà – Phó Chủ tịch UBND thị xã".
	nameTitleRE = regexp.MustCompile(`((?:\p{Lu}\p{Ll}*\s){1,3}\p{Lu}\p{Ll}*)\s+[–-]\s+((?:Phó )?Chủ tịch (?:UBND|HĐND) (?:thị xã|xã|phường))`)
)

// speaker names who gave the directives: the official named nearest before the first section.
func speaker(paragraphs []string, ds []loa.Directive) string {
	if len(ds) == 0 {
		return ""
	}
	first := len(paragraphs)
	for i, p := range paragraphs {
		if ordinalRE.MatchString(p) || triggerRE.MatchString(p) {
			first = i
			break
		}
	}
	for i := min(first, len(paragraphs)-1); i >= 0; i-- {
		if m := lastMatch(titledNameRE, paragraphs[i]); m != nil {
			return m[1] + " " + strings.TrimSpace(m[2])
		}
		if m := lastMatch(honorificRE, paragraphs[i]); m != nil {
			name := strings.TrimSpace(m[1])
			for _, p := range paragraphs {
				for _, t := range nameTitleRE.FindAllStringSubmatch(p, -1) {
					if strings.TrimSpace(t[1]) == name {
						return t[2] + " " + name
					}
				}
			}
			return name
		}
	}
	return ""
}

func lastMatch(re *regexp.Regexp, s string) []string {
	all := re.FindAllStringSubmatch(s, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

func defaultLocation() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}
