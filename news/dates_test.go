package news

import (
	"slices"
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

// TestDatesAsNewsroomsWriteThem: the day forms portals use give the event its dates.
func TestDatesAsNewsroomsWriteThem(t *testing.T) {
	published := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
	// A page without a publication date: the year is the first one the article names.
	undated := ExtractEvents([]string{"Diễn tập chiến đấu xã Vạn Phú", "Ngày 9 và 10-5, Ban Chỉ đạo diễn tập huyện tổ chức diễn tập chiến đấu xã Vạn Phú trong khu vực phòng thủ năm 2022."}, time.Time{}, nil)
	if len(undated) == 0 || undated[0].Date != "2022-05-09" || undated[0].EndDate != "2022-05-10" || undated[0].Year != 2022 {
		t.Errorf("an undated page: %+v", undated)
	}
	for _, c := range []struct{ text, date, end string }{
		{"Trong hai ngày 9, 10/5/2024, huyện tổ chức diễn tập khu vực phòng thủ.", "2024-05-09", "2024-05-10"},
		{"Từ ngày 4 - 6/11/2024, Ban CHQS thị xã tổ chức hội thao quốc phòng.", "2024-11-04", "2024-11-06"},
		{"Trong 3 ngày (từ 15 đến 17-8), thị xã tổ chức hội thi bắn súng quân dụng.", "2024-08-15", "2024-08-17"},
		{"Lớp bồi dưỡng kiến thức quốc phòng diễn ra ngày 3 đến 17/7.", "2024-07-03", "2024-07-17"},
		{"Lớp bồi dưỡng diễn ra trong 4 ngày (từ 18/10/2022 đến 21/10/2022).", "2022-10-18", "2022-10-21"},
		{"Lễ giao nhận quân sẽ diễn ra vào sáng ngày 21 tháng 5 năm 2025 tại quảng trường.", "2025-05-21", ""},
		{"Ban CHQS huyện sẽ hoàn thành khóa huấn luyện vào ngày 27/5/ 2018.", "2018-05-27", ""},
		{"Tại Hội nghị triển khai công tác quốc phòng sáng 14 tháng 3, Chủ tịch UBND tỉnh phát biểu.", "2024-03-14", ""},
		{"Hội thao được tổ chức ngày 12.6.2024 tại sân vận động.", "2024-06-12", ""},
		{"Khám tuyển nghĩa vụ quân sự ngày 15/12/25 tại Trung tâm Y tế.", "2025-12-15", ""},
		{"Hội thi bắn súng được tổ chức ngày 27 / 5 / 2024 tại trường bắn.", "2024-05-27", ""},
		// A review early in a year is of the year it opens, one at the year's end of the year
		// it sums up.
		{"Ngày 10/4, Hội đồng GDQP-AN huyện tổng kết công tác năm 2018, triển khai nhiệm vụ năm 2019.", "2019-04-10", ""},
		{"Sáng 24-12, Ban Chỉ huy PTDS tỉnh tổ chức Hội nghị tổng kết công tác năm 2025; phương hướng, nhiệm vụ năm 2026.", "2025-12-24", ""},
		// A slash left with no year after it; two days written with dots, as a span.
		{"Lớp huấn luyện diễn ra từ ngày 08/04/ đến ngày 29/04/2024.", "2024-04-08", "2024-04-29"},
		{"Lớp bồi dưỡng năm 2024 diễn ra từ 26.9-11.10.", "2024-09-26", "2024-10-11"},
		// The sentence's own year before the article's.
		{"Ngày 21/5, Ban CHQS huyện tổ chức ra quân huấn luyện tự vệ năm 2018.", "2018-05-21", ""},
	} {
		events := ExtractEvents([]string{"Tiêu đề", c.text}, published, nil)
		if len(events) == 0 || events[0].Date != c.date || events[0].EndDate != c.end {
			t.Errorf("%q\n got %+v\nwant date %s end %s", c.text, events, c.date, c.end)
		}
	}
	// The lead's dateline is the day of the contest a unit hosts.
	if hosted := ExtractEvents([]string{"Ngày 21/3, tại xã Quảng Khê, UBND huyện đăng cai Hội thao chào mừng Kỷ niệm 79 năm Ngày thành lập Quân đội."}, published, nil); len(hosted) == 0 || hosted[0].Date != "2024-03-21" {
		t.Errorf("a hosted contest: %+v", hosted)
	}
	// Undated: an anniversary's span is no event's, and its last year is the day's.
	anniversary := ExtractEvents([]string{"Tiêu đề", "Trong hai ngày 20 và 21/12, Bộ CHQS tỉnh tổ chức giải thi đấu thể thao kỷ niệm 74 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/2018)."}, time.Time{}, nil)
	if len(anniversary) == 0 || anniversary[0].Date != "2018-12-20" || anniversary[0].EndDate != "2018-12-21" {
		t.Errorf("a tournament beside an anniversary: %+v", anniversary)
	}
	// Undated and yearless: the nearest full date before the day gives its year.
	chained := ExtractEvents([]string{"Tiêu đề", "Ngày 10/5/2023, thị xã họp triển khai.", "Thị xã sẽ diễn tập khu vực phòng thủ ngày 15/5."}, time.Time{}, nil)
	if i := slices.IndexFunc(chained, func(e loa.EventCandidate) bool { return e.Kind == loa.EventDrill }); i < 0 || chained[i].Date != "2023-05-15" {
		t.Errorf("a day after a full date: %+v", chained)
	}
	// Scores, counts and periods stay what they are.
	for _, text := range []string{"Đội nhà thắng 3-1 tại hội thao.", "Giai đoạn 2021-2025 diễn tập 9/9 xã, phường."} {
		for _, e := range ExtractEvents([]string{"Tiêu đề", text}, published, nil) {
			if e.Date != "" {
				t.Errorf("%q gave a date: %+v", text, e)
			}
		}
	}
}
