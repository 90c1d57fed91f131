package search

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestQuestionsTakenApart: whom, where, what and which value a question asks about, in the
// ways officials type them (folded, abbreviations expanded).
func TestQuestionsTakenApart(t *testing.T) {
	n := NewNormaliser(nil)
	for _, c := range []struct {
		question  string
		addressee []string
		places    []string
		focus     string
		subject   string
	}{
		// The one asked, not the one asking, nor the "cán" of "cán bộ".
		{"cong an huyen hiep duc yeu cau can bo chien si lam gi dip tet", []string{"bo", "chien", "si"}, []string{"hiep duc"}, "", ""},
		{"Thành viên Hội đồng NVQS huyện Khánh Sơn được phân công làm gì?", []string{"thanh", "vien", "hoi", "dong", "nghia", "quan", "su", "huyen", "khanh", "son"}, []string{"khanh son"}, "", ""},
		{"Nhiệm vụ trọng tâm GDQP-AN năm học 2023-2024 của các trường là gì?", []string{"truong"}, nil, "", ""},
		// A count asks a number, not a unit's tasks.
		{"huyen Van Ninh duoc giao chi tieu bao nhieu thanh nien nhap ngu", nil, []string{"van ninh"}, "thanh nien", ""},
		// "các xã, phường", "tình hình", "phương án": no place's name.
		{"Công an các xã, phường phải nắm chắc tình hình, xây dựng phương án gì?", []string{"cong", "an", "xa", "phuong"}, nil, "", ""},
		{"tan binh Con Dao giao quan cho don vi nao", nil, nil, "don vi", ""},
		{"Chỉ tiêu tuyển quân năm 2026 của xã Nội Bài là bao nhiêu?", nil, []string{"noi bai"}, "", "chi tieu tuyen"},
	} {
		norm := n.Normalise(c.question)
		var addressee []string
		if !countAsk.MatchString(norm) {
			addressee = askedAddressee(norm)
		}
		if !slices.Equal(addressee, c.addressee) {
			t.Errorf("%q: addressee %q, want %q", c.question, addressee, c.addressee)
		}
		if got := namedPlaces(norm); !slices.Equal(got, c.places) {
			t.Errorf("%q: places %q, want %q", c.question, got, c.places)
		}
		if got := focusOf(norm); got != c.focus {
			t.Errorf("%q: focus %q, want %q", c.question, got, c.focus)
		}
		if got := strings.Join(subjectOf(norm), " "); got != c.subject {
			t.Errorf("%q: subject %q, want %q", c.question, got, c.subject)
		}
	}
}

// dayWords is what saysDay tests, as an expression.
var dayWords = regexp.MustCompile(`\b(ngay \d|\d{1,2} \d{1,2}\b|thang \d|(?:thuong|trung|ha) tuan|dau thang|cuoi thang)`)

// FuzzDayTests: saysDay and saysRoughDay say what the expressions say, the first written out
// and the second behind a quick test.
func FuzzDayTests(f *testing.F) {
	n := NewNormaliser(nil)
	for _, s := range []string{"Ngày 5, tháng 3", "15/3/2024", "thượng tuần", "quý II năm nay", "sáng nay 20.12",
		"kỷ niệm 81 năm (22.12.1944 – 22.12.2025)", "ngay 1", "cuoi thang", "120 học viên năm 2024",
		"15 123", "xngay 5", "_ha tuan", "4 12_", "1 2x 3 4", "thang x thang 9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, body := range []string{" " + n.Normalise(text) + " ", text} {
			if saysDay(body) != dayWords.MatchString(body) || saysRoughDay(body) != roughDay.MatchString(body) {
				t.Fatalf("%q: the quick test and the expression disagree", body)
			}
		}
	})
}

// TestWhatARowSays: a venue, a day, a count of what is asked.
func TestWhatARowSays(t *testing.T) {
	n := NewNormaliser(nil)
	for _, c := range []struct {
		text       string
		where, day bool
	}{
		{"Chiều ngày 12/1/2022. tại nhà văn hoá thôn Ô Mễ.", true, true},
		{"Tại hội nghị, Ban CHQS xã báo cáo kết quả sơ tuyển.", false, false},
		{"triển khai công tác phát lệnh tại các xã, thị trấn đúng quy định", false, false},
		{"Hội nghị hiệp đồng tổ chức Lễ giao, nhận quân năm 2026", false, false},
		{"từ ngày 04/3 đến hết ngày 06/3/2026, thanh niên cả nước lên đường", false, true},
		{"diễn ra vào trung tuần tháng 7 năm 2017", false, true},
	} {
		body := n.Normalise(c.text)
		if got := saysWhere(body); got != c.where {
			t.Errorf("%q says where: %v, want %v", c.text, got, c.where)
		}
		if got := saysDay(body); got != c.day {
			t.Errorf("%q says when: %v, want %v", c.text, got, c.day)
		}
	}
	if !hasPhrase(" kham so tuyen nghia vu quan su ", []string{"kham", "tuyen", "nghia"}) || hasPhrase(" kham suc khoe tuyen ", []string{"kham", "tuyen"}) {
		t.Error("hasPhrase: the question's words side by side, stop words between them aside")
	}
	if !countOf(" giai co 140 van dong vien la can bo ", "van dong") || countOf(" van hoa the thao 19 cong doan ", "van dong") {
		t.Error("countOf: 140 vận động viên is a count of athletes, 19 công đoàn is not")
	}
}
