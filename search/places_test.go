package search

import (
	"slices"
	"testing"

	"github.com/loa-vn/loa"
)

// TestPlaceOpening: a place typed first or after "ở", without its unit or capitals, is the
// place asked about; a name that is also a word of the articles ("tân binh") is not.
func TestPlaceOpening(t *testing.T) {
	s := New(nil, nil).WithPlaceNames([]loa.PlaceName{{Name: "Huyện Thọ Xuân", Former: true}, {Name: "Xã Tân Bình"},
		{Name: "Phường 3"}, {Name: "Xã Ea"}, {Name: "Xã Phòng Thủ"}, {Name: "Tỉnh Bạc Liêu", Former: true}})
	for q, want := range map[string][]string{
		"tho xuan le giao nhan quan nam 2021 to chuc o dau": {"tho xuan"},
		"Lễ giao nhận quân năm 2021 ở Bạc Liêu ngày nào?":   {"bac lieu"},
		"tan binh can chuan bi gi":                          nil,
		"Ban CHQS xã Thọ Xuân phải làm gì?":                 nil, // after its unit: namedPlaces reads it
		"dien tap phong thu khu vuc o dau":                  nil,
		"le giao nhan quan tho xuan ngay nao":               nil, // mid-question, without "ở": not read
	} {
		if got := s.placeOpening(s.norm.Normalise(q)); !slices.Equal(got, want) {
			t.Errorf("%q: places %q, want %q", q, got, want)
		}
	}
}
