package search

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

// TestFactQuestionsNeedTheirFact: a sentence answers "bao nhiêu", "ai", "ngày nào" only when
// it carries a number of what is counted, someone doing what is asked, a day; a sentence of
// the same article that shares the question's words but not the fact does not.
func TestFactQuestionsNeedTheirFact(t *testing.T) {
	n := NewNormaliser(nil)
	for _, c := range []struct {
		question, sentence string
		answers            bool
	}{
		// Counts of people: any word for people after the number.
		{"Hội thao có bao nhiêu người tham gia?", "Hội thao có 150 vận động viên của 15 huyện tham gia.", true},
		{"moi don vi cu bao nhieu nguoi du hoi thao", "Mỗi đơn vị cử 1 đoàn từ 28 - 30 cán bộ, chiến sĩ dự hội thao.", true},
		{"có bao nhiêu học viên", "Từ ngày 17 đến 19/6, 43 học viên của các cơ quan, đơn vị nghiên cứu các chuyên đề.", true},
		{"co bao nhieu thanh nien len duong nhap ngu", "Tỉnh tiễn gần 2.800 thanh niên ưu tú lên đường nhập ngũ.", true},
		// A document's number is asked of that kind of document.
		{"Chỉ thị về tuyển quân năm 2026 của Thành phố Hà Nội có số hiệu là gì?", "Chủ tịch UBND Thành phố đã ký ban hành Chỉ thị số 13/CT-UBND ngày 10/9/2025.", true},
		{"Chỉ thị về tuyển quân năm 2026 của Thành phố Hà Nội có số hiệu là gì?", "Để làm tốt công tác tuyển quân năm 2026, Chủ tịch UBND Thành phố chỉ thị như sau:", false},
		// So many of so many is a count, not a day.
		{"xa phu thanh giao quan 2023 dat bao nhieu thanh nien", "Năm 2023, xã tuyển chọn và gọi công dân nhập ngũ 08/8 thanh niên, đạt 100% chỉ tiêu.", true},
		{"bao nhieu xa phuong da xong dang ky nvqs", "Đến nay, cả 9/9 xã, phường đã hoàn thành đăng ký.", true},
		{"co bao nhieu thanh nien nhap ngu", "Ngày 08/8, thanh niên lên đường nhập ngũ.", false},
		// A day, a year, a decree's number are not counts.
		{"Hội thao có bao nhiêu người tham gia?", "Sáng 24/4/2024, tại Thao trường 559, hội thao khai mạc.", false},
		{"bao nhieu cong dan nhap ngu nam 2026", "Theo Hướng dẫn số 6544 năm 2026, thanh niên lên đường từ 04/3 đến 06/3.", false},
		// A number of something else.
		{"có bao nhiêu đội tham gia", "Hội thao có 150 vận động viên tham gia.", false},
		{"có bao nhiêu đội tham gia", "Giải có 12 đội bóng tham gia.", true},
		// A number in words.
		{"thi bao nhiêu nội dung", "Hội thao thi ba nội dung: bắn súng, ném lựu đạn và chạy vũ trang.", true},
		{"có bao nhiêu cán bộ tham gia", "Hai cán bộ của huyện tham gia đoàn kiểm tra.", true},
		{"có bao nhiêu cán bộ tham gia", "Bà Nguyễn Thị A tham gia đoàn kiểm tra.", false},
		// A share is said by a bare number.
		{"tỷ lệ khám đạt bao nhiêu phần trăm", "Tỷ lệ thanh niên đến khám đạt 98,6%.", true},
		// Of those counted, the ones asked about.
		{"Hòn Đất có bao nhiêu công dân trúng tuyển?", "Huyện phát lệnh gọi 500 công dân khám sức khỏe.", false},
		{"có bao nhiêu công dân đạt yêu cầu sơ tuyển", "Xã có 584 trường hợp đạt yêu cầu sơ tuyển.", true},
		{"xã có bao nhiêu thanh niên nhập ngũ", "Hội nghị thông qua danh sách 52 thanh niên đủ điều kiện.", false},
		{"xã có bao nhiêu thanh niên nhập ngũ", "Năm nay xã có 30 thanh niên lên đường nhập ngũ.", true},
		{"hội thao có bao nhiêu vận động viên nữ", "Hơn 100 vận động viên tham gia hội thao.", false},
		{"hội thao có bao nhiêu vận động viên nữ", "Hội thao có 24 vận động viên nữ.", true},
		// A count in a sentence of another year is that year's.
		{"thị trấn giao quân năm 2024 bao nhiêu thanh niên", "Năm 2023 thị trấn bàn giao 37 tân binh.", false},
		{"thị trấn giao quân năm 2024 bao nhiêu thanh niên", "Thị trấn bàn giao 37 tân binh.", true},
		// A quota is said as one.
		{"Chỉ tiêu giao quân năm 2025 của huyện bao nhiêu?", "Huyện phát lệnh gọi 968 công dân khám tuyển.", false},
		{"Chỉ tiêu giao quân năm 2025 của huyện bao nhiêu?", "Tỉnh giao huyện chỉ tiêu 289 thanh niên nhập ngũ.", true},
		// A round's or a unit's number is no count.
		{"Lai Châu huy động bao nhiêu quân nhân dự bị?", "QK2 – Ngày 11-6, Bộ CHQS tỉnh Lai Châu tổ chức diễn tập.", false},
		{"Xã Duy Hải có bao nhiêu chiến sĩ dân quân?", "Xã Duy Hải sơ kết nhiệm vụ 6 tháng đầu năm 2022.", false},
		{"huyện dự kiến giao bao nhiêu thanh niên", "Dự kiến chỉ tiêu giao quân năm 2018 của huyện là 110 quân.", true},
		// Who chaired: someone named, and the verb.
		{"Ai chủ trì hội nghị?", "Thượng tá Kim Trọng Hiếu - Chỉ huy trưởng chủ trì hội nghị.", true},
		{"Ai chủ trì hội nghị?", "Hội nghị đánh giá kết quả tuyển quân năm 2025.", false},
		{"Ai chủ trì hội nghị?", "Đồng chí Nguyễn Văn A phát biểu tại hội nghị.", false},
		{"ai du hoi nghi", "Dự và chỉ đạo hội nghị có đồng chí Nguyễn Văn B, Phó Chủ tịch UBND huyện.", true},
		{"Giải nhất toàn đoàn thuộc về ai?", "Ban tổ chức trao giải nhất toàn đoàn cho Đoàn xã An Thành.", true},
		// Who holds an office: a person named holding it.
		{"Ai là Chỉ huy trưởng Ban CHQS xã?", "Đồng chí Võ Duy Tiến – Chỉ huy trưởng Ban CHQS xã đồng chủ trì hội nghị.", true},
		{"Ai là Chỉ huy trưởng Ban CHQS xã?", "Ban CHQS xã tổ chức huấn luyện dân quân năm nhất.", false},
		{"ai la chi huy truong ban chqs xa", "Đồng chí Bạch Ngọc Thêm, Chủ tịch UBND xã phát biểu.", false},
		// "Ái Nghĩa", typed with or without its marks, does not ask who.
		{"thi tran Ai Nghia ban giao bao nhieu tan binh", "Thị trấn Ái Nghĩa bàn giao 37 tân binh.", true},
		{"Ai đạt Huy chương Vàng?", "Nữ dân quân A Lăng Thị Loang đạt Huy chương Vàng.", true},
		{"Thị trấn Ái Nghĩa tổ chức hội nghị ngày nào?", "Ngày 22/11, UBND thị trấn Ái Nghĩa tổ chức hội nghị.", true},
		// When: a day or part of a month.
		{"Hội nghị tổ chức ngày nào?", "Hội nghị đánh giá kết quả tuyển quân năm 2025.", false},
		{"giao quân năm 2021 ngày nào", "Trong số này có 41,95% có trình độ đại học, 2,5% là đảng viên.", false},
		{"khám tuyển khi nào", "Khám tuyển diễn ra từ ngày 14 đến ngày 16/10.", true},
		{"diễn tập khi nào", "Diễn tập dự kiến trong tuần thứ ba của tháng 10.", true},
		{"diễn tập khi nào", "Diễn tập dự kiến vào quý IV năm 2025.", true},
		{"diễn tập ngày nào", "Diễn tập dự kiến vào quý IV năm 2025.", false},
		{"sơ kết ngày nào", "Xã Duy Hải sơ kết nhiệm vụ 6 tháng đầu năm 2022.", false},
		{"hội nghị tổng kết ngày nào", "Sáng 14 tháng 12, UBND tỉnh tổ chức hội nghị tổng kết.", true},
		// A day of another month or quarter than the one asked.
		{"hội đàm quý III năm 2023 diễn ra ngày nào", "Ngày 23/6, tại thành phố Lai Châu, hai bên hội đàm.", false},
		{"hội đàm quý III năm 2023 diễn ra ngày nào", "Ngày 23/8, tại thành phố Lai Châu, hai bên hội đàm.", true},
		{"giao ban tháng 5 ngày nào", "Chiều 25-4, Bộ Tư lệnh giao ban công tác tháng 4, triển khai nhiệm vụ tháng 5.", false},
		// A grade: "loại giỏi", not the drill's report alone.
		{"diễn tập xã đạt loại gì", "Cuộc diễn tập được Ban chỉ đạo đánh giá xếp loại giỏi.", true},
		{"diễn tập xã đạt loại gì", "Đợt diễn tập cấp xã năm nay được tổ chức tại 3 xã.", false},
		// A year's review counts no men; squads are not people.
		{"công an xã có bao nhiêu cán bộ", "Công an huyện sơ kết 01 năm hoạt động của mô hình.", false},
		{"tiểu đội có bao nhiêu người", "Lễ ra mắt 2 tiểu đội dân quân thường trực.", false},
		{"tiểu đội có bao nhiêu người", "Tiểu đội có 9 đồng chí dân quân thường trực.", true},
	} {
		var q Query
		q.Terms = Words(n.Normalise(c.question))
		q.askFacts(c.question, n.Normalise(c.question))
		if got := carriesFact(q, " "+n.Normalise(c.sentence)+" "); got != c.answers {
			t.Errorf("%q answered by %q: %v, want %v (%+v)", c.question, c.sentence, got, c.answers, q)
		}
	}
}

