package search

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
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
		// "thành phố diễn ra": a verb after the unit, no place.
		{"thuong tin hoi thi phap luat dqtv cap thanh pho dien ra ngay nao", nil, nil, "", ""},
		// "lúc nào" asks when: "luc" is no part of the name.
		{"le ra mat luc luong co so thanh pho hue luc nao o dau", nil, []string{"hue"}, "", ""},
		// "thời gian nào" asks when, not for a thing called "thời gian".
		{"Xã Minh Đức dự kiến giao quân năm 2024 vào thời gian nào?", nil, []string{"minh duc"}, "", ""},
		// "Huyện đoàn", the district's Youth Union, is no district named Đoàn.
		{"Huyện đoàn Tây Sơn đến thăm tân binh ngày nào?", nil, nil, "", ""},
		// The kind of a thing is asked by the thing.
		{"hoi thao cong an thi ban sung loai nao", nil, nil, "sung", ""},
		{"luc luong thuong truc thi ban nhung loai sung nao", nil, nil, "sung", ""},
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
var dayWords = regexp.MustCompile(`\b(ngay \d|(?:0?[1-9]|[12]\d|3[01]) (?:0?[1-9]|1[0-2])\b|thang \d|(?:thuong|trung|ha) tuan|dau thang|cuoi thang)`)

// roughDay is what saysRoughDay tests, as an expression.
var roughDay = regexp.MustCompile(` (?:quy (?:i|ii|iii|iv|\d)|tuan (?:thu|dau|cuoi)|(?:sang|chieu|toi|hom) nay) `)

