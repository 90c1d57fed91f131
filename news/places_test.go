package news

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

// placeNames is a corner of the national list: today's units of the former thị xã Chơn Thành,
// and what it, some of its communes and huyện Bù Đốp were before 1 July 2025.
var placeNames = []loa.PlaceName{
	{Name: "Tỉnh Đồng Nai"}, {Name: "Phường Chơn Thành"}, {Name: "Phường Minh Hưng"}, {Name: "Xã Nha Bích"},
	{Name: "Xã Tân Quan"}, {Name: "Xã Tân Khai"}, {Name: "Phường Chũ"}, {Name: "Xã Ea H'Leo"}, {Name: "Thành phố Hồ Chí Minh"},
	{Name: "Phường Hưng Long", Former: true, Now: []string{"Phường Chơn Thành"}},
	{Name: "Phường Minh Hưng", Former: true, Now: []string{"Phường Minh Hưng"}},
	{Name: "Xã Nha Bích", Former: true, Now: []string{"Xã Nha Bích"}},
	{Name: "Xã Minh Thắng", Former: true, Now: []string{"Xã Nha Bích"}},
	{Name: "Xã Minh Thắng", Former: true, Now: []string{"Xã Tam Đảo"}}, // another province's
	{Name: "Xã Quang Minh", Former: true, Now: []string{"Xã Tân Quan"}},
	{Name: "Thị xã Chơn Thành", Former: true, Now: []string{"Phường Chơn Thành", "Phường Minh Hưng", "Xã Nha Bích", "Xã Tân Quan"}},
	{Name: "Huyện Bù Đốp", Former: true, Now: []string{"Xã Hưng Phước", "Xã Thiện Hưng"}},
	{Name: "Tỉnh Bình Phước", Former: true, Now: []string{"Tỉnh Đồng Nai"}},
}

var (
	in2023 = time.Date(2023, 10, 2, 8, 0, 0, 0, time.UTC)
	in2026 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
)

// Places are found after their type, folded, old and new; a name that is a word ("xã hội"),
// an army ("Quân khu") or a direction ("phương") is no place.
func TestPlacesFindsTheCountrysPlacesOldAndNew(t *testing.T) {
	p := NewPlaces(placeNames)
	for _, c := range []struct {
		sentence  string
		published time.Time
		known     []string
		want      []string
	}{
		{"Diễn tập tại phường Chơn Thành, tỉnh Đồng Nai.", in2026, nil, []string{"phường Chơn Thành", "tỉnh Đồng Nai"}},
		{"Khám tuyển tại xã Minh Thắng.", in2023, nil, []string{"xã Minh Thắng"}}, // two of that name: shown as written
		{"Khám tuyển tại xã Minh Thắng.", in2023, []string{"Nha Bích"}, []string{"xã Minh Thắng (nay là xã Nha Bích)"}},
		{"Khám tuyển tại xã Minh Thắng.", in2023, []string{"Minh Thắng"}, []string{"xã Minh Thắng"}}, // the office's own
		{"Hội thao ở Phường Hưng Long và huyện Bù Đốp.", in2023, nil,
			[]string{"phường Hưng Long (nay là phường Chơn Thành)", "huyện Bù Đốp (nay là xã Hưng Phước, xã Thiện Hưng)"}},
		{"Giao quân tại thị xã Chơn Thành, tỉnh Bình Phước.", in2024(), nil, []string{"thị xã Chơn Thành", "tỉnh Bình Phước (nay là tỉnh Đồng Nai)"}},
		{"Các xã Nha Bích, Quang Minh và Tân Khai ra quân.", in2023, nil,
			[]string{"xã Nha Bích", "xã Quang Minh (nay là xã Tân Quan)", "xã Tân Khai"}},
		{"Sơ tuyển tại phường Minh Hưng.", in2026, nil, []string{"phường Minh Hưng"}},
		{"Huấn luyện ở xã Ea H'Leo và TP. Hồ Chí Minh.", in2026, nil, []string{"xã Ea H'Leo", "TP. Hồ Chí Minh"}},
		{"XÃ NHA BÍCH TỔ CHỨC DIỄN TẬP", in2026, nil, []string{"xã NHA BÍCH"}},
		{"Diễn tập tại P. Hưng Long, X. Nha Bích; p. Minh Hưng.", in2023, nil,
			[]string{"P. Hưng Long (nay là phường Chơn Thành)", "X. Nha Bích"}},
		{"Công tác xã hội, Quân khu 7 và phương Đông; xã nha bích.", in2026, nil, nil},
		{"Chủ tịch UBND phường, Chủ tịch Hội đồng NVQS phường chủ trì hội nghị.", in2026, nil, nil},
	} {
		var got []string
		for _, pl := range p.nationalPlaces(c.sentence, c.published, bareKeys(c.known), nil) {
			got = append(got, pl.name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q (%d): places %q, want %q", c.sentence, c.published.Year(), got, c.want)
		}
	}
}

func in2024() time.Time { return time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC) }