// TestNamesInCapitals: the places and people a question writes with capitals, and the place
// after a unit's name however it is typed.
func TestNamesInCapitals(t *testing.T) {
	for _, c := range []struct {
		question string
		names    []string
	}{
		{"Hòn Đất có bao nhiêu công dân trúng tuyển?", []string{"hon dat"}},
		{"Đại tá Lê Trọng Thủy đề nghị các đơn vị nhận quân làm gì?", []string{"le trong thuy"}},
		{"Đợt cao điểm Tết Bính Ngọ của Công an Lạng Sơn kéo dài bao lâu?", []string{"binh ngo", "lang son"}},
		{"Ban CHQS huyện Phú Bình, Bộ Quốc phòng phải làm gì?", []string{"phu binh"}},
		{"Huyện Côn Đảo tổ chức hội trại tòng quân ngày nào?", []string{"con dao"}},
		{"hoi thao ban sung quan dung 2024 co bao nhieu van dong vien", nil},
	} {
		if got := properNames(c.question); !slices.Equal(got, c.names) {
			t.Errorf("%q: names %q, want %q", c.question, got, c.names)
		}
	}
	n := NewNormaliser(nil)
	for _, c := range []struct {
		question string
		places   []string
	}{
		{"cong an huyen Kbang khen thuong bao nhieu ca nhan", []string{"kbang"}},
		{"thi tran Ai Nghia ban giao bao nhieu tan binh", []string{"ai nghia"}},
		{"huyen Van Ninh duoc giao chi tieu bao nhieu", []string{"van ninh"}},
		// "địa phương" is no ward, "cấp xã năm 2019" no commune named Nam.
		{"Chủ tịch UBND xã Tân Lập chỉ đạo các ngành, địa phương điều gì?", []string{"tan lap"}},
		{"huyen Gia Binh dien tap cap xa nam 2019 ngay nao", []string{"gia binh"}},
	} {
		if got := refinePlaces(namedPlaces(n.Normalise(c.question)), c.question); !slices.Equal(got, c.places) {
			t.Errorf("%q: places %q, want %q", c.question, got, c.places)
		}
	}
}

