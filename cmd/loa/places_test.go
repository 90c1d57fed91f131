package main

import (
	"os"
	"path/filepath"
	"slices"
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
