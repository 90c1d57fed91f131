package loa

import (
	"slices"
	"testing"
)

func TestSplitPlaceName(t *testing.T) {
	for name, want := range map[string][]string{
		"Thị xã Chơn Thành": {"thi xa", "chon", "thanh"},
		"Xã Ea H’Leo":       {"xa", "ea", "h", "leo"},
		"Nha Bích":          {"", "nha", "bich"},
		"Phường 3":          {"phuong", "3"},
	} {
		typ, words := SplitPlaceName(name)
		if got := append([]string{typ}, words...); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
}