// TestOpeningClause: whom a question asks about follows its opening clause of when or where.
func TestOpeningClause(t *testing.T) {
	n := NewNormaliser(nil)
	q := "Trong đợt cao điểm tấn công tội phạm, Công an xã có nhiệm vụ gì?"
	if got, want := askedAddressee(n.Normalise(withoutOpening(q))), []string{"cong", "an", "xa"}; !slices.Equal(got, want) {
		t.Errorf("%q: addressee %q, want %q", q, got, want)
	}
	if got := withoutOpening("Trong,"); got != "Trong," {
		t.Errorf("a question that is all opening clause is kept: %q", got)
	}
}

// TestDaysThatAreNoEvents: the day a document was signed, and the day of a meeting that plans
// the event asked, do not say when the event is; a day said after the meeting may.
func TestDaysThatAreNoEvents(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	for _, row := range []string{"Thành viên HĐNVQS xã theo Quyết định số 119/QĐ-UBND, ngày 13 tháng 02 năm 2026 của UBND xã",
		"Căn cứ Thông tư số 97/2025/TT-BQP ngày 29/8/2025 sửa đổi, bổ sung một số điều"} {
		if got := withoutDocumentDates(norm(row)); saysDay(got) {
			t.Errorf("a document's day is still a day: %q", got)
		}
	}
	drill := Query{Kinds: []string{loa.EventDrill}, Terms: []string{"dien", "tap", "ngay"}}
	for text, want := range map[string]bool{
		"Ngày 07/6, UBND huyện Hạ Lang tổ chức cuộc họp Tiểu ban nội dung diễn tập khu vực phòng thủ.": true,
		"Ngày 07/6, UBND huyện tổ chức cuộc họp; diễn tập sẽ diễn ra từ ngày 20 đến ngày 22/8.":        false,
		"Hội đồng đã tổ chức hội nghị triển khai; theo kế hoạch, diễn tập kết thúc vào ngày 7.12.":     false,
		"Ngày 15/9, xã Tân Hiệp tổ chức diễn tập chiến đấu phòng thủ.":                                 false,
	} {
		if got := plansIt(drill, norm(text)); got != want {
			t.Errorf("%q: plans it %v, want %v", text, got, want)
		}
	}
	launch := Query{Kinds: []string{loa.EventDrill}, Terms: []string{"thoai", "son", "trien", "khai", "y", "dinh", "dien", "tap", "2024", "ngay"}}
	if plansIt(launch, norm("Chiều ngày 28/3, Ban chỉ đạo diễn tập huyện tổ chức Hội nghị triển khai ý định diễn tập chiến đấu.")) {
		t.Error("a question about launching the drill's plan is not answered by the launch's day")
	}
	if plansIt(Query{Kinds: []string{loa.EventDrill}, Terms: []string{"hop", "dien", "tap"}}, norm("Ngày 07/6, huyện tổ chức cuộc họp Tiểu ban nội dung diễn tập.")) {
		t.Error("a question about the meeting itself is answered by its day")
	}
	// "hội" of "hội thi" is not a word the question gives the meeting ("hội nghị").
	contest := Query{Kinds: []string{loa.EventOther}, Terms: []string{"thuong", "tin", "hoi", "thi", "phap", "luat", "ngay"}}
	if !plansIt(contest, norm("Sáng ngày 20/5/2021, UBND huyện Thường Tín tổ chức hội nghị triển khai kế hoạch tổ chức hội thi pháp luật về Dân quân tự vệ.")) {
		t.Error("the day of the meeting that plans a contest answers when the contest is")
	}
}

