package news

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

// TestProseDirectives: the forms of directives written as prose, each as a portal writes it.
func TestProseDirectives(t *testing.T) {
	type task struct{ addressee, item string }
	for _, c := range []struct {
		name  string
		text  []string
		tasks []task
	}{
		{"a speaker's request to several addressees",
			[]string{"Phát biểu chỉ đạo, đồng chí Phó Chủ tịch UBND huyện đề nghị các thành viên Ban Tổ chức và các tiểu ban bám sát kế hoạch, chuẩn bị chu đáo các điều kiện."},
			[]task{{"các thành viên Ban Tổ chức và các tiểu ban", "bám sát kế hoạch"}}},
		{"two addressees in one sentence",
			[]string{"Yêu cầu các địa phương cử vận động viên đúng thành phần; Ban tổ chức, ban giám khảo làm việc công tâm, khách quan."},
			[]task{{"các địa phương", "cử vận động viên đúng thành phần"}, {"Ban tổ chức", "làm việc công tâm"}, {"ban giám khảo", "làm việc công tâm"}}},
		{"sentences that each start with their agency",
			[]string{"Chủ tịch UBND huyện yêu cầu Hội đồng NVQS huyện rà soát nguồn. Ban Chỉ huy Quân sự huyện chuẩn bị chu đáo lực lượng, phương tiện. Công an huyện xây dựng phương án bảo đảm an ninh trật tự."},
			[]task{{"Hội đồng NVQS huyện", "rà soát nguồn"}, {"Ban Chỉ huy Quân sự huyện", "chuẩn bị chu đáo lực lượng"}, {"Công an huyện", "xây dựng phương án"}}},
		{"a council's standing members after a time clause",
			[]string{"Kết luận Hội nghị, đồng chí Chủ tịch Hội đồng NVQS Phường 3 yêu cầu sau khi xét duyệt, Thường trực hội đồng NVQS Phường hoàn thiện các loại thủ tục và hồ sơ của từng thanh niên cho đúng yêu cầu."},
			[]task{{"Thường trực hội đồng NVQS Phường", "hoàn thiện các loại thủ tục và hồ sơ của từng thanh niên"}}},
		{"clauses after a semicolon carry the addressee",
			[]string{"Đồng chí Chỉ huy trưởng đề nghị Ban CHQS các xã, thị trấn nắm chắc nguồn; tuyên truyền sâu rộng Luật Nghĩa vụ quân sự; Hội đồng NVQS các xã phát lệnh đúng thời gian."},
			[]task{{"Ban CHQS các xã, thị trấn", "nắm chắc nguồn"}, {"Ban CHQS các xã, thị trấn", "tuyên truyền sâu rộng"}, {"Hội đồng NVQS các xã", "phát lệnh đúng thời gian"}}},
		{"families and citizens that need to do something",
			[]string{"Thực hiện nghĩa vụ quân sự là trách nhiệm của mỗi công dân … Những công dân đến tuổi tham gia nghĩa vụ quân sự cần thực hiện tinh thần trách nhiệm của mình.", "Trước yêu cầu của đất nước hiện nay, mỗi gia đình cần động viên, giáo dục con em mình tích cực tham gia nghĩa vụ quân sự."},
			[]task{{"Những công dân đến tuổi tham gia nghĩa vụ quân sự", "thực hiện tinh thần trách nhiệm"}, {"mỗi gia đình", "động viên, giáo dục con em mình"}}},
		{"a continuation without a subject",
			[]string{"Ban Chỉ huy Phòng thủ khu vực 2 yêu cầu các xã, phường hoàn thành đăng ký trước ngày 30/4.", "Tăng cường kiểm tra, đôn đốc cơ sở."},
			[]task{{"các xã, phường", "hoàn thành đăng ký"}, {"các xã, phường", "Tăng cường kiểm tra"}}},
		{"a trigger's colon before prose, not a list",
			[]string{"Phát biểu chỉ đạo, đồng chí Chủ tịch UBND xã giao nhiệm vụ cụ thể như sau:", "Ban CHQS xã chuẩn bị giáo án, học cụ theo quy định. Công an xã bảo đảm an ninh trật tự khu vực huấn luyện."},
			[]task{{"Ban CHQS xã", "chuẩn bị giáo án, học cụ"}, {"Công an xã", "bảo đảm an ninh trật tự"}}},
		{"a body's duties, one a line with no marker",
			[]string{"Theo đó, Ban Chỉ huy quân sự cấp xã thực hiện các chức năng, nhiệm vụ sau:", "Tham mưu cho cấp ủy, chính quyền cấp xã lãnh đạo nhiệm vụ quốc phòng.", "Chủ trì, phối hợp với các ban, ngành xây dựng kế hoạch công tác quốc phòng.", "Lực lượng dân quân được huấn luyện hằng năm."},
			[]task{{"Ban Chỉ huy quân sự cấp xã", "Tham mưu cho cấp ủy"}, {"Ban Chỉ huy quân sự cấp xã", "Chủ trì, phối hợp"}}},
		{"a body's duties as bullets",
			[]string{"Công an xã có nhiệm vụ:", "- Nắm chắc tình hình an ninh, trật tự trên địa bàn;", "- Tuần tra, kiểm soát bảo đảm trật tự công cộng."},
			[]task{{"Công an xã", "Nắm chắc tình hình"}, {"Công an xã", "Tuần tra, kiểm soát"}}},
		{"duties named after their owner",
			[]string{"4. Nhiệm vụ của Ban Chỉ huy Phòng thủ dân sự cấp xã:", "a) Tham mưu giúp Ủy ban nhân dân cấp xã thực hiện nhiệm vụ phòng thủ dân sự;", "b) Xây dựng kế hoạch phòng thủ dân sự của địa phương."},
			[]task{{"Ban Chỉ huy Phòng thủ dân sự cấp xã", "Tham mưu giúp Ủy ban nhân dân"}, {"Ban Chỉ huy Phòng thủ dân sự cấp xã", "Xây dựng kế hoạch"}}},
		{"a subjectless step that opens with a trigger's verb",
			[]string{"Bộ Quốc phòng cũng giao cho các địa phương kiện toàn Hội đồng NVQS cấp xã. Phân công nhiệm vụ, xác định rõ trách nhiệm của từng thành viên."},
			[]task{{"các địa phương", "kiện toàn Hội đồng NVQS"}, {"các địa phương", "Phân công nhiệm vụ"}}},
		{"a plan's steps that open with their days",
			[]string{"UBND huyện vừa ban hành Kế hoạch tuyển chọn, gọi công dân nhập ngũ năm 2020.", "Theo kế hoạch, từ ngày 1/7 - 15/8/2019 các thôn tiến hành rà soát nguồn và tổ chức họp xét duyệt; từ ngày 20/8 - 15/9/2019 các xã rà soát thực lực và tiến hành họp Hội đồng NVQS xã."},
			[]task{{"các thôn", "tiến hành rà soát nguồn"}, {"các xã", "rà soát thực lực và tiến hành họp Hội đồng NVQS xã"}}},
		{"a wish names whom it asks",
			[]string{"Đồng chí mong muốn các tân binh phát huy truyền thống quê hương, rèn luyện tốt trong môi trường quân đội."},
			[]task{{"các tân binh", "phát huy truyền thống quê hương"}}},
		{"a place whose name folds like a report's 'đã'",
			[]string{"Đồng chí đề nghị Công an thành phố Đà Nẵng tăng cường tuần tra, kiểm soát trong dịp giao quân."},
			[]task{{"Công an thành phố Đà Nẵng", "tăng cường tuần tra"}}},
		{"athletes are addressees too",
			[]string{"Trưởng ban tổ chức đề nghị các vận động viên chấp hành nghiêm điều lệ, thi đấu trung thực."},
			[]task{{"các vận động viên", "chấp hành nghiêm điều lệ"}}},
		{"the party committee and the people's committee asked together",
			[]string{"Đồng chí đề nghị Huyện ủy, UBND huyện Phú Bình tập trung lãnh đạo công tác chuẩn bị diễn tập; huy động lực lượng, phương tiện đúng kế hoạch."},
			[]task{{"Huyện ủy, UBND huyện Phú Bình", "tập trung lãnh đạo"}, {"Huyện ủy, UBND huyện Phú Bình", "huy động lực lượng"}}},
		{"a standing body and its chain of tasks",
			[]string{"UBND huyện giao Ban CHQS huyện là cơ quan thường trực, chủ trì phối hợp với các cơ quan liên quan xây dựng kế hoạch diễn tập; hướng dẫn các xã chuẩn bị văn kiện; tổng hợp, báo cáo kết quả về UBND huyện."},
			[]task{{"Ban CHQS huyện là cơ quan thường trực", "chủ trì phối hợp"}, {"Ban CHQS huyện là cơ quan thường trực", "hướng dẫn các xã chuẩn bị văn kiện"}, {"Ban CHQS huyện là cơ quan thường trực", "tổng hợp, báo cáo kết quả"}}},
		{"a body whose name holds a trigger",
			[]string{"Ban Chỉ đạo giao Ban CHQS huyện chủ trì hoàn thiện hệ thống văn kiện diễn tập; tổng hợp, báo cáo kết quả trước ngày 30/9."},
			[]task{{"Ban CHQS huyện", "chủ trì hoàn thiện"}, {"Ban CHQS huyện", "tổng hợp, báo cáo kết quả"}}},
		{"a district asked as a whole after a colon",
			[]string{"Đồng chí Phó Chủ tịch UBND tỉnh yêu cầu: thời gian tới, huyện Phú Bình cần quan tâm bồi dưỡng các đối tượng tham gia diễn tập; tập trung chuẩn bị tốt các điều kiện."},
			[]task{{"huyện Phú Bình", "quan tâm bồi dưỡng"}, {"huyện Phú Bình", "tập trung chuẩn bị tốt"}}},
		{"a standing body in brackets",
			[]string{"Phó Chủ tịch UBND tỉnh yêu cầu Ban CHQS huyện (cơ quan thường trực) khẩn trương hoàn thiện văn kiện; tham mưu tổ chức tập huấn cho các thành phần."},
			[]task{{"Ban CHQS huyện (cơ quan thường trực)", "khẩn trương hoàn thiện văn kiện"}, {"Ban CHQS huyện (cơ quan thường trực)", "tham mưu tổ chức tập huấn"}}},
		{"one addressee after a colon, after what the request rests on",
			[]string{"Đại tá Lê Trọng Thủy đề nghị: căn cứ chỉ tiêu, tiêu chuẩn tuyển chọn, các đơn vị nhận quân phối hợp chặt chẽ với Bộ CHQS tỉnh; xây dựng lực lượng dự bị động viên vững mạnh."},
			[]task{{"các đơn vị nhận quân", "phối hợp chặt chẽ"}, {"các đơn vị nhận quân", "xây dựng lực lượng dự bị"}}},
		{"a request whose agency follows when it is for",
			[]string{"Phát biểu chỉ đạo, đồng chí Bí thư Đảng ủy xã đề nghị thời gian tới, Ban CHQS xã tiếp tục tham mưu tổ chức huấn luyện dân quân; Công an xã phối hợp giữ gìn an ninh trật tự."},
			[]task{{"Ban CHQS xã", "tiếp tục tham mưu"}, {"Công an xã", "phối hợp giữ gìn"}}},
		{"a request for the time ahead without a comma",
			[]string{"Đồng chí đề nghị thời gian tới các địa phương tiếp tục làm tốt công tác tuyên truyền."},
			[]task{{"các địa phương", "tiếp tục làm tốt công tác tuyên truyền"}}},
		{"recruits, militiamen and families are addressees too",
			[]string{"Đồng chí nhắc nhở các tân binh phát huy truyền thống quê hương. Đồng chí đề nghị gia đình và công dân chấp hành nghiêm lệnh gọi nhập ngũ."},
			[]task{{"các tân binh", "phát huy truyền thống"}, {"gia đình và công dân", "chấp hành nghiêm lệnh gọi"}}},
		{"agencies listed before their obligation",
			[]string{"Các cơ quan, đơn vị, tổ chức kinh tế, đoàn thể các cấp có trách nhiệm tạo điều kiện cho người lao động thực hiện nghĩa vụ quân sự."},
			[]task{{"Các cơ quan, đơn vị, tổ chức kinh tế, đoàn thể các cấp", "tạo điều kiện"}}},
		{"tasks after a colon inside the request, for the agency they open with",
			[]string{"Ông yêu cầu các cấp, các ngành tập trung thực hiện tốt một số nhiệm vụ: Hội đồng nghĩa vụ quân sự các xã tổ chức phát lệnh đúng thời gian; quản lý, nắm chắc số thanh niên nhận lệnh."},
			[]task{{"Hội đồng nghĩa vụ quân sự các xã", "tổ chức phát lệnh"}, {"Hội đồng nghĩa vụ quân sự các xã", "nắm chắc số thanh niên"}}},
		{"a list of agencies after a lead-in",
			[]string{"Theo đó, trên cơ sở chức năng nhiệm vụ, các phòng, ban, Trung tâm cần tham mưu cho UBND huyện tổ chức lễ kỷ niệm."},
			[]task{{"các phòng, ban, Trung tâm", "tham mưu cho UBND huyện"}}},
		{"an obligation after a comma",
			[]string{"Tuyển quân là nhiệm vụ chính trị quan trọng, các cơ quan, đơn vị cần phối hợp chặt chẽ."},
			[]task{{"các cơ quan, đơn vị", "phối hợp chặt chẽ"}}},
		{"a request to a regiment",
			[]string{"Đại tá Chỉ huy trưởng nhấn mạnh vai trò của công tác giáo dục; yêu cầu Trung đoàn 833, đội ngũ giáo viên và học viên quán triệt, tổ chức nghiêm túc lớp bồi dưỡng."},
			[]task{{"Trung đoàn 833", "tổ chức nghiêm túc lớp bồi dưỡng"}}},
		{"an appeal to the people",
			[]string{"Tại buổi lễ, UBND xã kêu gọi toàn thể Nhân dân đề cao tinh thần cảnh giác, tích cực tố giác tội phạm."},
			[]task{{"toàn thể Nhân dân", "đề cao tinh thần cảnh giác"}, {"toàn thể Nhân dân", "tích cực tố giác tội phạm"}}},
		{"an obligation after a speaker's verb and after a semicolon",
			[]string{"Phát biểu tại buổi gặp mặt, bà Bí thư Đảng ủy nhấn mạnh các tân binh cần giữ vững bản lĩnh chính trị; các đoàn thể cần thực hiện tốt công tác hậu phương quân đội."},
			[]task{{"các tân binh", "giữ vững bản lĩnh chính trị"}, {"các đoàn thể", "thực hiện tốt công tác hậu phương"}}},
		{"what a plan just told of sets",
			[]string{"Hội nghị đã triển khai kế hoạch phối hợp bảo đảm an ninh bầu cử. Theo đó, các lực lượng chức năng tập trung nắm chắc tình hình địa bàn; tăng cường công tác tuyên truyền."},
			[]task{{"các lực lượng chức năng", "nắm chắc tình hình địa bàn"}, {"các lực lượng chức năng", "tăng cường công tác tuyên truyền"}}},
		{"a plan's steps by their time, by whom they are left to, and by their deadline",
			[]string{"UBND thành phố đã ban hành công văn 3541/UBND-BCHQS ngày 31/5/2021 về việc phúc tra nguồn.",
				"Việc phúc tra do cơ quan quân sự, công an phường, xã chủ trì, phối hợp với các ban ngành lập danh sách nguồn công dân.",
				"Thời gian triển khai từ ngày 24/5 đến hết tháng 6/2021 các phường, xã tổ chức phúc tra. Thành phố tổ chức đoàn kiểm tra từ 01/7 đến 15/7/2021. Các phường, xã tổng hợp danh sách báo cáo về Ban CHQS thành phố trước ngày 20/7/2021."},
			[]task{{"cơ quan quân sự, công an phường, xã", "lập danh sách nguồn công dân"}, {"các phường, xã", "tổ chức phúc tra"}, {"Các phường, xã", "tổng hợp danh sách báo cáo"}}},
		{"a request of no one named, whose clause names an agency",
			[]string{"Đồng chí Phó Chủ tịch UBND huyện đề nghị cần tiếp tục tăng cường tuyên truyền; Các cơ quan đơn vị, các xã thị trấn tiến hành rút kinh nghiệm."},
			[]task{{"Các cơ quan đơn vị, các xã thị trấn", "tiến hành rút kinh nghiệm"}}},
		{"a speaker's words after a colon",
			[]string{"Đồng chí Văn Thị Bạch Tuyết, Chủ tịch UBND huyện phát biểu: Hội đồng nghĩa vụ quân sự xã, thị trấn phối hợp tốt với Hội đồng NVQS huyện."},
			[]task{{"Hội đồng nghĩa vụ quân sự xã, thị trấn", "phối hợp tốt với Hội đồng NVQS huyện"}}},
		{"a place asked as a whole",
			[]string{"Để cuộc diễn tập đạt kết quả tốt, đồng chí đề nghị huyện Vĩnh Linh cần tiếp tục quán triệt sâu sắc nội dung của cuộc diễn tập."},
			[]task{{"huyện Vĩnh Linh", "tiếp tục quán triệt sâu sắc nội dung"}}},
	} {
		ds := ExtractDirectives(c.text)
		for _, want := range c.tasks {
			found := false
			for _, d := range ds {
				if !strings.Contains(vntext.Fold(d.Addressee), vntext.Fold(want.addressee)) {
					continue
				}
				for _, it := range d.Items {
					found = found || strings.Contains(it, want.item)
				}
			}
			if !found {
				t.Errorf("%s: no %q for %q in %+v", c.name, want.item, want.addressee, ds)
			}
		}
	}
	// A place asked as a whole, however it is spaced, leaves its task whole.
	if ds := ExtractDirectives([]string{"Đồng chí đề nghị huyện  Lâm Bình cần tập trung quán triệt nhiệm vụ diễn tập."}); len(ds) != 1 || len(ds[0].Items) == 0 || !strings.HasPrefix(ds[0].Items[0], "cần tập trung") {
		t.Errorf("the place's task: %+v", ds)
	}
	// Reports of what was done, and sentences that start with an agency but follow no request,
	// assign nothing.
	for _, text := range [][]string{
		{"Ban CHQS huyện đã tổ chức hội thao thành công tốt đẹp."},
		{"Sáng 12/3, Công an huyện tổ chức lễ ra quân. Ban CHQS xã báo cáo kết quả thực hiện nhiệm vụ."},
		{"Đồng chí Chủ tịch phát biểu chỉ đạo, định hướng các nhiệm vụ trọng tâm."},
		// "cần thiết" is needed, not a need; an addressee never runs across a ";".
		{"Môn học giúp học sinh hiểu về lực lượng vũ trang nhân dân; có kiến thức cơ bản, cần thiết về phòng thủ dân sự; sẵn sàng thực hiện nghĩa vụ quân sự."},
		// "được giao lưu" is an exchange, not a task handed out.
		{"Các cán bộ, giáo viên còn được giao lưu với giảng viên về những vấn đề ở cơ sở."},
		// "giao ban" is a briefing, not a task handed to a board.
		{"Chiều 25-4, Bộ Tư lệnh Thủ đô tổ chức hội nghị giao ban công tác tháng 4."},
		// Days opening a sentence report what was done, unless a plan issued lists its steps.
		{"Từ ngày 2 đến 12/12, Ban CHQS huyện tổ chức giải thể thao chào mừng ngày thành lập Quân đội."},
		{"Theo kế hoạch, từ ngày 15 đến hết ngày 25/10/2018, các xã, phường tổ chức khám sơ tuyển cho thanh niên."},
		// A sentence with no subject goes on with the report before it.
		{"Hội đồng NVQS thành phố đã chỉ đạo các xã, phường làm tốt công tác tuyên truyền. Phân công các thành viên Hội đồng phụ trách từng địa bàn."},
		// A gathering is never an addressee: "chỉ đạo Hội nghị, Thiếu tướng … nhấn mạnh …".
		{"Phát biểu chỉ đạo Hội nghị, Thiếu tướng Phạm Văn Đông nhấn mạnh việc tổ chức lại Ban CHQS cấp xã là chủ trương lớn."},
		// "điểm chỉ đạo" is a pilot site, and what follows it no request.
		{"Ban chỉ đạo đã chọn xã Yên Bình làm điểm chỉ đạo, tổ chức diễn tập vào ngày 21/6/2011; các xã còn lại tiếp tục tổ chức, phấn đấu hoàn thành vào ngày 15/7/2011."},
		// "phương pháp", "phường đã" name no place a request asks.
		{"Hội nghị đã đề nghị phương pháp đợt bình chọn công khai, dân chủ."},
		{"Ban CHQS phường đề nghị phường đã xây dựng kế hoạch thì triển khai ngay."},
		// A document named after its kind ("Hướng dẫn số …") asks nobody.
		{"Theo Hướng dẫn số 6544/HD-BQP của Bộ Quốc phòng về tuyển chọn và gọi công dân nhập ngũ năm 2026, từ ngày 04/3 đến hết ngày 06/3/2026, thanh niên cả nước lên đường."},
	} {
		if ds := ExtractDirectives(text); len(ds) != 0 {
			t.Errorf("%q gave directives: %+v", text, ds)
		}
	}
}

