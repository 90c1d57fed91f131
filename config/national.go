package config

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/adminunits"
	"github.com/loa-vn/loa/vntext"
)

// ErrUnknownPlace is a province or commune the national list does not have.
var ErrUnknownPlace = errors.New("not in the national list of provinces, communes and wards")

// NationalOptions choose what part of the national list an office's catalogue covers: a whole
// provincial command, or one regional defence command (PTKV) and the communes it covers.
type NationalOptions struct {
	Province string   // "Đồng Nai"
	Region   string   // "PTKV 1"; empty for the whole province
	Communes []string // the region's communes and wards by name; required with Region
}

// CommuneAgencies are the agencies every commune and ward has since 1 July 2025; "{name}" is
// the commune ("phường Chơn Thành").
var CommuneAgencies = []TemplateUnit{
	{Key: "ubnd", Name: "UBND {name}", Kind: loa.UnitCommittee},
	{Key: "chqs", Name: "Ban CHQS {name}", Kind: loa.UnitMilitary},
	{Key: "cong-an", Name: "Công an {name}", Kind: loa.UnitPolice},
	{Key: "dan-quan", Name: "Trung đội dân quân cơ động {name}", Kind: loa.UnitMilitia},
	{Key: "hd-nvqs", Name: "Hội đồng NVQS {name}", Kind: loa.UnitCommittee},
}

// commandDepartments are the provincial military command's own offices.
var commandDepartments = []struct{ key, name string }{
	{"tham-muu", "Phòng Tham mưu"},
	{"chinh-tri", "Phòng Chính trị"},
	{"hau-can-ky-thuat", "Phòng Hậu cần - Kỹ thuật"},
}

// NationalCatalog builds an office's unit tree from the embedded national list: the provincial
// military command with its offices and every commune and ward of the province, or one PTKV
// with the communes it covers; each commune and ward gets the agencies every commune has.
// Keys are readable and stable ("dong-nai/chon-thanh/chqs"), so a catalogue made again keeps
// members attached when it is synced.
func NationalCatalog(opt NationalOptions) (*CatalogConfig, error) {
	p, ok := adminunits.ProvinceByName(opt.Province)
	if !ok {
		if now, ok := adminunits.SuccessorProvince(opt.Province); ok {
			return nil, fmt.Errorf("%w: %q was a province before 1 July 2025, now part of %s", ErrUnknownPlace, opt.Province, now.ShortName())
		}
		return nil, fmt.Errorf("%w: province %q (there are 34 provinces and cities since 1 July 2025)", ErrUnknownPlace, opt.Province)
	}
	sample, err := ParseCatalog(sampleCatalog)
	if err != nil {
		return nil, fmt.Errorf("built-in catalogue: %w", err)
	}
	root := slug(p.ShortName())
	communes := adminunits.Communes(p.Code)
	if opt.Region != "" {
		if communes, err = pick(p, opt.Communes); err != nil {
			return nil, err
		}
	} else if len(opt.Communes) > 0 {
		return nil, fmt.Errorf("communes are chosen for a region: name it too")
	}
	children := communeNodes(root, communes)
	var top UnitConfig
	if opt.Region == "" {
		top = UnitConfig{Key: root, Name: commandName(p), Kind: loa.UnitProvince}
		for _, d := range commandDepartments {
			top.Children = append(top.Children, UnitConfig{Key: root + "/" + d.key, Name: d.name, Kind: loa.UnitDepartment})
		}
		top.Children = append(top.Children, children...)
	} else {
		top = UnitConfig{Key: root + "/" + slug(opt.Region), Name: regionName(opt.Region, p), Kind: loa.UnitRegion, Children: children}
	}
	return &CatalogConfig{Topics: sample.Topics, CommuneUnits: CommuneAgencies, Units: []UnitConfig{top}}, nil
}

// pick finds each named commune of the province, and says what a former name became.
func pick(p adminunits.Province, names []string) ([]adminunits.Commune, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("a region needs its communes and wards")
	}
	var out []adminunits.Commune
	var problems []string
	for _, name := range names {
		c, ok := adminunits.CommuneByName(p.Code, name)
		if !ok {
			problems = append(problems, unknownCommune(p, name))
			continue
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrUnknownPlace, strings.Join(problems, "; "))
	}
	return out, nil
}

// unknownCommune explains a name that is not a commune of the province: a former one (and what
// replaced it), or the nearest current names.
func unknownCommune(p adminunits.Province, name string) string {
	for _, prefix := range []string{"", "Phường ", "Xã ", "Thị trấn "} {
		for _, f := range adminunits.FormerByName(prefix+name, "") {
			var now []string
			for _, code := range f.Successors {
				if c, ok := adminunits.CommuneByCode(code); ok && c.Province == p.Code {
					now = append(now, c.Name)
				}
			}
			if len(now) > 0 {
				return fmt.Sprintf("%q was %s (%s) before 1 July 2025, now part of %s", name, f.Name, f.District, strings.Join(now, ", "))
			}
		}
	}
	want := vntext.Fold(name)
	var near []string
	for _, c := range adminunits.Communes(p.Code) {
		if vntext.EditDistance(vntext.Fold(c.Place()), want) <= 2 {
			near = append(near, c.Name)
		}
	}
	if len(near) > 0 {
		return fmt.Sprintf("%q is not a commune of %s; did you mean %s?", name, p.ShortName(), strings.Join(near, ", "))
	}
	return fmt.Sprintf("%q is not a commune or ward of %s", name, p.ShortName())
}

func communeNodes(root string, communes []adminunits.Commune) []UnitConfig {
	count := map[string]int{}
	for _, c := range communes {
		count[slug(c.Place())]++
	}
	var out []UnitConfig
	for _, c := range communes {
		key := slug(c.Place())
		if count[key] > 1 { // "Lộc Thành" and "Lộc Thạnh" fold alike: the code tells them apart
			key += "-" + c.Code
		}
		kind := loa.UnitCommune
		if c.Type() == "phường" {
			kind = loa.UnitWard
		}
		out = append(out, UnitConfig{Key: root + "/" + key, Name: c.Name, Kind: kind})
	}
	return out
}

func commandName(p adminunits.Province) string {
	switch p.ShortName() {
	case "Hà Nội":
		return "Bộ Tư lệnh Thủ đô Hà Nội"
	case "Hồ Chí Minh":
		return "Bộ Tư lệnh Thành phố Hồ Chí Minh"
	}
	return "Bộ CHQS " + p.FullName()
}

// regionName writes "PTKV 1" as the command's name: "Ban Chỉ huy Phòng thủ khu vực 1 – Đồng Nai".
func regionName(region string, p adminunits.Province) string {
	rest, ok := strings.CutPrefix(strings.TrimSpace(region), "PTKV")
	if !ok {
		return region
	}
	return "Ban Chỉ huy Phòng thủ khu vực " + strings.TrimSpace(rest) + " – " + p.ShortName()
}

// slug makes a readable key: "Chơn Thành" → "chon-thanh".
func slug(s string) string {
	return strings.Join(strings.FieldsFunc(vntext.Fold(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}), "-")
}

// MarshalCatalog writes a catalogue as YAML that ParseCatalog reads back, with a header saying
// where it came from.
func MarshalCatalog(cc *CatalogConfig, header string) ([]byte, error) {
	var buf bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(header), "\n") {
		buf.WriteString("# " + line + "\n")
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(cc); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}