// TestDaysThatNamePlacesOrHolidays: "Sân vận động 14 tháng 8" names a stadium and "Quốc tế
// lao động 01/5" a holiday; neither says when the ceremony or the meeting is.
func TestDaysThatNamePlacesOrHolidays(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	for text, want := range map[string]bool{
		"Lễ giao, nhận quân được tổ chức tại Sân vận động 14 tháng 8 (xã Vạn Ninh).":     false,
		"Bảo vệ dịp kỷ niệm Ngày Giải phóng miền Nam và Quốc tế lao động 01/5 năm 2025.": false,
		"Lễ mít tinh diễn ra tại Quảng trường 3/2 của thành phố.":                        false,
		"Sáng 13/2, tại Sân vận động 14 tháng 8, huyện tổ chức lễ giao nhận quân.":       true,
		"Ngày 19/5/2025, đoàn viên chạy tiếp sức trên đường Trần Phú.":                   true,
	} {
		if got := saysDay(withoutNamedDates(norm(text))); got != want {
			t.Errorf("%q: says a day %v, want %v", text, got, want)
		}
	}
}

// TestComradesOfTheGroupNamedBefore: "Dân quân cơ động 112 đồng chí" counts militiamen, and a
// party cell's "08 đồng chí" counts no students.
func TestComradesOfTheGroupNamedBefore(t *testing.T) {
	militia, students := peopleGroup("bao nhieu dan quan co dong"), peopleGroup("bao nhieu hoc vien")
	if !countOfGroup(" huan luyen dan quan co dong 112 dong chi ", militia) {
		t.Error("112 comrades of the militia named before them are not counted as militiamen")
	}
	if countOfGroup(" chi bo quan su duoc thanh lap co 08 dong chi ", students) {
		t.Error("a party cell's comrades are counted as students")
	}
}

