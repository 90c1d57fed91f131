package loa

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// UnitLookup reads one unit; the scope rule needs nothing more.
type UnitLookup interface {
	UnitByID(ctx context.Context, id int64) (Unit, error)
}

// LeaderScope is the part of the unit tree an active leader may broadcast to, approve in and
// watch: a leader of a commune's or ward's agency (its UBND, Ban CHQS, police or militia
// platoon) reaches the whole commune or ward and everything under it; any other leader reaches
// their own unit and the units under it. ok is false for anyone who is not an active leader.
// The bot and the web console apply this one rule.
func LeaderScope(ctx context.Context, units UnitLookup, c Chat) (scope Unit, ok bool, err error) {
	if c.Status != StatusActive || c.Role != RoleLeader || c.UnitID == nil || c.IsGroup() {
		return Unit{}, false, nil
	}
	u, err := units.UnitByID(ctx, *c.UnitID)
	if err != nil {
		return Unit{}, false, err
	}
	if u.ParentID != nil {
		parent, err := units.UnitByID(ctx, *u.ParentID)
		if err != nil {
			return Unit{}, false, err
		}
		if parent.Kind == UnitCommune || parent.Kind == UnitWard {
			return parent, true, nil
		}
	}
	return u, true, nil
}

// WithinScope reports whether every unit key lies in scope or under it, reading the tree from
// all (as Units lists it). An empty list is not within any scope: it means everyone. It is
// Manager's rule for a leader, for callers holding a scope alone.
func WithinScope(all []Unit, scope Unit, keys []string) bool {
	return Manager{Scope: scope}.MayAddress(NewUnitTree(all), keys)
}

// ErrOutsideScope refuses a change to a member or a unit outside the actor's scope.
var ErrOutsideScope = errors.New("outside the units you manage")

// Manager is who changes members and addresses units through a door (the console, the bot):
// an administrator reaches every unit, a leader their scope (LeaderScope). Every door asks
// this one rule before it writes.
type Manager struct {
	Admin bool
	Scope Unit
}

// MayAddress reports whether m reaches every one of these units: an audience, an invite's
// unit, an event's. An empty list means everyone, which administrators alone address.
func (m Manager) MayAddress(tree UnitTree, keys []string) bool {
	if m.Admin {
		return true
	}
	if len(keys) == 0 {
		return false
	}
	return !slices.ContainsFunc(keys, func(key string) bool {
		u, ok := tree.byKey[key]
		return !ok || !tree.under(u.ID, m.Scope.ID)
	})
}

// CheckMember says whether m may change an existing member (approve, reject, block, or import
// a row over them) and, when to names a unit, move them there: where the member is now and
// where they go must both lie in m's scope. member is nil for someone new, whom only the
// target concerns. A member in no unit belongs to no leader's scope.
func (m Manager) CheckMember(tree UnitTree, member *Chat, to string) error {
	if m.Admin {
		return nil
	}
	if member != nil {
		if member.UnitID == nil || !tree.under(*member.UnitID, m.Scope.ID) {
			return fmt.Errorf("chat %d is in %s: %w", member.ID, tree.keyOf(member.UnitID), ErrOutsideScope)
		}
	}
	if to != "" && !m.MayAddress(tree, []string{to}) {
		return fmt.Errorf("unit %s: %w", to, ErrOutsideScope)
	}
	if member == nil && to == "" {
		return ErrOutsideScope
	}
	return nil
}

// UnitTree is the unit tree indexed once, so that a thousand rows are checked without
// rebuilding it for each.
type UnitTree struct {
	byID  map[int64]Unit
	byKey map[string]Unit
}

// NewUnitTree indexes the units as Units lists them.
func NewUnitTree(all []Unit) UnitTree {
	t := UnitTree{byID: make(map[int64]Unit, len(all)), byKey: make(map[string]Unit, len(all))}
	for _, u := range all {
		t.byID[u.ID], t.byKey[u.Key] = u, u
	}
	return t
}

// under reports whether unit id is top or lies below it. The walk is bounded by the number
// of units, so a cycle in a damaged tree cannot hang a request.
func (t UnitTree) under(id, top int64) bool {
	for range len(t.byID) + 1 {
		if id == top {
			return true
		}
		u, ok := t.byID[id]
		if !ok || u.ParentID == nil {
			return false
		}
		id = *u.ParentID
	}
	return false
}

func (t UnitTree) keyOf(id *int64) string {
	if id == nil {
		return "no unit"
	}
	if u, ok := t.byID[*id]; ok {
		return u.Key
	}
	return "unit " + strconv.FormatInt(*id, 10)
}
