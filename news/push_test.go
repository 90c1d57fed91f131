package news

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

// plainText is what a phone shows of HTML: the text without tags or entities.
func plainText(s string) string {
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, ""))
}

// pushUnits is a district with its own Ban CHQS and police, and two communes with theirs.
var pushUnits = []loa.Unit{
	{ID: 1, Key: "tx", Name: "Thị xã Chơn Thành", Kind: loa.UnitDistrict},
	{ID: 2, Key: "ban-chqs-tx", Name: "Ban CHQS thị xã", Kind: loa.UnitMilitary, ParentID: ptr(1)},
	{ID: 3, Key: "cong-an-tx", Name: "Công an thị xã", Kind: loa.UnitPolice, ParentID: ptr(1)},
	{ID: 4, Key: "minh-thang", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, ParentID: ptr(1)},
	{ID: 5, Key: "minh-thang/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, ParentID: ptr(4)},
	{ID: 6, Key: "minh-thang/cong-an", Name: "Công an xã Minh Thắng", Kind: loa.UnitPolice, ParentID: ptr(4)},
	{ID: 7, Key: "hung-long", Name: "Phường Hưng Long", Kind: loa.UnitWard, ParentID: ptr(1)},
	{ID: 8, Key: "hung-long/chqs", Name: "Ban CHQS phường Hưng Long", Kind: loa.UnitMilitary, ParentID: ptr(7)},
	{ID: 9, Key: "hung-long/ubnd", Name: "UBND phường Hưng Long", Kind: loa.UnitCommittee, ParentID: ptr(7)},
}

func ptr(id int64) *int64 { return &id }

// Each unit's push lists only the tasks addressed to its kind at its level, or to it by name,
// and stays short enough for a phone.
func TestPushListsOnlyTheReadersOwnTasks(t *testing.T) {
	long := strings.Repeat("Tổ chức huấn luyện lực lượng dân quân tự vệ theo đúng kế hoạch năm. ", 4)
	a := loa.Article{ID: 7, Title: "Hội nghị tổng kết công tác quốc phòng", URL: "https://chonthanh.binhphuoc.gov.vn/tong-ket",
		Published: time.Date(2026, 3, 25, 8, 0, 0, 0, time.UTC), Topics: []string{"chi-dao"}, Body: "Ngày 25/3 thị xã tổng kết.",
		Directives: []loa.Directive{
			{Addressee: "Ban CHQS thị xã", Items: []string{"Xây dựng mạng lưới quân báo nhân dân", long, long, long, long, long}},
			{Addressee: "Ban CHQS các xã, phường", Items: []string{"Kiện toàn lực lượng dân quân thường trực"}},
			{Addressee: "Ban CHQS xã Minh Thắng", Items: []string{"Chuẩn bị diễn tập chiến đấu phòng thủ"}},
			{Addressee: "Công an thị xã", Items: []string{"Luyện tập phương án bảo vệ mục tiêu trọng yếu"}},
			{Addressee: "Công an xã", Items: []string{"Nắm chắc tình hình địa bàn"}},
			{Addressee: "UBND các xã, phường", Items: []string{"Bố trí kinh phí cho dân quân"}},
		}}
	byUnit := map[string]loa.Notice{}
	for _, n := range Notices(a, pushUnits, []loa.Topic{{Key: "chi-dao", NameVI: "Chỉ đạo, nhiệm vụ"}}, time.UTC) {
		for _, key := range n.Audience.Units {
			if _, twice := byUnit[key]; twice {
				t.Fatalf("%s is in two pushes", key)
			}
			byUnit[key] = n
		}
		if plain := []rune(plainText(n.Text)); len(plain) > 800 {
			t.Errorf("a push of %d characters:\n%s", len(plain), n.Text)
		}
	}
	for key, want := range map[string]struct{ has, hasNot []string }{
		"ban-chqs-tx":        {[]string{"Xây dựng mạng lưới quân báo", "(và 3 nhiệm vụ khác trong bài)"}, []string{"Kiện toàn", "Chuẩn bị diễn tập"}},
		"minh-thang/chqs":    {[]string{"Ban CHQS các xã, phường", "Kiện toàn", "Ban CHQS xã Minh Thắng", "Chuẩn bị diễn tập"}, []string{"Ban CHQS thị xã", "quân báo"}},
		"hung-long/chqs":     {[]string{"Kiện toàn"}, []string{"Ban CHQS thị xã", "Chuẩn bị diễn tập"}},
		"cong-an-tx":         {[]string{"Luyện tập phương án"}, []string{"Nắm chắc"}},
		"minh-thang/cong-an": {[]string{"Nắm chắc"}, []string{"Công an thị xã", "Luyện tập phương án"}},
		"hung-long/ubnd":     {[]string{"Bố trí kinh phí"}, []string{"Kiện toàn"}},
		"minh-thang":         {[]string{"Thuộc chủ đề đồng chí theo dõi: Chỉ đạo, nhiệm vụ", "Ngày 25/3"}, []string{"Nhiệm vụ"}},
	} {
		n, ok := byUnit[key]
		if !ok {
			t.Errorf("%s gets no push", key)
			continue
		}
		for _, s := range want.has {
			if !strings.Contains(n.Text, s) {
				t.Errorf("%s's push lacks %q:\n%s", key, s, n.Text)
			}
		}
		for _, s := range want.hasNot {
			if strings.Contains(n.Text, s) {
				t.Errorf("%s's push has %q:\n%s", key, s, n.Text)
			}
		}
	}
}