// TestSpansAndDisciplines: "từ ngày nào đến ngày nào" asks a span, which "Trong 3 ngày (từ
// 7-9/5)" says and "Sáng 7/5" does not; the disciplines a sports contest lists ("bắn súng",
// "huấn luyện thể lực") are not other events.
func TestSpansAndDisciplines(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	var q Query
	q.askFacts("", n.Normalise("Hội thao Bắc Ninh diễn ra từ ngày nào đến ngày nào?"))
	if !q.AskSpan {
		t.Error("a question from which day to which is not asked as a span")
	}
	var days Query
	days.askFacts("", n.Normalise("diễn tập diễn ra những ngày nào"))
	if !days.AskSpan {
		t.Error("a question of which days is not asked as a span")
	}
	row := norm("Trong 3 ngày (từ 7-9/5), các vận động viên tranh tài ở các môn: chiến sĩ khoẻ, vượt vật cản huấn luyện thể lực, bắn súng.")
	if !saysSpan(row) || saysSpan(norm("Sáng 7/5, Bộ CHQS tỉnh khai mạc Hội thao.")) {
		t.Error("a span is told from a single day wrongly")
	}
	if otherEvent([]string{loa.EventSportsContest}, row) {
		t.Error("a sports contest's disciplines are read as other events")
	}
}

