package search

import (
	"slices"
	"strings"

	"github.com/loa-vn/loa"
)

// WithPlaceNames lets questions typed without capitals or a unit name a place by its name
// alone, as officials type it first ("tho xuan le giao nhan quan o dau") or after "ở"/"tại":
// the communes, wards, districts and provinces of the national list, now and before 2025.
func (s *Service) WithPlaceNames(names []loa.PlaceName) *Service {
	c := *s
	c.placeNames, c.oneWordNames, c.listed = make(map[string]bool, len(names)), map[string]bool{}, make(map[string]bool, len(names))
	vocabulary := c.vocabulary()
	for _, n := range names {
		_, words := loa.SplitPlaceName(n.Name)
		name := strings.Join(words, " ")
		c.listed[name] = true
		// A name of one word ("Huế", "Ea") or with a number ("Phường 3") is read only after its
		// unit, and so is one that is also a phrase of the questions' own words ("Tân Bình" and
		// "tân binh", "Phòng Thủ" and "phòng thủ", "Giao Nhân" and "giao nhận quân").
		switch {
		case strings.ContainsAny(name, "0123456789"):
		case len(words) == 1:
			c.oneWordNames[name] = true
		case len(words) <= 3 && !vocabulary[name]:
			c.placeNames[name] = true
		}
	}
	c.provinces = provincesOf(names, vocabulary)
	return &c
}

// commonNames are names of communes that are also words the articles use: "tân binh"
// (recruits), "trung tâm", "bình nghị" (the review of who is called up), "an ninh" (security).
var commonNames = []string{"tan binh", "trung tam", "binh nghi", "an ninh", "hoa binh", "doan ket", "thong nhat", "doc lap",
	"tien bo", "thang loi", "quyet thang", "thanh cong"}

// vocabulary is the phrases of two and three words the articles use, which no name of a place
// stands for: commonNames, and every run of words in an abbreviation's expansion or the name
// of a kind of event. Looked up once per name of the national list, they are listed once.
func (s *Service) vocabulary() map[string]bool {
	out := map[string]bool{}
	add := func(words []string) {
		for i := range words {
			for n := 2; n <= 3 && i+n <= len(words); n++ {
				out[strings.Join(words[i:i+n], " ")] = true
			}
		}
	}
	for _, name := range commonNames {
		out[name] = true
	}
	for _, words := range s.norm.expand {
		add(words)
	}
	for _, phrases := range eventKinds {
		for _, p := range phrases {
			add(strings.Fields(p))
		}
	}
	return out
}

// placeOpening lists the places a normalised question opens with, or names after "ở"/"tại",
// by their names alone; nil when it names none the national list knows.
func (s *Service) placeOpening(norm string) []string {
	if len(s.placeNames) == 0 {
		return nil
	}
	words := strings.Fields(norm)
	var out []string
	for i := range words {
		if i > 0 && words[i-1] != "o" && words[i-1] != "tai" || placeUnitWord[words[i]] {
			continue // a place after its unit is namedPlaces's
		}
		for n := 3; n >= 2; n-- {
			if i+n <= len(words) && !(timeWord[words[i+n-1]] && i+n < len(words) && isNumber(words[i+n])) { // "hoa cuong nam 2026": a year, not Hòa Cường Nam
				if name := strings.Join(words[i:i+n], " "); s.placeNames[name] {
					out = append(out, name)
					break
				}
			}
		}
	}
	return out
}

// knownPlaces mends the places a question names after their unit by the national list: a
// place read as two words that the list does not know, whose first word it knows as a name,
// is that one word ("huyện Lắk đạt yêu cầu": Lắk). A name of one word the question writes as
// an ordinary word is none.
func (s *Service) knownPlaces(places []string, raw string) []string {
	if len(s.placeNames) == 0 {
		return places
	}
	oneWord := false
	for i, p := range places {
		if first, _, two := strings.Cut(p, " "); two && !s.placeNames[p] && s.oneWordNames[first] {
			places[i] = first
		}
		oneWord = oneWord || !strings.Contains(places[i], " ")
	}
	if !oneWord {
		return places // the question's words are read only for a name of one word
	}
	words := rawWords(raw)
	return slices.DeleteFunc(places, func(p string) bool { return !strings.Contains(p, " ") && typedAsWord(words, p) })
}

// typedAsWord reports whether a question writes a word in lower case with its diacritics,
// which a name of one word is not: "Hội đồng NVQS xã đã làm gì" names no commune "Đà".
func typedAsWord(words []rawWord, folded string) bool {
	return slices.ContainsFunc(words, func(w rawWord) bool { return w.folded == folded && w.marked && !w.capital })
}

