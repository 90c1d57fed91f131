package news

import (
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// An addressee names a kind of unit at a level: the district's own ("Ban CHQS thị xã"), every
// commune's ("Ban CHQS các xã, phường", "Công an xã") or one commune's ("Ban CHQS xã Minh
// Thắng"). A unit's tasks are those addressed to units of its kind at its level, and, when the
// addressee names communes, to its own.

// districtWords name the district level in a folded addressee.
var districtWords = []string{" thi xa ", " huyen ", " thanh pho ", " quan su thi xa "}

// communeWords name the commune level once the district's words are taken out.
var communeWords = []string{" xa ", " phuong ", " cac xa ", " cac phuong ", " xa phuong ", " co so "}

// unitPlace is where a unit sits: its kind, and the commune or ward it belongs to (nil for the
// district's own agencies).
type unitPlace struct {
	unit    loa.Unit
	commune *loa.Unit
}

// unitPlaces reads the unit tree: each unit (retired ones left out) with the commune or ward it
// is in, and the folded names of every commune and ward.
func unitPlaces(units []loa.Unit) (out []unitPlace, communeNames []string) {
	byID := map[int64]loa.Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}
	for _, u := range units {
		if u.Retired {
			continue
		}
		p := unitPlace{unit: u}
		for id := u.ParentID; id != nil; {
			parent, ok := byID[*id]
			if !ok {
				break
			}
			if parent.Kind == loa.UnitCommune || parent.Kind == loa.UnitWard {
				p.commune = &parent
				break
			}
			id = parent.ParentID
		}
		if u.Kind == loa.UnitCommune || u.Kind == loa.UnitWard {
			communeNames = append(communeNames, foldedWords(u.Name))
			c := u
			p.commune = &c
		}
		out = append(out, p)
	}
	return out, communeNames
}

// foldedWords is s folded, words only, padded with spaces for whole-word matching.
func foldedWords(s string) string { return " " + wordsOnly(vntext.Fold(s)) + " " }

// addressedTo reports whether a directive's addressee gives tasks to the unit at p.
func addressedTo(addressee string, p unitPlace, communeNames []string) bool {
	if AddresseeKind(addressee) != p.unit.Kind {
		return false
	}
	f := foldedWords(addressee)
	district := false
	for _, w := range districtWords {
		if strings.Contains(f, w) {
			district = true
			f = strings.ReplaceAll(f, strings.TrimSpace(w), " ")
		}
	}
	f = " " + strings.Join(strings.Fields(f), " ") + " "
	commune := false
	for _, w := range communeWords {
		commune = commune || strings.Contains(f, w)
	}
	if p.commune == nil { // the district's own agency
		return district || !commune
	}
	named := false
	for _, name := range communeNames {
		if strings.Contains(f, name) || strings.Contains(f, bareName(name)) {
			named = true
			if name == foldedWords(p.commune.Name) {
				return true
			}
		}
	}
	return !named && (commune || !district)
}

// bareName is a commune's folded name without "xa"/"phuong": "Minh Thắng" in "xã Minh Thắng,
// Quang Minh".
func bareName(name string) string {
	for _, prefix := range []string{" xa ", " phuong "} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			return " " + rest
		}
	}
	return name
}