// TestWhoAndHowManyAsPortalsWriteThem: "đ/c Nguyễn Thị Ngọc Diễm … phổ biến" names who did it,
// the board that opens a drill organises it, and "gần 100 chức sắc tôn giáo" counts people.
func TestWhoAndHowManyAsPortalsWriteThem(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	if !carriesWho(norm("Tại buổi tuyên truyền, các thanh niên được đ/c Nguyễn Thị Ngọc Diễm phổ biến Luật Nghĩa vụ quân sự."), []string{"pho", "bien"}) {
		t.Error("someone written đ/c is not read as a person")
	}
	if !carriesWho(norm("Sáng ngày 29/7/2022, Ban chỉ đạo diễn tập thị xã Ninh Hòa khai mạc diễn tập chiến đấu tại xã Ninh Phú."), []string{"to", "chuc"}) {
		t.Error("the board that opens a drill does not answer who organises it")
	}
	if !carriesWho(norm("Có mặt tại buổi diễn tập có đồng chí Vương Tấn Thành, Phó Bí thư thường trực Huyện ủy."), []string{"du"}) {
		t.Error("someone present is not read as attending")
	}
	if !carriesCount(norm("Lớp tập huấn có gần 100 chức sắc tôn giáo tham dự."), "nguoi") {
		t.Error("religious dignitaries are not counted as people")
	}
	if !saysStatus(norm("Trong đó tham gia nghĩa vụ quân sự 156 thanh niên và 46 thanh niên tham gia nghĩa vụ công an nhân dân."), "cong an") {
		t.Error("those who serve in the police, counted before their service, are not read as its")
	}
}

// TestNearMissesOfAnotherKind: a question about the police's recruits, the second quarter,
// the militia "tại chỗ", the meeting that reviews a drill or the end of it is not answered by
// the army's recruits, the first quarter, the militia "cơ động", the drill or its opening.
func TestNearMissesOfAnotherKind(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	var police Query
	police.askFacts("", n.Normalise("thi tran song doc co bao nhieu thanh nien thuc hien nghia vu cong an nhan dan 2025"))
	if police.CountStatus != "cong an" || carriesFact(police, norm("Năm 2025, thị trấn có 14 thanh niên được gọi nhập ngũ vào quân đội.")) ||
		!carriesFact(police, norm("Năm 2025, thị trấn có 3 thanh niên thực hiện nghĩa vụ CAND.")) {
		t.Errorf("the police's recruits are told from the army's wrongly (status %q)", police.CountStatus)
	}
	var second Query
	second.askFacts("", n.Normalise("cong an xa tuan tra bao nhieu luot trong quy 2 nam 2022"))
	if carriesFact(second, norm("Trong quý I/2022, Công an xã tổ chức tuần tra 38 lượt.")) || !carriesFact(second, norm("Trong quý II/2022, Công an xã tổ chức tuần tra 41 lượt.")) {
		t.Error("a count of the first quarter answers a question about the second")
	}
	if !otherOf(said(militiaRE, n.Normalise("huan luyen dan quan tai cho nam 2025 ngay nao")), militiaRE, rowText{body: norm("Ban CHQS phường khai giảng Lớp huấn luyện Trung đội Dân quân cơ động năm 2025.")}) ||
		otherOf(said(militiaRE, n.Normalise("ban dan that dan quan nam thu nhat o dau")), militiaRE, rowText{body: norm("kiểm tra bắn đạn thật cho lực lượng dân quân tự vệ năm thứ Nhất")}) ||
		!otherOf([]string{"co dong"}, militiaRE, rowText{body: norm("Trong khóa huấn luyện, các chiến sĩ dân quân được học tập."), title: norm("Tân Lập huấn luyện cho lực lượng dân quân tại chỗ năm 2024")}) {
		t.Error("kinds of militia are told apart wrongly")
	}
	if got := meetingAsked(strings.Fields("hoi nghi rut kinh nghiem dien tap khu vuc phong thu hop ngay"), []string{loa.EventDrill, loa.EventMeeting}); !slices.Equal(got, []string{loa.EventMeeting}) {
		t.Errorf("a meeting about a drill is asked as %v", got)
	}
	if !otherEnd(" dien tap chien dau xa ninh phu ket thuc ngay ", norm("Sáng ngày 29/7/2022, Ban chỉ đạo khai mạc diễn tập chiến đấu xã Ninh Phú.")) {
		t.Error("the opening day answers when a drill ended")
	}
}

