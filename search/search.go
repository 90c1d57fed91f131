package search

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// Store is what the search needs of the store.
type Store interface {
	loa.SearchIndex
	ArticleByID(ctx context.Context, id int64) (loa.Article, error)
}

// Service indexes articles' directive items and answers questions.
type Service struct {
	store    Store
	norm     *Normaliser
	synonyms []synonymGroup
	events   *eventCache
	// placeNames are the national list's names of places, folded, without their type
	// ("tho xuan"); nil when none was given.
	placeNames   map[string]bool
	oneWordNames map[string]bool  // the names of one word ("lak"), which only follow their unit
	listed       map[string]bool  // every name of the list, folded
	provinces    [][]string       // the provinces' names, folded into words ("son la")
	Now          func() time.Time // what "coming" means for events; time.Now when nil
}

// New creates a search service; abbreviations nil means DefaultAbbreviations.
func New(store Store, abbreviations map[string]string) *Service {
	return &Service{store: store, norm: NewNormaliser(abbreviations), synonyms: compileSynonyms(DefaultSynonyms), events: &eventCache{}}
}

var (
	// A named place: "xã Minh Thắng", "phường Hưng Long", "tại Trung tâm…"; not "thị xã" or
	// "các xã, phường".
	placeWords = regexp.MustCompile(`\b(?:xa|phuong|thon|ap|khu pho|tai) ([a-z]+)`)
	dateWords  = regexp.MustCompile(`\b(ngay \d|nam \d{4}|thang \d|\d{1,2} \d{1,2} \d{4})`)
	// A count: "150 vận động viên", "289 thanh niên"; not a date's "24 4".
	countWords = regexp.MustCompile(` \d+ [a-z]`)
	// Someone named: "Đồng chí", ranks and offices.
	personWords = regexp.MustCompile(` (dong chi|ong|ba|dai ta|thuong ta|trung ta|thieu ta|dai uy|chu tich|pho chu tich|giam doc|chi huy truong|bi thu|truong ban) `)
	// A greeting or thanks, not a question: "Chúc mừng năm mới các đồng chí!".
	greeting = regexp.MustCompile(`^(xin chao|chao (ban|dong chi|anh|chi|em|moi nguoi|ca nha)|chuc mung nam moi|cam on)\b`)
	urlRE    = regexp.MustCompile(`\S*(://|www\.)\S*`)
	notNames = map[string]bool{"xa": true, "phuong": true, "va": true, "cac": true, "nay": true, "do": true, "dia": true, "khu": true}
)

// namesCommune reports whether a normalised row names a commune or a ward ("các xã, phường"
// and "xã hội" name none).
func namesCommune(body string) bool {
	for _, at := range communeNamed.FindAllStringSubmatchIndex(body, -1) {
		if name := body[at[2]:at[3]]; !isStop(name) && !notPlaceNames[name] && !strings.HasSuffix(body[:at[0]], "dia ") {
			return true // "địa phương lãnh đạo" is no ward
		}
	}
	return false
}

