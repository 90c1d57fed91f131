package documents

import (
	"slices"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// sampleUnits is a piece of the sample catalogue: the district's agencies and two communes
// with their own agencies.
func sampleUnits() []loa.Unit {
	id := int64(0)
	var units []loa.Unit
	add := func(key, name, kind string, parent *int64) *int64 {
		id++
		units = append(units, loa.Unit{ID: id, Key: key, Name: name, Kind: kind, ParentID: parent})
		own := id
		return &own
	}
	district := add("chon-thanh", "Thị xã Chơn Thành", loa.UnitDistrict, nil)
	add("ban-chqs-tx", "Ban CHQS thị xã", loa.UnitMilitary, district)
	add("cong-an-tx", "Công an thị xã", loa.UnitPolice, district)
	add("phong-tc-kh", "Phòng Tài chính - Kế hoạch", loa.UnitDepartment, district)
	add("phong-gd-dt", "Phòng Giáo dục và Đào tạo", loa.UnitDepartment, district)
	add("trung-tam-y-te", "Trung tâm Y tế thị xã", loa.UnitDepartment, district)
	for _, c := range []struct{ key, name, kind string }{{"hung-long", "phường Hưng Long", loa.UnitWard}, {"minh-thang", "xã Minh Thắng", loa.UnitCommune}} {
		p := add(c.key, vntext.Capitalise(c.name), c.kind, district)
		add(c.key+"/ubnd", "UBND "+c.name, loa.UnitCommittee, p)
		add(c.key+"/chqs", "Ban CHQS "+c.name, loa.UnitMilitary, p)
		add(c.key+"/cong-an", "Công an "+c.name, loa.UnitPolice, p)
	}
	return units
}

func TestMapUnits(t *testing.T) {
	m := NewMapper(sampleUnits())
	cases := []struct {
		name string
		want []string
	}{
		{"Ban CHQS thị xã", []string{"ban-chqs-tx"}},
		{"Ban Chỉ huy Quân sự thị xã", []string{"ban-chqs-tx"}},
		{"ban chi huy quan su thi xa", []string{"ban-chqs-tx"}},
		{"BCHQS thị xã", []string{"ban-chqs-tx"}},
		{"Phòng TC-KH", []string{"phong-tc-kh"}},
		{"Phòng Tài chính - Kế hoạch thị xã", []string{"phong-tc-kh"}},
		{"Phòng GD&ĐT", []string{"phong-gd-dt"}},
		{"Trung tâm Y tế thị xã", []string{"trung-tam-y-te"}},
		{"Ủy ban nhân dân xã Minh Thắng", []string{"minh-thang/ubnd"}},
		{"UBND các xã, phường", []string{"hung-long/ubnd", "minh-thang/ubnd"}},
		{"Ban CHQS các xã", []string{"minh-thang/chqs"}},
		{"Các xã, phường", []string{"hung-long", "minh-thang"}},
		{"Bộ CHQS tỉnh", nil},
		{"TT. Thị ủy, TT. HĐND thị xã", nil},
		{"Công an tỉnh", nil},
	}
	for _, c := range cases {
		var got []string
		for _, u := range m.Map(c.name) {
			got = append(got, u.Key)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q → %q, want %q", c.name, got, c.want)
		}
	}
}
