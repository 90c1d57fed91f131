package news

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/vntext"
)

// Places finds the country's communes, wards, towns, districts and provinces named in text,
// old and new: "tại xã Minh Hưng", "phường Chơn Thành", "huyện Bù Đốp". A name counts only
// after its type ("xã", "phường", "thị trấn", "huyện", "thị xã", "thành phố", "tỉnh", …) and
// starting with a capital, so "xã hội" is no place. Looking up is anchored on the type words,
// so the ~14,000 names cost a few map look-ups per type word, not a loop over the list.
type Places struct {
	names    []loa.PlaceName
	byKey    map[string][]int32 // "xa nha bich" → names
	maxWords int                // the longest name's words, after its type
}

// reform is when two-tier local government began: an article before it means a name as it was.
var reform = time.Date(2025, 7, 1, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// placeTypes are the type words as written (lower case), each with the folded type it stands
// for. They are matched as spelled: "quân" (army), "tính" or "phương" (direction) are no type.
var placeTypes = map[string]string{
	"xã": "xa", "phường": "phuong", "thị trấn": "thi tran", "thị xã": "thi xa", "huyện": "huyen",
	"quận": "quan", "thành phố": "thanh pho", "tỉnh": "tinh", "đặc khu": "dac khu",
	"tp": "thanh pho", "tx": "thi xa", "tt": "thi tran", "p": "phuong", "x": "xa",
}

// abbreviations count in capitals only, and may have their dot: "TP. Đồng Xoài", "P. Phước Ninh".
var abbreviations = map[string]bool{"tp": true, "tx": true, "tt": true, "p": true, "x": true}

// communeTypes are the types of the units an office's communes and wards are today or were.
var communeTypes = map[string]bool{"xa": true, "phuong": true, "thi tran": true, "dac khu": true}

// NewPlaces indexes names by their folded words.
func NewPlaces(names []loa.PlaceName) *Places {
	p := &Places{names: names, byKey: make(map[string][]int32, len(names))}
	for i, n := range names {
		key := placeKey(n.Name)
		if key == "" {
			continue
		}
		p.byKey[key] = append(p.byKey[key], int32(i))
		p.maxWords = max(p.maxWords, len(strings.Fields(key)))
	}
	return p
}

// placeKey is a name's folded type and words: "Xã Nha Bích" → "xa nha bich"; "" if it has no type.
func placeKey(name string) string {
	typ, rest := loa.SplitPlaceName(name)
	if typ == "" || len(rest) == 0 {
		return ""
	}
	return typ + " " + strings.Join(rest, " ")
}

// bareKey is a name's folded words without its type: "Xã Nha Bích", "Nha Bích" → "nha bich".
func bareKey(name string) string {
	typ, rest := loa.SplitPlaceName(name)
	if len(rest) == 0 {
		return typ // a type alone ("Xã") is its own words
	}
	return strings.Join(rest, " ")
}

// token is a word of a sentence: where it is in the original, and what finding places needs of
// it, worked out only for the few words that may be a type or a name.
type token struct {
	start, end int    // bytes in the original
	lower      string // a word that may be a type, as written in lower case; "" for others
	folded     string // folded, once a name is looked for at it (see fold)
	upper      bool   // starts with a capital or a digit
	glued      bool   // follows the word before without a space ("H'Leo")
}

// typeInitial reports whether a word may be a type: "xã", "phường", "thị", "huyện", "quận",
// "thành", "tỉnh", "đặc", "TP" (no longer than "phường").
func typeInitial(w string) bool {
	if len(w) > len("phường") {
		return false
	}
	switch w[0] {
	case 'x', 'X', 'p', 'P', 't', 'T', 'h', 'H', 'q', 'Q':
		return true
	}
	return strings.HasPrefix(w, "đ") || strings.HasPrefix(w, "Đ")
}

// tokens splits s into words, into buf's room when it has some.
func tokens(s string, buf []token) []token {
	out := buf[:0]
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		r, _ := utf8.DecodeRuneInString(s[start:end])
		t := token{start: start, end: end, upper: unicode.IsUpper(r) || unicode.IsDigit(r)}
		if w := s[start:end]; typeInitial(w) {
			t.lower = strings.ToLower(w)
		}
		if n := len(out); n > 0 && !strings.ContainsFunc(s[out[n-1].end:start], unicode.IsSpace) {
			t.glued = true
		}
		out = append(out, t)
		start = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// fold is toks[j] folded, worked out once.
func fold(s string, toks []token, j int) string {
	if toks[j].folded == "" {
		toks[j].folded = vntext.Fold(s[toks[j].start:toks[j].end])
	}
	return toks[j].folded
}

// twoWordTypes start with these words.
var twoWordTypes = map[string]bool{"thị": true, "thành": true, "đặc": true}

// placeMatch is one place named in a sentence.
type placeMatch struct {
	pos     int    // byte offset in the sentence: of its type, or of a listed name
	text    string // as written, the type in lower case: "xã Minh Thắng"
	key     string // folded type and name: "xa minh thang"
	names   []int32
	commune bool // a commune, ward, town or special zone
}

// scan finds the places named in s: each after its type word, and bare names listed after one
// that share its type ("xã Minh Thắng, Quang Minh và Nha Bích").
func (p *Places) scan(s string, buf *[]token) []placeMatch {
	if p == nil || len(p.byKey) == 0 {
		return nil
	}
	var toks []token
	if buf != nil {
		toks = tokens(s, *buf)
		*buf = toks
	} else {
		toks = tokens(s, nil)
	}
	var out []placeMatch
	for i := 0; i < len(toks); {
		typ, n := p.typeAt(toks, i)
		if n == 0 {
			i++
			continue
		}
		j := i + n
		words, ok := p.nameAt(s, toks, j, typ)
		if ok {
			// "UBND phường, Chủ tịch…": a name follows its type with a space only ("TP." its dot).
			gap := strings.TrimSpace(s[toks[j-1].end:toks[j].start])
			ok = gap == "" || gap == "." && n == 1 && abbreviations[toks[i].lower]
		}
		if !ok {
			i = j
			continue
		}
		typeText := strings.ToLower(s[toks[i].start:toks[i+n-1].end])
		if n == 1 && abbreviations[toks[i].lower] { // an abbreviation stays as written: "TP."
			typeText = strings.TrimSpace(s[toks[i].start:toks[j].start])
		}
		pos := toks[i].start
		for {
			out = append(out, p.match(s, pos, toks, j, words, typ, typeText))
			j += words
			// A list goes on after a comma or "và" with a name of the same type.
			next := j
			if next < len(toks) && (s[toks[next].start:toks[next].end] == "và" || s[toks[next].start:toks[next].end] == "Và") {
				next++
			} else if next < len(toks) && strings.TrimSpace(s[toks[j-1].end:toks[next].start]) != "," {
				break
			}
			if words, ok = p.nameAt(s, toks, next, typ); !ok {
				break
			}
			j, pos = next, toks[next].start
		}
		i = j
	}
	return out
}

// typeAt reads a type word at toks[i]: its type and how many words it takes.
func (p *Places) typeAt(toks []token, i int) (string, int) {
	if toks[i].lower == "" {
		return "", 0
	}
	if twoWordTypes[toks[i].lower] && i+1 < len(toks) && !toks[i+1].glued {
		if t, ok := placeTypes[toks[i].lower+" "+toks[i+1].lower]; ok {
			return t, 2
		}
	}
	t, ok := placeTypes[toks[i].lower]
	if !ok || abbreviations[toks[i].lower] && !toks[i].upper {
		return "", 0
	}
	return t, 1
}

// nameAt is how many words at toks[j] make the longest known name of that type (0, false if
// none): the first word in capitals, each next one too unless glued to it ("Ea H'Leo").
func (p *Places) nameAt(s string, toks []token, j int, typ string) (int, bool) {
	if j >= len(toks) || !toks[j].upper {
		return 0, false
	}
	longest := 0
	var key strings.Builder
	key.WriteString(typ)
	for n := 1; n <= p.maxWords && j+n <= len(toks); n++ {
		t := toks[j+n-1]
		if n > 1 && !t.upper && !t.glued {
			break
		}
		key.WriteByte(' ')
		key.WriteString(fold(s, toks, j+n-1))
		if _, ok := p.byKey[key.String()]; ok {
			longest = n
		}
	}
	return longest, longest > 0
}

func (p *Places) match(s string, pos int, toks []token, j, words int, typ, typeText string) placeMatch {
	key := typ
	for k := j; k < j+words; k++ {
		key += " " + fold(s, toks, k)
	}
	return placeMatch{pos: pos, text: typeText + " " + s[toks[j].start:toks[j+words-1].end], key: key,
		names: p.byKey[key], commune: communeTypes[typ]}
}

// today is what a place named in an article is now.
type today struct {
	same  bool     // the name is today's own
	names []string // else the units that took the former one in: "Xã Nha Bích"
	clear bool     // the name meant one former unit, or several that became the same
}

// now is what a place named in an article published then is today: itself when the name is
// current (unless the article is from before the reform, when a former unit of that name is
// meant), else the units that took the former one in. One name was used all over the country:
// of the former units so named, those that became one of known (the office's communes, bare
// folded names) are meant when there are any.
func (p *Places) now(m placeMatch, published time.Time, known map[string]bool) today {
	var current, former []int32
	for _, i := range m.names {
		if p.names[i].Former {
			former = append(former, i)
		} else {
			current = append(current, i)
		}
	}
	before := !published.IsZero() && published.Before(reform)
	if len(current) > 0 && (!before || len(former) == 0) {
		return today{same: true, clear: true}
	}
	var mine []int32
	for _, i := range former {
		if slices.ContainsFunc(p.names[i].Now, func(n string) bool { return known[bareKey(n)] }) {
			mine = append(mine, i)
		}
	}
	if len(mine) > 0 {
		former = mine
	}
	var t today
	t.clear = true
	for k, i := range former {
		if k > 0 && !slices.Equal(p.names[i].Now, p.names[former[0]].Now) {
			t.clear = false
		}
		for _, n := range p.names[i].Now {
			if !slices.Contains(t.names, n) {
				t.names = append(t.names, n)
			}
		}
	}
	t.same = len(t.names) == 1 && placeKey(t.names[0]) == m.key
	return t
}

// maxShownSuccessors bounds how many of today's units a former one is shown with: a district
// took in up to a dozen communes.
const maxShownSuccessors = 3

// nationalPlaces are the places of a sentence, each former one with what it is now: "xã Minh
// Thắng (nay là xã Nha Bích)" in an article of 2023.
func (p *Places) nationalPlaces(s string, published time.Time, known map[string]bool, buf *[]token) []place {
	var out []place
	for _, m := range p.scan(s, buf) {
		name := m.text
		if known[bareKey(m.key)] {
			// The office's own communes stand as it names them.
		} else if t := p.now(m, published, known); !t.same && t.clear && len(t.names) > 0 && len(t.names) <= maxShownSuccessors {
			lowered := make([]string, len(t.names))
			for i, n := range t.names {
				lowered[i] = lowerFirst(n)
			}
			name = texts.T("vi", "place_now", m.text, strings.Join(lowered, ", "))
		}
		out = append(out, place{name: name, pos: m.pos})
	}
	return out
}

// lowerFirst writes "Xã Nha Bích" as inside a sentence: "xã Nha Bích".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// bareKeys folds names to a set of bare keys: "Xã Nha Bích" and "Nha Bích" → "nha bich".
func bareKeys(names []string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[bareKey(n)] = true
	}
	return out
}

// communesNamed reads an addressee for the communes and wards it names as they are today,
// folded with their type and padded (" xa nha bich "): "Ban CHQS xã Minh Thắng" in an article
// of 2023 names today's xã Nha Bích. ok is false when it names none the national list knows.
func (p *Places) communesNamed(addressee string, published time.Time, known map[string]bool) (named map[string]bool, ok bool) {
	for _, m := range p.scan(addressee, nil) {
		if !m.commune {
			continue
		}
		if named == nil {
			named = map[string]bool{}
		}
		if known[bareKey(m.key)] { // the office's own commune of that name
			named[" "+m.key+" "] = true
			continue
		}
		t := p.now(m, published, known)
		if t.same {
			named[" "+m.key+" "] = true
		}
		for _, n := range t.names {
			named[" "+placeKey(n)+" "] = true
		}
	}
	return named, named != nil
}

// placesWithin is the country's places as an article published then reads them, for an office
// with known communes.
type placesWithin struct {
	places    *Places
	published time.Time
	known     func() map[string]bool
	buf       *[]token // the words of one sentence after another
}

// within readies the places for one article; nil places find none.
func (p *Places) within(published time.Time, gazetteer []string) placesWithin {
	return placesWithin{places: p, published: published, known: sync.OnceValue(func() map[string]bool { return bareKeys(gazetteer) }),
		buf: new([]token)}
}

func (w placesWithin) find(s string) []place {
	return w.places.nationalPlaces(s, w.published, w.known(), w.buf)
}

// addressing decides whether an addressee gives tasks to a unit, reading the communes it names
// with the country's places when there are any: "Ban CHQS xã Tân Khai" then reaches no commune
// of an office without it, rather than every commune.
func (p *Places) addressing(published time.Time, communeNames []string) func(addressee string, u unitPlace) bool {
	known := bareKeys(communeNames)
	type reading struct {
		named map[string]bool
		ok    bool
	}
	read := map[string]reading{}
	return func(addressee string, u unitPlace) bool {
		if p != nil && u.commune != nil && AddresseeKind(addressee) == u.unit.Kind {
			r, seen := read[addressee]
			if !seen {
				r.named, r.ok = p.communesNamed(addressee, published, known)
				read[addressee] = r
			}
			if r.ok {
				return r.named[foldedWords(u.commune.Name)]
			}
		}
		return addressedTo(addressee, u, communeNames)
	}
}

// awardRE names a prize or a commendation handed out: "trao giải Nhất toàn đoàn", "tặng giấy
// khen".
var awardRE = regexp.MustCompile(`(?i)\b(?:giải (?:nhất|nhì|ba|khuyến khích)|giấy khen|bằng khen|khen thưởng)`)

// awardedTo reports whether the place at pos in a sentence that hands out prizes is one they
// go to ("trao giải Nhất toàn đoàn cho xã Thào Chư Phìn; giải Nhì cho xã Quan Hồ Thẩn"): a
// winner, not where the event was.
func awardedTo(s string, pos int) bool {
	if !awardRE.MatchString(s) {
		return false
	}
	before := strings.ToLower(strings.TrimRight(s[:pos], " "))
	return strings.HasSuffix(before, " cho") || strings.HasSuffix(before, " cho các")
}