// FuzzDayTests: saysDay and saysRoughDay say what the expressions say, written out.
func FuzzDayTests(f *testing.F) {
	n := NewNormaliser(nil)
	for _, s := range []string{"Ngày 5, tháng 3", "15/3/2024", "thượng tuần", "quý II năm nay", "sáng nay 20.12",
		"kỷ niệm 81 năm (22.12.1944 – 22.12.2025)", "ngay 1", "cuoi thang", "120 học viên năm 2024",
		"15 123", "xngay 5", "_ha tuan", "4 12_", "1 2x 3 4", "thang x thang 9", "65 70 hoc vien", "0 5", "31 12", "32 1", "5 13 2"} {
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
		{"Tại lớp tập huấn lần nầy, các đại biểu được truyền đạt kiến thức quốc phòng.", false, false},
		{"Sáng ngày 30/6/2021, tại Hội trường cơ quan quân sự huyện Lắk", true, true},
		{"triển khai công tác phát lệnh tại các xã, thị trấn đúng quy định", false, false},
		{"Hội nghị hiệp đồng tổ chức Lễ giao, nhận quân năm 2026", false, false},
		{"từ ngày 04/3 đến hết ngày 06/3/2026, thanh niên cả nước lên đường", false, true},
		{"diễn ra vào trung tuần tháng 7 năm 2017", false, true},
		// "tài" folds like "tại"; a stadium is still a venue.
		{"Các vận động viên thi tranh tài tại hội thao.", false, false},
		{"Các vận động viên so tài ở các nội dung bắn súng, bơi vũ trang.", false, false},
		{"Tự vệ Sở Tài chính tham gia bắn đạn thật.", false, false},
		{"Lễ giao quân diễn ra tại sân vận động huyện.", true, false},
		{"Mong các thanh niên thực hiện tốt nhiệm vụ tại đơn vị.", false, false},
		{"Dân quân là lực lượng bảo vệ tính mạng, tài sản của nhân dân.", false, false},
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

// TestTheCommuneAskedIsNoVenue: "… xã Sơn Trung tổ chức ở đâu" is not answered by an event
// held "tại xã Sơn Trung", but by one held at a venue in it.
func TestTheCommuneAskedIsNoVenue(t *testing.T) {
	s := New(nil, nil)
	asked := namedPlaces(s.norm.Normalise("Lễ tiễn đưa thanh niên nhập ngũ năm 2025 của xã Sơn Trung tổ chức ở đâu?"))
	norm := func(places ...string) []string {
		for i, p := range places {
			places[i] = s.norm.Normalise(p)
		}
		return places
	}
	if !onlyAsked(norm("xã Sơn Trung"), asked) || !onlyAsked(nil, asked) {
		t.Errorf("the commune asked about (%q) is taken for a venue", asked)
	}
	if named := namedPlaces(s.norm.Normalise("Lễ kết nạp Dân quân năm 2024 của xã Xuân Sơn Nam ở đâu?")); !onlyAsked(norm("xã Xuân Sơn Nam"), named) {
		t.Errorf("xã Xuân Sơn Nam, asked as %q, is taken for a venue", named)
	}
	if onlyAsked(norm("Nhà văn hóa xã Sơn Trung"), asked) || onlyAsked(norm("xã Sơn Hải"), asked) {
		t.Error("a venue in the commune, or another commune, is not read as where it was")
	}
}

// TestNamedNumbersAndProvinces: what a question insists on that an answer's article must say
// (a course's number, a province written in small letters, those counted that are something),
// and a page's clock that is not a headline.
func TestNamedNumbersAndProvinces(t *testing.T) {
	n := NewNormaliser(nil)
	s := New(nil, nil).WithPlaceNames([]loa.PlaceName{{Name: "Tỉnh Sơn La"}, {Name: "Tỉnh Tuyên Quang"}, {Name: "Tỉnh Quảng Nam", Former: true},
		{Name: "Thành phố Đà Nẵng"}, {Name: "Thành phố Hồ Chí Minh"}, {Name: "Tỉnh Hòa Bình", Former: true}, {Name: "Thành phố Huế"},
		{Name: "Thành phố Tuyên Quang", Former: true}, {Name: "Xã Tuyên Hóa"}})
	for _, c := range []struct {
		question         string
		units, provinces []string
		status           string
	}{
		{"lop doi tuong 4 khoa 65 quan 1 khai giang ngay nao", []string{"khoa 65", "doi tuong 4", "quan 1"}, nil, ""},
		{"son la giao nhan quan nam 2026 co bao nhieu tan binh", nil, []string{"son la"}, ""},
		// "Tuyên Quang năm 2025", not "Quảng Nam".
		{"hoi nghi tong ket phong thu dan su tinh tuyen quang nam 2025 ngay nao", nil, []string{"tuyen quang"}, ""},
		{"Đà Nẵng có bao nhiêu tân binh là đảng viên năm 2026?", nil, []string{"da nang"}, "dang vien"},
		{"Bao nhiêu tân binh Tuyên Hóa là người dân tộc thiểu số?", nil, nil, "nguoi dan"},
		// Reserves are not all those called, however the question goes on.
		{"phuong co may cong dan du bi nhap ngu 2026", nil, nil, "du bi"},
		// Not the President, peace, nor a flower.
		{"Chủ tịch Hồ Chí Minh dạy hòa bình, hoa huệ ở đâu?", nil, nil, ""},
	} {
		norm := n.Normalise(c.question)
		if got := numberedUnits(norm); !sameSet(got, c.units) {
			t.Errorf("%q: units %q, want %q", c.question, got, c.units)
		}
		if got := s.namedProvinces(norm); !slices.Equal(got, c.provinces) {
			t.Errorf("%q: provinces %q, want %q", c.question, got, c.provinces)
		}
		if got := countStatus(norm); got != c.status {
			t.Errorf("%q: status %q, want %q", c.question, got, c.status)
		}
	}
	if !namesOtherUnit([]string{"khoa 65"}, " lop boi duong doi tuong 4 khoa 25 nam 2019 ") {
		t.Error("an event of khóa 25 answers khóa 65")
	}
	if namesOtherUnit([]string{"khoa 64", "quan 1"}, " lop boi duong doi tuong 4 khoa 64 ") {
		t.Error("an event of khóa 64 that does not name Quận 1 is another's")
	}
	for line, want := range map[string]bool{"27 thang tu 2024": true, "thu bay 04 01 2025": true,
		"hoi thao nam 2024": false, "27 thang tu": false} {
		if got := clockLine(line); got != want {
			t.Errorf("clockLine(%q) = %v, want %v", line, got, want)
		}
	}
}

func sameSet(a, b []string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(s string) bool { return !slices.Contains(b, s) })
}

// TestProseNamesDoer: prose that names whom a question asks about just before "cần", "phải"
// sets their task; "cán bộ" is no "cần".
func TestProseNamesDoer(t *testing.T) {
	for body, want := range map[string]bool{
		" moi hoc vien can phai nang cao tinh than trach nhiem ":           true,
		" cac hoc vien phai van dung linh hoat ":                           true,
		" hon 138 hoc vien la can bo dang vien ":                           false,
		" hoc vien can bo cac phong ban ":                                  false,
		" ban to chuc lop hoc duy tri de hoc vien van dung tot kien thuc ": false,
		" trong do hoc vien chu tri phoi hop voi cac ban nganh ":           true,
		" hoc vien co trach nhiem bao cao ket qua ":                        true,
	} {
		if got := namesDoer(body, []string{"hoc", "vien", "lop"}); got != want {
			t.Errorf("namesDoer(%q) = %v, want %v", body, got, want)
		}
	}
}

// TestBoardIsNoShooting: folded, "Ban CHQS" reads "ban", as "bắn" does; a contest of the
// commune boards is not a shooting contest, and a shooting contest still is.
func TestBoardIsNoShooting(t *testing.T) {
	n := NewNormaliser(nil)
	for q, want := range map[string]bool{
		"Hội thi của Ban CHQS thành phố Hội An có bao nhiêu xã tham gia?": false,
		"hoi thi ban sung DQTV ngay nao":                                  true,
	} {
		if got := slices.Contains(eventKindsOf(strings.Fields(n.Normalise(q))), loa.EventShootingContest); got != want {
			t.Errorf("%q: shooting %v, want %v", q, got, want)
		}
		if got := ofKind([]string{loa.EventShootingContest}, rowText{body: " " + n.Normalise(q) + " "}); got != want {
			t.Errorf("a row %q: of a shooting contest %v, want %v", q, got, want)
		}
	}
}

// TestHandOverIsNotItsOrdersNorItsCamp: "lễ giao nhận quân" is not answered by the ceremony
// that hands out the call-up orders ("trao lệnh gọi công dân nhập ngũ") nor by the camp
// before it ("Hội trại tòng quân"); the recruits leaving still are its day.
func TestHandOverIsNotItsOrdersNorItsCamp(t *testing.T) {
	n := NewNormaliser(nil)
	for text, want := range map[string]bool{
		"Sáng ngày 05/02/2021, tại Hội trường UBND xã, Hội đồng NVQS xã tổ chức Lễ trao lệnh gọi công dân nhập ngũ.": false,
		"Hội đồng NVQS xã trao quyết định gọi nhập ngũ cho 11 thanh niên.":                                           false,
		"Từ trưa ngày 3/3, hơn 250 đoàn viên cùng tân binh tham gia Hội trại tòng quân 2026.":                        false,
		"Từ ngày 04/3 đến hết ngày 06/3/2026, thanh niên cả nước lên đường thực hiện nghĩa vụ quân sự.":              true,
		"Sáng 13/2, huyện tổ chức lễ giao nhận quân; 120 thanh niên lên đường nhập ngũ.":                             true,
	} {
		if got := ofKind([]string{loa.EventEnlistment}, rowText{body: " " + n.Normalise(text) + " "}); got != want {
			t.Errorf("%q: of the hand-over %v, want %v", text, got, want)
		}
	}
	if kinds := eventKindsOf(strings.Fields(n.Normalise("xa phu thanh trao lenh goi nhap ngu 2021 ngay nao"))); !slices.Equal(kinds, []string{loa.EventRecruitment}) {
		t.Errorf("handing out call-up orders is asked as %v, want recruitment", kinds)
	}
	// "tặng quà tân binh", reworded "công dân nhập ngũ", still asks of no event.
	reworded := Query{Kinds: []string{loa.EventEnlistment}}
	if reworded.askedAs(Query{}); len(reworded.Kinds) != 0 {
		t.Errorf("a rewording of a question of no event asks of %v", reworded.Kinds)
	}
}

// TestGamesAreNoMilitarySportsMeet: a province's "Đại hội Thể dục Thể thao" does not answer a
// question about a "hội thao", and "đại hội thể thao" asks of no "hội thao" either.
func TestGamesAreNoMilitarySportsMeet(t *testing.T) {
	n := NewNormaliser(nil)
	games := rowText{body: " " + n.Normalise("Đại hội Thể dục Thể thao tỉnh Bạc Liêu lần thứ VI diễn ra từ ngày 15/8") + " "}
	if ofKind([]string{loa.EventSportsContest}, games) {
		t.Error("the province's games answer a question about a military sports meet")
	}
	if !ofKind([]string{loa.EventSportsContest}, rowText{body: " " + n.Normalise("Hội thao thể dục thể thao quốc phòng năm 2025 khai mạc sáng 7/5") + " "}) {
		t.Error("a sports meet is not one")
	}
	var terms []string
	for _, w := range strings.Fields(n.Normalise("dai hoi the thao lien phuong 2025 dien ra tu ngay nao")) {
		if !isStop(w) {
			terms = append(terms, w)
		}
	}
	if kinds := eventKindsOf(terms); slices.Contains(kinds, loa.EventSportsContest) {
		t.Errorf("'đại hội thể thao' is asked as a sports meet: %v", kinds)
	}
}

// TestComparedYearIsNotTheArticles: an undated article of 2022 that compares with 2021 is of
// 2022, and its "năm nay" rows answer a question about 2022.
func TestComparedYearIsNotTheArticles(t *testing.T) {
	rows := []loa.SearchRow{
		{ArticleID: 1, Body: "nam 2022 tinh duoc giao chi tieu 3 394 cong dan tang 50 cong dan so voi nam 2021"},
		{ArticleID: 1, Body: "nam nay co 751 don xung phong nhap ngu"},
		{ArticleID: 2, Body: "nam 2023 huyen giao 200 tan binh nhieu hon nam 2022"},
	}
	got := soleYears(rows)
	if got[1] != "2022" || got[2] != "-" {
		t.Errorf("sole years %v, want article 1 of 2022 and article 2 of no one year", got)
	}
}

// TestKindNamedWithItsName: "đồn biên phòng nào" asks one named with its kind, which the
// answer must say; "đơn vị nào" and "họp hôm nào" do not ask so.
func TestKindNamedWithItsName(t *testing.T) {
	n := NewNormaliser(nil)
	for question, want := range map[string]bool{
		"Đồn Biên phòng nào phụ trách xã Vĩnh Xương?":   true,
		"đơn vị nào đạt giải nhất toàn đoàn":            false,
		"hội nghị hiệp đồng giao nhận quân họp hôm nào": false,
		"hội thao có bao nhiêu vận động viên":           false,
	} {
		norm := n.Normalise(question)
		q := Query{Focus: focusOf(norm), WantCount: countAsk.MatchString(norm)}
		if got := namesKind(q); got != want {
			t.Errorf("namesKind(%q) = %v (focus %q)", question, got, q.Focus)
		}
	}
}

// TestWhoOfAGroupAndTheirDoing: "tân binh phát biểu … là ai" asks which recruit spoke;
// "trao quyết định nhập ngũ" hands out the call-up, no hand-over; "thời gian tại ngũ" is
// no venue.
func TestWhoOfAGroupAndTheirDoing(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	verb := holderAsked(n.Normalise("tan binh phat bieu tai le giao nhan quan huyen y yen la ai"))
	if !slices.Equal(verb, []string{"phat", "bieu"}) || !carriesWho(norm("Tại lễ giao nhận quân, tân binh Nguyễn Đình Nguyên xã Yên Phong phát biểu bày tỏ quyết tâm."), verb) {
		t.Errorf("a recruit who spoke is not who is asked (verb %q)", verb)
	}
	if kinds := eventKindsOf(strings.Fields(n.Normalise("ai thay mặt hội đồng trao quyết định nhập ngũ"))); slices.Contains(kinds, loa.EventEnlistment) {
		t.Errorf("handing out the call-up decisions is read as the hand-over: %v", kinds)
	}
	// Leaders or representatives of a body say who did it.
	if verb := holderAsked(n.Normalise("ai trao qua cho thanh nien chuan bi nhap ngu xa song an")); !carriesWho(norm("Lãnh đạo Hội Chữ thập đỏ huyện Vũ Thư trao quà cho thanh niên chuẩn bị lên đường nhập ngũ."), verb) {
		t.Errorf("the leaders of a body who gave gifts are not who is asked (verb %q)", verb)
	}
	// The place a where-question names, as it names it, is no venue of its event; a city of
	// the province's name is one.
	if saysWhereBut(norm("Phó Bí thư Thành ủy tặng hoa, động viên các tân binh tại huyện Kiến Thụy."), []string{"huyen kien thuy"}) {
		t.Error("the district asked about is read as the venue")
	}
	if !saysWhereBut(norm("Ngày 23/6, tại thành phố Lai Châu, hai bên tổ chức hội đàm."), []string{"lai chau"}) {
		t.Error("the city of the province's name is not read as a venue")
	}
	// "tổ chức" in a sentence that opens with its day reports it: a list of who attended,
	// carrying on such a sentence, sets no task.
	if saysTask(norm("Sáng 08/5/2024 Xã Hoằng Cát tổ chức khai mạc huấn luyện Dân quân năm 2024.")) || !saysTask(norm("Các xã tổ chức tuyên truyền sâu rộng.")) {
		t.Error("a dated report is read as a task, or a task as none")
	}
	if saysWhere(norm("Trong thời gian tại ngũ, các đồng chí đã nỗ lực rèn luyện.")) {
		t.Error("service is read as a venue")
	}
}
