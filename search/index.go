package search

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/loa-vn/loa"
)

func hasPlace(body string) bool {
	for _, m := range placeWords.FindAllStringSubmatch(strings.ReplaceAll(body, "thi xa", " "), -1) {
		if !notNames[m[1]] {
			return true
		}
	}
	return false
}

// minPassageWords is the fewest words a sentence needs to be a passage: shorter lines are the
// page's chrome ("Lượt xem: 32", "anh tin bai") or captions.
const minPassageWords = 4

// Index (re)builds the index rows of one article: its directive items and every sentence of
// its title and body.
func (s *Service) Index(ctx context.Context, a loa.Article) error {
	var rows []loa.SearchRow
	sentences := loa.Sentences(a.Title + "\n" + a.Body)
	// The title, the lead, the news source's name ("Cổng TTĐT xã Ứng Hòe") and the page's
	// chrome (the source "Nguồn Quảng Ngãi", the byline) say what, where and who every row of
	// the article is about.
	headline := a.Title
	if clockLine(s.norm.Normalise(a.Title)) {
		headline = "" // the site's clock taken for a title: its year is not the article's
	}
	context := []string{headline, lead(sentences[1:]), a.Source}
	if slug := s.norm.Normalise(slugWords(a.URL)); !mostIn(Words(slug), Words(s.norm.Normalise(headline))) {
		context = append(context, slug) // a heading the page's text lost
	}
	for _, sentence := range sentences {
		if chrome(sentence) && !counterLine.MatchString(sentence) {
			context = append(context, urlRE.ReplaceAllString(sentence, " "))
		}
	}
	title := s.norm.Normalise(strings.Join(context, " "))
	// A sentence that carries on the one before is of what that one names, as every row is of
	// what the article's title names.
	carried := carriedOn(sentences)
	titleOf := func(sentence string) string {
		if before, ok := carried[sentence]; ok {
			return title + " " + s.norm.Normalise(before)
		}
		return title
	}
	sentenceOf := s.sentenceFinder(sentences)
	for _, d := range a.Directives {
		addressee := s.norm.Normalise(d.Addressee)
		for i, item := range d.Items {
			if len(d.ItemIDs) <= i {
				return fmt.Errorf("index article %d: directive items have no IDs (load the article from the store)", a.ID)
			}
			body := s.norm.Normalise(item)
			passage := sentenceOf(body)
			rows = append(rows, loa.SearchRow{ItemID: d.ItemIDs[i], ArticleID: a.ID, Passage: passage, Body: body, Addressee: addressee, Title: titleOf(passage),
				HasPlace: hasPlace(body), HasDate: dateWords.MatchString(body), Published: a.Published})
		}
	}
	if a.Source == loa.DocumentSource {
		// A sent document answers with its tasks; its name and summary are their context, not
		// a passage that would outrank the task asked for. One with no task (for information)
		// answers with its name and summary: then it has a row, and is not taken for an article
		// left unindexed at every start.
		sentences = nil
		if len(rows) == 0 {
			body := s.norm.Normalise(a.Title)
			rows = append(rows, loa.SearchRow{ArticleID: a.ID, Passage: a.Title, Body: body, Title: title,
				HasPlace: hasPlace(body), HasDate: dateWords.MatchString(body), Published: a.Published})
		}
	}
	seen := map[string]bool{}
	for _, sentence := range sentences {
		if chrome(sentence) || counterLine.MatchString(sentence) {
			continue
		}
		rowTitle := titleOf(sentence)
		for _, p := range clauses(sentence) {
			body := s.norm.Normalise(p.text)
			if seen[body] || len(Words(body)) < minPassageWords {
				continue
			}
			seen[body] = true
			rows = append(rows, loa.SearchRow{ArticleID: a.ID, Passage: p.text, Body: body, Addressee: s.norm.Normalise(p.context),
				Title: rowTitle, HasPlace: hasPlace(body), HasDate: dateWords.MatchString(body), Published: a.Published})
		}
	}
	s.events.forget() // its events, if it has any, are answers now
	return s.store.IndexArticle(ctx, a.ID, rows)
}

// sentenceFinder returns a function giving the sentence a normalised directive item was read
// from, "" when no one sentence holds it (an item joined from lines a list wrapped): an answer
// shows the task within what the article said around it.
func (s *Service) sentenceFinder(sentences []string) func(item string) string {
	var norms []string
	return func(item string) string {
		if norms == nil {
			norms = make([]string, len(sentences))
			for i, sentence := range sentences {
				norms[i] = " " + s.norm.Normalise(sentence) + " "
			}
		}
		for i, n := range norms {
			if strings.Contains(n, " "+item+" ") {
				return sentences[i]
			}
		}
		return ""
	}
}

