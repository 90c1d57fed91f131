package search

import (
	"context"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/loa-vn/loa"
)

// scoredRow is a row that answers a question, with its best score over the wordings.
type scoredRow struct {
	row   loa.SearchRow
	score float64
	// own is what a passage adds to its score when no directive item says it again: prose that
	// sets the task of whom the question asks about ("mỗi học viên cần phải nâng cao …"), which
	// an item of the same sentence, perhaps another's task, must not take.
	own float64
}

// rank scores the rows that answer any wording of a question, above the relevance floor, best
// first; a row keeps its best score.
//
// It also returns, for the names the question writes in capitals and the numbered units it
// names, the articles whose rows say each (see namedArticles, unitArticles), which the events
// that answer it must be of too.
func (s *Service) rank(ctx context.Context, wordings []Query, counts *termCounts) ([]scoredRow, namedAsked, error) {
	var all []string
	for _, w := range wordings {
		all = append(all, w.Terms...)
	}
	df, total, err := counts.of(ctx, all)
	if err != nil {
		return nil, namedAsked{}, err
	}
	// Items with every selective word of a wording first, then items with any of them.
	var tq loa.TermQuery
	selected := map[string]bool{}
	var anyWord []string
	for _, w := range wordings {
		// A name the question writes in capitals is its article's, said by one sentence of it
		// ("Từ Hữu Hà" chairs; the hand-over's day is another sentence's): it finds rows in
		// a group of its own, as a place does, not as a word every row must hold.
		sel := selective(withoutNames(w.asked(), w.Names), df, total)
		if len(sel) == 0 {
			sel = selective(w.asked(), df, total)
		}
		if len(sel) == 0 {
			continue
		}
		tq.Groups = append(tq.Groups, sel)
		for _, t := range sel {
			selected[t] = true
		}
		// Rows with some of the words: the selective ones, and the rarest three the corpus
		// knows (in a small corpus few words are in less than a tenth of the rows).
		k := known(withoutNames(w.Terms, w.Names), df) // the names have a group of their own
		for _, t := range slices.Concat(sel, k[:min(3, len(k))]) {
			if !slices.Contains(anyWord, t) {
				anyWord = append(anyWord, t)
			}
		}
	}
	if len(tq.Groups) == 0 {
		return nil, namedAsked{}, nil
	}
	// A place the question names is its article's, whose rows carry it in their context, and
	// whom it asks about is named by the rows that set their tasks: their words together find
	// those rows however common each is ("Tuyên Hóa": "tuyên", "hóa"; "Hội đồng nghĩa vụ quân
	// sự các xã"). One with a word that finds rows already needs no group of its own.
	named := slices.Concat(wordings[0].Places, wordings[0].Names)
	if a := known(wordings[0].Addressee, df); len(a) >= 3 { // fewer, as "các xã, cơ quan", find most rows
		named = append(named, strings.Join(a, " "))
	}
	for _, p := range named {
		words := strings.Fields(p)
		if !slices.ContainsFunc(words, func(w string) bool { return selected[w] }) {
			tq.Groups = append(tq.Groups, words)
		}
	}
	tq.Groups = absorbed(tq.Groups)
	tq.Common = !slices.ContainsFunc(tq.Groups, func(g []string) bool {
		return slices.ContainsFunc(g, func(w string) bool { return df[w]*50 < total })
	})
	rows, err := s.store.SearchCandidates(ctx, tq, candidates)
	if err != nil {
		return nil, namedAsked{}, err
	}
	// Items with only some of the words are needed only when few have them all.
	if len(anyWord) > 1 && len(rows) < 50 {
		some := loa.TermQuery{}
		for _, t := range anyWord {
			some.Groups = append(some.Groups, []string{t})
		}
		more, err := s.store.SearchCandidates(ctx, some, candidates)
		if err != nil {
			return nil, namedAsked{}, err
		}
		seen := map[int64]bool{}
		for _, r := range rows {
			seen[r.RowID] = true
		}
		for _, r := range more {
			if !seen[r.RowID] {
				rows = append(rows, r)
			}
		}
	}
	var undatedYears map[int64]string
	if slices.ContainsFunc(wordings, func(w Query) bool { return slices.ContainsFunc(w.Terms, yearTerm.MatchString) }) {
		undatedYears = soleYears(rows) // only a question naming a year needs them
	}
	best := map[int64]*scoredRow{}
	var namedIn, unitsIn map[string]map[int64]bool
	texts := make([]rowText, len(rows)) // made when first needed
	for _, w := range wordings {
		hasRef := false
		for _, r := range rows {
			if w.DocRef != nil && w.DocRef.MatchString(r.Body) {
				hasRef = true
				break
			}
		}
		// The articles that name the places asked about, in any of their rows: a sentence
		// carries on the place of the one before it.
		placed := map[int64]bool{}
		places := w.Places
		if len(places) > 0 {
			for i, r := range rows {
				if texts[i].body == "" {
					texts[i] = newRowText(r)
				}
			}
			places = s.withoutMisread(places, texts)
			for i, r := range rows {
				if namesEach(places, texts[i]) {
					placed[r.ArticleID] = true
				}
			}
		}
		named := namedArticles(w.Names, rows, texts)
		asked := " " + strings.Join(w.Seq, " ") + " "
		lower := s.namesLowerPlace(places) && !widerWhole(asked)
		units := placeUnits(asked, places)
		askedPlaces := namedAs(units, places)
		// The names its article says (ofNamed) are of each of its rows, as its title is; a
		// place's name is weighed as a place (below), and "Ban CHQS xã Tân Bửu phải làm gì" asks
		// a row that names the unit.
		fullNames := ""
		if len(w.Addressee) == 0 {
			for _, n := range w.Names {
				if !slices.Contains(places, n) && strings.Count(n, " ") >= 2 {
					fullNames += n + " " // a person's full name ("tu huu ha"), not "Đồn Biên"
				}
			}
		}
		wt := weigh(w, df, total)
		kinds := w.Kinds
		if w.AskCount && slices.Contains(kinds, loa.EventEnlistment) {
			// "bao nhiêu công dân nhập ngũ" counts those called up: "10 công dân … nhận Lệnh gọi
			// nhập ngũ" answers it, though handing out the call-up is another event than the hand-over.
			kinds = append(slices.Clip(kinds), loa.EventRecruitment)
		}
		if namedIn == nil {
			namedIn = named
			unitsIn = unitArticles(w.Units, rows, texts)
		}
		for i, r := range rows {
			if hasRef && !w.DocRef.MatchString(r.Body) && !w.DocRef.MatchString(r.Title) {
				continue // a document reference is matched exactly, by the row or by the document's own page
			}
			if texts[i].body == "" {
				texts[i] = newRowText(r)
			}
			t := texts[i]
			// The cheaper tests first: each row must pass them all.
			if len(places) > 0 && !placed[r.ArticleID] || !ofNamed(named, r.ArticleID) {
				continue // "huyện Vạn Ninh", "Hòn Đất": a row of an article that never says the place or the name does not answer it
			}
			t.title += fullNames
			if len(places) > 0 && len(w.Addressee) == 0 {
				// Of the place its article names, as of its title; but "Ban CHQS xã Tân Bửu phải
				// làm gì" asks of the unit itself, which the row must name.
				t.title += strings.Join(places, " ") + " "
			}
			if s.namesOtherPlace(units, t.body) {
				continue // "huyện Đắk Glong": a row of "huyện Đắk Mil" is that district's
			}
			if w.AskCount && lower && widerWhole(t.body) {
				continue // "huyện Xuân Trường … bao nhiêu": "toàn tỉnh … 2.600 thanh niên" counts the province
			}
			if !ofYears(w, r) && !slices.Contains(w.Terms, undatedYears[r.ArticleID]) {
				continue // "năm 2026": a row of another year's article does not answer it
			}
			if !hasRef && coverage(wt, t, r.Published) < minCoverage {
				continue // shares a word or two with the question, but is not about it
			}
			// ("Chỉ tiêu giao quân" names a quota, not the hand-over.)
			if !w.AskQuota && !ofKind(kinds, t) {
				continue // "diễn tập": a row of another event does not answer it
			}
			if len(w.Addressee) > 0 && !setsTask(t, r.ItemID != 0) {
				continue // "X phải làm gì": a sentence that sets no task answers something else
			}
			if otherOf(w.Levels, levelRE, t) || otherOf(w.Militia, militiaRE, t) {
				continue // "cấp thành phố", "dân quân tại chỗ": a row of "cấp huyện", of "dân quân cơ động", is another's
			}
			if slices.ContainsFunc(w.Units, func(u string) bool { return !saysUnit(u, t) }) {
				continue // "khu vực 3": a row of "khu vực 1" does not answer it
			}
			if len(w.Subject) > 0 && (!hasPhrase(t.body, w.Subject) || !saysAll(t.body, w.SubjectRest)) {
				continue // "chỉ tiêu tuyển quân là bao nhiêu": a row that does not say it answers something else
			}
			if namesKind(w) && !strings.Contains(t.body, " "+w.Focus+" ") {
				continue // "đồn biên phòng nào" is answered by a row that names one ("Đồn Biên phòng Vĩnh Xương")
			}
			if w.WantVenue && !saysWhereBut(t.body, askedPlaces) {
				continue // "ở đâu" is answered by a row that says where
			}
			if w.WantCommune && !namesCommune(t.body) {
				continue // "ở xã nào" is answered by a row that names one
			}
			if w.AskDay && !saysWhenAsked(w, t.body) {
				continue // says no day: the costlier tests of whose day it is are spared
			}
			if w.AskDay && (otherEvent(w.Kinds, t.body) || plansIt(w, t.body) || otherEnd(asked, t.body)) {
				continue // "hội thao … ngày nào": a day said of another event ("ra quân huấn luyện"), or of the meeting that plans it, is that one's
			}
			fb := t.body
			if w.AskCount && !w.AskShare {
				fb = withoutShares(fb)
			}
			if w.AskDay {
				fb = withoutNamedDates(withoutAnniversaries(fb))
				// "kế hoạch 800 ban hành ngày nào" asks the day it was signed, which a row naming
				// it gives; the day of another document it rests on ("Căn cứ Thông tư 97 ngày
				// 29/8") is not that one.
				if w.DocRef == nil || !w.DocRef.MatchString(r.Body) {
					fb = withoutDocumentDates(fb)
				}
			}
			if !carriesFact(w, fb) {
				continue // "bao nhiêu", "ai", "ngày nào": a row without that kind of fact answers something else
			}
			sc := score(w, wt, r, t)
			own := 0.0
			if len(w.Addressee) > 0 && r.ItemID == 0 && namesDoer(t.body, w.Addressee) {
				own = doerBonus
			}
			if b := best[r.RowID]; b == nil {
				best[r.RowID] = &scoredRow{r, sc, own}
			} else {
				b.score, b.own = max(b.score, sc), max(b.own, own)
			}
		}
	}
	ranked := make([]scoredRow, 0, len(best))
	for _, r := range best {
		ranked = append(ranked, *r)
	}
	return withoutRepeats(ranked), namedAsked{namedIn, unitsIn}, nil
}