// TestDateLines: only the date line is the publication date, never a render date above the
// title when a date line follows it, nor a date in the body.
func TestDateLines(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Tiêu đề\nNgày đăng 22/02/2024 | 16:00 | Lượt xem\nNội dung.", "2024-02-22"},
		{"Tiêu đề\nThứ 4, 08/02/2023 | 20:20:00 [GMT +7] A A\nNội dung.", "2023-02-08"},
		{"Tiêu đề\n(15:36 | 27/11/2018)\nNội dung.", "2018-11-27"},
		{"Tiêu đề\nMultimedia Đọc Báo in\nTiêu đề\n17:33, 24/04/2024\nNội dung.", "2024-04-24"},
		{"Tiêu đề\n.\nThứ Ba, 12/12/2017, 15:29 [GMT+7]\nNội dung.", "2017-12-12"},
		{"Thứ 2, 25/11/2024, 00:22[GMT+7]\nTiêu đề\nThứ 5, 06/06/2019 | 15:01:42\nNội dung.", "2019-06-06"},
		{"Tiêu đề\nThứ 2, 25/11/2024, 00:22[GMT+7]\nThứ 5, 06/06/2019 | 15:01:42\n2,251 lượt xem\nNội dung.", "2019-06-06"},
		{"Tiêu đề\n19:06 17-06-2022 | :152\nNội dung.", "2022-06-17"},
		{"Tiêu đề\nThứ hai - 22/04/2024 08:302370\nNội dung.", "2024-04-22"},
		{"Văn hóa\nTiêu đề\nQuang Vũ - Lại Tuyến 22/12/2023 - 08:23\nNội dung.", "2023-12-22"},
		{"Tiêu đề\nThiên Vỹ - Cẩm Hòa • 08:29 13/04/2022\nNội dung.", "2022-04-13"},
		{"Tiêu đề\nKiều Tuyết: Thứ năm 26/01/2023, 10:23 (GMT+7)\nNội dung.", "2023-01-26"},
		{"Tiêu đề\nHải Phòng, ngày 24 tháng 01 năm 2020\nNội dung.", "2020-01-24"},
		{"Tiêu đề\nThứ năm, 26 Tháng 6, 2025 - 02:22\nNội dung.", "2025-06-26"},
		{"Lâm Đồng diễn tập phòng thủ dân sự cấp xã 12/11/2025 15:29\nNội dung.", "2025-11-12"},
		{"23/05/2023\nTiêu đề\nNội dung.", "2023-05-23"},
		{"Cập nhật ngày : 29-12-2019\nTiêu đề\nNội dung.", "2019-12-29"},
		{"Tiêu đề\nPublish date 15/11/2021 | 17:17  | View count: 201\nNội dung.", "2021-11-15"},
		{"Tiêu đề\n18:05 09/05/2025 Sáng 9-5, tại khu chung cư phường Đông Khê, quận tổ chức diễn tập.", "2025-05-09"},
		{"27 Tháng Tư 2024\nTiêu đề\nChuyên mục: Tin tức, sự kiện, An ninh trật tự - Quốc phòng | Người đăng: Vương Vĩnh Phú | Ngày đăng: 19/12/2023 | Số lần xem: 368\nNội dung.", "2023-12-19"},
		{"Tiêu đề\nCập nhật : 0:0 Thứ tư, 16/2/2022\n| Lượt xem:\nNội dung.", "2022-02-16"},
		{"Chi tiết tin tức - Huyện Triệu Phong\nTiêu đề\n21/02/2024 782 0\nNội dung.", "2024-02-21"},
		{"Tiêu đề\nTheo kế hoạch, từ ngày 15 đến hết ngày 25/10/2018, các xã tổ chức khám sơ tuyển.", ""},
	} {
		p := CleanText(c.text, time.UTC)
		got := ""
		if !p.Published.IsZero() {
			got = p.Published.Format("2006-01-02")
		}
		if got != c.want {
			t.Errorf("%q: published %q, want %q", c.text, got, c.want)
		}
	}
}

