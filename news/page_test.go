package news

import (
	"slices"
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
