package loa

import (
	"context"
	"slices"
	"time"
)

// EventReader is what EventsFor reads.
type EventReader interface {
	UnitLookup
	Events(ctx context.Context, from time.Time, includeCancelled bool) ([]Event, error)
	Subscriptions(ctx context.Context, chatID int64) ([]string, error)
}

// EventsFor lists the events from a time on that concern a chat: /lich and its calendar feed
// show the same ones.
func EventsFor(ctx context.Context, store EventReader, c Chat, from time.Time, includeCancelled bool) ([]Event, error) {
	events, err := store.Events(ctx, from, includeCancelled)
	if err != nil {
		return nil, err
	}
	subs, err := store.Subscriptions(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	lineage, err := UnitLineage(ctx, store, c.UnitID)
	if err != nil {
		return nil, err
	}
	var out []Event
	for _, e := range events {
		if Concerns(e.Audience, c, subs, lineage) {
			out = append(out, e)
		}
	}
	return out, nil
}

// UnitLineage is the keys of a unit and every unit above it.
func UnitLineage(ctx context.Context, units UnitLookup, unitID *int64) ([]string, error) {
	var keys []string
	for id := unitID; id != nil; {
		u, err := units.UnitByID(ctx, *id)
		if err != nil {
			return nil, err
		}
		keys = append(keys, u.Key)
		id = u.ParentID
	}
	return keys, nil
}

// Concerns mirrors the delivery audience for one chat: any matching dimension counts here,
// since a calendar is for information.
func Concerns(a Audience, c Chat, subs, lineage []string) bool {
	if a.All || slices.Contains(a.Chats, c.ID) || slices.Contains(a.Roles, c.Role) {
		return true
	}
	for _, t := range a.Topics {
		if slices.Contains(subs, t) {
			return true
		}
	}
	for _, u := range a.Units {
		if slices.Contains(lineage, u) {
			return true
		}
	}
	return false
}
