package search

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/vntext"
)

// eventKinds are the words that name each kind of event in a question, folded.
var eventKinds = map[string][]string{
	loa.EventDrill:           {"dien tap"},
	loa.EventShootingContest: {"ban sung", "hoi thi ban", "ban dan that"},
	loa.EventSportsContest:   {"hoi thao", "giai the thao", "giai bong da", "the duc the thao"},
	loa.EventRecruitment:     {"tuyen quan", "so tuyen", "tuyen chon va goi cong dan", "tuyen chon goi cong dan", "dang ky nghia vu", "lenh goi", "quyet dinh goi"},
	loa.EventEnlistment:      {"giao nhan quan", "giao quan", "nhan quan", "nhap ngu", "tong quan", "len duong thuc hien nghia vu", "ngay hoi tuyen quan"},
	loa.EventMedicalExam:     {"kham suc khoe", "kham tuyen", "kham nghia vu", "kham so tuyen"},
	loa.EventTraining:        {"huan luyen", "boi duong", "tap huan", "lop hoc"},
	loa.EventMeeting:         {"hoi nghi", "tong ket", "so ket"},
	// Contests of knowledge and camps, which are no sport.
	loa.EventOther: {"hoi thi phap luat", "hoi thi tim hieu", "hoi thi trai", "hoi trai"},
}

// eventFillers are words of a question about an event that say nothing of which event: "lễ",
// "tổ chức", "diễn ra", "vào", "năm", "ngày nào", "ở đâu", "lịch".
var eventFillers = map[string]bool{
	"le": true, "to": true, "chuc": true, "dien": true, "ra": true, "vao": true, "nam": true, "ngay": true,
	"lich": true, "thang": true, "luc": true, "bat": true, "dau": true, "ket": true, "thuc": true, "khai": true,
	"mac": true, "thoi": true, "gian": true, "dia": true, "diem": true, "nao": true, "tu": true, "den": true,
	"hom": true, "sap": true, "toi": true, "cua": true, "duoc": true,
}

// eventAnswers answers "khi nào giao nhận quân", "lịch diễn tập", "diễn tập ở xã nào" from the
// dated events found in articles: of the kind the question names, if it names one; covering
// most of the rest of its words (the event's title, places and article title), weighted by
// rarity; a year named narrows them to that year when any is of it, and to none when no
// article names it. The coming ones come
// first (soonest first), then past ones (latest first); at most limit.
func (s *Service) eventAnswers(ctx context.Context, q Query, df map[string]int, total int, now time.Time, limit int) ([]loa.Answer, error) {
	mentions, err := s.events.get(ctx, s)
	if err != nil {
		return nil, err
	}
	question := " " + strings.Join(q.Terms, " ") + " "
	kinds := map[string]bool{}
	kindWords := map[string]bool{}
	for _, kind := range q.Kinds {
		kinds[kind] = true
		for _, p := range eventKinds[kind] {
			if saysKind(question, p) {
				for _, w := range strings.Fields(p) {
					kindWords[w] = true
				}
			}
		}
	}
	year := ""
	var rest []string
	for _, t := range q.Terms {
		switch {
		case yearTerm.MatchString(t):
			year = t
		case !eventFillers[t] && !kindWords[t]:
			rest = append(rest, t)
		}
	}
	var matched []cachedMention
	for _, cm := range mentions {
		if len(kinds) > 0 && !kinds[cm.Kind] || !namesEach(q.Places, rowText{title: cm.words}) {
			continue
		}
		if namesOtherUnit(q.Units, cm.words) || !ofUnits(q.unitsIn, cm) {
			continue // "khóa 65": an event of "khóa 25" is another course's
		}
		if !ofNamed(q.namedIn, cm.ArticleID) {
			continue // of an article that never says a name the question writes in capitals
		}
		if q.WantVenue && !q.WantDate && onlyAsked(cm.places, q.Places) {
			continue // "ở đâu" of an event found without a place, or only in the commune asked about: it does not answer
		}
		if otherEnd(question, cm.words) {
			continue // "khai mạc … ngày nào": the day it closed is not it
		}
		if words := (rowText{title: cm.words}); !ofKind(q.Kinds, words) || otherOf(q.Militia, militiaRE, words) {
			continue // "hội thao": the province's "Đại hội Thể dục Thể thao" is another; "dân quân cơ động": the course of "tại chỗ" is another's
		}
		if !inMonths(cm.EventCandidate, q.Months) {
			continue // "giao ban tháng 5": the meeting of 25/4 is April's
		}
		var have, want float64
		for _, t := range rest {
			want += idf(df, total, t)
			if strings.Contains(cm.words, " "+t+" ") {
				have += idf(df, total, t)
			}
		}
		// Without a kind named, the event's words must carry the question: "quân" alone
		// matches every recruit.
		if len(kinds) == 0 && (want == 0 || have < 0.67*want) || want > 0 && have < 0.5*want {
			continue
		}
		matched = append(matched, cm)
	}
	if year != "" {
		// A year narrows the events to those of that year, or of an article about that year
		// ("tuyển quân năm 2025" examines in November 2024).
		var ofYear []cachedMention
		for _, m := range matched {
			if strings.HasPrefix(m.Date, year) || strings.Contains(m.words, " "+year+" ") {
				ofYear = append(ofYear, m)
			}
		}
		matched = ofYear
	}
	today := now.Format("2006-01-02")
	sort.SliceStable(matched, func(i, j int) bool {
		fi, fj := matched[i].Date >= today, matched[j].Date >= today
		switch {
		case fi != fj:
			return fi
		case fi:
			return matched[i].Date < matched[j].Date
		}
		return matched[i].Date > matched[j].Date
	})
	var out []loa.Answer
	seen := map[string]bool{}
	for _, m := range matched {
		key := m.Kind + m.Date
		if len(out) == limit || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, loa.Answer{Kind: loa.AnswerEvent, Text: eventText(m.EventMention), Title: m.ArticleTitle, URL: m.URL, Published: m.Published})
	}
	return out, nil
}

