package search

import (
	"slices"
	"strings"

	"github.com/loa-vn/loa"
)

// A question typed without capitals names its province all the same: "son la giao nhan quan
// nam 2026" asks of Sơn La, and an article of Đà Nẵng does not answer it. The provinces are
// the national list's, before and after their merging in 2025 (WithPlaceNames); not those of
// one word ("Huế" folds like "huệ"), those the articles' words also make ("Hòa Bình" is also
// "peace", see vocabulary), nor "Hồ Chí Minh", who is also the President.
var notProvinceNames = map[string]bool{"ho chi minh": true}

// provincesOf lists the names of the provinces and centrally-run cities among the national
// list's names, folded into their words: a province's type is "Tỉnh", and every "Thành phố"
// of today's list is one (its communes are "Xã", "Phường", "Đặc khu").
func provincesOf(names []loa.PlaceName, vocabulary map[string]bool) [][]string {
	var out [][]string
	seen := map[string]bool{}
	for _, n := range names {
		typ, words := loa.SplitPlaceName(n.Name)
		name := strings.Join(words, " ")
		if typ != "tinh" && (typ != "thanh pho" || n.Former) || len(words) < 2 || seen[name] || vocabulary[name] || notProvinceNames[name] {
			continue
		}
		seen[name] = true
		out = append(out, words)
	}
	return out
}

// namedProvinces lists the provinces a normalised question names, as a row must say them,
// reading left to right so that a name's words are not read again as another's: "tuyen quang
// nam 2025" names Tuyên Quang, not Quảng Nam.
func (s *Service) namedProvinces(norm string) []string {
	if len(s.provinces) == 0 {
		return nil
	}
	words := strings.Fields(norm)
	var out []string
	for i := 0; i < len(words); i++ {
		for _, parts := range s.provinces {
			if words[i] == parts[0] && i+len(parts) <= len(words) && slices.Equal(words[i:i+len(parts)], parts) {
				out = append(out, strings.Join(parts, " "))
				i += len(parts) - 1
				break
			}
		}
	}
	return out
}
