package adminunits_test

import (
	"slices"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/adminunits"
)

// The counts the source gives: 34 provinces and cities, 3,321 communes, wards and special zones.
func TestTheWholeCountryIsThere(t *testing.T) {
	if n := len(adminunits.Provinces()); n != 34 {
		t.Errorf("%d provinces, want 34", n)
	}
	if n := adminunits.CommuneCount(); n != 3321 {
		t.Errorf("%d communes and wards, want 3321", n)
	}
	total := 0
	for _, p := range adminunits.Provinces() {
		communes := adminunits.Communes(p.Code)
		if len(communes) == 0 {
			t.Errorf("%s has no commune", p.Name)
		}
		total += len(communes)
	}
	if total != 3321 {
		t.Errorf("communes add up to %d across provinces, want 3321", total)
	}
}

func TestProvinceAndCommuneByName(t *testing.T) {
	for _, name := range []string{"Đồng Nai", "dong nai", "Tỉnh Đồng Nai", "  đồng   nai "} {
		p, ok := adminunits.ProvinceByName(name)
		if !ok || p.Code != "75" {
			t.Errorf("ProvinceByName(%q) = %+v, %v; want Đồng Nai (75)", name, p, ok)
		}
	}
	if p, ok := adminunits.ProvinceByName("TP. Hồ Chí Minh"); !ok || p.FullName() != "thành phố Hồ Chí Minh" {
		t.Errorf("TP. Hồ Chí Minh = %+v, %v", p, ok)
	}
	if _, ok := adminunits.ProvinceByName("Bình Phước"); ok {
		t.Error("Bình Phước is no longer a province")
	}
	for _, name := range []string{"Chơn Thành", "phường Chơn Thành", "chon thanh"} {
		c, ok := adminunits.CommuneByName("75", name)
		if !ok || c.Name != "Phường Chơn Thành" || c.Type() != "phường" || c.Place() != "Chơn Thành" {
			t.Errorf("CommuneByName(75, %q) = %+v, %v", name, c, ok)
		}
	}
	if _, ok := adminunits.CommuneByName("75", "Hưng Long"); ok {
		t.Error("Hưng Long is a former ward of Đồng Nai, not a current one")
	}
}

// An article of 2024 names "phường Hưng Long" of thị xã Chơn Thành, Bình Phước: since 1 July
// 2025 it is part of phường Chơn Thành, Đồng Nai.
func TestFormerWardsLeadToTheirSuccessors(t *testing.T) {
	former := adminunits.FormerByName("Phường Hưng Long", "Bình Phước")
	if len(former) != 1 {
		t.Fatalf("Phường Hưng Long, Bình Phước: %+v", former)
	}
	f := former[0]
	if f.District != "Thị xã Chơn Thành" || len(f.Successors) != 1 {
		t.Fatalf("former ward = %+v", f)
	}
	c, ok := adminunits.CommuneByCode(f.Successors[0])
	if !ok || c.Name != "Phường Chơn Thành" || c.Province != "75" {
		t.Errorf("successor = %+v, %v", c, ok)
	}
	if n := len(adminunits.FormerByName("phuong hung long", "")); n < 1 {
		t.Error("the name typed without diacritics finds nothing")
	}
}

func TestPlacesOfBothEras(t *testing.T) {
	for _, place := range []string{"phuong hung long", "thi xa chon thanh", "phuong chon thanh", "xa nha bich", "tinh dong nai", "huyen bu dop", "tinh binh phuoc"} {
		if !adminunits.IsPlace(place) {
			t.Errorf("%q is not known as a place", place)
		}
	}
	for _, notPlace := range []string{"ban chqs", "xa", "hoi thao"} {
		if adminunits.IsPlace(notPlace) {
			t.Errorf("%q taken for a place", notPlace)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		_ = adminunits.Communes("75")
	}
}

func TestFormerProvincesLeadToTheirSuccessor(t *testing.T) {
	for former, now := range map[string]string{"Bình Phước": "Đồng Nai", "tinh binh duong": "Hồ Chí Minh", "Bắc Giang": "Bắc Ninh"} {
		p, ok := adminunits.SuccessorProvince(former)
		if !ok || p.ShortName() != now {
			t.Errorf("SuccessorProvince(%q) = %+v, %v; want %s", former, p, ok, now)
		}
	}
}

// Every place an article may name is listed with its type, and a former one with what took it in.
func TestPlaceNamesHoldOldAndNew(t *testing.T) {
	byName := map[string][]loa.PlaceName{}
	for _, p := range adminunits.PlaceNames() {
		byName[p.Name] = append(byName[p.Name], p)
	}
	has := func(name string, former bool, now ...string) {
		t.Helper()
		for _, p := range byName[name] {
			if p.Former == former && slices.Equal(p.Now, now) {
				return
			}
		}
		t.Errorf("%s (former %v, now %q) not listed: %+v", name, former, now, byName[name])
	}
	has("Tỉnh Đồng Nai", false)
	has("Thành phố Hà Nội", false)
	has("Phường Chơn Thành", false)
	has("Xã Minh Thắng", true, "Xã Nha Bích")
	has("Tỉnh Bình Phước", true, "Tỉnh Đồng Nai")
	has("Thị xã Chơn Thành", true, "Phường Chơn Thành", "Phường Minh Hưng", "Xã Nha Bích", "Xã Tân Quan")
	has("Huyện Bù Đốp", true, "Xã Hưng Phước", "Xã Thiện Hưng", "Xã Tân Tiến")
}
