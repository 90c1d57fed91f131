package news

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

// TestCalendarSteps: a calendar of steps, each opening with its day and no verb, gives each
// event its own day; the heading before the first day is no event.
func TestCalendarSteps(t *testing.T) {
	p := CleanText("Huyện Côn Đảo sẵn sàng cho ngày hội tòng quân\nThứ Hai, 28/01/2019\n"+
		"Năm nay, huyện có 12 công dân trúng tuyển nghĩa vụ quân sự. Lịch tuyển quân của huyện: 19/2: hội trại tòng quân tại Nhà thiếu nhi huyện; "+
		"20/2: đưa công dân lên tàu vào đất liền; 21/2: lễ giao nhận quân tại Trung đoàn Minh Đạm.", time.UTC)
	a := Extractor{}.FromPage(p)
	var got []string
	for _, e := range a.Events {
		got = append(got, e.Kind+" "+e.Date)
	}
	want := []string{"other 2019-02-19", "enlistment 2019-02-21"}
	if !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
}

// TestCaptionsMakeNoTopic: what the photos show is not what the article is about.
func TestCaptionsMakeNoTopic(t *testing.T) {
	p := CleanText("Chiến sĩ khối cơ quan huyện thực hành bắn đạn thật\nNgày 30/5, tại thao trường Đông Quan, Ban CHQS huyện kiểm tra bắn đạn thật cho chiến sĩ năm 2025.\n"+
		"Các chiến sĩ thực hành kiểm tra bắn súng\nChiến sĩ đạt thành tích cao nhận hoa trong buổi kiểm tra bắn súng\n"+
		"Chương trình huấn luyện giúp cán bộ, chiến sĩ nâng cao kỹ năng sử dụng vũ khí trang bị.", time.UTC)
	if a := (Extractor{}).FromPage(p); slices.Contains(a.Topics, "hoi-thao") {
		t.Errorf("topics %v: two captions about shooting made it a contest", a.Topics)
	}
}

// TestCallUpAgeMakesNoRecruitment: a course whose students include young men of call-up age is
// a course, not the call-up.
func TestCallUpAgeMakesNoRecruitment(t *testing.T) {
	p := CleanText("Khai giảng lớp bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4\n"+
		"Ngày 12/10/2023, Hội đồng Giáo dục quốc phòng và an ninh phường khai giảng lớp bồi dưỡng cho 120 học viên là cán bộ khu phố, dân quân, thanh niên trong độ tuổi sẵn sàng nhập ngũ.\n"+
		"Các chuyên đề gồm đường lối quốc phòng, an ninh và bảo vệ chủ quyền biển, đảo.", time.UTC)
	a := Extractor{}.FromPage(p)
	if slices.Contains(a.Topics, "tuyen-quan") || !slices.Contains(a.Topics, "gdqp-an") {
		t.Errorf("topics %v, want gdqp-an without tuyen-quan", a.Topics)
	}
}

// TestStartOfOperation: a body that starts work on a day is an event of that day.
func TestStartOfOperation(t *testing.T) {
	p := CleanText("Công an 3 cấp đi vào vận hành\nThứ Hai, 03/03/2025\n"+
		"Với mô hình công an 3 cấp chính thức vận hành từ ngày 1/3/2025, công an cấp xã trở thành nơi giải quyết thủ tục hành chính cho người dân.", time.UTC)
	a := Extractor{}.FromPage(p)
	if len(a.Events) != 1 || a.Events[0].Kind != "other" || a.Events[0].Date != "2025-03-01" {
		t.Errorf("events %+v, want one other on 2025-03-01", a.Events)
	}
}

