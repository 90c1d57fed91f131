package search

import (
	"slices"
	"testing"

	"github.com/loa-vn/loa/adminunits"
)

// TestWhatAPageSaysAroundASentence: a page's reader count is neither a sentence nor its
// context; the address says the title a page's text lost, without its number or posting day;
// a sentence opening with "Kết quả" or pointing back with "này" carries on the one before.
func TestWhatAPageSaysAroundASentence(t *testing.T) {
	for _, line := range []string{"• Lượt xem: 2124 lượt xem", "Số lượt xem: 35", "Lượt truy cập 1.204"} {
		if !counterLine.MatchString(line) {
			t.Errorf("%q is not read as the page's reader count", line)
		}
	}
	if counterLine.MatchString("Lượt kiểm tra thứ hai có 30 chiến sĩ tham gia.") {
		t.Error("a sentence about a round of checks is read as a reader count")
	}
	for address, want := range map[string]string{
		"https://anminh.kiengiangportal.gov.vn/chuong-trinh-van-nghe-hoi-trai-tong-quan-nam-2025": "chuong trinh van nghe hoi trai tong quan nam 2025",
		"http://cuuchienbinh.vn/lap-vo-lam-theo-guong-bac-10-05-2012/":                            "lap vo lam theo guong bac",
		"https://songdoc.camau.gov.vn/van-hoa-xa-hoi/trao-lenh-goi-nhap-ngu-nam-2025-120129":      "trao lenh goi nhap ngu nam 2025",
		"http://vietyen.bacgiang.gov.vn/node/4498":                                                "",
		"::not an address": "",
	} {
		if got := slugWords(address); got != want {
			t.Errorf("slugWords(%q) = %q, want %q", address, got, want)
		}
	}
	for sentence, want := range map[string]bool{
		"Kết quả có 84% đạt khá, giỏi; đơn vị được xếp loại giỏi.": true,
		"Lần kiểm tra cụm số 1 này cũng phục vụ mục đích đó.":      true,
		"Sáu xã tham gia gồm Vân Hà, Tiên Sơn và Thượng Lan.":      true,
		"Năm nay, huyện có 187 thanh niên nhập ngũ.":               false,
		"Sáng ngày 18/4, Ban CHQS huyện kiểm tra bắn đạn thật.":    false,
		"Đây là nhiệm vụ quan trọng, đồng chí đề nghị các xã cần…": false,
	} {
		if continues(sentence) != want {
			t.Errorf("continues(%q) = %v", sentence, !want)
		}
	}
}

// TestCadresAreNoTask: "cán bộ" folds like "cần bộ", and a sentence about cadres appointed
// sets no one a task; "cán bộ cần …" does.
func TestCadresAreNoTask(t *testing.T) {
	n := NewNormaliser(nil)
	row := func(s string) rowText { return rowText{body: " " + n.Normalise(s) + " "} }
	if setsTask(row("Theo các quyết định này, 69 cán bộ của Bộ CHQS tỉnh được điều động, bổ nhiệm làm chỉ huy trưởng."), false) {
		t.Error("a sentence naming cadres is read as setting a task")
	}
	if !setsTask(row("Các cán bộ cần ra sức học tập, nâng cao trình độ."), false) {
		t.Error("a sentence saying what cadres need to do is not read as a task")
	}
	attended := rowText{body: " " + n.Normalise("toàn thể cán bộ, chiến sĩ Công an xã, đại diện các ban, ngành, đoàn thể") + " ",
		addressee: " " + n.Normalise("Tham dự có đồng chí Trưởng Công an xã") + " "}
	if setsTask(attended, false) {
		t.Error("a clause of a list of who attended is read as a task")
	}
	attended.addressee = " " + n.Normalise("Đồng chí đề nghị các xã, phường rà soát nguồn") + " "
	if !setsTask(attended, false) {
		t.Error("a clause carrying on a request is not read as a task")
	}
}

