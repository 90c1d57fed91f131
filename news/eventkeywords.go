package news

import "github.com/loa-vn/loa"

// eventKeywords are matched on folded text; the first listed that matches at a position wins.
var eventKeywords = []struct {
	kind   string
	phrase string
}{
	{loa.EventShootingContest, "hoi thi ban sung"},
	{loa.EventShootingContest, "hoi thao ban sung"},
	{loa.EventShootingContest, "ban sung quan dung"},
	{loa.EventSportsContest, "hoi thao"},
	// A sports tournament: "Giải thể thao chào mừng …", "giải thi đấu thể thao giữa các đơn vị".
	{loa.EventSportsContest, "giai the thao"},
	{loa.EventSportsContest, "giai thi dau"},
	{loa.EventSportsContest, "giai bong da"}, // "Giải bóng đá nam 7 người chào mừng 22/12"
	// A games of many sports, not an assembly: "Đại hội Thể dục Thể thao tỉnh lần thứ VI".
	{loa.EventSportsContest, "dai hoi the duc the thao"},
	{loa.EventSportsContest, "dai hoi tdtt"},
	{loa.EventSportsContest, "ngay chay olympic"}, // "Ngày chạy Olympic vì sức khỏe toàn dân"
	{loa.EventEnlistment, "giao nhan quan"},
	{loa.EventEnlistment, "le giao quan"},
	// The hand-over by its day, where "giao quân" alone is also a quota ("chỉ tiêu giao quân")
	// or a count ("giao quân 07/07 thanh niên"): "Dự kiến giao quân từ ngày 25/02 – 29/2/2024".
	{loa.EventEnlistment, "giao quan tu ngay"},
	{loa.EventEnlistment, "giao quan vao ngay"},
	{loa.EventEnlistment, "giao quan ngay"},
	{loa.EventEnlistment, "giao, nhan quan"}, // "Lễ giao, nhận quân"
	// The pair joined by a dash, as newsrooms often write it: "tổ chức giao - nhận quân đợt đầu".
	{loa.EventEnlistment, "giao - nhan quan"},
	{loa.EventEnlistment, "le giao, nhan cong dan"}, // "lễ giao, nhận công dân nhập ngũ"
	{loa.EventEnlistment, "le giao nhan cong dan"},
	{loa.EventEnlistment, "giao – nhan quan"},
	{loa.EventEnlistment, "giao-nhan quan"},
	{loa.EventEnlistment, "len duong nhap ngu"},
	// The hand-over day as the people call it: "ngày hội tòng quân năm 2026 bắt đầu từ 4 đến
	// ngày 5/3", "ngày hội giao quân".
	{loa.EventEnlistment, "ngay hoi tong quan"},
	{loa.EventEnlistment, "ngay hoi giao quan"},
	{loa.EventEnlistment, "len duong thuc hien nghia vu quan su"},
	{loa.EventMedicalExam, "kham tuyen"},
	{loa.EventMedicalExam, "kham suc khoe nghia vu"},
	{loa.EventMedicalExam, "kham suc khoe nvqs"},
	{loa.EventRecruitment, "kham so tuyen"},
	{loa.EventRecruitment, "so tuyen nghia vu"},
	{loa.EventRecruitment, "tuyen quan"},
	{loa.EventRecruitment, "phat lenh"},
	{loa.EventRecruitment, "trao lenh"},           // "trao lệnh gọi công dân đi khám sức khỏe"
	{loa.EventRecruitment, "trao quyet dinh goi"}, // "Lễ trao quyết định gọi công dân nhập ngũ"
	{loa.EventRecruitment, "tuyen sinh quan su"},
	{loa.EventRecruitment, "giao chi tieu"},
	{loa.EventMedicalExam, "so tuyen suc khoe"},
	{loa.EventMedicalExam, "vong kham suc khoe"},
	{loa.EventMedicalExam, "kham suc khoe lan"},
	{loa.EventMedicalExam, "kham suc khoe cho thanh nien"}, // "tiến hành khám sức khỏe cho thanh niên đủ điều kiện"
	{loa.EventMedicalExam, "to chuc kham suc khoe"},        // "Thời gian tổ chức khám sức khỏe (từ ngày 22-11 đến 8-12-2021)"
	{loa.EventRecruitment, "han nop ho so"},
	{loa.EventRecruitment, "dang ky nghia vu quan su"},
	// The public review of who is called ("bình nghị Nghĩa vụ quân sự lần 1 công khai ra dân").
	{loa.EventRecruitment, "binh nghi nghia vu"},
	{loa.EventRecruitment, "binh nghi lan"},
	{loa.EventRecruitment, "binh nghi cong khai"},
	{loa.EventRecruitment, "binh nghi nvqs"}, // "bình nghị NVQS lần 1"
	// Checking again who is of age to serve: "phúc tra nắm nguồn", "đoàn kiểm tra, phúc tra".
	{loa.EventRecruitment, "phuc tra"},
	// The commune's steps between the examination and the hand-over.
	{loa.EventRecruitment, "xet duyet chinh tri"},
	{loa.EventRecruitment, "phe duyet danh sach"},
	{loa.EventRecruitment, "lenh goi nhap ngu"},
	{loa.EventRecruitment, "dang ky nvqs"},
	{loa.EventDrill, "dien tap"},
	{loa.EventTraining, "ra quan huan luyen"},
	{loa.EventTraining, "lop boi duong"},
	{loa.EventTraining, "lop tap huan"},
	{loa.EventTraining, "lop huan luyen"},
	{loa.EventTraining, "lop cap nhat"}, // "Lớp cập nhật bồi dưỡng kiến thức quốc phòng"
	{loa.EventTraining, "khoa huan luyen"},
	{loa.EventTraining, "tap huan cho"}, // "Trường Quân sự tỉnh đã tập huấn cho 45 cán bộ"
	{loa.EventTraining, "ban dan that"},
	{loa.EventTraining, "hoi nghi tap huan"},
	{loa.EventTraining, "tap huan"},
	{loa.EventTraining, "huan luyen"},
	// A ceremony or gathering is its own event, not a meeting: "Lễ công bố quyết định thành lập
	// chi bộ", "gặp mặt tân binh", "họp mặt thanh niên nhập ngũ".
	{loa.EventOther, "le cong bo"},
	{loa.EventOther, "gap mat"},
	// Admitting new militiamen and launching a force: "lễ kết nạp dân quân mới", "Lễ ra mắt
	// Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở".
	{loa.EventOther, "le ket nap"},
	// The people's festivals: "Ngày hội Toàn dân bảo vệ an ninh Tổ quốc", "Ngày hội Quốc phòng
	// toàn dân".
	{loa.EventOther, "ngay hoi toan dan"},
	{loa.EventOther, "ngay hoi quoc phong toan dan"},
	{loa.EventOther, "le giai ngach"}, // "Lễ giải ngạch và kết nạp mới Dân quân": the old leave, the new join
	{loa.EventOther, "le tuyen the"},  // recruits' oath
	{loa.EventOther, "le ra mat"},
	// A camp for the recruits and the welcome of those called: "Hội trại tòng quân năm 2026",
	// "chương trình đón thanh niên trúng tuyển".
	{loa.EventOther, "hoi trai"},
	{loa.EventOther, "chuong trinh don"},
	// An inspection visit: "đoàn công tác kiểm tra công tác sẵn sàng chiến đấu".
	{loa.EventOther, "kiem tra cong tac"},
	// A council's oversight visit: "tiến hành giám sát chuyên đề về thi hành Luật NVQS".
	{loa.EventOther, "giam sat chuyen de"},
	{loa.EventOther, "tien hanh giam sat"},
	{loa.EventOther, "doan giam sat"},
	// A visit with gifts to recruits or soldiers' families: "thăm, tặng quà", "thăm hỏi, động
	// viên và tặng 10 suất quà", "đến tặng quà cho 147 gia đình".
	{loa.EventOther, "tham, tang qua"},
	{loa.EventOther, "tham hoi, tang qua"},
	{loa.EventOther, "tham va tang qua"},
	{loa.EventOther, "tham hoi va tang qua"},
	{loa.EventOther, "tham hoi, dong vien va tang"},
	{loa.EventOther, "tang qua cho"},
	// A visit to congratulate: "đã đến thăm, chúc mừng cán bộ, chiến sĩ Bộ CHQS tỉnh".
	{loa.EventOther, "tham, chuc mung"},
	{loa.EventOther, "tham va chuc mung"},
	{loa.EventOther, "den tham thanh nien"}, // "đến thăm thanh niên trúng tuyển nghĩa vụ quân sự"
	{loa.EventOther, "den tham cac tan binh"},
	{loa.EventOther, "hop mat"},
	{loa.EventMeeting, "hoi nghi"},
	{loa.EventMeeting, "buoi lam viec"},
	{loa.EventMeeting, "dai hoi"},
	{loa.EventMeeting, "so ket"},
	{loa.EventMeeting, "tong ket"},
	{loa.EventMeeting, "giao ban"},
	{loa.EventMeeting, "hoi dam"}, // border posts' talks: "hội đàm giữa các đồn Biên phòng"
	// A talk to the recruits or the people: "tổ chức tuyên truyền Luật Nghĩa vụ quân sự cho 20
	// thanh niên trúng tuyển". Without a day, as a task's "tổ chức tuyên truyền" is, it is dropped.
	{loa.EventMeeting, "to chuc tuyen truyen"},
	{loa.EventMeeting, "cuoc hop"},
	{loa.EventMeeting, "dien dan"}, // a forum: "diễn đàn lắng nghe ý kiến nhân dân"
	{loa.EventMeeting, "hop"},      // "họp", never "hợp" (see spelled)
	// A unit or a body starting work: "chính thức hoạt động từ ngày 1/7/2025", "126 xã, phường
	// mới đi vào hoạt động", "mô hình công an 3 cấp chính thức vận hành từ ngày 1/3/2025".
	{loa.EventOther, "chinh thuc hoat dong"},
	{loa.EventOther, "di vao hoat dong"},
	{loa.EventOther, "chinh thuc van hanh"},
	{loa.EventOther, "van hanh bo may"}, // "từ ngày 1/7/2025 vận hành bộ máy mới"
	{loa.EventOther, "le ra quan"},
	{loa.EventOther, "ra quan"},
	{loa.EventOther, "dot cao diem"},
	{loa.EventOther, "dot thi dua"}, // a campaign: "đợt thi đua đặc biệt diễn ra từ ngày 01/10 đến 31/12"
	{loa.EventOther, "le phat dong"},
	{loa.EventOther, "le cong bo"},   // "Lễ công bố các nghị quyết, quyết định" of a new commune's founding
	{loa.EventOther, "hoi thi trai"}, // a camp contest ("hội thi trại đẹp"), no sport
	{loa.EventOther, "hoi trai"},
	// A contest of knowledge is no sport: "Hội thi Pháp luật về Dân quân tự vệ".
	{loa.EventOther, "hoi thi phap luat"},
	{loa.EventOther, "hoi thi tim hieu"},
	{"contest", "hoi thi"}, // the contest the article is about, see resolveContest
}
