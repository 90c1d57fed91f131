package news

import (
	"slices"
	"testing"
)

func TestSplitTasks(t *testing.T) {
	for _, c := range []struct {
		item string
		want []string
	}{
		{"Ban giám khảo chấp hành nghiêm quy chế, điều lệ, làm việc với tinh thần trách nhiệm, công minh, khách quan, chấm chính xác từng điểm bắn",
			[]string{"Ban giám khảo chấp hành nghiêm quy chế, điều lệ", "làm việc với tinh thần trách nhiệm, công minh, khách quan", "chấm chính xác từng điểm bắn"}},
		// Verbs sharing one object are one task; a short piece stays with the task before it.
		{"HĐNVQS xã cần tập trung lãnh đạo, chỉ đạo các Ban ngành, đoàn thể làm tốt công tác tuyên truyền, vận động thanh niên",
			[]string{"HĐNVQS xã cần tập trung lãnh đạo, chỉ đạo các Ban ngành, đoàn thể làm tốt công tác tuyên truyền, vận động thanh niên"}},
		{"các thôn tiếp tục tuyên truyền, vận động, bảo đảm 100% công dân có lệnh gọi có mặt đúng giờ",
			[]string{"các thôn tiếp tục tuyên truyền, vận động", "bảo đảm 100% công dân có lệnh gọi có mặt đúng giờ"}},
		// A run of three verbs alone shares the object after them.
		{"Đảng ủy, Ban CHQS huyện lãnh đạo, chỉ đạo, kiểm tra, rà soát chặt chẽ mọi công tác chuẩn bị trước, trong và sau hội thao",
			[]string{"Đảng ủy, Ban CHQS huyện lãnh đạo, chỉ đạo, kiểm tra, rà soát chặt chẽ mọi công tác chuẩn bị trước, trong và sau hội thao"}},
		{"từng đồng chí phải quyết tâm cao, đoàn kết, khắc phục mọi khó khăn, hoàn thành xuất sắc nhiệm vụ được giao",
			[]string{"từng đồng chí phải quyết tâm cao, đoàn kết, khắc phục mọi khó khăn", "hoàn thành xuất sắc nhiệm vụ được giao"}},
		{"rà soát các trường hợp miễn, hoãn NVQS và phát lệnh gọi khám sức khỏe trước ngày 12-11",
			[]string{"rà soát các trường hợp miễn, hoãn NVQS", "phát lệnh gọi khám sức khỏe trước ngày 12-11"}},
		// A bare verb before "và" shares the object of the verb after it.
		{"phối hợp với Công an trong các bước như: nắm và quản lý nguồn thanh niên sẵn sàng nhập ngũ, làm tốt công tác sơ tuyển đảm bảo đúng độ tuổi",
			[]string{"phối hợp với Công an trong các bước như: nắm và quản lý nguồn thanh niên sẵn sàng nhập ngũ", "làm tốt công tác sơ tuyển đảm bảo đúng độ tuổi"}},
		// A verb with only how it is done, or a verb with no object, shares the object after it.
		{"các lực lượng tiếp tục nêu cao tinh thần trách nhiệm, phối hợp chặt chẽ, triển khai đồng bộ các biện pháp đảm bảo an ninh, trật tự tại các điểm bầu cử",
			[]string{"các lực lượng tiếp tục nêu cao tinh thần trách nhiệm", "phối hợp chặt chẽ, triển khai đồng bộ các biện pháp đảm bảo an ninh, trật tự tại các điểm bầu cử"}},
		{"các bậc phụ huynh thường xuyên trao đổi, hướng dẫn con em kỹ năng nhận diện chiêu trò lừa đảo",
			[]string{"các bậc phụ huynh thường xuyên trao đổi, hướng dẫn con em kỹ năng nhận diện chiêu trò lừa đảo"}},
		// A verb followed by "mới" or "của" names a thing.
		{"các thành viên nghiên cứu các văn bản, hướng dẫn mới của Trung ương về công tác diễn tập, tham gia xây dựng văn kiện diễn tập đúng quy định",
			[]string{"các thành viên nghiên cứu các văn bản, hướng dẫn mới của Trung ương về công tác diễn tập", "tham gia xây dựng văn kiện diễn tập đúng quy định"}},
		// Nothing is split inside brackets.
		{"Tổ chức thâm nhập (gặp gia đình, động viên thanh niên hăng hái lên đường) tại các thôn",
			[]string{"Tổ chức thâm nhập (gặp gia đình, động viên thanh niên hăng hái lên đường) tại các thôn"}},
	} {
		if got := splitTasks(c.item); !slices.Equal(got, c.want) {
			t.Errorf("splitTasks(%q)\n got %q\nwant %q", c.item, got, c.want)
		}
	}
}

// TestBodyNamedWithATrigger: "Ban Chỉ đạo" is a name, not a request, so the body it assigns
// tasks to is the addressee.
func TestBodyNamedWithATrigger(t *testing.T) {
	ds := ExtractDirectives([]string{"Ban Chỉ đạo giao Ban CHQS huyện chủ trì hoàn thiện hệ thống văn kiện diễn tập; tổng hợp, báo cáo kết quả trước ngày 30/9."})
	if len(ds) == 0 || ds[0].Addressee != "Ban CHQS huyện" {
		t.Errorf("directives %+v, want Ban CHQS huyện's", ds)
	}
}