// TestCountedAreWhatTheyAre: "bao nhiêu thanh niên nhập ngũ … là đảng viên" counts the party
// members among the recruits, and "số lượng … là bao nhiêu" asks no state at all.
func TestCountedAreWhatTheyAre(t *testing.T) {
	n := NewNormaliser(nil)
	for question, want := range map[string]string{
		"bao nhieu thanh nien nhap ngu cua tan bien la dang vien":    "dang vien",
		"Số lượng thanh niên nhập ngũ năm 2025 của xã là bao nhiêu?": "nhap ngu",
		"bao nhiêu thanh niên trúng tuyển nghĩa vụ quân sự":          "trung tuyen",
	} {
		if got := countStatus(n.Normalise(question)); got != want {
			t.Errorf("countStatus(%q) = %q, want %q", question, got, want)
		}
	}
	if n.Normalise("kết nạp vào LLDQTV") != "ket nap vao luc luong dan quan tu ve" {
		t.Error("LLDQTV is not read as the militia and self-defence force")
	}
}

// TestMisreadPlaceIsDropped: "xã mới bổ nhiệm" reads as "xã Mới Bổ", which neither the
// national list nor any row knows: the question is asked without it. A listed place no row
// names is kept, and leaves the question unanswered.
func TestMisreadPlaceIsDropped(t *testing.T) {
	s := New(nil, nil).WithPlaceNames(adminunits.PlaceNames())
	rows := []rowText{{body: " chu dong lien he cap uy chinh quyen dia phuong ", title: " ha tinh cong bo quyet dinh "}}
	got := s.withoutMisread([]string{"moi bo", "ha tinh", "van ninh"}, rows)
	if !slices.Equal(got, []string{"ha tinh", "van ninh"}) {
		t.Errorf("places kept: %q, want ha tinh and van ninh", got)
	}
}

// TestUnitNumberedAFewWordsOn: "cụm huấn luyện số 5" is "cụm 5", not "cụm 6", and "cụm 2 xã
// 5 thôn" is no "cụm 5".
func TestUnitNumberedAFewWordsOn(t *testing.T) {
	n := NewNormaliser(nil)
	row := func(s string) rowText { return rowText{body: " " + n.Normalise(s) + " "} }
	if !saysUnit("cum 5", row("Huấn luyện tại xã Đất Bằng, cụm huấn luyện số 5.")) || saysUnit("cum 6", row("tại cụm huấn luyện số 5")) ||
		saysUnit("cum 5", row("Cụm 2 gồm 5 thôn.")) || !saysUnit("khu vuc 3", row("Ban Chỉ huy phòng thủ khu vực 3")) {
		t.Error("a numbered unit is read wrongly")
	}
}

// TestShareOfWhatIsAsked: "tỷ lệ khá, giỏi … là bao nhiêu" is answered by "70,3% đạt khá,
// giỏi", which never says "tỷ lệ".
func TestShareOfWhatIsAsked(t *testing.T) {
	n := NewNormaliser(nil)
	q := n.Normalise("Tỷ lệ khá, giỏi của dân quân tại chỗ năm 2025 là bao nhiêu?")
	body := " " + n.Normalise("Kết thúc huấn luyện, 100% đạt yêu cầu, trong đó có 70,3% đạt khá, giỏi.") + " "
	if subject, rest := subjectOf(q), subjectRest(q); !hasPhrase(body, subject) || !saysAll(body, rest) {
		t.Errorf("subject %q and %q are not said by the share", subject, rest)
	}
}

// TestProvinceCountIsNoDistricts: "huyện Xuân Trường … bao nhiêu" is not answered by what
// "toàn tỉnh" counts; a question of the province is.
func TestProvinceCountIsNoDistricts(t *testing.T) {
	s := New(nil, nil).WithPlaceNames(adminunits.PlaceNames())
	if !s.namesLowerPlace([]string{"xuan truong"}) || s.namesLowerPlace([]string{"nam dinh"}) || New(nil, nil).namesLowerPlace([]string{"xuan truong"}) {
		t.Error("a district is told from a province wrongly")
	}
	if !widerWhole(" toan tinh da hoan thanh ban giao 2 600 thanh nien ") || widerWhole(" toan thanh pho co hon 800 thanh nien ") {
		t.Error("a province's count is told from a city's wrongly")
	}
}
