package news_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/news"
)

// The corpus (copied from ../shared/corpus) and its README say what each text must yield.
var gazetteer = []string{"Hưng Long", "Thành Tâm", "Minh Hưng", "Minh Long", "Minh Thành", "Nha Bích", "Minh Lập", "Quang Minh", "Minh Thắng"}

func extract(t *testing.T, name string) loa.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
	if err != nil {
		t.Fatal(err)
	}
	return news.Extractor{Gazetteer: gazetteer}.Extract(string(data))
}

type section struct {
	addressee string
	items     int
	first     string // the first item begins with this
}

func checkDirectives(t *testing.T, a loa.Article, want []section) {
	t.Helper()
	if len(a.Directives) != len(want) {
		t.Fatalf("%d sections, want %d: %s", len(a.Directives), len(want), dump(a.Directives))
	}
	for i, w := range want {
		d := a.Directives[i]
		if d.Addressee != w.addressee || len(d.Items) != w.items || !strings.HasPrefix(d.Items[0], w.first) {
			t.Errorf("section %d (%s): addressee %q with %d items starting %q; want %q, %d, %q",
				i+1, d.Ordinal, d.Addressee, len(d.Items), first(d.Items), w.addressee, w.items, w.first)
		}
	}
}

func first(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return items[0][:min(60, len(items[0]))]
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", " ")
	return string(b)
}

type event struct {
	kind, date, end string
	year, month     int
	places          []string
}

func checkEvents(t *testing.T, a loa.Article, want []event) {
	t.Helper()
	if len(a.Events) != len(want) {
		t.Fatalf("%d events, want %d: %s", len(a.Events), len(want), dump(a.Events))
	}
	for _, w := range want {
		i := slices.IndexFunc(a.Events, func(e loa.EventCandidate) bool { return e.Kind == w.kind })
		if i < 0 {
			t.Errorf("no %s event in %s", w.kind, dump(a.Events))
			continue
		}
		e := a.Events[i]
		if e.Date != w.date || e.EndDate != w.end || e.Year != w.year || e.Month != w.month || !slices.Equal(e.Places, w.places) {
			t.Errorf("%s: got date %q–%q year %d month %d places %q; want %q–%q %d %d %q",
				w.kind, e.Date, e.EndDate, e.Year, e.Month, e.Places, w.date, w.end, w.year, w.month, w.places)
		}
	}
}

func checkTopics(t *testing.T, a loa.Article, want ...string) {
	t.Helper()
	got := slices.Clone(a.Topics)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("topics %v, want %v", got, want)
	}
}

func day(t *testing.T, a loa.Article, want string) {
	t.Helper()
	if got := a.Published.Format("2006-01-02"); got != want {
		t.Errorf("published %s, want %s", got, want)
	}
}