// withoutNames is terms without the words of names.
func withoutNames(terms, names []string) []string {
	if len(names) == 0 {
		return terms
	}
	return slices.DeleteFunc(slices.Clone(terms), func(t string) bool {
		return slices.ContainsFunc(names, func(n string) bool { return slices.Contains(strings.Fields(n), t) })
	})
}

// absorbed drops each group of words that holds all of another group's: "(danh sách nhập)
// or (danh sách)" finds the rows "(danh sách)" finds, and whether the words are common is
// then of "danh sách" alone.
func absorbed(groups [][]string) [][]string {
	var out [][]string
	for i, g := range groups {
		if !slices.ContainsFunc(groups[:i], func(h []string) bool { return containsAll(g, h) }) &&
			!slices.ContainsFunc(groups[i+1:], func(h []string) bool { return containsAll(g, h) && !containsAll(h, g) }) {
			out = append(out, g)
		}
	}
	return out
}

// containsAll reports whether every word of sub is in words.
func containsAll(words, sub []string) bool {
	return !slices.ContainsFunc(sub, func(w string) bool { return !slices.Contains(words, w) })
}

// doerBonus is what prose naming the doer before "cần", "phải" adds: half an item's.
const doerBonus = 6

// withoutRepeats drops a passage that says again what a directive item of its article says
// (an item is a clause of a sentence that is also a passage): the item, the preferred answer,
// takes the better score of the two.
func withoutRepeats(ranked []scoredRow) []scoredRow {
	items := map[int64][]int{} // article → positions of its items in ranked
	for i, r := range ranked {
		if r.row.ItemID != 0 {
			items[r.row.ArticleID] = append(items[r.row.ArticleID], i)
		}
	}
	// Items take their passages' scores first and are kept after, so that what is kept does
	// not hang on the order rows come in.
	repeats := make([]bool, len(ranked))
	for k, r := range ranked {
		if r.row.ItemID != 0 {
			continue
		}
		for _, i := range items[r.row.ArticleID] {
			if item := &ranked[i]; strings.Contains(r.row.Body, item.row.Body) || strings.Contains(item.row.Body, r.row.Body) {
				item.score = max(item.score, r.score)
				repeats[k] = true
			}
		}
	}
	kept := make([]scoredRow, 0, len(ranked))
	for k, r := range ranked {
		if !repeats[k] {
			r.score += r.own
			kept = append(kept, r)
		}
	}
	sortRanked(kept)
	return kept
}

