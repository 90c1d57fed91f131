package news

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzExtract feeds the extractor arbitrary text, seeded with the openings of the corpus
// articles (small inputs mutate and run fast; whole articles are the other tests' work): it
// must never panic, and every directive it finds has items.
func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob("testdata/corpus/*.txt")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(opening(string(data), 600))
		}
	}
	f.Add("Ngày 9 và 10-5, Ban Chỉ đạo diễn tập huyện tổ chức diễn tập chiến đấu xã Vạn Phú năm 2022.")
	f.Add("UBND thị xã yêu cầu:\na) Hội đồng nghĩa vụ quân sự các xã sơ tuyển.\nb) Công an thị xã phối hợp.")
	f.Add("03/10/2024 - 09:15\n- \n+ \n•")
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	f.Fuzz(func(t *testing.T, text string) {
		a := Extractor{Gazetteer: []string{"Hưng Long", "Minh Thắng"}, Location: loc}.Extract(text)
		for _, d := range a.Directives {
			if len(d.Items) == 0 {
				t.Fatalf("a directive without items: %+v", d)
			}
		}
	})
}

// opening is text's first whole lines up to about n bytes.
func opening(text string, n int) string {
	if len(text) <= n {
		return text
	}
	if i := strings.LastIndexByte(text[:n], '\n'); i > 0 {
		return text[:i+1]
	}
	return strings.ToValidUTF8(text[:n], "")
}

func TestAnArticleWithoutADateNeverGivesYearOne(t *testing.T) {
	text := "Diễn tập chiến đấu xã Vạn Phú năm 2022\nNgày 9 và 10-5, Ban Chỉ đạo diễn tập huyện tổ chức diễn tập chiến đấu xã Vạn Phú trong khu vực phòng thủ năm 2022.\n"
	a := Extractor{}.Extract(text)
	if len(a.Events) == 0 || a.Events[0].Year != 2022 {
		t.Fatalf("events %+v: want the drill of 2022", a.Events)
	}
	undated := Extractor{}.Extract("Hội thao quốc phòng\nBan CHQS tổ chức hội thao.\n")
	for _, e := range undated.Events {
		if e.Year != 0 && e.Year < 1945 {
			t.Fatalf("year %d for an undated article", e.Year)
		}
	}
}