// TestEventDaysAndPlaces: ranges, steps with their own days, venues in lower case, glued words.
func TestEventDaysAndPlaces(t *testing.T) {
	published := time.Date(2023, 5, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text, kind, date, end, place string
	}{
		{"Ban CHQS huyện tổ chức hội thao quốc phòng (9- 11/5/2023) với 12 đoàn tham gia.", "sports_contest", "2023-05-09", "2023-05-11", ""},
		{"Từ ngày 12-26/4, Ban CHQS huyện tổ chức huấn luyện dân quân năm nhất.", "training", "2023-04-12", "2023-04-26", ""},
		{"Theo kế hoạch, từ ngày 15 đến hết ngày 25/10/2018, các xã tổ chức khám sơ tuyển nghĩa vụ quân sự.", "recruitment", "2018-10-15", "2018-10-25", ""},
		{"Hội thao diễn ra 26/02 - 27/02/2024 tại sân vận động huyện.", "sports_contest", "2024-02-26", "2024-02-27", "sân vận động huyện"},
		{"Ngày 5/5, khám sức khỏe nghĩa vụ quân sự tại trạm y tế xã Tân Lập.", "medical_exam", "2023-05-05", "", "trạm y tế xã Tân Lập"},
		{"Ngày 6/5, diễn tập chiến đấu tại nhà văn hóa ấp 3.", "drill", "2023-05-06", "", "nhà văn hóa ấp 3"},
		{"Sáng 7/5, tạiTrungtâmVănhóa - Thể thao huyện, khai mạc hội thao quốc phòng.", "sports_contest", "2023-05-07", "", "Trungtâm Vănhóa - Thể thao huyện"},
		{"Sáng nay (8/5), Bộ CHQS tỉnh tổ chức hội nghị hiệp đồng giao, nhận quân.", "meeting", "2023-05-08", "", ""},
		{"Ngày 9/5, xã tổ chức khám sơ tuyển ở Trạm Y tế xã Tân Lập.", "recruitment", "2023-05-09", "", "Trạm Y tế xã Tân Lập"},
		{"Hội thi được tổ chức ngày 10/5 tại thao trường huấn luyện Ban CHQS huyện.", "sports_contest", "2023-05-10", "", "thao trường huấn luyện Ban CHQS huyện"},
		{"Ngày 11/5, tại TP. Cam Ranh, tỉnh Khánh Hòa, Bộ Tư lệnh Vùng tổ chức lớp bồi dưỡng kiến thức quốc phòng.", "training", "2023-05-11", "", "TP. Cam Ranh, tỉnh Khánh Hòa"},
		// Ceremonies and forums are events of their own.
		{"Sáng ngày 12/4/2023, tại Hội trường UBND phường Chương Dương tổ chức lễ kết nạp dân quân mới.", "other", "2023-04-12", "", "Hội trường UBND phường Chương Dương"},
		{"Chiều 18/8/2025, Ngày hội Toàn dân bảo vệ an ninh Tổ quốc năm 2025 đã diễn ra tại hội trường UBND phường Chợ Quán.", "other", "2025-08-18", "", "hội trường UBND phường Chợ Quán"},
		{"Ngày 31/5/2017, Ban CHQS Sở Tài chính cử đoàn đi kiểm tra bắn đạn thật tại Trường bắn Bộ Chỉ huy quân sự tỉnh tại xã Quế Nham, huyện Tân Yên.", "training", "2017-05-31", "", "Trường bắn Bộ Chỉ huy quân sự tỉnh tại xã Quế Nham, huyện Tân Yên"},
		{"Sáng ngày 04/3/2026, Hội đồng Nghĩa vụ quân sự xã Bình Hòa tổ chức chương trình đón thanh niên trúng tuyển.", "other", "2026-03-04", "", ""},
		{"Ngày 10/1/2026, đoàn công tác kiểm tra công tác sẵn sàng chiến đấu tại Bộ CHQS tỉnh.", "other", "2026-01-10", "", "Bộ CHQS tỉnh"},
		{"Chiều ngày 28/3/2023, tại Hội trường UBND Phường 2, Hội đồng nghĩa vụ quân sự Phường 2 đã long trọng tổ chức Lễ giải ngạch và kết nạp mới Dân quân tự vệ năm 2023.", "other", "2023-03-28", "", "Hội trường UBND Phường 2"},
		{"Chiều 11/5/2023, Công an phường tổ chức diễn đàn lắng nghe ý kiến nhân dân.", "meeting", "2023-05-11", "", ""},
		{"Từ ngày 15/5 đến ngày 16/5/2023, Hội đồng NVQS phường tổ chức bình nghị công khai các bước tuyển chọn.", "recruitment", "2023-05-15", "2023-05-16", ""},
		// A sentence that only says when and where, then the one that says what.
		{"Chiều ngày 12/5/2023. tại nhà văn hoá thôn Ô Mễ. Ủy ban nhân dân xã tổ chức hội nghị tổng kết công tác quốc phòng.", "meeting", "2023-05-12", "", "nhà văn hoá thôn Ô Mễ"},
		{"Chiều ngày 19 tháng 02 năm 2023. Đảng ủy xã tổ chức buổi gặp mặt gia đình và thanh niên trúng tuyển.", "other", "2023-02-19", "", ""},
		// The day and the venue open the clause of the event after them, not of one before.
		{"Tiếp nối truyền thống gọi thanh niên lên đường nhập ngũ, sáng ngày 18/02/2023 tại hội trường UBND xã Ninh Xuân, lãnh đạo xã đã tổ chức gặp mặt 25 thanh niên.", "other", "2023-02-18", "", "hội trường UBND xã Ninh Xuân"},
		// "giao quân" with its day is the hand-over.
		{"Dự kiến giao quân từ ngày 25/02 – 29/2/2024.", "enlistment", "2024-02-25", "2024-02-29", ""},
		// A day in brackets right after its event keeps the venue after it.
		{"Hội đồng NVQS huyện tổ chức khám tuyển trong 4 ngày (từ ngày 22/11 đến 25/11/2023), tại Trạm Y tế thị trấn Thọ Xuân, cho thanh niên đã qua vòng khám sơ tuyển ở cơ sở.", "medical_exam", "2023-11-22", "2023-11-25", "Trạm Y tế thị trấn Thọ Xuân"},
		// The hand-over "of citizens", and a football tournament.
		{"Sáng 20/5/2023, các quận, huyện đồng loạt tổ chức lễ giao, nhận công dân nhập ngũ.", "enlistment", "2023-05-20", "", ""},
		{"Ngày 21/5/2023, Ban CHQS xã tổ chức Giải bóng đá nam 7 người.", "sports_contest", "2023-05-21", "", ""},
		// A span to the end of a month; the steps of a call-up and a council's oversight.
		{"Thời gian triển khai từ ngày 24/5 đến hết tháng 6/2023 các phường, xã tổ chức phúc tra, tổng hợp danh sách.", "recruitment", "2023-05-24", "2023-06-30", ""},
		{"Trong 02 ngày 16 và 17/5/2023, Hội đồng NVQS xã đã tổ chức bình nghị NVQS lần 1.", "recruitment", "2023-05-16", "2023-05-17", ""},
		{"Ngày 20/3/2023, Ban Pháp chế HĐND xã đã tiến hành giám sát chuyên đề về thi hành Luật nghĩa vụ quân sự.", "other", "2023-03-20", "", ""},
	} {
		// After a lead, whose own day is that of the meeting it reports.
		p := CleanText("Tiêu đề\nTin địa phương.\n"+c.text, time.UTC)
		events := ExtractEvents(p.Paragraphs, published, nil)
		found := false
		for _, e := range events {
			if e.Kind != c.kind || e.Date != c.date || e.EndDate != c.end {
				continue
			}
			if c.place == "" {
				found = true
			}
			for _, pl := range e.Places {
				found = found || strings.Contains(pl, c.place)
			}
		}
		if !found {
			t.Errorf("%q: no %s %s–%s at %q in %+v", c.text, c.kind, c.date, c.end, c.place, events)
		}
	}
	// Steps of one lead keep their own days; a "hội thi trại đẹp" is no sports contest; the
	// meeting that plans an event is held on its own day.
	steps := ExtractEvents([]string{"Theo kế hoạch, 10/2 hội trại tòng quân, 13/2 lễ giao nhận quân tại sân vận động huyện."}, published, nil)
	if !hasEvent(steps, "other", "2023-02-10") || !hasEvent(steps, "enlistment", "2023-02-13") {
		t.Errorf("steps: %+v", steps)
	}
	camp := ExtractEvents([]string{"Ngày 26/3, huyện đoàn tổ chức hội thi trại đẹp chào mừng ngày thành lập Đoàn."}, published, nil)
	for _, e := range camp {
		if e.Kind == "sports_contest" || e.Kind == "shooting_contest" {
			t.Errorf("a camp contest became %s", e.Kind)
		}
	}
	// In the lead, a day after the event it names is that event's, not the article's own.
	lead := ExtractEvents([]string{"Hội thao quốc phòng toàn dân diễn ra trong 2 ngày 12 và 13/4/2024 tại sân vận động tỉnh."}, published, nil)
	if !hasEvent(lead, "sports_contest", "2024-04-12") {
		t.Errorf("the lead's event day: %+v", lead)
	}
	// A venue ends before what happens there.
	for _, e := range ExtractEvents([]string{"Tiêu đề", "Ngày 13/2/2025 tại Nhà Văn hoá trung tâm huyện diễn ra lễ giao nhận quân."}, published, nil) {
		if !slices.Equal(e.Places, []string{"Nhà Văn hoá trung tâm huyện"}) {
			t.Errorf("the venue: %+v", e)
		}
	}
	// A unit that then does something is the sentence's subject, not the venue's owner.
	contest := ExtractEvents([]string{"Tiêu đề", "Sáng 25/6/2023, tại Trung đoàn 121, Bộ CHQS tỉnh đã khai mạc Hội thao bắn súng quân dụng."}, published, nil)
	if len(contest) != 1 || !slices.Equal(contest[0].Places, []string{"Trung đoàn 121"}) {
		t.Errorf("the contest's venue: %+v", contest)
	}
	// The year the recruits were born is not the year of the meeting about them.
	born := ExtractEvents([]string{"Sáng 5/11, Chủ tịch UBND huyện chủ trì cuộc họp Hội đồng nghĩa vụ quân sự.", "Các xã đăng ký cho nguồn thanh niên sinh năm 1996; xét duyệt thanh niên sẵn sàng nhập ngũ năm 2023."}, time.Time{}, nil)
	if hasEvent(born, "meeting", "1996-11-05") {
		t.Errorf("the recruits' birth year dates the meeting: %+v", born)
	}
	// Handing out call-up orders is what the lead's day was for.
	orders := ExtractEvents([]string{"Ngày 26-11, Hội đồng nghĩa vụ quân sự các xã trao lệnh gọi công dân đi khám sức khỏe nghĩa vụ quân sự."}, published, nil)
	if !hasEvent(orders, "recruitment", "2022-11-26") {
		t.Errorf("the orders' day: %+v", orders)
	}
	// A campaign lasts from its first day to its last.
	campaign := ExtractEvents([]string{"Tiêu đề", "Đợt thi đua đặc biệt diễn ra từ ngày 01/10 đến 31/12/2022."}, published, nil)
	if len(campaign) != 1 || campaign[0].Date != "2022-10-01" || campaign[0].EndDate != "2022-12-31" {
		t.Errorf("the campaign: %+v", campaign)
	}
	plan := ExtractEvents([]string{"Ngày 20/1, Hội đồng NVQS huyện tổ chức hội nghị triển khai công tác chuẩn bị lễ giao nhận quân, dự kiến tổ chức ngày 14/2."}, published, nil)
	if !hasEvent(plan, "meeting", "2023-01-20") || hasEvent(plan, "enlistment", "2023-01-20") {
		t.Errorf("the planning meeting's day: %+v", plan)
	}
}

