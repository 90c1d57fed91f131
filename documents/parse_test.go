package documents

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParsePlan(t *testing.T) {
	raw, err := os.ReadFile("testdata/ke-hoach-45.txt")
	if err != nil {
		t.Fatal(err)
	}
	checkPlan45(t, Parse(cleanLines(string(raw))), exact)
}

// exact asks for every part as written; fromPhoto forgives what OCR misreads in capitals and
// Roman numerals (the issuer's "BẠN", part "II." for "III.").
const (
	exact     = false
	fromPhoto = true
)

// checkPlan45 checks what every form of testdata/ke-hoach-45 must yield.
func checkPlan45(t *testing.T, d Document, ocr bool) {
	t.Helper()
	want := Document{Number: "45/KH-UBND", TypeKey: "ke-hoach", Place: "Chơn Thành", Date: "2024-03-15",
		Issuer: "ỦY BAN NHÂN DÂN THỊ XÃ CHƠN THÀNH", Title: "Tổ chức diễn tập khu vực phòng thủ thị xã năm 2024",
		Signer: "Nguyễn Văn An"}
	for _, c := range []struct{ field, got, want string }{
		{"number", d.Number, want.Number}, {"type", d.TypeKey, want.TypeKey}, {"place", d.Place, want.Place},
		{"date", d.Date, want.Date}, {"title", d.Title, want.Title}, {"signer", d.Signer, want.Signer},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !ocr && d.Issuer != want.Issuer {
		t.Errorf("issuer = %q, want %q", d.Issuer, want.Issuer)
	}
	wantRecipients := []string{"Bộ CHQS tỉnh", "TT. Thị ủy, TT. HĐND thị xã", "Ban CHQS thị xã", "Công an thị xã",
		"Phòng TC-KH", "Trung tâm Y tế thị xã", "UBND các xã, phường"}
	same := func(a, b string) bool { return a == b }
	if ocr {
		// "TT HĐND" read for "TT. HĐND": the same words.
		same = func(a, b string) bool { return slices.Equal(nameWords(a), nameWords(b)) }
	}
	if !slices.EqualFunc(d.Recipients, wantRecipients, same) {
		t.Errorf("recipients = %q, want %q", d.Recipients, wantRecipients)
	}
	type row struct{ section, addressee, task, deadline string }
	var got []row
	for _, a := range d.Assignments {
		for _, task := range a.Tasks {
			r := row{a.Section, a.Addressee, task.Text, ""}
			if ocr {
				r.section = strings.TrimLeft(r.section, "IVXL1")
			}
			if task.Deadline != nil {
				r.deadline = task.Deadline.Date
			}
			got = append(got, r)
		}
	}
	wantRows := []row{
		{"III.1", "Ban CHQS thị xã", "Chủ trì xây dựng kịch bản diễn tập, hoàn thành trước ngày 20/4/2024", "2024-04-20"},
		{"III.1", "Ban CHQS thị xã", "Tổ chức huấn luyện lực lượng tham gia diễn tập", ""},
		{"III.2", "Công an thị xã", "Xây dựng phương án bảo đảm an ninh trật tự, chậm nhất ngày 25/4/2024", "2024-04-25"},
		{"III.3", "Phòng Tài chính - Kế hoạch", "Tham mưu bố trí kinh phí diễn tập, hoàn thành trong tháng 5", "2024-05-31"},
		{"III.4", "Trung tâm Y tế thị xã", "Bảo đảm quân y trong suốt thời gian diễn tập", ""},
		{"III.5", "UBND các xã, phường", "Chuẩn bị lực lượng dân quân tham gia diễn tập theo hướng dẫn của Ban CHQS thị xã", ""},
	}
	if ocr {
		for i := range wantRows {
			wantRows[i].section = strings.TrimLeft(wantRows[i].section, "IVX")
		}
	}
	if !slices.Equal(got, wantRows) {
		t.Errorf("tasks:\n got %q\nwant %q", got, wantRows)
	}
	if d.Tasks() != 6 || d.Deadlines() != 3 {
		t.Errorf("%d tasks, %d deadlines; want 6 and 3", d.Tasks(), d.Deadlines())
	}
}

func TestParseHeaderForms(t *testing.T) {
	cases := []struct {
		name, text                          string
		number, typeKey, place, date, title string
	}{
		{"directive", "UBND THỊ XÃ CHƠN THÀNH\nSố: 02/CT-UBND\nChơn Thành, ngày 5 tháng 1 năm 2025\nCHỈ THỊ\nVề công tác tuyển chọn và gọi công dân nhập ngũ năm 2025\n",
			"02/CT-UBND", "chi-thi", "Chơn Thành", "2025-01-05", "Về công tác tuyển chọn và gọi công dân nhập ngũ năm 2025"},
		{"official letter without a type heading", "BAN CHQS THỊ XÃ\nSố: 123/UBND-VP\nV/v chuẩn bị diễn tập\nMinh Hưng, ngày 30 tháng 12 năm 2024\n",
			"123/UBND-VP", "cong-van", "Minh Hưng", "2024-12-30", "V/v chuẩn bị diễn tập"},
		{"merged columns of a PDF row", "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 7/TB-UBND Độc lập - Tự do - Hạnh phúc\nHưng Long, ngày 31 tháng 2 năm 2024\nTHÔNG BÁO\nKết luận giao ban\n",
			"7/TB-UBND", "thong-bao", "", "", "Kết luận giao ban"},
		{"notice whose body follows the title at once", "THÔNG BÁO\nLịch trực chỉ huy dịp Tết Nguyên đán\nẤt Tỵ năm 2025\nBan CHQS thị xã thông báo lịch trực như sau:\nNgày 28/01 đồng chí Nguyễn Văn A trực.\n",
			"", "thong-bao", "", "", "Lịch trực chỉ huy dịp Tết Nguyên đán Ất Tỵ năm 2025"},
		{"decision, no date", "QUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo\n", "", "quyet-dinh", "", "", "Về việc thành lập Ban Chỉ đạo"},
		{"nothing official", "Hôm nay trời đẹp.\n", "", "", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Parse(c.text)
			if d.Number != c.number || d.TypeKey != c.typeKey || d.Place != c.place || d.Date != c.date || d.Title != c.title {
				t.Errorf("got number %q type %q place %q date %q title %q", d.Number, d.TypeKey, d.Place, d.Date, d.Title)
			}
		})
	}
}