// Query is a question taken apart.
type Query struct {
	Terms       []string // normalised, without stop words, typos corrected
	Seq         []string // the same in the question's order, repeats kept: its pairs of words
	Addressee   []string // "X phải làm gì", "nhiệm vụ của X": X's words
	WantPlace   bool     // "ở đâu", "xã nào"
	WantVenue   bool     // "ở đâu", "địa điểm": the answer must say where ("tại …")
	WantCommune bool     // "xã nào", "phường nào": the answer must name one
	WantDate    bool     // "khi nào", "ngày nào", "lịch …"
	WantCount   bool     // "bao nhiêu", "mấy"
	WantPerson  bool     // "ai"
	Places      []string // the names of the places it names: "van ninh"
	Units       []string // the numbered units it names: "khu vuc 3"
	Levels      []string // the levels of administration it names: "cap xa"
	Militia     []string // the kinds of militia it names: "tai cho" of "dân quân tại chỗ"
	Names       []string // the names it writes with capitals: "hon dat", "le trong thuy"
	Focus       string   // the noun it asks for by name: "mon" of "những môn nào", "don vi"
	Subject     []string // the X of "X là bao nhiêu", as a row must say it: "chi tieu tuyen"
	SubjectRest []string // X's next words, whose value it is: "pho chi huy truong"
	Kinds       []string // the kinds of event it names ("dien tap": loa.EventDrill)
	// The fact a fact question asks, which its answer must carry (facts.go).
	AskCount     bool     // "bao nhiêu": a number
	CountNoun    string   // what is counted: "nguoi" for any word of people, else the noun
	CountStatus  string   // of those counted, which: "trung tuyen", "tu nguyen"
	AskQuota     bool     // "chỉ tiêu … bao nhiêu": the quota itself
	AskMoney     bool     // "phụ cấp bao nhiêu": a sum of money
	AskShare     bool     // "bao nhiêu phần trăm": a share, which a count need not be
	CountGroup   int      // the group of people counted (peopleGroups, from 1), 0 for anyone
	AskWinner    bool     // "đơn vị nào giải nhất": a placing and who took it
	AskGrade     bool     // "đạt loại gì": a grade
	AskPrize     bool     // "đạt giải gì": a placing
	AskLabel     string   // "mang mật danh gì": the label asked by its name, which the answer says
	AskDay       bool     // "ngày nào", "khi nào": a day
	AskSchedule  bool     // "lịch tuần tra": days, or the hours of its shifts
	AskExactDay  bool     // "ngày nào": a day, not "quý IV"
	AskDocNumber string   // "chỉ thị … số hiệu là gì": the kind of document whose number a row must give
	AskSpan      bool     // "từ ngày nào đến ngày nào", "kéo dài bao lâu": when it starts and ends, or how long
	Months       []int    // the months a question names ("tháng 5", "quý III")
	AskWho       bool     // "ai": someone named
	WhoVerb      []string // what they did: "chu tri" of "ai chủ trì"; or the office of "ai là …" after "="
	DocRef       *regexp.Regexp
	namedIn      map[string]map[int64]bool // the articles that say each of Names, once ranked
	unitsIn      map[string]map[int64]bool // the articles that say each of Units, once ranked
	Corrected    map[string]string
}

var (
	placeAsk = regexp.MustCompile(`\b(o dau|xa nao|phuong nao|dia diem|noi nao|dia ban nao|tai dau|thao truong nao|hoi truong nao|truong ban nao|san nao|nha van hoa nao)\b`)
	venueAsk = regexp.MustCompile(`\b(o dau|tai dau|dia diem|noi nao|thao truong nao|hoi truong nao|truong ban nao|san nao|nha van hoa nao)\b`)
	// "ở xã nào", "phường nào": a row that names no commune or ward does not answer it.
	communeAsk = regexp.MustCompile(`\b(xa|phuong|dia ban) nao\b`)
	// A commune or ward named: "xã Tây Phú", "Phường 1".
	communeNamed = regexp.MustCompile(`\b(?:xa|phuong|thi tran) ([a-z]+|\d+)\b`)
	dateAsk      = regexp.MustCompile(`\b(khi nao|bao gio|luc nao|thoi gian|ngay nao|thang nao|lich)\b`)
	countAsk     = regexp.MustCompile(`\b(bao nhieu|may|so luong)\b`)
	personAsk    = regexp.MustCompile(`\bai\b`)
	docRefRE     = regexp.MustCompile(`\b(nghi dinh|quyet dinh|nghi quyet|thong tu|chi thi|ke hoach|cong van|luat)\s+(?:so\s+)?(\d+)(?:\s+([a-z]+(?:\s+[a-z]+)?))?`)
)

// Parse takes a question apart.
func (s *Service) Parse(ctx context.Context, question string) Query {
	return s.parse(ctx, question, s.newCounts())
}

