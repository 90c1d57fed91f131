package search

import (
	"slices"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/adminunits"
)

// TestPlaceOpening: a place typed first or after "ở", without its unit or capitals, is the
// place asked about; a name that is also a word of the articles ("tân binh") is not.
func TestPlaceOpening(t *testing.T) {
	s := New(nil, nil).WithPlaceNames([]loa.PlaceName{{Name: "Huyện Thọ Xuân", Former: true}, {Name: "Xã Tân Bình"},
		{Name: "Phường 3"}, {Name: "Xã Ea"}, {Name: "Xã Phòng Thủ"}, {Name: "Tỉnh Bạc Liêu", Former: true},
		{Name: "Phường Hòa Cường"}, {Name: "Phường Hòa Cường Nam", Former: true}, {Name: "Huyện Lắk", Former: true}})
	for q, want := range map[string][]string{
		"tho xuan le giao nhan quan nam 2021 to chuc o dau": {"tho xuan"},
		"Lễ giao nhận quân năm 2021 ở Bạc Liêu ngày nào?":   {"bac lieu"},
		"tan binh can chuan bi gi":                          nil,
		"Ban CHQS xã Thọ Xuân phải làm gì?":                 nil, // after its unit: namedPlaces reads it
		"dien tap phong thu khu vuc o dau":                  nil,
		"le giao nhan quan tho xuan ngay nao":               nil,           // mid-question, without "ở": not read
		"hoa cuong nam 2026 tuyen bao nhieu cong dan":       {"hoa cuong"}, // "năm 2026", not Hòa Cường Nam
	} {
		if got := s.placeOpening(s.norm.Normalise(q)); !slices.Equal(got, want) {
			t.Errorf("%q: places %q, want %q", q, got, want)
		}
	}
}

// TestKnownPlaces: a place read after its unit as two words the national list does not know is
// the one word it knows ("huyện Lắk đạt yêu cầu"); one it knows stays whole.
func TestKnownPlaces(t *testing.T) {
	s := New(nil, nil).WithPlaceNames([]loa.PlaceName{{Name: "Huyện Lắk", Former: true}, {Name: "Huyện Hòn Đất", Former: true}, {Name: "Xã Hòn"}, {Name: "Xã Đà"}})
	for q, want := range map[string][]string{
		"bao nhieu hoc vien lop boi duong huyen lak dat yeu cau": {"lak"},
		"huyen hon dat giao bao nhieu tan binh":                  {"hon dat"},
		// "xã đã làm gì", typed with its diacritics in lower case, names no commune Đà.
		"Hội đồng Nghĩa vụ quân sự xã đã làm gì với danh sách?": nil,
	} {
		if got := s.knownPlaces(namedPlaces(s.norm.Normalise(q)), q); !slices.Equal(got, want) {
			t.Errorf("%q: places %q, want %q", q, got, want)
		}
	}
}

// TestRowOfAnotherDistrict: asked of one district, a row that names another of the national
// list by the same unit, and not the one asked, is the other's; a person or "địa phương" named
// after the unit is no place.
func TestRowOfAnotherDistrict(t *testing.T) {
	s := New(nil, nil).WithPlaceNames(adminunits.PlaceNames())
	question := s.norm.Normalise("Diễn tập khu vực phòng thủ huyện Đắk Glong năm 2019 tổ chức vào ngày nào?")
	units := placeUnits(" "+question+" ", namedPlaces(question))
	row := func(text string) string { return " " + s.norm.Normalise(text) + " " }
	if !s.namesOtherPlace(units, row("Dự kiến, diễn tập khu vực phòng thủ huyện Đắk Mil năm 2019 sẽ được tổ chức vào tháng 8.")) {
		t.Error("a row of huyện Đắk Mil answers of huyện Đắk Glong")
	}
	// "thị xã Kinh Môn" is no commune, and "các xã, phường từ ngày …" names no "xã Phương Tú".
	town := s.norm.Normalise("Diễn tập chiến đấu của các xã, phường thị xã Kinh Môn phải xong trước ngày nào?")
	if s.namesOtherPlace(placeUnits(" "+town+" ", namedPlaces(town)), row("Ban chỉ đạo diễn tập thị xã sẽ tổ chức diễn tập cho các xã, phường từ ngày 20/7 và xong trước ngày 15/8.")) {
		t.Error("the communes and wards named together are read as another place")
	}
	for _, text := range []string{
		"Diễn tập khu vực phòng thủ huyện Đắk Glong và huyện Đắk Mil diễn ra trong tháng 8.",
		"Đồng chí Chỉ huy trưởng Ban CHQS huyện Đinh Văn Phước công bố quyết định.",
		"Cũng tại buổi gặp mặt, địa phương đón nhận 53 quân nhân trở về.",
		// The district's Youth Union, no commune Đoàn Thượng.
		"Theo báo cáo nhanh của Huyện Đoàn (Thường trực Ban Chỉ đạo Hội trại), các trại đã dựng xong.",
	} {
		if s.namesOtherPlace(units, row(text)) {
			t.Errorf("%q is read as another district's", text)
		}
	}
}

// TestPlaceAndProvinceOverlap: "phường Tây Sơn là …" names Tây Sơn, not the province Sơn La;
// "xã … Hà Tĩnh" still names Hà Tĩnh.
func TestPlaceAndProvinceOverlap(t *testing.T) {
	if !overlaps("son la", []string{"tay son"}) {
		t.Error("Sơn La is read from phường Tây Sơn là")
	}
	if overlaps("ha tinh", []string{"phuong ha"}) || overlaps("son la", []string{"son la"}) {
		t.Error("a province that does not go on with a word of grammar is dropped")
	}
}

// TestCommuneAsked: "ở xã nào" is answered by a row that names a commune or a ward, by its name
// or its number; "ở trường bắn nào" asks a venue; a place whose first word is a word of the
// question's grammar ("Lâm Bình") is read when the list knows it.
func TestCommuneAsked(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	for text, want := range map[string]bool{
		"Ban Thường vụ Huyện đoàn đến thăm thanh niên tại địa bàn xã Tây Phú.":                       true,
		"Phường Chợ Quán được thành lập từ Phường 1, Phường 2 và Phường 4.":                          true,
		"Các tổ chức chính trị - xã hội tham mưu cho cấp ủy, chính quyền địa phương lãnh đạo.":       false,
		"Đồng chí Chỉ huy trưởng chủ trì hội nghị phổ biến ý định diễn tập huyện Lâm Bình năm 2024.": false,
	} {
		if got := namesCommune(norm(text)); got != want {
			t.Errorf("%q names a commune: %v, want %v", text, got, want)
		}
	}
	if q := n.Normalise("giai ban sung cong an dak nong 2023 to chuc o truong ban nao"); !venueAsk.MatchString(q) {
		t.Error("'ở trường bắn nào' does not ask a venue")
	}
	if q := n.Normalise("thuc binh dien tap huyen lam binh 2024 o xa nao"); !communeAsk.MatchString(q) {
		t.Error("'ở xã nào' does not ask a commune")
	}
	known := func(name string) bool { return name == "lam binh" || name == "cua dong" }
	if got := namedPlacesKnown(n.Normalise("le giao nhan quan 2020 o huyen cua dong chi Tu Huu Ha ngay nao"), known); got != nil {
		t.Errorf("'huyện của đồng chí' read as a ward: %q", got)
	}
	if got := namedPlacesKnown(n.Normalise("thuc binh dien tap huyen lam binh 2024 o xa nao"), known); !slices.Equal(got, []string{"lam binh"}) {
		t.Errorf("huyện Lâm Bình typed without diacritics: places %q", got)
	}
}