func hasEvent(events []loa.EventCandidate, kind, date string) bool {
	for _, e := range events {
		if e.Kind == kind && e.Date == date {
			return true
		}
	}
	return false
}

// TestRequestAfterAComma: "yêu cầu, cấp ủy, chỉ huy các đơn vị …" asks them, and "ĐUQS tỉnh
// phải …" obliges the army's party committee.
func TestRequestAfterAComma(t *testing.T) {
	for text, want := range map[string]string{
		"Chủ tịch UBND thành phố yêu cầu, cấp ủy, chỉ huy các đơn vị, địa phương quán triệt, triển khai nghiêm mệnh lệnh huấn luyện chiến đấu năm 2026; tập trung lãnh đạo nâng cao chất lượng công tác huấn luyện.": "cấp ủy, chỉ huy các đơn vị, địa phương",
		"Vì vậy, ĐUQS tỉnh phải vừa tập trung phấn đấu thực hiện hoàn thành các chỉ tiêu, nhiệm vụ; vừa tập trung lãnh đạo tổ chức tốt đại hội Đảng bộ cấp cơ sở.":                                                   "ĐUQS tỉnh",
	} {
		ds := ExtractDirectives([]string{text})
		if len(ds) == 0 || ds[0].Addressee != want || len(ds[0].Items) < 2 {
			t.Errorf("%q: directives %+v, want two tasks for %q", text, ds, want)
		}
	}
}

