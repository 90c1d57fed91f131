package search

import (
	"strings"
	"unicode"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// A question typed with capitals names places and people by them: "Hòn Đất", "Lai Châu",
// "Lê Trọng Thủy", "Tết Bính Ngọ". An article that never says a name the index knows is of
// another place or person, however many of the question's other words it shares: "bao nhiêu
// công dân trúng tuyển ở Hòn Đất" is not answered from Côn Đảo.

// rawWord is a word of a question as typed: folded, whether it starts with a capital, and
// whether punctuation ends it.
type rawWord struct {
	folded   string
	capital  bool
	stopping bool
	marked   bool // typed with diacritics: "đã", not "da"
}

func rawWords(raw string) []rawWord {
	var out []rawWord
	for _, tok := range strings.Fields(raw) {
		trimmed := strings.TrimRightFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		stopping := len(trimmed) < len(tok)
		trimmed = strings.TrimLeftFunc(trimmed, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if trimmed == "" {
			if len(out) > 0 {
				out[len(out)-1].stopping = true
			}
			continue
		}
		first := []rune(trimmed)[0]
		// "CHQS", "UBND": abbreviations, not names; "A" of "A Lăng" is one.
		capital := unicode.IsUpper(first) && (len([]rune(trimmed)) == 1 || strings.ToUpper(trimmed) != trimmed)
		folded := vntext.Fold(trimmed)
		out = append(out, rawWord{folded: folded, capital: capital, stopping: stopping, marked: folded != strings.ToLower(trimmed)})
	}
	return out
}

// nameLeaders are capitalised words that start a body's or an occasion's name, not a place's
// or a person's: "Ban Chỉ huy", "Bộ Quốc phòng", "Huyện Côn Đảo", "Tết Bính Ngọ", and the
// question words a question starts with.
var nameLeaders = map[string]bool{"ban": true, "bo": true, "so": true, "phong": true, "uy": true, "dang": true,
	"cong": true, "lu": true, "su": true, "doan": true, "doi": true, "cuc": true, "quan": true, "tinh": true,
	"huyen": true, "xa": true, "phuong": true, "thi": true, "tran": true, "pho": true, "ngay": true, "dot": true,
	"lich": true, "ai": true, "khi": true, "bao": true, "o": true, "tai": true, "nam": true, "thang": true,
	"nhiem": true, "tet": true, "chu": true, "giam": true, "truong": true, "luc": true, "khu": true, "chinh": true,
	"cac": true, "nhung": true, "mot": true, "lop": true, "giai": true, "dien": true, "kham": true, "tuyen": true,
	"cuoc": true, "ky": true, "buoi": true}

// properNames lists the names of two words or more a question writes with capitals, folded.
func properNames(raw string) []string {
	words := rawWords(raw)
	var out []string
	var run []string
	flush := func() {
		if len(run) > 0 && nameLeaders[run[0]] {
			run = run[1:] // "Huyện Côn Đảo", "Đoàn Đông Giang"
		}
		if len(run) >= 2 {
			out = append(out, strings.Join(run, " "))
		}
		run = nil
	}
	for _, w := range words {
		if !w.capital {
			flush()
			continue
		}
		run = append(run, w.folded)
		if w.stopping {
			flush()
		}
	}
	flush()
	return out
}

// refinePlaces keeps, of the places a normalised question names, the capitalised words the
// question writes after the unit when it writes capitals: "huyện Kbang khen thưởng" names
// Kbang, "thị trấn Ái Nghĩa" Ái Nghĩa though "ai" is a question word.
func refinePlaces(places []string, raw string) []string {
	words := rawWords(raw)
	out := make([]string, 0, len(places))
	for _, p := range places {
		parts := strings.Fields(p)
		if len(parts) == 2 {
			for i := 0; i+1 < len(words); i++ {
				if words[i].folded == parts[0] && words[i+1].folded == parts[1] && words[i].capital && !words[i+1].capital {
					p = parts[0]
					break
				}
			}
		}
		out = append(out, p)
	}
	// A name the unit's words skipped because its first word is also a question's ("Ái").
	for i := 1; i+1 < len(words); i++ {
		if placeUnitWord[words[i-1].folded] && words[i].capital && isStop(words[i].folded) && words[i+1].capital {
			out = append(out, words[i].folded+" "+words[i+1].folded)
		}
	}
	return out
}

var placeUnitWord = map[string]bool{"xa": true, "phuong": true, "huyen": true, "tinh": true, "tran": true, "pho": true}

// saysName reports whether a row says a name, its words side by side.
func saysName(name string, r rowText) bool {
	name = " " + name + " "
	return strings.Contains(r.body, name) || strings.Contains(r.title, name) || strings.Contains(r.addressee, name)
}

// namedArticles lists, of the names some row says, the articles whose rows say each: an
// article outside it for a name is of another place or person. A name no row says (a
// province only the portal's name gives) rules nothing out.
func namedArticles(names []string, rows []loa.SearchRow, texts []rowText) map[string]map[int64]bool {
	return articlesSaying(names, rows, texts, false, saysName)
}

// articlesSaying lists, for each phrase, the articles whose rows say it; a phrase no row says
// is listed with no article only when keepUnsaid.
func articlesSaying(phrases []string, rows []loa.SearchRow, texts []rowText, keepUnsaid bool, says func(string, rowText) bool) map[string]map[int64]bool {
	out := map[string]map[int64]bool{}
	for _, n := range phrases {
		if keepUnsaid {
			out[n] = map[int64]bool{}
		}
		for i, r := range rows {
			if texts[i].body == "" {
				texts[i] = newRowText(r)
			}
			if says(n, texts[i]) {
				if out[n] == nil {
					out[n] = map[int64]bool{}
				}
				out[n][r.ArticleID] = true
			}
		}
	}
	return out
}

// namedAsked are the articles whose rows say each name and each numbered unit a question names.
type namedAsked struct {
	names, units map[string]map[int64]bool
}

// unitArticles lists, for each numbered unit, the articles whose rows say it; unlike a name,
// a unit no row says is still kept, with no article: "Vùng 4" said nowhere leaves no article
// whose events answer it.
func unitArticles(units []string, rows []loa.SearchRow, texts []rowText) map[string]map[int64]bool {
	return articlesSaying(units, rows, texts, true, saysUnit)
}

// ofNamed reports whether an article says every name some row says.
func ofNamed(named map[string]map[int64]bool, article int64) bool {
	for _, articles := range named {
		if !articles[article] {
			return false
		}
	}
	return true
}
