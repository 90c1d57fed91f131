package loa

import (
	"slices"
	"testing"
)

func TestSentences(t *testing.T) {
	for in, want := range map[string][]string{
		"Lễ giao nhận quân năm 2023\n\nSáng 13/2, huyện tổ chức lễ. Đồng chí Lê Văn A chủ trì! 100% công dân đạt": {"Lễ giao nhận quân năm 2023", "Sáng 13/2, huyện tổ chức lễ.", "Đồng chí Lê Văn A chủ trì!", "100% công dân đạt"},
		"Đoàn đến TP. Hồ Chí Minh và Q. Bình Thạnh. Sau đó về huyện":                                              {"Đoàn đến TP. Hồ Chí Minh và Q. Bình Thạnh.", "Sau đó về huyện"},
		"Giá 1.500 đồng, tỷ lệ 2.5. không tách":                                                                   {"Giá 1.500 đồng, tỷ lệ 2.5. không tách"},
		"  \n.\n": {"."},
	} {
		if got := Sentences(in); !slices.Equal(got, want) {
			t.Errorf("Sentences(%q) = %q, want %q", in, got, want)
		}
	}
}
