package news

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// DefaultTopicRules are the keyword rules of each topic, matched on the folded body (no
// diacritics, lower case, whole words). "chi-dao" is added for articles with directives and
// "tin-tuc" for every article.
var DefaultTopicRules = map[string][]string{
	"dien-tap":       {"diễn tập"},
	"hoi-thao":       {"bắn súng", "hội thao", "hội thi"},
	"tuyen-quan":     {"tuyển quân", "nghĩa vụ quân sự", "giao nhận quân", "tuyển sinh quân sự"},
	"gdqp-an":        {"giáo dục quốc phòng"},
	"dan-quan-tu-ve": {"dân quân tự vệ", "DQTV"},
}

// Extractor turns page text into an article. Zero values are usable: the default topic rules,
// no gazetteer, Asia/Ho_Chi_Minh.
type Extractor struct {
	TopicRules map[string][]string
	Gazetteer  []string // commune and ward names without "xã"/"phường": "Minh Thắng", "Hưng Long"
	Location   *time.Location
}

// Extract reads a portal page's visible text (title on line 1).
func (x Extractor) Extract(text string) loa.Article {
	loc := x.Location
	if loc == nil {
		loc = defaultLocation()
	}
	page := CleanText(text, loc)
	return x.FromPage(page)
}

// FromPage builds the article from an already cleaned page (feeds and HTML portals).
func (x Extractor) FromPage(page Page) loa.Article {
	// A NUL cannot be stored (PostgreSQL refuses it) nor sent; a page never means one.
	page.Title = strings.ReplaceAll(page.Title, "\x00", "")
	for i, p := range page.Paragraphs {
		page.Paragraphs[i] = strings.ReplaceAll(p, "\x00", "")
	}
	a := loa.Article{Title: page.Title, Published: page.Published, Body: strings.Join(page.Paragraphs, "\n\n")}
	a.ContentHash = ContentHash(page.Title, page.Paragraphs)
	a.Directives = ExtractDirectives(page.Paragraphs)
	a.Speaker = speaker(page.Paragraphs, a.Directives)
	for i := range a.Directives {
		a.Directives[i].Speaker = a.Speaker
		a.Directives[i].Date = a.Published
	}
	a.Events = ExtractEvents(page.Paragraphs, a.Published, x.Gazetteer)
	a.Topics = x.topics(a.Body, len(a.Directives) > 0)
	return a
}

func (x Extractor) topics(body string, directives bool) []string {
	rules := x.TopicRules
	if rules == nil {
		rules = DefaultTopicRules
	}
	folded := " " + wordsOnly(vntext.Fold(body)) + " "
	var out []string
	for topic, words := range rules {
		for _, w := range words {
			if strings.Contains(folded, " "+wordsOnly(vntext.Fold(w))+" ") {
				out = append(out, topic)
				break
			}
		}
	}
	sort.Strings(out)
	if directives {
		out = append(out, "chi-dao")
	}
	return append(out, "tin-tuc")
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

func wordsOnly(folded string) string { return strings.TrimSpace(nonWord.ReplaceAllString(folded, " ")) }

// ContentHash identifies an article's text across sources, ignoring spacing and case.
func ContentHash(title string, paragraphs []string) string {
	h := sha256.New()
	h.Write([]byte(wordsOnly(vntext.Fold(title))))
	for _, p := range paragraphs {
		h.Write([]byte{'\n'})
		h.Write([]byte(wordsOnly(vntext.Fold(p))))
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
