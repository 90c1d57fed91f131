package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/config"
)

// The news the binary reads finds the whole country's places with the embedded national list:
// a regional command's article of 2023 names a ward and a district that are gone, and one of
// 2026 a commune far from the office.
func TestArticlesFindTheCountrysPlacesOldAndNew(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cc, err := config.NationalCatalog(config.NationalOptions{Province: "Đồng Nai", Region: "PTKV 1",
		Communes: []string{"Chơn Thành", "Minh Hưng", "Nha Bích", "Tân Quan"}})
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := config.MarshalCatalog(cc, "PTKV 1")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "catalog.yaml"), catalog, 0o600)
	file := filepath.Join(dir, "loa.yaml")
	os.WriteFile(file, []byte("catalog_file: "+filepath.Join(dir, "catalog.yaml")+"\n"), 0o600)
	cfg, err := config.Load(file, envMap{"LOA_TELEGRAM_TOKEN": testToken, "LOA_DATABASE_URL": filepath.Join(dir, "loa.db")}.get, true)
	if err != nil {
		t.Fatal(err)
	}
	x := newsIngester(cfg, nil, nil).Extractor
	for _, c := range []struct{ text, want string }{
		{"Giao nhận quân năm 2023\nNgày 20/02/2023\nSáng 18/02/2023, thị xã Chơn Thành tổ chức lễ giao nhận quân tại phường Hưng Long.",
			"phường Hưng Long (nay là phường Chơn Thành)"}, // not the Hưng Long of Phan Thiết
		{"Diễn tập năm 2023\nNgày 10/10/2023\nNgày 9/10/2023, huyện Đồng Văn tổ chức diễn tập khu vực phòng thủ tại huyện Đồng Văn.",
			"huyện Đồng Văn"},
		{"Khám tuyển năm 2026\nNgày 12/01/2026\nSáng 10/01/2026, Hội đồng NVQS xã Lũng Cú tổ chức khám tuyển tại xã Lũng Cú.",
			"xã Lũng Cú"},
	} {
		a := x.Extract(c.text)
		var places []string
		for _, e := range a.Events {
			places = append(places, e.Places...)
		}
		if !slices.Contains(places, c.want) {
			t.Errorf("%q (published %s): places %q, want %q", a.Title, a.Published.Format("2006-01-02"), places, c.want)
		}
	}
}

// An article of 2023 gives tasks to communes by their former names: each reaches the Ban CHQS
// of the commune or ward that took the former one in, and a task for a commune outside the
// office reaches none of its communes.
func TestAnOldArticlesTasksReachTheCommunesAsTheyAreNow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cc, err := config.NationalCatalog(config.NationalOptions{Province: "Đồng Nai", Region: "PTKV 1",
		Communes: []string{"Chơn Thành", "Nha Bích", "Tân Quan"}})
	if err != nil {
		t.Fatal(err)
	}
	catalog, _ := config.MarshalCatalog(cc, "PTKV 1")
	os.WriteFile(filepath.Join(dir, "catalog.yaml"), catalog, 0o600)
	h := newHarness(t, "sqlite", map[string]string{"LOA_CATALOG_FILE": filepath.Join(dir, "catalog.yaml")})
	h.importMembers("701,CHQS Nha Bích,dong-nai/nha-bich/chqs,leader,dien-tap\n" +
		"702,CHQS Chơn Thành,dong-nai/chon-thanh/chqs,leader,dien-tap\n" +
		"703,CHQS Tân Quan,dong-nai/tan-quan/chqs,leader,dien-tap\n")
	article := filepath.Join(dir, "dien-tap-2023.txt")
	os.WriteFile(article, []byte("Chơn Thành: triển khai diễn tập chiến đấu phòng thủ năm 2023\n"+
		"Cập nhật: 15/03/2023 09:00:00 SA\n"+
		"Ngày 14/3/2023, thị xã Chơn Thành tổ chức hội nghị triển khai diễn tập chiến đấu phòng thủ năm 2023. Chủ tịch UBND thị xã yêu cầu:\n\n"+
		"- Ban CHQS xã Minh Thắng chuẩn bị thao trường diễn tập.\n\n"+
		"- Ban CHQS phường Hưng Long rà soát lực lượng dân quân tham gia diễn tập.\n\n"+
		"- Ban CHQS xã Tân Khai kiện toàn lực lượng dân quân cơ động.\n"), 0o600)
	if out, code := h.cli("ingest", article); code != 0 {
		t.Fatal(out)
	}
	for _, c := range []struct {
		chat      int64
		task      string
		notOthers []string
	}{
		{701, "chuẩn bị thao trường", []string{"rà soát lực lượng", "kiện toàn lực lượng"}},
		{702, "rà soát lực lượng", []string{"chuẩn bị thao trường", "kiện toàn lực lượng"}},
		{703, "Chơn Thành: triển khai diễn tập", []string{"chuẩn bị thao trường", "rà soát lực lượng", "kiện toàn lực lượng"}},
	} {
		push := h.fake.WaitText(t, c.chat, "Chơn Thành: triển khai diễn tập", c.task)
		for _, other := range c.notOthers {
			if strings.Contains(push.Text, other) {
				t.Errorf("%d got another commune's task %q:\n%s", c.chat, other, push.Text)
			}
		}
	}
}
