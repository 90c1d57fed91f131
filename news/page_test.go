package news

import (
	"slices"
	"strings"
	"testing"
)

func TestUnglue(t *testing.T) {
	for in, want := range map[string]string{
		"tạiTrungtâmVănhóa":                        "tại Trungtâm Vănhóa",
		"động viên lực lượng kịp thời.Ban tổ chức": "động viên lực lượng kịp thời. Ban tổ chức",
		"Bộ Tư lệnh TP.HCM, ThS. Lê":               "Bộ Tư lệnh TP.HCM, ThS. Lê",
		"theo v.v.Trang baohatinh.vn":              "theo v.v.Trang baohatinh.vn",
	} {
		if got := unglue(in); got != want {
			t.Errorf("unglue(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJoinWrapped(t *testing.T) {
	got := joinWrapped([]string{
		"- Các cơ quan, đơn vị, địa phương được giao nhiệm vụ",
		"phải tích cực, chủ động triển khai thực hiện kế hoạch.",
		"nhưng một dòng sau câu đã trọn thì đứng riêng.",
		"Một đoạn mới",
		"Tiếp tục bằng chữ hoa thì không nối.",
	})
	want := []string{
		"- Các cơ quan, đơn vị, địa phương được giao nhiệm vụ phải tích cực, chủ động triển khai thực hiện kế hoạch.",
		"nhưng một dòng sau câu đã trọn thì đứng riêng.",
		"Một đoạn mới",
		"Tiếp tục bằng chữ hoa thì không nối.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("joinWrapped:\n got %q\nwant %q", got, want)
	}
}

func TestLeadAsTitle(t *testing.T) {
	for line, want := range map[string]bool{
		"Chiều 21-1, Hội đồng Quân sự huyện Võ Nhai họp triển khai Kế hoạch tổ chức lễ giao, nhận quân năm 2019.":                                                                     true,
		"(CTT- Đồng Nai) – Ngày 11-9, Bộ Chỉ huy quân sự (CHQS) tỉnh tổ chức khai mạc khóa huấn luyện đại đội Dân quân thường trực (DQTT) đợt 2 năm 2023.":                            true,
		"Lãnh đạo địa phương tổ chức gặp mặt, động viên và tặng quà các tân binh chuẩn bị lên đường nhập ngũ! Thưa quý vị và các bạn Nhằm động viên các tân binh hăng hái lên đường":  true,
		"UBND xã Bắc Sơn: 100% thanh niên tuổi 17 trong diện thực hiện Luật nghĩa vụ quân sự đăng ký .":                                                                               false,
		"Chơn Thành: Hội nghị tổng kết công tác quốc phòng địa phương xây dựng khu vực phòng thủ; giáo dục quốc phòng và an ninh năm 2023; triển khai phương hướng nhiệm vụ năm 2024": false,
	} {
		if got := leadAsTitle(line); got != want {
			t.Errorf("leadAsTitle(%q) = %v, want %v", line, got, want)
		}
	}
}

// A site's clock and weather above the title are the page's, not the article's: the page has
// no date line.
func TestSiteClockAboveTitleIsNoDateLine(t *testing.T) {
	p := CleanText("Thứ ba, 3-2-26 04:11:21\nCà Mau, 32°C/ 32°C - 33°C Icon thời tiết nắng\nSôi nổi Hội trại tòng quân năm 2025\nNgày 11/2, các địa phương chuẩn bị cho ngày hội.", nil)
	if !p.Published.IsZero() || p.Title != "Sôi nổi Hội trại tòng quân năm 2025" {
		t.Errorf("got published %v, title %q; want no date and the article's title", p.Published, p.Title)
	}
	p = CleanText("23/05/2023 08:15:40\nHuyện tổ chức hội thao\nSáng nay, …", nil)
	if p.Published.IsZero() {
		t.Error("a four-digit date above the title is the article's own when none follows")
	}
	// The site's clock above the title, the article's own day in a line of fields drawn
	// apart with bars below it.
	p = CleanText("Thứ năm, 21/02/2019 04:28:13\nViệt Yên: kiểm tra bắn đạn thật\nNgày đăng: 25-04-2014 <------> Người tạo: Ban Biên Tập <------>\nSáng ngày 18/4, Ban CHQS huyện kiểm tra.", nil)
	if p.Published.Format("2006-01-02") != "2014-04-25" || len(p.Paragraphs) != 1 {
		t.Errorf("published %v, body %q; want the day of the line of fields, and the lead alone", p.Published, p.Paragraphs)
	}
}

// A link for screen readers above the title is no title.
func TestSkipLinkIsNoTitle(t *testing.T) {
	if p := CleanText("Skip to main content\nHội nghị hiệp đồng giao chỉ tiêu tuyển quân năm 2020\nNgày 25/12/2019, Hội đồng NVQS tỉnh tổ chức hội nghị.", nil); p.Title != "Hội nghị hiệp đồng giao chỉ tiêu tuyển quân năm 2020" {
		t.Errorf("title %q", p.Title)
	}
}

// A menu above the title is chrome, and a date line glued to the lead is still the date line.
func TestMenuAndGluedDateLine(t *testing.T) {
	p := CleanText("MENU\nTIN BÀI ĐỌC NHIỀU\nTây Ninh bồi dưỡng kiến thức quốc phòng cho chức sắc\nNgày đăng: 25/04/2024Từ ngày 24-27/4/2024, Hội đồng tổ chức lớp bồi dưỡng.", nil)
	if p := CleanText("Danh mục bệnh miễn nghĩa vụ quân sự\n24/09/2025 08:33Danh mục 10 loại bệnh được miễn.", nil); p.Published.Format("2006-01-02 15:04") != "2025-09-24 08:33" {
		t.Errorf("a date line and clock glued to the lead: published %v", p.Published)
	}
	if p.Title != "Tây Ninh bồi dưỡng kiến thức quốc phòng cho chức sắc" || p.Published.Format("2006-01-02") != "2024-04-25" || len(p.Paragraphs) == 0 || !strings.HasPrefix(p.Paragraphs[0], "Từ ngày 24-27/4/2024") {
		t.Errorf("title %q, published %v, body %q", p.Title, p.Published, p.Paragraphs)
	}
}

// The line after an image is its caption only when it is as short as one: a paragraph there
// is the article going on.
func TestLongLineAfterImageIsNoCaption(t *testing.T) {
	p := CleanText("Họp Tiểu ban nội dung diễn tập\nNgày 07/6, UBND huyện tổ chức cuộc họp.\nanh tin bai\n\nTại cuộc họp, các đại biểu nghe báo cáo kết quả chuẩn bị diễn tập của Tiểu ban nội dung, thông qua ý định thực binh và dự thảo kế hoạch phân công chuẩn bị nội dung. Theo kế hoạch, cuộc diễn tập sẽ diễn ra vào tháng 9.\nanh tin bai\nQuang cảnh cuộc họp\nCác đại biểu góp ý kiến.", nil)
	if len(p.Paragraphs) != 3 || !strings.HasPrefix(p.Paragraphs[1], "Tại cuộc họp") || strings.Contains(strings.Join(p.Paragraphs, " "), "Quang cảnh") {
		t.Errorf("paragraphs %q: want the long line kept and the short caption dropped", p.Paragraphs)
	}
}