func (s *Service) parse(ctx context.Context, question string, c *termCounts) Query {
	norm := s.norm.Normalise(question)
	q := Query{WantPlace: placeAsk.MatchString(norm), WantVenue: venueAsk.MatchString(norm), WantCommune: communeAsk.MatchString(norm), WantDate: dateAsk.MatchString(norm), WantCount: countAsk.MatchString(norm),
		WantPerson: personAsk.MatchString(norm) && !strings.Contains(norm, "nhung ai"), Corrected: map[string]string{}} // "gồm những ai": which units
	if m := docRefRE.FindStringSubmatch(norm); m != nil {
		// "Nghị định 02" matches "Nghị định 02, 03" and "Nghị định số 02", not "Nghị định 102".
		num := strings.TrimLeft(m[2], "0")
		if num == "" {
			num = "0"
		}
		q.DocRef = regexp.MustCompile(`\b` + m[1] + `\s+(?:so\s+)?(?:\d+\s+)*0*` + num + `\b`)
	}
	if !q.WantCount { // "được giao chỉ tiêu bao nhiêu" asks a number, not a unit's tasks
		after := norm
		if rest := withoutOpening(question); rest != question {
			after = s.norm.Normalise(rest)
		}
		q.Addressee = askedAddressee(after)
	}
	seen := map[string]bool{}
	for _, w := range Words(spanFillers.ReplaceAllString(norm, " ")) {
		if isStop(w) {
			continue
		}
		q.Seq = append(q.Seq, w)
		if seen[w] {
			continue
		}
		seen[w] = true
		q.Terms = append(q.Terms, w)
	}
	s.correct(ctx, &q, c)
	q.Places = s.knownPlaces(refinePlaces(namedPlacesKnown(norm, func(name string) bool { return s.placeNames[name] }), question), question)
	for _, p := range slices.Concat(s.namedProvinces(norm), s.placeOpening(norm)) {
		if !slices.Contains(q.Places, p) && !overlaps(p, q.Places) {
			q.Places = append(q.Places, p)
		}
	}
	q.Units = numberedUnits(norm)
	q.Levels = levelRE.FindAllString(norm, -1)
	q.Militia = said(militiaRE, norm)
	q.Names = properNames(question)
	q.Focus = focusOf(norm)
	q.Subject = subjectOf(norm)
	q.SubjectRest = subjectRest(norm)
	q.Kinds = meetingAsked(q.Seq, eventKindsOf(q.Terms))
	q.askFacts(question, norm)
	return q
}

// correct replaces a word of five letters or more that no document contains by the indexed
// word one edit away, if there is exactly one best.
func (s *Service) correct(ctx context.Context, q *Query, c *termCounts) {
	df, _, err := c.of(ctx, q.Terms)
	if err != nil {
		return
	}
	glued := map[string][]string{}
	defer func() { q.Terms, q.Seq = slices.DeleteFunc(unglued(q.Terms, glued), repeated()), unglued(q.Seq, glued) }()
	for i, t := range q.Terms {
		if df[t] > 0 || len(t) < 5 || strings.IndexFunc(t, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			continue
		}
		best, bestDF := "", 0
		for _, prefix := range []string{t[:1], ""} {
			if prefix == "" && best != "" {
				break
			}
			near, err := s.store.TermsNear(ctx, prefix, len(t)-1, len(t)+1)
			if err != nil {
				return
			}
			cands, _, _ := c.of(ctx, near)
			for _, c := range near {
				if vntext.EditDistance(t, c) == 1 && cands[c] > bestDF {
					best, bestDF = c, cands[c]
				}
			}
		}
		if best == "" {
			if parts := s.splitGlued(ctx, t, c); parts != nil {
				q.Corrected[t] = strings.Join(parts, " ")
				glued[t] = parts
			}
			continue
		}
		q.Corrected[t] = best
		q.Terms[i] = best
		for j, a := range q.Seq {
			if a == t {
				q.Seq[j] = best
			}
		}
		for j, a := range q.Addressee {
			if a == t {
				q.Addressee[j] = best
			}
		}
	}
}

// splitGlued splits a word no document contains into two words that documents do, where
// there is exactly one such split: "kontum" typed for "Kon Tum". Nil when there is none.
func (s *Service) splitGlued(ctx context.Context, t string, c *termCounts) []string {
	var parts []string
	for k := 2; k <= len(t)-2; k++ {
		parts = append(parts, t[:k], t[k:])
	}
	df, _, err := c.of(ctx, parts)
	if err != nil {
		return nil
	}
	var found []string
	for k := 0; k < len(parts); k += 2 {
		if df[parts[k]] > 0 && df[parts[k+1]] > 0 {
			if found != nil {
				return nil // two ways to read it: neither is sure
			}
			found = parts[k : k+2]
		}
	}
	return found
}