func sortRanked(ranked []scoredRow) {
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].score != ranked[j].score {
			return ranked[i].score > ranked[j].score
		}
		return ranked[i].row.RowID < ranked[j].row.RowID
	})
}

// candidates is how many of the newest matching items a question brings to the ranking.
const candidates = 200

// termCounts keeps the index's term counts for one question and its rewordings, so that each
// word is looked up once however often the parsing, the typo correction and the ranking ask.
type termCounts struct {
	store  Store
	df     map[string]int
	total  int
	looked map[string]bool
}

func (s *Service) newCounts() *termCounts {
	return &termCounts{store: s.store, df: map[string]int{}, total: -1, looked: map[string]bool{}}
}

// of returns counts that include terms (and others looked up before), and the number of rows.
func (c *termCounts) of(ctx context.Context, terms []string) (map[string]int, int, error) {
	var missing []string
	for _, t := range terms {
		if !c.looked[t] {
			c.looked[t] = true
			missing = append(missing, t)
		}
	}
	if len(missing) == 0 && c.total >= 0 {
		return c.df, c.total, nil
	}
	df, total, err := c.store.TermFrequencies(ctx, missing)
	if err != nil {
		for _, t := range missing {
			delete(c.looked, t)
		}
		return nil, 0, err
	}
	maps.Copy(c.df, df)
	c.total = total
	return c.df, c.total, nil
}