func TestRealConferenceReport(t *testing.T) {
	a := extract(t, "chonthanh-2024-03-25-tong-ket-quoc-phong.txt")
	day(t, a, "2024-03-25")
	if !strings.HasPrefix(a.Title, "Chơn Thành: Hội nghị tổng kết") {
		t.Errorf("title %q", a.Title)
	}
	checkDirectives(t, a, []section{
		{"", 1, "Tiếp tục quán triệt các văn bản lãnh đạo, chỉ đạo"},
		{"Ban CHQS thị xã", 6, "Xây dựng mạng lưới quân báo nhân dân"},
		{"Công an thị xã", 1, "Phối hợp với Ban CHQS thị xã luyện tập"},
		// Kept as written, typo included, so a quote matches the source.
		{"Phòng phòng Tài chính-Kế hoạch", 1, "Phối hợp chặt chẽ với Công an, Quân sự thị xã"},
		{"các phòng, Ban, ngành đoàn thể của thị xã", 1, "Cần chủ động tham mưu"},
		{"UBND các xã, phường", 1, "Chủ động bố trí kinh phí địa phương"},
	})
	items := a.Directives[1].Items
	for i, prefix := range []string{"Xây dựng mạng lưới", "Tham mưu Thị ủy, UBND thị xã chỉ đạo xã Minh Thắng, Quang Minh", "Phối hợp với công an thị xã",
		"Xây dựng lực lượng dân quân tự vệ", "Phối hợp chặt chẽ với Ban Tổ chức Thị ủy", "Tổ chức hội thao thể dục, thể thao quốc phòng"} {
		if !strings.HasPrefix(items[i], prefix) {
			t.Errorf("Thứ hai item %d = %q", i+1, first([]string{items[i]}))
		}
	}
	if a.Directives[0].Ordinal != "Thứ nhất" || a.Directives[5].Ordinal != "Thứ sáu" {
		t.Errorf("ordinals %q … %q", a.Directives[0].Ordinal, a.Directives[5].Ordinal)
	}
	if a.Speaker != "Chủ tịch UBND thị xã Hà Duy Đạt" {
		t.Errorf("speaker %q", a.Speaker)
	}
	checkEvents(t, a, []event{
		{kind: loa.EventMeeting, date: "2024-03-25", year: 2024},
		{kind: loa.EventDrill, year: 2024, places: []string{"xã Minh Thắng", "xã Quang Minh"}},
		{kind: loa.EventShootingContest, year: 2024},
		{kind: loa.EventSportsContest, year: 2024},
		{kind: loa.EventRecruitment, year: 2024},
	})
	checkTopics(t, a, "dien-tap", "hoi-thao", "tuyen-quan", "gdqp-an", "dan-quan-tu-ve", "chi-dao", "tin-tuc")
	for _, noise := range []string{"anh tin bai", "Các đại biểu tham dự", "Nguồn hình ảnh", "Trần Quang Luyến", "An ninh - Quốc phòng", "Trung Lợi"} {
		if strings.Contains(a.Body, noise) {
			t.Errorf("body keeps noise %q", noise)
		}
	}
}

func TestRunOnDirectivesAndHandover(t *testing.T) {
	a := extract(t, "chonthanh-2025-01-20-giao-nhan-quan.txt")
	day(t, a, "2025-01-20")
	checkDirectives(t, a, []section{
		// Each clause's tasks, chained by commas, are items of their own.
		{"Hội đồng nghĩa vụ quân sự thị xã", 3, "Hội đồng nghĩa vụ quân sự thị xã chỉ đạo rà soát lần cuối"},
		{"Ban CHQS thị xã", 3, "Ban CHQS thị xã chủ trì, phối hợp với các đơn vị nhận quân"},
		{"Công an thị xã", 1, "Công an thị xã xây dựng phương án bảo đảm an ninh trật tự"},
		{"UBND các xã, phường", 2, "UBND các xã, phường tổ chức gặp mặt, tặng quà"},
		{"Trung tâm Văn hóa, Thể thao và Truyền thanh thị xã", 1, "Trung tâm Văn hóa, Thể thao và Truyền thanh thị xã đẩy mạnh"},
	})
	if a.Directives[2].Ordinal != "(3)" || a.Speaker != "Phó Chủ tịch UBND thị xã Trương Minh Khải" {
		t.Errorf("ordinal %q speaker %q", a.Directives[2].Ordinal, a.Speaker)
	}
	checkEvents(t, a, []event{
		{kind: loa.EventMeeting, date: "2025-01-20", year: 2025},
		{kind: loa.EventEnlistment, date: "2025-02-14", year: 2025, places: []string{"Quảng trường Trung tâm hành chính thị xã", "phường Hưng Long"}},
		{kind: loa.EventMedicalExam, date: "2024-11-04", end: "2024-11-08", year: 2024, places: []string{"Trung tâm Y tế thị xã"}},
		{kind: loa.EventRecruitment, year: 2025},
	})
	if e := a.Events[slices.IndexFunc(a.Events, func(e loa.EventCandidate) bool { return e.Kind == loa.EventEnlistment })]; e.TimeOfDay != "sáng" {
		t.Errorf("hand-over time of day %q, want sáng", e.TimeOfDay)
	}
	checkTopics(t, a, "tuyen-quan", "chi-dao", "tin-tuc")
}