func TestDeadlines(t *testing.T) {
	issued := mustDay(t, "2024-03-15")
	cases := []struct{ text, date, phrase string }{
		{"hoàn thành trước ngày 20/4/2024", "2024-04-20", "hoàn thành trước ngày 20/4/2024"},
		{"báo cáo về Ban CHQS chậm nhất ngày 25/4", "2024-04-25", "chậm nhất ngày 25/4"},
		{"Hoàn thành trong tháng 5", "2024-05-31", "Hoàn thành trong tháng 5"},
		{"xong trước tháng 5 năm 2024", "2024-04-30", "xong trước tháng 5 năm 2024"},
		{"trước ngày 10 tháng 6 năm 2024", "2024-06-10", "trước ngày 10 tháng 6 năm 2024"},
		{"gửi trước ngày 5/1", "2025-01-05", "trước ngày 5/1"}, // before the document's date: next year
		{"hạn chót 31/2/2024", "", ""}, // no such day
		{"thực hiện thường xuyên", "", ""},
	}
	for _, c := range cases {
		d := findDeadline(c.text, issued)
		switch {
		case c.date == "" && d != nil:
			t.Errorf("%q: deadline %+v, want none", c.text, *d)
		case c.date != "" && (d == nil || d.Date != c.date || d.Phrase != c.phrase):
			t.Errorf("%q: deadline %+v, want %s (%q)", c.text, d, c.date, c.phrase)
		}
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	day, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return day
}

func TestParseTaskForms(t *testing.T) {
	text := `ỦY BAN NHÂN DÂN XÃ MINH THẮNG
Số: 12/KH-UBND
Minh Thắng, ngày 2 tháng 1 năm 2025
KẾ HOẠCH
Tuyển chọn và gọi công dân nhập ngũ năm 2025
IV. TỔ CHỨC THỰC HIỆN
1. Cấp xã
a) Ban CHQS xã: tham mưu thành lập Hội đồng nghĩa vụ quân sự, xong trước ngày 10/1;
- Tổ chức khám sơ tuyển sức khỏe, chậm nhất ngày 15 tháng 1 năm 2025.
b) Công an xã:
- Thẩm tra lý lịch công dân
trong diện gọi nhập ngũ, hoàn thành trong tháng 2.
2. Đề nghị Ủy ban MTTQ xã: tuyên truyền, động viên thanh niên.
V. KINH PHÍ
1. Ban CHQS xã: lập dự toán.
Nơi nhận:
- Như mục IV;
- Lưu: VT.
`
	d := Parse(text)
	type row struct{ section, addressee, task, deadline string }
	var got []row
	for _, a := range d.Assignments {
		for _, task := range a.Tasks {
			r := row{a.Section, a.Addressee, task.Text, ""}
			if task.Deadline != nil {
				r.deadline = task.Deadline.Date
			}
			got = append(got, r)
		}
	}
	want := []row{
		{"IV.1.a", "Ban CHQS xã", "tham mưu thành lập Hội đồng nghĩa vụ quân sự, xong trước ngày 10/1", "2025-01-10"},
		{"IV.1.a", "Ban CHQS xã", "Tổ chức khám sơ tuyển sức khỏe, chậm nhất ngày 15 tháng 1 năm 2025", "2025-01-15"},
		{"IV.1.b", "Công an xã", "Thẩm tra lý lịch công dân trong diện gọi nhập ngũ, hoàn thành trong tháng 2", "2025-02-28"},
		{"IV.2", "Ủy ban MTTQ xã", "tuyên truyền, động viên thanh niên", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("tasks:\n got %q\nwant %q", got, want)
	}
	if len(d.Recipients) != 0 {
		t.Errorf("recipients %q: «Như mục IV» and «Lưu» name no one new", d.Recipients)
	}
}
