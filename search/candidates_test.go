package search

import (
	"slices"
	"testing"
)

// TestAbsorbedGroups: a group holding all of another's words finds no row the other does not,
// and two equal groups are one; the index is asked the rest, in their order.
func TestAbsorbedGroups(t *testing.T) {
	got := absorbed([][]string{{"danh", "sach", "nhap"}, {"tong", "danh", "sach"}, {"danh", "sach"}, {"sach", "danh"}, {"dien", "tap"}})
	want := [][]string{{"danh", "sach"}, {"dien", "tap"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("absorbed: %q, want %q", got, want)
	}
}