// repeated reports, called on each word in turn, whether it came before.
func repeated() func(string) bool {
	seen := map[string]bool{}
	return func(w string) bool {
		r := seen[w]
		seen[w] = true
		return r
	}
}

// unglued replaces each glued word of words by its parts.
func unglued(words []string, glued map[string][]string) []string {
	if len(glued) == 0 {
		return words
	}
	out := make([]string, 0, len(words)+len(glued))
	for _, w := range words {
		if parts, ok := glued[w]; ok {
			out = append(out, parts...)
		} else {
			out = append(out, w)
		}
	}
	return out
}

// Result is a page of answers.
type Result struct {
	Query   Query
	Answers []loa.Answer
	More    bool
}

// Ask answers a question with up to limit items starting at offset.
func (s *Service) Ask(ctx context.Context, question string, offset, limit int) (Result, error) {
	if parts := s.compoundParts(question); parts != nil {
		return s.askCompound(ctx, parts, offset, limit)
	}
	return s.askOne(ctx, question, offset, limit)
}

// askOne answers a question that asks one thing.
func (s *Service) askOne(ctx context.Context, question string, offset, limit int) (Result, error) {
	counts := s.newCounts()
	q := s.parse(ctx, question, counts)
	res := Result{Query: q}
	if len(q.Terms) == 0 || greeting.MatchString(s.norm.Normalise(question)) {
		return res, nil
	}
	// The question and its rewordings with synonyms, asked of the index as one query; an item
	// keeps its best score.
	wordings := []Query{q}
	for _, v := range s.variants(question)[1:] {
		if vq := s.parse(ctx, v, counts); len(vq.Terms) > 0 {
			vq.askedAs(q)
			wordings = append(wordings, vq)
		}
	}
	ranked, named, err := s.rank(ctx, wordings, counts)
	if err != nil {
		return res, err
	}
	q.namedIn, q.unitsIn = named.names, named.units
	ranked, together := oneAnswerPerSentence(ranked)
	if offset >= len(ranked) {
		return s.withEvents(ctx, q, counts, offset, res)
	}
	end := min(len(ranked), offset+limit)
	res.Answers, err = s.answers(ctx, ranked[offset:end], together)
	if err != nil {
		return res, err
	}
	res.More = end < len(ranked)
	return s.withEvents(ctx, q, counts, offset, res)
}

