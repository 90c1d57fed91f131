package search

import (
	"slices"
	"testing"

	"github.com/loa-vn/loa"
)

// TestCompoundParts: a question asking two counts, or a day and a length, is asked as two, the
// second with the first's place and year unless it names its own.
func TestCompoundParts(t *testing.T) {
	s := New(nil, nil).WithPlaceNames([]loa.PlaceName{{Name: "Thành phố Hà Nội"}})
	for q, want := range map[string][]string{
		"Huyện Phù Yên có bao nhiêu tân binh năm 2022, tỷ lệ đồng bào dân tộc thiểu số bao nhiêu?": {
			"Huyện Phù Yên có bao nhiêu tân binh năm 2022", "Huyện Phù Yên có tân binh năm 2022 tỷ lệ đồng bào dân tộc thiểu số bao nhiêu?"},
		"quan cau giay co ty le bao nhieu, ha noi ban giao bao nhieu tan binh": {
			"quan cau giay co ty le bao nhieu", "ha noi ban giao bao nhieu tan binh"},
		"nghe an giao nhan quan 2022 ngay nao, buoi le bao lau": {"nghe an giao nhan quan 2022 ngay nao", "nghe an giao nhan quan 2022 buoi le bao lau"},
		"Lễ giao nhận quân ngày nào, ở đâu?":                    nil,
		"Ban CHQS xã phải làm gì, khi nào?":                     nil,
		"Xã Nam Cao có bao nhiêu thanh niên nhập ngũ?":          nil,
	} {
		if got := s.compoundParts(q); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
}