// TestOpeningIsNotClosing: "khai mạc … ngày nào" is not answered by the day a contest closed,
// and a question about both ends is answered by either.
func TestOpeningIsNotClosing(t *testing.T) {
	closed := " sang ngay 9 6 2021 uy ban nhan dan huyen hai lang to chuc be mac hoi thi phap luat "
	if !otherEnd(" hoi thi phap luat hai lang khai mac ngay ", closed) {
		t.Error("the closing day answers a question about the opening")
	}
	if otherEnd(" hoi thi khai mac va be mac ngay ", closed) || otherEnd(" hoi thi be mac ngay ", closed) {
		t.Error("the closing day does not answer a question about the closing")
	}
}

// TestEventsOfTheMonthsAsked: "giao ban tháng 5 ngày nào" is not answered by the meeting of
// 25 April; a span that reaches into May is May's too.
func TestEventsOfTheMonthsAsked(t *testing.T) {
	april := loa.EventCandidate{Date: "2025-04-25"}
	if inMonths(april, []int{5}) || !inMonths(april, []int{4}) || !inMonths(april, nil) {
		t.Error("an event of 25 April is April's alone")
	}
	if !inMonths(loa.EventCandidate{Date: "2025-04-28", EndDate: "2025-05-02"}, []int{5}) {
		t.Error("a span from April into May is May's too")
	}
}

// TestThisYearCoversTheYearAsked: "Lễ giao quân năm nay diễn ra vào ngày 21-2" of a page of
// 2019 covers "năm 2019" as well as one that writes it.
func TestThisYearCoversTheYearAsked(t *testing.T) {
	q := Query{Terms: []string{"giao", "quan", "2019"}}
	df := map[string]int{"giao": 10, "quan": 10, "2019": 2}
	row := rowText{body: " le giao quan nam nay dien ra vao ngay 21 2 "}
	of2019, of2020 := time.Date(2019, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC)
	if got := coverage(weigh(q, df, 100), row, of2019); got < 0.99 {
		t.Errorf("a row of 2019 covers %.2f of a question about 2019, want all", got)
	}
	if got := coverage(weigh(q, df, 100), row, of2020); got > 0.9 {
		t.Errorf("a row of 2020 covers %.2f of a question about 2019", got)
	}
}

// TestYearsOfARow: an anniversary's span ("22/12/1944-22/12/2024") does not make a row of
// 2024, and "năm học 2026-2027" is not answered by a row of "năm học 2025-2026".
func TestYearsOfARow(t *testing.T) {
	n := NewNormaliser(nil)
	ask := func(q string) Query {
		words := strings.Fields(n.Normalise(q))
		return Query{Terms: words, Seq: words}
	}
	for _, c := range []struct {
		q, body string
		want    bool
	}{
		{"hoi thao nam 2024 o dau", "34 nam ngay hoi quoc phong toan dan 22 12 1989 22 12 2023 va huong toi 80 nam 22 12 1944 22 12 2024", false},
		{"hoi thao nam 2024 o dau", "ngay 20 12 2024 huyen khai mac hoi thao", true},
		{"hoi nghi nam hoc 2026 2027 o dau", "hoi nghi lien ket giao duc quoc phong nam hoc 2025 2026", false},
		{"hoi nghi nam hoc 2025 2026 o dau", "hoi nghi lien ket giao duc quoc phong nam hoc 2025 2026", true},
		{"hoi nghi nam 2026 o dau", "hoi nghi lien ket giao duc quoc phong nam hoc 2025 2026", true},
	} {
		if got := ofYears(ask(c.q), loa.SearchRow{Body: c.body}); got != c.want {
			t.Errorf("%q of %q: %v, want %v", c.body, c.q, got, c.want)
		}
	}
}