// An article of 2023 that names former communes puts its events where they are now; one of 2026
// names today's.
func TestEventsPlacesAcrossTheReform(t *testing.T) {
	x := Extractor{Places: NewPlaces(placeNames)}
	old := x.FromPage(Page{Title: "Diễn tập chiến đấu phòng thủ xã Minh Thắng", Published: time.Date(2023, 9, 20, 8, 0, 0, 0, time.UTC),
		Paragraphs: []string{"Ngày 18/9, Ban CHQS huyện Bù Đốp tổ chức khám tuyển nghĩa vụ quân sự tại phường Hưng Long."}})
	young := x.FromPage(Page{Title: "Khám tuyển nghĩa vụ quân sự năm 2026", Published: in2026,
		Paragraphs: []string{"Sáng 5/1/2026, Hội đồng NVQS xã Nha Bích tổ chức khám tuyển tại Trạm Y tế xã Nha Bích."}})
	for _, c := range []struct {
		a    loa.Article
		want string
	}{
		{old, "phường Hưng Long (nay là phường Chơn Thành)"},
		{young, "xã Nha Bích"},
	} {
		var places []string
		for _, e := range c.a.Events {
			places = append(places, e.Places...)
		}
		if !slices.Contains(places, c.want) {
			t.Errorf("%q: events %+v, want a place %q", c.a.Title, c.a.Events, c.want)
		}
	}
}