// inMonths reports whether an event falls in one of the months a question names, or the
// question names none.
func inMonths(e loa.EventCandidate, months []int) bool {
	if len(months) == 0 {
		return true
	}
	for _, d := range []string{e.Date, e.EndDate} {
		if t, err := time.Parse("2006-01-02", d); err == nil && slices.Contains(months, int(t.Month())) {
			return true
		}
	}
	return e.Date == "" && slices.Contains(months, e.Month)
}

// eventCacheTTL is how long the dated events are kept in memory between questions: an article
// stored by this process clears them at once, one stored by another within a minute.
const eventCacheTTL = time.Minute

// eventCache keeps the dated events found in articles with their titles and places already
// normalised: reading and normalising them all for every "when" question was the slowest
// part of answering it.
type eventCache struct {
	mu      sync.Mutex
	at      time.Time
	entries []cachedMention
}

type cachedMention struct {
	loa.EventMention
	words  string   // " title places article-title ", normalised
	places []string // its places, each normalised
}

func (c *eventCache) get(ctx context.Context, s *Service) ([]cachedMention, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries != nil && time.Since(c.at) < eventCacheTTL {
		return c.entries, nil
	}
	mentions, err := s.store.EventMentions(ctx)
	if err != nil {
		return nil, err
	}
	entries := make([]cachedMention, len(mentions))
	for i, m := range mentions {
		places := make([]string, len(m.Places))
		for k, p := range m.Places {
			places[k] = s.norm.Normalise(p)
		}
		entries[i] = cachedMention{EventMention: m, words: " " + s.norm.Normalise(m.Title+" "+strings.Join(m.Places, " ")+" "+m.ArticleTitle) + " ", places: places}
	}
	c.entries, c.at = entries, time.Now()
	return entries, nil
}

// forget drops the cached events: an article was just indexed.
func (c *eventCache) forget() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}

// ofUnits reports whether an event is of each numbered unit a question names: its words say
// it, or its article's rows do.
func ofUnits(units map[string]map[int64]bool, cm cachedMention) bool {
	for u, articles := range units {
		if !articles[cm.ArticleID] && !strings.Contains(cm.words, " "+u+" ") {
			return false
		}
	}
	return true
}

// eventText says what, when and where: "Giao nhận quân: sáng 14/02/2025, tại Quảng trường …".
func eventText(m loa.EventMention) string {
	when := m.Date
	if d, err := time.Parse("2006-01-02", m.Date); err == nil {
		when = d.Format("02/01/2006")
	}
	if m.EndDate != "" {
		if d, err := time.Parse("2006-01-02", m.EndDate); err == nil {
			when += " – " + d.Format("02/01/2006")
		}
	}
	if m.TimeOfDay != "" {
		when = m.TimeOfDay + " " + when
	}
	text := vntext.Capitalise(m.Title) + ": " + when
	if len(m.Places) > 0 {
		text += ", " + texts.T("vi", "answer_at") + " " + strings.Join(m.Places, "; ")
	}
	return text
}

// onlyAsked reports whether an event's places, normalised, are none, or only the communes,
// wards or districts a question names ("Lễ tiễn đưa … xã Sơn Trung tổ chức ở đâu?" is not
// answered by "tại xã Sơn Trung").
func onlyAsked(places, asked []string) bool {
	for _, name := range places {
		if !slices.ContainsFunc(asked, func(a string) bool {
			// "xã Xuân Sơn Nam" of "xã Xuân Sơn Nam": a name's last word may be read as a year's "năm".
			return slices.ContainsFunc(localUnits, func(unit string) bool { return name == unit+" "+a || strings.HasPrefix(name, unit+" "+a+" ") })
		}) {
			return false
		}
	}
	return true
}

// localUnits are the units of local government that precede a place's name, normalised.
var localUnits = []string{"xa", "phuong", "thi tran", "huyen", "quan", "thi xa", "thanh pho", "tinh"}