// TestPublicReviewIsRecruitment: the commune's public review of who is called ("bình nghị")
// is a step of the call-up, on its own days.
func TestPublicReviewIsRecruitment(t *testing.T) {
	p := CleanText("Bình Mỹ tổ chức bình nghị nghĩa vụ quân sự năm 2024\n08/12/2023\n"+
		"Trong 02 ngày 6 - 7/12/2023, Hội đồng NVQS xã Bình Mỹ phối hợp các ngành, các ấp tổ chức bình nghị nghĩa vụ quân sự năm 2024.", time.UTC)
	a := Extractor{}.FromPage(p)
	if len(a.Events) == 0 || a.Events[0].Kind != "recruitment" || a.Events[0].Date != "2023-12-06" || a.Events[0].EndDate != "2023-12-07" {
		t.Errorf("events %+v, want recruitment 2023-12-06–2023-12-07", a.Events)
	}
}

// TestVisitAndHandOverDay: a visit to the recruits is an event of its day, and "ngày hội tòng
// quân" is the hand-over.
func TestVisitAndHandOverDay(t *testing.T) {
	p := CleanText("Lãnh đạo xã thăm thanh niên trúng tuyển\n"+
		"Nhằm động viên tinh thần các thanh niên, sáng ngày 10/2/2025, Phó Chủ tịch UBND xã dẫn đoàn đến thăm thanh niên trúng tuyển nghĩa vụ quân sự.\n"+
		"Theo kế hoạch, ngày hội tòng quân năm 2025 diễn ra ngày 13/2.", time.UTC)
	var got []string
	for _, e := range (Extractor{}).FromPage(p).Events {
		got = append(got, e.Kind+" "+e.Date)
	}
	want := []string{"other 2025-02-10", "enlistment 2025-02-13"}
	if !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
}

// TestBareContestIsTheNamedOne: a bare "hội thi" after a contest of knowledge is that contest,
// not a sports contest.
func TestBareContestIsTheNamedOne(t *testing.T) {
	p := CleanText("Hải Lăng tổ chức Hội thi pháp luật về Dân quân tự vệ năm 2021\n"+
		"Thực hiện kế hoạch tổ chức Hội thi pháp luật về Dân quân tự vệ, trong 02 ngày 08 và 09 tháng 6 năm 2021, các xã, thị trấn đã tham dự hội thi.", time.UTC)
	a := Extractor{}.FromPage(p)
	if len(a.Events) != 1 || a.Events[0].Kind != "other" || a.Events[0].Date != "2021-06-08" || a.Events[0].EndDate != "2021-06-09" {
		t.Errorf("events %+v, want one other 2021-06-08–2021-06-09", a.Events)
	}
}

// TestTetPreparationYear: what prepares a Tết happens in the year before it, whether the
// article has a date line or not.
func TestTetPreparationYear(t *testing.T) {
	for _, text := range []string{
		"Ra quân đảm bảo an ninh trật tự\n(QNO) - Sáng nay 20.12, Công an huyện Hiệp Đức tổ chức lễ ra quân đợt cao điểm tấn công trấn áp tội phạm, đảm bảo an ninh trật tự Tết Nguyên đán Nhâm Dần 2022.",
		"Ra quân đảm bảo an ninh trật tự\nThứ Hai, 20/12/2021\nCông an tỉnh đặt mục tiêu bảo đảm an ninh dịp Tết Nguyên đán Nhâm Dần năm 2022 tại Lễ ra quân ngày 20/12.",
	} {
		a := Extractor{}.FromPage(CleanText(text, time.UTC))
		if len(a.Events) == 0 || a.Events[0].Date != "2021-12-20" {
			t.Errorf("%q: events %+v, want one on 2021-12-20", text, a.Events)
		}
	}
}