// TestShareIsNoCount: "đạt 98,6%" says a share, which answers "bao nhiêu phần trăm" but counts
// no one; "%" is read "phần trăm", as officials ask it.
func TestShareIsNoCount(t *testing.T) {
	n := NewNormaliser(nil)
	sentence := " " + n.Normalise("Tỷ lệ thanh niên đến khám đạt 98,6% chỉ tiêu.") + " "
	count, share := Query{}, Query{}
	count.askFacts("có bao nhiêu thanh niên đến khám", n.Normalise("có bao nhiêu thanh niên đến khám"))
	share.askFacts("bao nhiêu % thanh niên đến khám", n.Normalise("bao nhiêu % thanh niên đến khám"))
	if carriesFact(count, withoutShares(sentence)) {
		t.Errorf("a share answered a count: %q", withoutShares(sentence))
	}
	if !share.AskShare || !carriesFact(share, sentence) {
		t.Errorf("a share did not answer a share asked with %%: %+v", share)
	}
}

// TestLabelAskedByName: "mang mật danh gì" is answered by a row that names the code name, not
// by one that says when the drill was; "được đánh giá loại gì" asks a grade.
func TestLabelAskedByName(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	var q Query
	q.askFacts("", n.Normalise("Cuộc diễn tập chiến đấu xã Tân Văn năm 2023 mang mật danh gì?"))
	if q.AskLabel != "mat danh" || carriesFact(q, norm("Trong 2 ngày 7 và 8 tháng 11 năm 2023, tại xã Tân Văn, Ban chỉ đạo tổ chức diễn tập.")) ||
		!carriesFact(q, norm("Cuộc diễn tập KVPT huyện Phú Hòa năm 2022 mang mật danh “PH-22” đã hoàn thành.")) {
		t.Errorf("a code name is told from a day wrongly (label %q)", q.AskLabel)
	}
	var grade Query
	grade.askFacts("", n.Normalise("Diễn tập xã Mường Phăng được Ban Chỉ đạo đánh giá loại gì?"))
	if !grade.AskGrade || carriesFact(grade, norm("Ngày 19/4, Ban Chỉ đạo đã chỉ đạo xã Mường Phăng diễn tập.")) {
		t.Error("a question about the grade given is answered by a row that gives none")
	}
}

// TestPrizesGradesAndStatesSaidOfTheirOwn: "đạt giải gì" is answered by a placing, not by
// wishes of good results; the merit of those commended is no grade of the drill; a state of
// those counted is said close to its count.
func TestPrizesGradesAndStatesSaidOfTheirOwn(t *testing.T) {
	n := NewNormaliser(nil)
	norm := func(s string) string { return " " + n.Normalise(s) + " " }
	var prize Query
	prize.askFacts("", n.Normalise("đoàn Cần Thơ đạt giải gì tại hội thao quốc phòng"))
	if !prize.AskPrize || carriesFact(prize, norm("Lãnh đạo trao quà động viên để các vận động viên đạt kết quả cao nhất.")) ||
		!carriesFact(prize, norm("Đoàn Cần Thơ đạt giải nhì toàn đoàn.")) {
		t.Error("a prize asked is told from good wishes wrongly")
	}
	var grade Query
	grade.askFacts("", n.Normalise("diễn tập xã Hồng Tiến 2019 đạt loại gì"))
	if carriesFact(grade, norm("Kết thúc buổi diễn tập, Ban tổ chức đã khen thưởng cho 5 cá nhân hoàn thành xuất sắc nhiệm vụ.")) ||
		!carriesFact(grade, norm("Cuộc diễn tập được Ban chỉ đạo đánh giá đạt loại giỏi.")) {
		t.Error("the merit of those commended is read as the drill's grade")
	}
	if saysStatus(norm("Hội đồng đã khám sơ tuyển cho 160 thanh niên trên địa bàn, qua đó sẽ chọn các thanh niên đạt sức khỏe."), "dat suc khoe") ||
		!saysStatus(norm("Kết quả có 722 thanh niên đạt sức khỏe lên huyện khám tuyển."), "dat suc khoe") {
		t.Error("a state of those counted is not read where its count is")
	}
	if !venueAsk.MatchString(n.Normalise("bắn đạn thật tổ chức ở thao trường nào")) || saysWhere(norm("Mỗi người bắn 3 viên ở tư thế nằm.")) {
		t.Error("which range is not asked as where, or a stance is read as a venue")
	}
}