// withEvents puts the events that answer a question about when or where before the directive
// items, on the first page.
func (s *Service) withEvents(ctx context.Context, q Query, counts *termCounts, offset int, res Result) (Result, error) {
	if offset > 0 || !(q.WantDate || q.WantPlace) {
		return res, nil
	}
	df, total, err := counts.of(ctx, q.Terms)
	if err != nil {
		return res, err
	}
	events, err := s.eventAnswers(ctx, q, df, total, s.now(), 2)
	if err != nil {
		return res, err
	}
	res.Answers = append(events, res.Answers...)
	return res, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// minCoverage is the share of the question's weight an item must cover to be an answer. A
// question about gold prices shares "giá" with a militia task; its rarest words ("vàng", or a
// word the corpus never uses) carry most of its weight, so the task covers little of it.
const minCoverage = 0.5

// coverage is the share of the question's words, weighted by rarity, that the item contains
// (in its text, its addressee or its article's title). A word the corpus never uses weighs
// most: a question made of such words is about something else.
//
// A year is covered by a row of an article published that year too: "Lễ giao quân năm nay
// diễn ra vào ngày 21-2" of 2019 says "năm 2019" as "năm nay".
func coverage(wt weights, rw rowText, published time.Time) float64 {
	body, addressee, title := rw.body, rw.addressee, rw.title
	year := ""
	if !published.IsZero() {
		year = strconv.Itoa(published.Year())
	}
	var have, want float64
	for _, t := range wt.terms {
		if t.focus {
			continue // what is asked for: the answer names it, or names what it is
		}
		want += t.weight
		if t.term == year || strings.Contains(body, t.padded) || strings.Contains(addressee, t.padded) || strings.Contains(title, t.padded) {
			have += t.weight
		}
	}
	if want == 0 {
		return 0
	}
	words := have / want
	// Syllables collide once folded ("thực phẩm" and "thực hiện", "an toàn"): where the
	// question has words of two syllables, the item must also have some of them side by side.
	var pairHave, pairWant float64
	for _, p := range wt.pairs {
		pairWant += p.weight
		if hasPhrase(rw.body, p.words[:]) || hasPhrase(rw.addressee, p.words[:]) || hasPhrase(rw.title, p.words[:]) {
			pairHave += p.weight
		}
	}
	if pairWant == 0 {
		return words
	}
	return (words + pairHave/pairWant) / 2
}

// score ranks one item: term weights (rarer words count more), words found together in the
// question's order, the addressee the question names, places and dates when asked for, a
// document reference, then recency.
func score(q Query, wt weights, r loa.SearchRow, rw rowText) float64 {
	body, addressee, title := rw.body, rw.addressee, rw.title
	var sc float64
	for _, t := range wt.terms {
		switch {
		case strings.Contains(body, t.padded) && strings.Contains(title, t.padded):
			// The article is about it: each of its rows says it, so it tells them apart less.
			sc += 0.7 * t.weight
		case strings.Contains(body, t.padded):
			sc += t.weight
		case strings.Contains(addressee, t.padded):
			sc += 0.8 * t.weight
		case strings.Contains(title, t.padded):
			// Said by the article's title or lead: this row is of the article asked about.
			sc += 0.6 * t.weight
		}
	}
	for _, p := range wt.pairs {
		if hasPhrase(rw.body, p.words[:]) {
			w := 0.5
			if hasPhrase(rw.title, p.words[:]) {
				w = 0.2
			}
			sc += w * p.weight
		}
	}
	if len(q.Addressee) > 0 {
		// "Thành viên Hội đồng NVQS huyện Khánh Sơn": the item names the members, the article's
		// title the council and the district.
		// A word only the title says counts half: the title is every row's.
		var found float64
		named := 0
		for _, w := range q.Addressee {
			switch {
			case strings.Contains(addressee, " "+w+" "):
				found++
				named++
			case strings.Contains(title, " "+w+" "):
				found += 0.5
			}
		}
		coverage := found / float64(len(q.Addressee))
		if named == 0 {
			coverage = 0
		}
		bonus := 12.0
		if r.ItemID == 0 {
			bonus = 6 // a clause continuing a sentence that names them: a directive item says it better
		}
		sc += bonus * coverage * coverage
	}
	if q.WantPlace && r.HasPlace {
		sc += 6
	}
	if q.WantDate && saysDay(body) {
		sc += 6
	}
	if q.AskSpan && saysSpan(body) {
		sc += 5
	}
	if q.Focus != "" && strings.Contains(body, " "+q.Focus+" ") {
		sc += 4
		if q.WantCount && countOf(body, q.Focus) {
			sc += 4 // "140 vận động viên" for "bao nhiêu vận động viên"
		}
	}
	if q.WantCount && countWords.MatchString(body) {
		sc += 3
	}
	if q.WantPerson && personWords.MatchString(body) {
		sc += 3
	}
	if q.DocRef != nil && q.DocRef.MatchString(r.Body) {
		sc += 15
	}
	// Recency breaks ties: a few hundredths per year (nothing for an article without a date,
	// which would otherwise sink by twenty points).
	if !r.Published.IsZero() {
		sc += float64(max(0, r.Published.Year()-2000)) * 0.01
	}
	return sc
}

// Answer implements loa.Answerer.
func (s *Service) Answer(ctx context.Context, question string, offset, limit int) ([]loa.Answer, bool, error) {
	res, err := s.Ask(ctx, question, offset, limit)
	return res.Answers, res.More, err
}