// TestCallUpStepYear: the steps of a call-up are in the autumn before it however its name is
// punctuated ("nghĩa vụ quân sự, năm 2022", "giao, nhận quân … năm 2024"); its review comes
// after the hand-over, in its own year.
func TestCallUpStepYear(t *testing.T) {
	for text, want := range map[string]string{
		"Họp Hội đồng nghĩa vụ quân sự\nSáng nay (17-11), UBND huyện họp Hội đồng nghĩa vụ quân sự huyện nghe báo cáo kết quả xét duyệt và điều khám sức khỏe nghĩa vụ quân sự, năm 2022.":             "2021-11-17",
		"Hiệp đồng giao nhận quân\nSáng nay (18/12), Bộ CHQS tỉnh tổ chức Hội nghị hiệp đồng giao, nhận quân và huấn luyện, diễn tập, kiểm tra sẵn sàng động viên lực lượng dự bị động viên năm 2024.": "2023-12-18",
		"Tổng kết tuyển quân\nSáng ngày 9/9, huyện tổ chức Hội nghị tổng kết công tác tuyển chọn và gọi công dân nhập ngũ năm 2021.":                                                                   "2021-09-09",
	} {
		a := Extractor{}.FromPage(CleanText(text, time.UTC))
		if len(a.Events) == 0 || a.Events[0].Date != want {
			t.Errorf("%q: events %+v, want one on %s", text, a.Events, want)
		}
	}
}

// TestReviewOnTheDatelinesDay: a unit that "tổng kết" its year on the lead's day holds its
// review that day, as one that holds a "hội nghị tổng kết" does.
func TestReviewOnTheDatelinesDay(t *testing.T) {
	a := Extractor{}.FromPage(CleanText("Tổng kết quân sự\nSáng ngày 25/12/2023, Ban chỉ huy Quân sự xã Phú Thành đã tổng kết công tác Quân sự - quốc phòng địa phương năm 2023.", time.UTC))
	if len(a.Events) == 0 || a.Events[0].Kind != loa.EventMeeting || a.Events[0].Date != "2023-12-25" {
		t.Errorf("events %+v, want the review on 2023-12-25", a.Events)
	}
}

// TestDirectingLeadIsDirection: a leader directing the work in the lead makes the article one of
// direction even when no task is quoted; a leader who only attends does not.
func TestDirectingLeadIsDirection(t *testing.T) {
	for _, c := range []struct {
		lead string
		want bool
	}{
		{"Phát biểu chỉ đạo tại Hội nghị triển khai công tác quốc phòng năm 2022 sáng 14/12, Chủ tịch UBND tỉnh khẳng định tỉnh đã hoàn thành chỉ tiêu năm 2021.", true},
		{"Sáng 12/1, UBND xã tổ chức tổng kết công tác quốc phòng năm 2021; đồng chí Chỉ huy trưởng Ban CHQS huyện dự và chỉ đạo hội nghị.", false},
	} {
		a := Extractor{}.FromPage(CleanText("Tăng cường nhiệm vụ quốc phòng\n"+c.lead, time.UTC))
		if slices.Contains(a.Topics, "chi-dao") != c.want {
			t.Errorf("%q: topics %v, chi-dao wanted: %v", c.lead, a.Topics, c.want)
		}
	}
}

// TestStepsOfAPlanKeepTheirDays: each milestone of a plan keeps its own day, the medical
// examination written with "NVQS" among them.
func TestStepsOfAPlanKeepTheirDays(t *testing.T) {
	events := ExtractEvents([]string{"Tiêu đề", "Công tác tuyển quân năm 2026 có các mốc quan trọng: Khám sức khỏe NVQS: xong trước ngày 31/12/2025; Ngày hội giao quân: dự kiến 08h00 ngày 04/3/2026."},
		time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), nil)
	var got []string
	for _, e := range events {
		if e.Date != "" {
			got = append(got, e.Kind+" "+e.Date)
		}
	}
	want := []string{"medical_exam 2025-12-31", "enlistment 2026-03-04"}
	if !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
}