// withoutMisread drops the places a question seemed to name that neither the national list
// nor any row found for it knows: "xã mới bổ nhiệm" read as "xã Mới Bổ" is ordinary words,
// and would leave the question with no answer. Without the list, every place is kept.
func (s *Service) withoutMisread(places []string, texts []rowText) []string {
	if len(s.listed) == 0 {
		return places
	}
	return slices.DeleteFunc(slices.Clone(places), func(p string) bool {
		return !s.listed[p] && !slices.ContainsFunc(texts, func(t rowText) bool { return namesEach([]string{p}, t) })
	})
}

// namesLowerPlace reports whether a question names a place below a province: a commune, a
// ward, a district; without the national list, none is known to be.
func (s *Service) namesLowerPlace(places []string) bool {
	return len(s.listed) > 0 && slices.ContainsFunc(places, func(p string) bool {
		return !slices.ContainsFunc(s.provinces, func(words []string) bool { return strings.Join(words, " ") == p })
	})
}

// wholes are the words that make a count the whole province's or country's ("toàn thành
// phố" is also a district-level city's, as Hội An's).
var wholes = []string{" toan tinh ", " ca tinh ", " ca nuoc ", " toan quoc ", " toan quan "}

// widerWhole reports whether padded normalised text counts a whole above a district.
func widerWhole(text string) bool {
	return slices.ContainsFunc(wholes, func(w string) bool { return strings.Contains(text, w) })
}

// placeUnits gives, of the places a question names, the unit each is named with ("huyen" of
// "huyện Đắk Glong"), normalised: a row naming another place of that unit is that one's.
func placeUnits(asked string, places []string) map[string][]string {
	var out map[string][]string
	for _, p := range places {
		for _, unit := range localUnits {
			if strings.Contains(asked, " "+unit+" "+p+" ") && !inLongerUnit(asked, unit, p) {
				if out == nil {
					out = map[string][]string{}
				}
				out[unit] = append(out[unit], p)
			}
		}
	}
	return out
}

// inLongerUnit reports whether a question names a place with a longer unit that ends with
// unit: "thị xã Kinh Môn" asks of a town, not of a commune ("xã").
func inLongerUnit(asked, unit, place string) bool {
	return slices.ContainsFunc(localUnits, func(longer string) bool {
		return strings.HasSuffix(longer, " "+unit) && strings.Contains(asked, " "+longer+" "+place+" ")
	})
}

// unitsOwnBody reports whether a word after a unit's noun names that unit's own body, not a
// place: "Huyện đoàn", "Tỉnh ủy", "Huyện đội" are the district's or the province's Youth
// Union, Party committee and military command.
func unitsOwnBody(unit, word string) bool {
	return (unit == "huyen" || unit == "tinh") && (word == "doan" || word == "uy" || word == "doi")
}

// namedAs gives each place as a question names it: with its unit ("huyen kien thuy"), or alone.
func namedAs(units map[string][]string, places []string) []string {
	var out []string
	for _, p := range places {
		named := false
		for unit, names := range units {
			if slices.Contains(names, p) {
				out, named = append(out, unit+" "+p), true
			}
		}
		if !named {
			out = append(out, p)
		}
	}
	return out
}

// namesOtherPlace reports whether a padded, normalised row names, with the unit a question
// names its place with, only other places of the national list: "diễn tập khu vực phòng thủ
// huyện Đắk Mil … sẽ được tổ chức" does not say when Đắk Glong's drill is, though one article
// tells of both.
func (s *Service) namesOtherPlace(units map[string][]string, body string) bool {
	other := false
	for unit, names := range units {
		for _, name := range names {
			if strings.Contains(body, " "+name+" ") {
				return false
			}
		}
		other = other || anyAt(body, " "+unit+" ", func(at int) bool {
			// "địa phương đón nhận" is no ward Đồn Nhạn, "Ban CHQS xã Đinh Văn Phước" no commune:
			// a person's middle name says who he is. A name of one word may be any word.
			words := strings.Fields(body[at+len(unit)+2:])
			if strings.HasSuffix(body[:at+1], " dia ") || len(words) > 1 && (words[1] == "van" || words[1] == "thi") {
				return false
			}
			if len(words) > 0 && unitsOwnBody(unit, words[0]) {
				return false // "Huyện Đoàn (Thường trực …)" is no "Đoàn Thượng"
			}
			if len(words) > 0 && slices.Contains(localUnits, words[0]) {
				return false // "các xã, phường từ ngày …": units named together, no "xã Phương Tú"
			}
			return len(words) >= 2 && s.placeNames[strings.Join(words[:2], " ")] || len(words) >= 3 && s.placeNames[strings.Join(words[:3], " ")]
		})
	}
	return other
}

// overlaps reports whether a place read by its name alone begins with the last word of a
// place named with its unit, and goes on with a word of the question's grammar: "phường Tây
// Sơn là …" names Tây Sơn, not Sơn La ("là").
func overlaps(name string, named []string) bool {
	first, rest, _ := strings.Cut(name, " ")
	if !isStop(rest) {
		return false
	}
	return slices.ContainsFunc(named, func(p string) bool { return p != name && strings.HasSuffix(" "+p, " "+first) })
}