// TestNumberedPointsForWhomTheLineBeforeAsks: "đề nghị Ban chỉ huy Quân sự xã và lực lượng dân
// quân thực hiện nghiêm túc một số nội dung sau:" asks them each numbered point that names no
// one of its own; a talk to the recruits on its day is a meeting.
func TestNumberedPointsForWhomTheLineBeforeAsks(t *testing.T) {
	ds := ExtractDirectives([]string{
		"Phát biểu khai mạc, đồng chí Chủ tịch UBND xã đã nhấn mạnh và đề nghị Ban chỉ huy Quân sự xã và lực lượng dân quân thực hiện nghiêm túc một số nội dung sau:",
		"1. Huấn luyện phải nêu cao tinh thần trách nhiệm trong học tập.",
		"2. Đảm bảo tuyệt đối an toàn trong huấn luyện.",
	})
	if len(ds) != 2 || ds[0].Addressee != "Ban chỉ huy Quân sự xã và lực lượng dân quân" || ds[1].Addressee != ds[0].Addressee {
		t.Errorf("directives %+v, want two points for the commune's board and militia", ds)
	}
	// A directive's numbered points under "chỉ thị như sau:", each opening with whom it asks.
	points := ExtractDirectives([]string{
		"Để làm tốt công tác tuyển quân năm 2026, Chủ tịch UBND Thành phố chỉ thị như sau:",
		"1. Cấp ủy, chính quyền các cấp tăng cường sự lãnh đạo, chỉ đạo; thành lập (kiện toàn) Hội đồng nghĩa vụ quân sự các cấp.",
		"2. Quán triệt và làm tốt việc tuyên truyền, phổ biến, giáo dục sâu, rộng trong Nhân dân.",
	})
	if len(points) != 2 || points[0].Addressee != "Cấp ủy, chính quyền các cấp" {
		t.Errorf("directives %+v, want two points, the first for the party committees and authorities", points)
	}
	trained := ExtractEvents([]string{"Tiêu đề", "Từ ngày 19-25/3, Trường Quân sự tỉnh đã tập huấn cho 45 cán bộ về công tác quốc phòng năm 2017."}, time.Time{}, nil)
	if len(trained) != 1 || trained[0].Kind != "training" || trained[0].Date != "2017-03-19" || trained[0].EndDate != "2017-03-25" {
		t.Errorf("events %+v, want the training 2017-03-19–2017-03-25", trained)
	}
	talks := ExtractEvents([]string{"Tiêu đề", "Ngày 23/6/2023, tại thành phố Lai Châu, các đồn Biên phòng tổ chức hội đàm quý II."}, time.Time{}, nil)
	if len(talks) != 1 || talks[0].Kind != "meeting" || talks[0].Date != "2023-06-23" {
		t.Errorf("events %+v, want the border posts' talks on 2023-06-23", talks)
	}
	talk := ExtractEvents([]string{"Tiêu đề", "Ngày 01/3/2021, tại Hội trường UBND xã Chà Là, UBND xã đã tổ chức tuyên truyền Luật Nghĩa vụ quân sự năm 2015 cho 20 thanh niên."}, time.Time{}, nil)
	if len(talk) != 1 || talk[0].Kind != "meeting" || talk[0].Date != "2021-03-01" {
		t.Errorf("events %+v, want the talk on 2021-03-01", talk)
	}
}
