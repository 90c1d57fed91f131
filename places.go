package loa

import (
	"strings"
	"unicode"

	"github.com/loa-vn/loa/vntext"
)

// PlaceName is an administrative unit as text names it. The national list gives one for every
// province, commune, ward and special zone since 1 July 2025, and one for every former commune,
// ward, town, district and province with the units that took it in, so that an article of 2023
// naming "xã Minh Thắng" still finds where that is now.
type PlaceName struct {
	Name   string   // with its type, as the list writes it: "Xã Nha Bích", "Huyện Bù Đốp", "Tỉnh Đồng Nai"
	Former bool     // a unit as it was before 1 July 2025
	Now    []string // a former unit's successors with their type: "Xã Nha Bích"; a province's: "Tỉnh Đồng Nai"
}

// placeTypes are the types the national list's names begin with, folded.
var placeTypes = map[string]bool{"xa": true, "phuong": true, "thi tran": true, "thi xa": true, "huyen": true,
	"quan": true, "thanh pho": true, "tinh": true, "dac khu": true}

// SplitPlaceName folds a place's name into its words (letters and digits) and takes its type
// off: "Thị xã Chơn Thành" → "thi xa", [chon thanh]. A name without a type gives "" and all
// its words.
func SplitPlaceName(name string) (typ string, words []string) {
	words = strings.FieldsFunc(vntext.Fold(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) >= 2 && placeTypes[words[0]+" "+words[1]] {
		return words[0] + " " + words[1], words[2:]
	}
	if len(words) >= 1 && placeTypes[words[0]] {
		return words[0], words[1:]
	}
	return "", words
}