// slugWords are the words of an article's address that write its title ("…/hoi-trai-tong-
// quan-nam-2025.html"): a page whose heading was not kept still says there what, where and
// which year it is about. An address of numbers alone ("node/4498") says nothing.
func slugWords(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	last := path.Base(strings.TrimSuffix(u.Path, "/"))
	last = strings.TrimSuffix(last, path.Ext(last))
	if !strings.Contains(last, "-") {
		return ""
	}
	var words []string
	for _, w := range strings.FieldsFunc(last, func(r rune) bool { return r == '-' || r == '_' }) {
		if strings.Trim(w, "0123456789") == "" && !(yearTerm.MatchString(w) && len(words) > 0 && words[len(words)-1] == "nam") {
			continue // the page's number, or the day it was posted ("-10-05-2012"); not "nam-2025"
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// mostIn reports whether three in four of words, or more, are among others.
func mostIn(words, others []string) bool {
	in := 0
	for _, w := range words {
		if slices.Contains(others, w) {
			in++
		}
	}
	return in*4 >= len(words)*3
}

// counterLine is a page's count of its readers ("• Lượt xem: 2124 lượt xem"): neither the
// article's nor a count it reports.
var counterLine = regexp.MustCompile(`(?i)^[^\p{L}]*(?:số\s+)?(?:lượt|lần)\s+(?:xem|đọc|truy\s+cập)\b`)

// clockWords are the words of a date written out: "27 Tháng Tư 2024", "Thứ Bảy, 04/01/2025".
var clockWords = map[string]bool{"ngay": true, "thang": true, "nam": true, "thu": true, "chu": true, "nhat": true,
	"mot": true, "hai": true, "ba": true, "tu": true, "bon": true, "sau": true, "bay": true, "tam": true, "chin": true,
	"muoi": true, "gieng": true, "chap": true, "gio": true, "sang": true, "chieu": true}

// clockLine reports whether a normalised line says a date and nothing else: a page's clock.
func clockLine(norm string) bool {
	words := strings.Fields(norm)
	year := false
	for _, w := range words {
		switch {
		case yearTerm.MatchString(w):
			year = true
		case strings.Trim(w, "0123456789") == "" || clockWords[w]:
		default:
			return false
		}
	}
	return year
}

// chrome reports a line of the page around the article rather than of it: a source with its
// address ("Nguồn Quảng Ngãi: http://…"), a byline in capitals ("Thực hiện: BÁO QUẢNG NGÃI").
func chrome(sentence string) bool {
	if strings.Contains(sentence, "://") || strings.Contains(sentence, "www.") {
		return true
	}
	upper, letters := 0, 0
	for _, r := range sentence {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && upper*2 > letters
}

// clause is a passage's text and what it continues.
type clause struct{ text, context string }

// clauses splits a sentence at ";" into passages: "Bộ Quốc phòng đề nghị các địa phương tăng
// cường …; làm tốt …; kiện toàn …" says one thing per clause, and each later clause carries on
// the first, which is kept as its context (found like an addressee, not shown).
func clauses(sentence string) []clause {
	parts := strings.Split(sentence, ";")
	out := make([]clause, 0, len(parts))
	first := strings.TrimSpace(parts[0])
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		c := clause{text: p}
		if i > 0 {
			c.context = first
		}
		out = append(out, c)
	}
	return out
}

// carriedOn gives, for each sentence that carries on the one before (continues), that one;
// the page's chrome and reader counts are no sentence before.
func carriedOn(sentences []string) map[string]string {
	out := map[string]string{}
	previous := ""
	for _, sentence := range sentences {
		if chrome(sentence) || counterLine.MatchString(sentence) {
			continue
		}
		if previous != "" && continues(sentence) {
			out[sentence] = previous
		}
		previous = sentence
	}
	return out
}

// continuing are the openings of a sentence that carries on the one before: "Kết quả có 84%
// đạt khá, giỏi" is of the firing test the sentence before names.
var continuing = regexp.MustCompile(`^(?:Kết quả|Trong đó|Qua đó|Theo đó|Tại đây|Sau đó|Ngoài ra|Đồng thời|Bên cạnh đó|Tiếp đó|Cụ thể|Trước đó|Vì vậy|Vì thế|Do đó|Do vậy|` +
	// a count of what the sentence before named: "Sáu xã tham gia gồm …"
	`(?:Hai|Ba|Bốn|Sáu|Bảy|Tám|Chín|Mười|Cả|Các) (?:xã|phường|đơn vị|cơ quan|thôn|tổ|đội|nội dung|môn|chiến sĩ|học viên|vận động viên|đồng chí)(?:[\s,]|$))`)

// continues reports whether a sentence carries on the one before: it opens as one does, or
// points back to what that one named ("Lần kiểm tra cụm số 1 này", "Đợt huấn luyện đó").
func continues(sentence string) bool {
	sentence = strings.TrimLeftFunc(sentence, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if continuing.MatchString(sentence) {
		return true
	}
	words := strings.Fields(sentence)
	for i, w := range words[:min(8, len(words))] {
		if w = strings.Trim(w, ",.:"); i > 0 && (w == "này" || w == "đó") {
			return true
		}
	}
	return false
}

// lead is an article's first sentence of some length: it names the place, the unit and the
// day the rest of the article is about, so every row of the article is found by them ("Bộ
// CHQS tỉnh Thái Bình" in the lead, "3 môn quân sự phối hợp" further on).
func lead(sentences []string) string {
	for _, s := range sentences {
		if len(strings.Fields(s)) >= 8 {
			return s
		}
	}
	return ""
}

// IndexMissing indexes every stored article that has no index rows, e.g. after an upgrade
// that rebuilt the index; it returns how many it indexed.
func (s *Service) IndexMissing(ctx context.Context) (int, error) {
	ids, err := s.store.UnindexedArticles(ctx)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		a, err := s.store.ArticleByID(ctx, id)
		if err != nil {
			return 0, err
		}
		if err := s.Index(ctx, a); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
