package loa

import (
	"context"
	"slices"
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
// all (as Units lists it). An empty list is not within any scope: it means everyone.
func WithinScope(all []Unit, scope Unit, keys []string) bool {
	if len(keys) == 0 {
		return false
	}
	byID := map[int64]Unit{}
	byKey := map[string]Unit{}
	for _, u := range all {
		byID[u.ID], byKey[u.Key] = u, u
	}
	return !slices.ContainsFunc(keys, func(key string) bool {
		u, ok := byKey[key]
		for ok {
			if u.ID == scope.ID {
				return false
			}
			if u.ParentID == nil {
				break
			}
			u, ok = byID[*u.ParentID]
		}
		return true
	})
}
