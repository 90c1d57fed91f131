package loa

import (
	"errors"
	"testing"
)

// The one rule every door asks: a leader changes a member only where the member is now and
// where they go both lie in their scope.
func TestCheckMemberLooksAtBothEnds(t *testing.T) {
	id := func(n int64) *int64 { return &n }
	tree := NewUnitTree([]Unit{{ID: 1, Key: "tx"}, {ID: 2, Key: "mt", ParentID: id(1)}, {ID: 3, Key: "mt/chqs", ParentID: id(2)}, {ID: 4, Key: "hl", ParentID: id(1)}})
	leader := Manager{Scope: Unit{ID: 2, Key: "mt"}}
	for _, tc := range []struct {
		name   string
		member *Chat
		to     string
		ok     bool
	}{
		{"someone new into the scope", nil, "mt/chqs", true},
		{"someone new elsewhere", nil, "hl", false},
		{"a member of the scope moved within it", &Chat{ID: 5, UnitID: id(2)}, "mt/chqs", true},
		{"a member of the scope moved out", &Chat{ID: 5, UnitID: id(2)}, "hl", false},
		{"another ward's member moved in", &Chat{ID: 6, UnitID: id(4)}, "mt", false},
		{"the district's leader moved in", &Chat{ID: 7, UnitID: id(1)}, "mt", false},
		{"a member of the scope, where they are", &Chat{ID: 5, UnitID: id(3)}, "", true},
		{"another ward's member, where they are", &Chat{ID: 6, UnitID: id(4)}, "", false},
		{"a member in no unit", &Chat{ID: 8}, "mt", false},
		{"an unknown unit", nil, "nowhere", false},
	} {
		err := leader.CheckMember(tree, tc.member, tc.to)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrOutsideScope)) {
			t.Errorf("%s: %v", tc.name, err)
		}
		if err := (Manager{Admin: true}).CheckMember(tree, tc.member, tc.to); err != nil {
			t.Errorf("%s, by an administrator: %v", tc.name, err)
		}
	}
}

// A damaged tree with a cycle is answered, not looped on.
func TestACycleInTheTreeEndsTheWalk(t *testing.T) {
	id := func(n int64) *int64 { return &n }
	tree := NewUnitTree([]Unit{{ID: 1, Key: "a", ParentID: id(2)}, {ID: 2, Key: "b", ParentID: id(1)}})
	if (Manager{Scope: Unit{ID: 9}}).MayAddress(tree, []string{"a"}) {
		t.Fatal("a unit in a cycle was placed under an unrelated scope")
	}
}