// selective picks the words that find candidates: words in more than a tenth of all items
// ("thị xã", "ban") would make the full-text index return most of the table, so they only
// weigh in the ranking. The rarest words are kept when all are common.
func selective(terms []string, df map[string]int, total int) []string {
	var rare []string
	for _, t := range terms {
		if df[t] > 0 && df[t]*10 <= total {
			rare = append(rare, t)
		}
	}
	if len(rare) > 0 {
		sort.Slice(rare, func(i, j int) bool { return df[rare[i]] < df[rare[j]] })
		return rare[:min(6, len(rare))]
	}
	k := known(terms, df)
	return k[:min(2, len(k))]
}

// focuses reports whether a term is of the noun a question asks for by name (Focus).
func (q Query) focuses(t string) bool {
	return q.Focus != "" && strings.Contains(" "+q.Focus+" ", " "+t+" ")
}

// asked is a query's terms without the noun it asks for by name (Focus): "những môn gì" is
// answered by "bóng chuyền, bóng bàn", which need not say "môn", so "môn" finds no rows. A
// question of no other words keeps them all.
func (q Query) asked() []string {
	if q.Focus == "" {
		return q.Terms
	}
	out := slices.DeleteFunc(slices.Clone(q.Terms), q.focuses)
	if len(out) == 0 {
		return q.Terms
	}
	return out
}

// known lists the terms some row contains, rarest first.
func known(terms []string, df map[string]int) []string {
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		if df[t] > 0 {
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return df[out[i]] < df[out[j]] })
	return out
}
