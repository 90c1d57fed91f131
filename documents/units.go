package documents

import (
	"strings"
	"unicode"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// Mapper finds the catalogue units a document names. Names are folded and compared word by
// word, where a word in capitals on one side may stand for the initials of several words on the
// other: "Ban CHQS" is "Ban Chỉ huy Quân sự", "Phòng TC-KH" is "Phòng Tài chính - Kế hoạch",
// "Phòng GD&ĐT" is "Phòng Giáo dục và Đào tạo".
type Mapper struct {
	units  []loa.Unit
	words  [][]string // each unit's name, as words
	byID   map[int64]int
	parent []int // index of each unit's parent, -1 for none
}

// NewMapper indexes the units that are not retired.
func NewMapper(units []loa.Unit) *Mapper {
	m := &Mapper{byID: map[int64]int{}}
	for _, u := range units {
		if u.Retired {
			continue
		}
		m.byID[u.ID] = len(m.units)
		m.units = append(m.units, u)
		m.words = append(m.words, nameWords(u.Name))
	}
	m.parent = make([]int, len(m.units))
	for i, u := range m.units {
		m.parent[i] = -1
		if u.ParentID != nil {
			if p, ok := m.byID[*u.ParentID]; ok {
				m.parent[i] = p
			}
		}
	}
	return m
}

// nameWords folds a name into words, keeping "TC-KH" and "GD&ĐT" as one word of initials.
func nameWords(name string) []string {
	fields := strings.FieldsFunc(vntext.Fold(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' && r != '-'
	})
	var out []string
	for _, f := range fields {
		f = strings.Trim(f, "-&")
		if f == "" {
			continue
		}
		if strings.ContainsAny(f, "-&") {
			f = strings.NewReplacer("-", "", "&", "").Replace(f)
		}
		out = append(out, f)
	}
	return out
}

// Map returns the units a name stands for: one unit, every commune and ward ("các xã,
// phường"), or each commune's and ward's own agency ("Ban CHQS các xã, phường"). Nil when
// nothing in the catalogue matches.
func (m *Mapper) Map(name string) []loa.Unit {
	w := nameWords(name)
	if len(w) == 0 {
		return nil
	}
	if prefix, communes, wards, ok := collective(w); ok {
		return m.collective(prefix, communes, wards)
	}
	for _, strip := range []bool{false, true} {
		var found []loa.Unit
		for i, uw := range m.words {
			a, b := w, uw
			if strip {
				a, b = trimDistrict(a), trimDistrict(b)
			}
			if len(a) > 0 && sameWords(a, b) {
				found = append(found, m.units[i])
			}
		}
		if len(found) == 1 {
			return found
		}
		if len(found) > 1 {
			return nil // ambiguous: better unmapped than sent to the wrong unit
		}
	}
	return nil
}

// collective reads "[agency] các xã, phường" (or only xã, only phường).
func collective(w []string) (prefix []string, communes, wards, ok bool) {
	for i := 0; i+1 < len(w); i++ {
		if w[i] != "cac" || (w[i+1] != "xa" && w[i+1] != "phuong") {
			continue
		}
		for _, x := range w[i+1:] {
			communes = communes || x == "xa"
			wards = wards || x == "phuong"
		}
		return w[:i], communes, wards, true
	}
	return nil, false, false, false
}

func (m *Mapper) collective(prefix []string, communes, wards bool) []loa.Unit {
	wanted := func(i int) bool {
		k := m.units[i].Kind
		return (communes && k == loa.UnitCommune) || (wards && k == loa.UnitWard)
	}
	var out []loa.Unit
	for i, u := range m.units {
		switch {
		case len(prefix) == 0 && wanted(i):
			out = append(out, u)
		case len(prefix) > 0 && m.parent[i] >= 0 && wanted(m.parent[i]) && len(m.words[i]) > len(prefix):
			// "Ban CHQS xã Minh Thắng" begins with "Ban CHQS" and then names its commune.
			for n := len(m.words[i]) - 1; n >= 1; n-- {
				if sameWords(prefix, m.words[i][:n]) {
					out = append(out, u)
					break
				}
			}
		}
	}
	return out
}

// trimDistrict drops a trailing "thị xã" / "huyện" / "thành phố": "Phòng Nội vụ thị xã" is
// the catalogue's "Phòng Nội vụ".
func trimDistrict(w []string) []string {
	n := len(w)
	switch {
	case n >= 2 && w[n-2] == "thi" && w[n-1] == "xa", n >= 2 && w[n-2] == "thanh" && w[n-1] == "pho":
		return w[:n-2]
	case n >= 1 && (w[n-1] == "huyen" || w[n-1] == "tx"):
		return w[:n-1]
	}
	return w
}

// sameWords tells whether a and b say the same, a word of one side standing for the initials
// of a run of words on the other ("va" may be left out of initials).
func sameWords(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	if a[0] == b[0] && sameWords(a[1:], b[1:]) {
		return true
	}
	for _, pair := range [2][2][]string{{a, b}, {b, a}} {
		short, long := pair[0], pair[1]
		if len(short[0]) < 2 {
			continue
		}
		for _, n := range initialsRuns(short[0], long) {
			if sameWords(short[1:], long[n:]) {
				return true
			}
		}
	}
	return false
}

// initialsRuns returns how many words of long the initials in word can cover.
func initialsRuns(word string, long []string) []int {
	var out []int
	var walk func(letters string, i int)
	walk = func(letters string, i int) {
		if letters == "" {
			if i > 1 {
				out = append(out, i)
			}
			return
		}
		if i >= len(long) {
			return
		}
		if long[i] != "" && long[i][0] == letters[0] {
			walk(letters[1:], i+1)
		}
		if w := long[i]; len(w) > 1 && strings.HasPrefix(letters, w) {
			walk(letters[len(w):], i+1) // "BCHQS" against "Ban CHQS"
		}
		if long[i] == "va" {
			walk(letters, i+1)
		}
	}
	walk(word, 0)
	return out
}