// TestJoiningUpIsTheCallUp: the youth's camp for those joining up is the call-up's; a unit's
// total strength ("tổng quân số"), which folds to the same letters, is not.
func TestJoiningUpIsTheCallUp(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Tỉnh đoàn tổ chức chương trình “Vì người bạn tòng quân”\nHội trại tòng quân năm 2024 diễn ra vào ngày 26 và 27-2.", true},
		{"Hội thao thể dục thể thao toàn quân năm 2025\nHội thao có 46 đoàn vận động viên tham gia, tổng quân số 2.693 người.", false},
	} {
		a := Extractor{}.FromPage(CleanText(c.text, time.UTC))
		if slices.Contains(a.Topics, "tuyen-quan") != c.want {
			t.Errorf("%q: topics %v, tuyen-quan wanted: %v", c.text, a.Topics, c.want)
		}
	}
}

// TestDocumentHeadingIsDirection: a decision reproduced with its own heading is a directing
// document, whatever its page's title.
func TestDocumentHeadingIsDirection(t *testing.T) {
	p := CleanText("- 1Nghị định 81/2019/NĐ-CP về phòng, chống phổ biến vũ khí hủy diệt hàng loạt\n"+
		"THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 444/QĐ-TTg | Hà Nội, ngày 23 tháng 5 năm 2024 |\n"+
		"QUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH HÀNH ĐỘNG THỰC HIỆN CHIẾN LƯỢC QUỐC GIA PHÒNG THỦ DÂN SỰ\nCăn cứ Luật Phòng thủ dân sự ngày 20 tháng 6 năm 2023;", time.UTC)
	if a := (Extractor{}).FromPage(p); !slices.Contains(a.Topics, "chi-dao") {
		t.Errorf("topics %v, want chi-dao", a.Topics)
	}
}

// TestGamesAndTheirNamedYear: "Đại hội thể dục thể thao" is a games, not an assembly; on a page
// without a date line its day takes the year its name ends with; handing out the call-up
// decisions is a step of the call-up.
func TestGamesAndTheirNamedYear(t *testing.T) {
	p := CleanText("Khai mạc đại hội thể thao liên phường\nĐại hội thể dục thể thao liên phường 2025 diễn ra từ ngày 22-11 đến 15-12 với 8 môn thi đấu.", time.UTC)
	a := Extractor{}.FromPage(p)
	if len(a.Events) != 1 || a.Events[0].Kind != "sports_contest" || a.Events[0].Date != "2025-11-22" || a.Events[0].EndDate != "2025-12-15" {
		t.Errorf("events %+v, want one sports_contest 2025-11-22–2025-12-15", a.Events)
	}
	p = CleanText("Xã trao quyết định nhập ngũ\nThứ Tư, 11/02/2026\nSáng ngày 11/02/2026, Hội đồng Nghĩa vụ quân sự xã tổ chức Lễ trao quyết định gọi công dân nhập ngũ năm 2026.", time.UTC)
	if a := (Extractor{}).FromPage(p); len(a.Events) != 1 || a.Events[0].Kind != "recruitment" || a.Events[0].Date != "2026-02-11" {
		t.Errorf("events %+v, want one recruitment on 2026-02-11", a.Events)
	}
}

