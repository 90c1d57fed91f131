package vntext

import "testing"

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Ban CHQS thị xã":             "ban chqs thi xa",
		"Đối với UBND các xã, phường": "doi voi ubnd cac xa, phuong",
		"Giáo dục quốc phòng":         "giao duc quoc phong",
		"Hưng\u00a0Long":              "hung long",
		// Decomposed input (NFD) folds like composed input.
		"Thi\u0323 xa\u0303": "thi xa",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{"Diễn tập": "dien-tap", "dien-tap": "dien-tap", " Dân quân  tự vệ ": "dan-quan-tu-ve", "GDQP&AN": "gdqp-an"} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}
