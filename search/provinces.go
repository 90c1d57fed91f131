package search

import (
	"slices"
	"strings"
)

// A question typed without capitals names its province all the same: "son la giao nhan quan
// nam 2026" asks of Sơn La, and an article of Đà Nẵng does not answer it. The provinces and
// cities under the central government, before and after their merging in 2025, folded; not
// "Hòa Bình", which is also "peace", nor "Hồ Chí Minh", who is also the President, nor "Huế"
// alone, which folds like "huệ".
var provinceNames = []string{
	"ha noi", "hai phong", "da nang", "can tho", "thua thien hue",
	"ha giang", "cao bang", "bac kan", "lang son", "tuyen quang", "thai nguyen", "phu tho", "bac giang",
	"quang ninh", "lao cai", "yen bai", "dien bien", "lai chau", "son la", "bac ninh", "hai duong",
	"hung yen", "vinh phuc", "ha nam", "nam dinh", "thai binh", "ninh binh", "thanh hoa", "nghe an",
	"ha tinh", "quang binh", "quang tri", "quang nam", "quang ngai", "binh dinh", "phu yen",
	"khanh hoa", "ninh thuan", "binh thuan", "kon tum", "gia lai", "dak lak", "dak nong", "lam dong",
	"binh phuoc", "tay ninh", "binh duong", "dong nai", "ba ria vung tau", "long an", "tien giang",
	"ben tre", "tra vinh", "vinh long", "dong thap", "an giang", "kien giang", "hau giang",
	"soc trang", "bac lieu", "ca mau",
}

// provinceWords are provinceNames split into words, once.
var provinceWords = func() [][]string {
	out := make([][]string, len(provinceNames))
	for i, p := range provinceNames {
		out[i] = strings.Fields(p)
	}
	return out
}()

// namedProvinces lists the provinces a normalised question names, as a row must say them,
// reading left to right so that a name's words are not read again as another's: "tuyen quang
// nam 2025" names Tuyên Quang, not Quảng Nam.
func namedProvinces(norm string) []string {
	words := strings.Fields(norm)
	var out []string
	for i := 0; i < len(words); i++ {
		for k, parts := range provinceWords {
			if words[i] == parts[0] && i+len(parts) <= len(words) && slices.Equal(words[i:i+len(parts)], parts) {
				out = append(out, provinceNames[k])
				i += len(parts) - 1
				break
			}
		}
	}
	return out
}