// TestDaysOfProseEvents: a course's days take the year its page's title names; a drill held
// "cho xã …" is the day's event; "2 ngày 4 và 5 – 4" is a span; a bare "hội thi" of officials'
// skills is no sport. A decision "về giao chỉ tiêu tuyển quân" hands out no quota on the days
// its sentence gives, the recruits leaving on them do; a dateline's day opens on the drill it
// names; and a refresher class is training.
func TestDaysOfProseEvents(t *testing.T) {
	for text, want := range map[string]string{
		"Thanh niên lên đường nhập ngũ\nThực hiện Quyết định số 4807/QĐ-BQP ngày 27/9/2025 của Bộ trưởng Bộ Quốc phòng về giao chỉ tiêu tuyển nhận công dân nhập ngũ năm 2026, từ ngày 4 đến 5/3/2026, thanh niên khắp cả nước lên đường thực hiện nghĩa vụ quân sự.": "enlistment 2026-03-04–2026-03-05",
		"Diễn tập chiến đấu xã Vạn Phú\nNgày 9 và 10-5, cuộc diễn tập chiến đấu xã Vạn Phú trong khu vực phòng thủ năm 2022 do Ban Chỉ đạo diễn tập huyện tổ chức.":                                                                                                   "drill 2022-05-09–2022-05-10",
		"Bồi dưỡng kiến thức quốc phòng\nNgày 19.10.2021, Ban CHQS quận tổ chức Lớp cập nhật bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4.":                                                                                                              "training 2021-10-19–",
		"Tân Lập huấn luyện dân quân tại chỗ năm 2024\nTrong khóa huấn luyện (từ ngày 18/6- 24/6), các chiến sĩ dân quân được học tập hai nội dung.":                                                                                                                  "training 2024-06-18–2024-06-24",
		"Diễn tập chiến đấu xã Hồng Tiến\nNgày 18/7/2019, Ban chỉ đạo diễn tập thị xã tổ chức cho xã Hồng Tiến diễn tập chiến đấu phòng thủ.":                                                                                                                         "drill 2019-07-18–",
		"Hội thi võ thuật 2017\nDiễn ra trong 2 ngày 4 và 5 – 4, hội thi khu vực phía Bắc quy tụ hơn 800 vận động viên.":                                                                                                                                              "sports_contest 2017-04-04–2017-04-05",
		"Hội thi bí thư chi bộ\n(QNO) – Ngày 11/4, Đảng ủy Quân sự huyện tổ chức hội thi bí thư chi bộ quân sự giỏi năm 2023.":                                                                                                                                        "other 2023-04-11–",
	} {
		var got []string
		for _, e := range (Extractor{}).FromPage(CleanText(text, time.UTC)).Events {
			if e.Date != "" {
				got = append(got, e.Kind+" "+e.Date+"–"+e.EndDate)
			}
		}
		if !slices.Equal(got, []string{want}) {
			t.Errorf("%q: dated events %q, want %q", text, got, want)
		}
	}
}

// TestJoinedEventsShareTheirDay: "lễ ra mắt và ra quân huấn luyện", "Hội nghị gặp mặt và trao
// Quyết định gọi công dân nhập ngũ" are each of the day; and a
// span of years ("giai đoạn 2013 – 2018") gives no year to an undated page's day.
func TestJoinedEventsShareTheirDay(t *testing.T) {
	p := CleanText("Ra quân huấn luyện\nNgày đăng: 07/04/2017\nNgày 4/4, các xã tổ chức lễ ra mắt và ra quân huấn luyện dân quân.", time.UTC)
	var got []string
	for _, e := range (Extractor{}).FromPage(p).Events {
		got = append(got, e.Kind+" "+e.Date)
	}
	if want := []string{"other 2017-04-04", "training 2017-04-04"}; !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
	p = CleanText("Trao quyết định nhập ngũ\nNgày 10/02/2026, UBND phường tổ chức Hội nghị gặp mặt và trao Quyết định gọi công dân nhập ngũ năm 2026.", time.UTC)
	got = nil
	for _, e := range (Extractor{}).FromPage(p).Events {
		got = append(got, e.Kind+" "+e.Date)
	}
	if !slices.Contains(got, "recruitment 2026-02-10") || !slices.Contains(got, "meeting 2026-02-10") {
		t.Errorf("events %q, want the meeting and the handing out of decisions on 2026-02-10", got)
	}
	p = CleanText("Giải thể thao\nSáng nay (21/11), Bộ CHQS tỉnh khai mạc giải thể thao chào mừng Đại hội Thi đua giai đoạn 2013 – 2018.", time.UTC)
	for _, e := range (Extractor{}).FromPage(p).Events {
		if strings.HasPrefix(e.Date, "2013") {
			t.Errorf("a span's first year dates the day: %+v", e)
		}
	}
}