func TestNumberedDirectivesAndShootingContest(t *testing.T) {
	a := extract(t, "chonthanh-2024-05-10-hoi-thi-ban-sung.txt")
	want := time.Date(2024, 5, 10, 10, 25, 18, 0, time.FixedZone("", 7*3600))
	if !a.Published.Equal(want) || a.Published.Format(time.RFC3339) != "2024-05-10T10:25:18+07:00" {
		t.Errorf("published %s, want %s", a.Published.Format(time.RFC3339), want.Format(time.RFC3339))
	}
	checkDirectives(t, a, []section{
		{"Ban tổ chức hội thi", 1, "Ban tổ chức hội thi điều hành chặt chẽ"},
		{"Ban giám khảo", 1, "Ban giám khảo làm việc nghiêm túc"},
		{"Các đoàn vận động viên", 1, "Các đoàn vận động viên chấp hành nghiêm"},
		{"Lực lượng bảo đảm", 1, "Lực lượng bảo đảm gồm quân y"},
	})
	if last := a.Directives[3].Items[0]; strings.Contains(last, "Ngay sau lễ khai mạc") || strings.Contains(a.Directives[1].Items[0], "Phó Chủ tịch") {
		t.Errorf("a list item swallowed the next paragraph or a caption")
	}
	checkEvents(t, a, []event{
		{kind: loa.EventShootingContest, date: "2024-05-10", end: "2024-05-12", year: 2024, places: []string{"Thao trường bắn Nha Bích", "xã Nha Bích"}},
		{kind: loa.EventSportsContest, year: 2024, month: 8},
	})
	checkTopics(t, a, "hoi-thao", "dan-quan-tu-ve", "chi-dao", "tin-tuc")
}

func TestEnumeratorsWithoutTriggerAndNoiseHeadlines(t *testing.T) {
	a := extract(t, "chonthanh-2024-09-05-gdqp-an.txt")
	day(t, a, "2024-09-05")
	checkDirectives(t, a, []section{
		{"", 1, "tiếp tục quán triệt, thực hiện nghiêm Luật Giáo dục quốc phòng"},
		{"Phòng Giáo dục và Đào tạo thị xã", 3, "Chỉ đạo các trường trung học cơ sở"},
		{"Ban CHQS thị xã", 2, "Chủ trì, phối hợp với Trung tâm Chính trị thị xã"},
		{"", 1, "tăng cường kiểm tra, đôn đốc"},
	})
	if strings.Contains(a.Directives[3].Items[0], "Cuối buổi") {
		t.Error("Bốn là swallowed the closing paragraph")
	}
	if a.Speaker != "Phó Chủ tịch UBND thị xã Lương Thị Thu Hà" {
		t.Errorf("speaker %q", a.Speaker)
	}
	checkEvents(t, a, []event{
		{kind: loa.EventMeeting, date: "2024-09-05", year: 2024},
		{kind: loa.EventTraining, date: "2024-09-16", end: "2024-09-20", year: 2024, places: []string{"Trung tâm Chính trị thị xã", "phường Hưng Long"}},
	})
	checkTopics(t, a, "gdqp-an", "dan-quan-tu-ve", "chi-dao", "tin-tuc")
}

func TestDateForms(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	cases := map[string]string{
		"Ngày 25/3/2024, UBND thị xã":           "2024-03-25T00:00:00+07:00",
		"25/03/2024 08:00":                      "2024-03-25T08:00:00+07:00",
		"Thứ hai - 16/03/2015 08:00":            "2015-03-16T08:00:00+07:00",
		"Cập nhật: 02/02/2023 10:55:40 SA":      "2023-02-02T10:55:40+07:00",
		"Cập nhật: 02/02/2023 01:05:00 CH":      "2023-02-02T13:05:00+07:00",
		"Chiều ngày 05/9/2024, Hội đồng":        "2024-09-05T00:00:00+07:00",
		"ngày 14 tháng 2 năm 2025":              "2025-02-14T00:00:00+07:00",
		"31/02/2024 is not a date; 01/03/2024.": "2024-03-01T00:00:00+07:00",
	}
	for in, want := range cases {
		got, ok := news.ParseDate(in, loc)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("ParseDate(%q) = %s %v, want %s", in, got.Format(time.RFC3339), ok, want)
		}
	}
	if _, ok := news.ParseDate("Lượt xem: 32", loc); ok {
		t.Error("a view count parsed as a date")
	}
}
