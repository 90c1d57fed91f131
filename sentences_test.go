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
		// Abbreviations in brackets stay whole; a name of two letters ends a sentence.
		"Hội thao tại sân vận động (P. Phước Ninh). Đoàn của đồng chí Lê Văn Tú. Sau đó về": {"Hội thao tại sân vận động (P. Phước Ninh).", "Đoàn của đồng chí Lê Văn Tú.", "Sau đó về"},
		"Ban CHQS huyện triển khai. 10/2: hội trại tòng quân":                               {"Ban CHQS huyện triển khai.", "10/2: hội trại tòng quân"},
	} {
		if got := Sentences(in); !slices.Equal(got, want) {
			t.Errorf("Sentences(%q) = %q, want %q", in, got, want)
		}
	}
}