// An addressee that names a commune reaches that commune's unit as it is now, even one the
// office does not have by that name, and no other commune; "Hội đồng NVQS xã" is the commune's
// council.
func TestAddresseesNameTodaysCommunes(t *testing.T) {
	units := []loa.Unit{
		{ID: 1, Key: "ptkv", Name: "Ban Chỉ huy Phòng thủ khu vực 1 – Đồng Nai", Kind: loa.UnitRegion},
		{ID: 2, Key: "nha-bich", Name: "Xã Nha Bích", Kind: loa.UnitCommune, ParentID: ptr(1)},
		{ID: 3, Key: "nha-bich/chqs", Name: "Ban CHQS xã Nha Bích", Kind: loa.UnitMilitary, ParentID: ptr(2)},
		{ID: 4, Key: "nha-bich/hd-nvqs", Name: "Hội đồng NVQS xã Nha Bích", Kind: loa.UnitCommittee, ParentID: ptr(2)},
		{ID: 5, Key: "chon-thanh", Name: "Phường Chơn Thành", Kind: loa.UnitWard, ParentID: ptr(1)},
		{ID: 6, Key: "chon-thanh/chqs", Name: "Ban CHQS phường Chơn Thành", Kind: loa.UnitMilitary, ParentID: ptr(5)},
		{ID: 7, Key: "chon-thanh/cong-an", Name: "Công an phường Chơn Thành", Kind: loa.UnitPolice, ParentID: ptr(5)},
	}
	places := NewPlaces(placeNames)
	for _, c := range []struct {
		addressee string
		published time.Time
		want      []string
	}{
		{"Ban CHQS xã Minh Thắng", in2023, []string{"nha-bich/chqs"}},
		{"Ban CHQS phường Hưng Long", in2023, []string{"chon-thanh/chqs"}},
		{"Ban CHQS xã Tân Khai", in2026, nil},
		{"Công an phường Chơn Thành", in2026, []string{"chon-thanh/cong-an"}},
		{"Hội đồng NVQS xã Nha Bích", in2026, []string{"nha-bich/hd-nvqs"}},
		{"Ban CHQS các xã, phường", in2026, []string{"chon-thanh/chqs", "nha-bich/chqs"}},
	} {
		a := loa.Article{ID: 1, Title: "Chỉ đạo", Published: c.published, Topics: []string{"chi-dao"},
			Directives: []loa.Directive{{Addressee: c.addressee, Items: []string{"Rà soát, đăng ký nghĩa vụ quân sự"}}}}
		var got []string
		for _, n := range noticesFor(a, units, nil, time.UTC, places) {
			if strings.Contains(n.Text, "Rà soát") {
				got = append(got, n.Audience.Units...)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q (%d) reaches %q, want %q", c.addressee, c.published.Year(), got, c.want)
		}
	}
}

// TestWinnersAreNoPlaces: the communes a contest's prizes go to are not where it was held.
func TestWinnersAreNoPlaces(t *testing.T) {
	a := Extractor{Places: NewPlaces(placeNames)}.FromPage(Page{Title: "Bế mạc hội thao quốc phòng huyện", Published: time.Date(2024, 5, 30, 8, 0, 0, 0, time.UTC),
		Paragraphs: []string{"Trong 2 ngày 29 – 30/5, huyện tổ chức hội thao quốc phòng. Khép lại hội thao, Ban Tổ chức trao giải Nhất toàn đoàn cho xã Minh Thắng; giải Nhì cho phường Hưng Long."}})
	for _, e := range a.Events {
		if len(e.Places) > 0 {
			t.Errorf("event %+v: the winners are taken for its place", e)
		}
	}
}

// TestVenuesAfterTại: "Tại" opening a sentence names a venue as "tại" does, but an occasion
// ("Tại Lễ kết nạp …") is none; "lễ ra quân huấn luyện" is the training, held where it says.
func TestVenuesAfterTại(t *testing.T) {
	for _, c := range []struct{ text, kind, place string }{
		{"Sáng ngày 28/3/2023, Tại Hội trường TTVHHTCĐ xã Định An đã diễn ra Lễ giải ngạch, kết nạp dân quân mới năm 2023.", loa.EventOther, "Hội trường TTVHHTCĐ xã Định An"},
		{"Sáng 3-3-2025, Ban chỉ huy quân sự quận đã tổ chức lễ ra quân huấn luyện năm 2025 tại Cung Văn hóa Lao động hữu nghị Việt Tiệp.", loa.EventTraining, "Cung Văn hóa Lao động hữu nghị Việt Tiệp"},
	} {
		a := Extractor{}.FromPage(Page{Title: "Tiêu đề", Paragraphs: []string{c.text}})
		if len(a.Events) != 1 || a.Events[0].Kind != c.kind || !slices.Contains(a.Events[0].Places, c.place) {
			t.Errorf("%q: events %+v, want one %s at %q", c.text, a.Events, c.kind, c.place)
		}
	}
	a := Extractor{}.FromPage(Page{Title: "Tiêu đề", Paragraphs: []string{"Chiều ngày 14/3/2023, UBND xã tổ chức Lễ kết nạp dân quân. Tại Lễ kết nạp dân quân lần này, xã đã kết nạp 27 dân quân mới."}})
	for _, e := range a.Events {
		if slices.ContainsFunc(e.Places, func(p string) bool { return strings.HasPrefix(p, "Lễ") }) {
			t.Errorf("event %+v: an occasion is taken for its place", e)
		}
	}
}
