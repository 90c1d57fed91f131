package search

import (
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// placeTypes are the types the national list writes before a name, folded, longest first.
var placeTypes = []string{"thanh pho ", "thi tran ", "thi xa ", "dac khu ", "phuong ", "huyen ", "quan ", "tinh ", "xa "}

// WithPlaceNames lets questions typed without capitals or a unit name a place by its name
// alone, as officials type it first ("tho xuan le giao nhan quan o dau") or after "ở"/"tại":
// the communes, wards, districts and provinces of the national list, now and before 2025.
func (s *Service) WithPlaceNames(names []loa.PlaceName) *Service {
	c := *s
	c.placeNames, c.oneWordNames = make(map[string]bool, len(names)), map[string]bool{}
	for _, n := range names {
		name := strings.Join(strings.Fields(vntext.Fold(n.Name)), " ")
		for _, t := range placeTypes {
			if strings.HasPrefix(name, t) {
				name = name[len(t):]
				break
			}
		}
		// A name of one word ("Huế", "Ea") or with a number ("Phường 3") is read only after its
		// unit, and so is one that is also a phrase of the questions' own words ("Tân Bình" and
		// "tân binh", "Phòng Thủ" and "phòng thủ", "Giao Nhân" and "giao nhận quân").
		switch words := strings.Fields(name); {
		case strings.ContainsAny(name, "0123456789"):
		case len(words) == 1:
			c.oneWordNames[name] = true
		case len(words) <= 3 && !c.isVocabulary(name):
			c.placeNames[name] = true
		}
	}
	return &c
}

// commonNames are names of communes that are also words the articles use: "tân binh"
// (recruits), "trung tâm", "bình nghị" (the review of who is called up), "an ninh" (security).
var commonNames = map[string]bool{"tan binh": true, "trung tam": true, "binh nghi": true, "an ninh": true, "hoa binh": true,
	"doan ket": true, "thong nhat": true, "doc lap": true, "tien bo": true, "thang loi": true, "quyet thang": true, "thanh cong": true}

// isVocabulary reports whether a folded phrase is a word the articles use, said by an
// abbreviation's expansion or the name of a kind of event: words of the subject, not of a place.
func (s *Service) isVocabulary(phrase string) bool {
	if commonNames[phrase] {
		return true
	}
	phrase = " " + phrase + " "
	for _, words := range s.norm.expand {
		if strings.Contains(" "+strings.Join(words, " ")+" ", phrase) {
			return true
		}
	}
	for _, phrases := range eventKinds {
		for _, p := range phrases {
			if strings.Contains(" "+p+" ", phrase) {
				return true
			}
		}
	}
	return false
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
// is that one word ("huyện Lắk đạt yêu cầu": Lắk).
func (s *Service) knownPlaces(places []string) []string {
	if len(s.placeNames) == 0 {
		return places
	}
	for i, p := range places {
		if first, _, two := strings.Cut(p, " "); two && !s.placeNames[p] && s.oneWordNames[first] {
			places[i] = first
		}
	}
	return places
}
