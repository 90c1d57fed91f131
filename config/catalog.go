package config

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
)

//go:embed catalog_sample.yaml
var sampleCatalog []byte

// CatalogConfig is the unit tree and topic list as written in YAML.
type CatalogConfig struct {
	Topics       []TopicConfig  `yaml:"topics"`
	CommuneUnits []TemplateUnit `yaml:"commune_units"`
	Units        []UnitConfig   `yaml:"units"`
}

// TopicConfig is one topic.
type TopicConfig struct {
	Key string `yaml:"key"`
	VI  string `yaml:"vi"`
	EN  string `yaml:"en,omitempty"`
}

// TemplateUnit is added under every commune and ward: key "<commune>/<key>".
type TemplateUnit struct {
	Key  string `yaml:"key"`
	Name string `yaml:"name"`
	Kind string `yaml:"kind"`
}

// UnitConfig is one node of the tree. Keys are stable: rename with name, move by placing the
// node elsewhere, retire with retired, merge with merged_into (members move to that unit).
type UnitConfig struct {
	Key        string       `yaml:"key"`
	Name       string       `yaml:"name"`
	Kind       string       `yaml:"kind"`
	Retired    bool         `yaml:"retired,omitempty"`
	MergedInto string       `yaml:"merged_into,omitempty"`
	Children   []UnitConfig `yaml:"children,omitempty"`
	// Abbreviation is how the unit signs its notices ("BCHQS" in "Số: 12/TB-BCHQS"); optional.
	Abbreviation string `yaml:"abbreviation,omitempty"`
}

var unitKinds = map[string]bool{
	loa.UnitProvince: true, loa.UnitRegion: true, loa.UnitDistrict: true, loa.UnitCommune: true, loa.UnitWard: true, loa.UnitDepartment: true,
	loa.UnitCommittee: true, loa.UnitMilitary: true, loa.UnitPolice: true, loa.UnitMilitia: true,
}

func (c *Config) loadCatalog() (loa.Catalog, error) {
	key := "catalog"
	cc := c.Catalog
	switch {
	case cc != nil && c.CatalogFile != "":
		return loa.Catalog{}, &Error{Key: "catalog_file", Reason: "give the catalogue inline under catalog or in catalog_file, not both"}
	case c.CatalogFile != "":
		key = "catalog_file"
		data, err := os.ReadFile(c.CatalogFile)
		if err != nil {
			return loa.Catalog{}, &Error{Key: key, Reason: err.Error()}
		}
		if cc, err = ParseCatalog(data); err != nil {
			return loa.Catalog{}, &Error{Key: key, Reason: fmt.Sprintf("%s: %v", c.CatalogFile, err)}
		}
	case cc == nil:
		var err error
		if cc, err = ParseCatalog(sampleCatalog); err != nil {
			return loa.Catalog{}, fmt.Errorf("built-in catalogue: %w", err)
		}
	}
	cat, err := cc.Expand()
	if err != nil {
		return loa.Catalog{}, &Error{Key: key, Reason: err.Error()}
	}
	return cat, nil
}

// ParseCatalog reads a catalogue file.
func ParseCatalog(data []byte) (*CatalogConfig, error) {
	var cc CatalogConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cc); err != nil {
		return nil, err
	}
	return &cc, nil
}

// Expand flattens the tree, adds the commune template units and checks keys, kinds and links.
func (cc *CatalogConfig) Expand() (loa.Catalog, error) {
	var cat loa.Catalog
	seenTopic := map[string]bool{}
	for i, t := range cc.Topics {
		if t.Key == "" || t.VI == "" {
			return cat, fmt.Errorf("topics[%d]: key and vi are required", i)
		}
		if seenTopic[t.Key] {
			return cat, fmt.Errorf("topics[%d]: key %q appears twice", i, t.Key)
		}
		seenTopic[t.Key] = true
		cat.Topics = append(cat.Topics, loa.Topic{Key: t.Key, NameVI: t.VI, NameEN: t.EN, Sort: i})
	}
	if len(cat.Topics) == 0 {
		return cat, fmt.Errorf("topics: at least one topic is needed")
	}
	seen := map[string]bool{}
	var walk func(path string, parent string, nodes []UnitConfig) error
	walk = func(path, parent string, nodes []UnitConfig) error {
		for i, u := range nodes {
			where := fmt.Sprintf("%s[%d]", path, i)
			if u.Key == "" || u.Name == "" {
				return fmt.Errorf("%s: key and name are required", where)
			}
			if !unitKinds[u.Kind] {
				return fmt.Errorf("%s (%s): kind %q is not one of province, region, district, commune, ward, department, committee, military, police, militia", where, u.Key, u.Kind)
			}
			if seen[u.Key] {
				return fmt.Errorf("%s: unit key %q appears twice", where, u.Key)
			}
			seen[u.Key] = true
			cat.Units = append(cat.Units, loa.CatalogUnit{Key: u.Key, Name: u.Name, Kind: u.Kind, Parent: parent,
				Retired: u.Retired, MergedInto: u.MergedInto, Sort: len(cat.Units), Abbreviation: u.Abbreviation})
			children := u.Children
			if u.Kind == loa.UnitCommune || u.Kind == loa.UnitWard {
				for _, tu := range cc.CommuneUnits {
					children = append(children, UnitConfig{Key: u.Key + "/" + tu.Key, Kind: tu.Kind,
						Name: strings.ReplaceAll(tu.Name, "{name}", lowerFirst(u.Name)), Retired: u.Retired})
				}
			}
			if err := walk(where+".children", u.Key, children); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk("units", "", cc.Units); err != nil {
		return cat, err
	}
	if len(cat.Units) == 0 {
		return cat, fmt.Errorf("units: at least one unit is needed")
	}
	for _, u := range cat.Units {
		if u.MergedInto != "" && !seen[u.MergedInto] {
			return cat, fmt.Errorf("unit %s: merged_into %q is not a unit key", u.Key, u.MergedInto)
		}
		if u.MergedInto == u.Key && u.Key != "" {
			return cat, fmt.Errorf("unit %s: cannot be merged into itself", u.Key)
		}
	}
	return cat, nil
}

// lowerFirst turns "Phường Hưng Long" into "phường Hưng Long" for use inside a name.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
