package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

const unitColumns = `id, key, name, kind, parent_id, sort, retired, merged_into, updated_at, abbreviation`

// SyncCatalog makes the stored tree match the configured one. Units are matched by key, so a
// renamed or moved unit keeps its id and every member attached to it. A unit that disappears
// from the catalogue is retired, not deleted; a unit merged into another hands its members over.
func (s *DB) SyncCatalog(ctx context.Context, c loa.Catalog) error {
	now := s.nowUTC()
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, t := range c.Topics {
			if _, err := s.exec(ctx, tx, `INSERT INTO topics (key, name_vi, name_en, sort) VALUES (?, ?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en, sort = excluded.sort`,
				t.Key, t.NameVI, t.NameEN, t.Sort); err != nil {
				return fmt.Errorf("save topic %s: %w", t.Key, err)
			}
		}
		// Retire everything first; the units still configured are revived below.
		if _, err := s.exec(ctx, tx, `UPDATE units SET retired = ? WHERE retired = ?`, true, false); err != nil {
			return fmt.Errorf("retire units: %w", err)
		}
		// Each statement is parsed once, not once a unit: `loa` syncs the catalogue at every
		// start and command, and parsing was most of its cost.
		upsert, err := tx.PreparexContext(ctx, s.db.Rebind(`INSERT INTO units (key, name, kind, sort, retired, updated_at, abbreviation) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET name = excluded.name, kind = excluded.kind, sort = excluded.sort,
			retired = excluded.retired, updated_at = excluded.updated_at, abbreviation = excluded.abbreviation`))
		if err != nil {
			return fmt.Errorf("prepare saving units: %w", err)
		}
		defer upsert.Close()
		for _, u := range c.Units {
			retired := u.Retired || u.MergedInto != ""
			if _, err := upsert.ExecContext(ctx, u.Key, u.Name, u.Kind, u.Sort, retired, now, u.Abbreviation); err != nil {
				return fmt.Errorf("save unit %s: %w", u.Key, err)
			}
		}
		// Links by key are resolved after every unit exists, so the order of the catalogue
		// does not matter.
		link, err := tx.PreparexContext(ctx, s.db.Rebind(`UPDATE units SET
			parent_id = (SELECT p.id FROM units p WHERE p.key = ?),
			merged_into = (SELECT m.id FROM units m WHERE m.key = ?) WHERE key = ?`))
		if err != nil {
			return fmt.Errorf("prepare linking units: %w", err)
		}
		defer link.Close()
		for _, u := range c.Units {
			if _, err := link.ExecContext(ctx, u.Parent, u.MergedInto, u.Key); err != nil {
				return fmt.Errorf("link unit %s: %w", u.Key, err)
			}
			if u.MergedInto == "" {
				continue
			}
			if _, err := s.exec(ctx, tx, `UPDATE chats SET unit_id = (SELECT m.id FROM units m WHERE m.key = ?), updated_at = ?
				WHERE unit_id = (SELECT o.id FROM units o WHERE o.key = ?)`, u.MergedInto, now, u.Key); err != nil {
				return fmt.Errorf("move members of %s into %s: %w", u.Key, u.MergedInto, err)
			}
		}
		return nil
	})
}

// Units lists the units in service, parents before children is not guaranteed; callers build
// the tree from ParentID.
func (s *DB) Units(ctx context.Context) ([]loa.Unit, error) {
	var units []loa.Unit
	err := s.sel(ctx, s.db, &units, `SELECT `+unitColumns+` FROM units WHERE retired = ? ORDER BY sort, name`, false)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return units, nil
}

// UnitByID returns one unit, retired or not.
func (s *DB) UnitByID(ctx context.Context, id int64) (loa.Unit, error) {
	var u loa.Unit
	if err := s.get(ctx, s.db, &u, `SELECT `+unitColumns+` FROM units WHERE id = ?`, id); err != nil {
		return u, fmt.Errorf("unit %d: %w", id, err)
	}
	return u, nil
}

// UnitByKey returns one unit by its stable key.
func (s *DB) UnitByKey(ctx context.Context, key string) (loa.Unit, error) {
	var u loa.Unit
	if err := s.get(ctx, s.db, &u, `SELECT `+unitColumns+` FROM units WHERE key = ?`, key); err != nil {
		return u, fmt.Errorf("unit %q: %w", key, err)
	}
	return u, nil
}

// Topics lists the topics in display order.
func (s *DB) Topics(ctx context.Context) ([]loa.Topic, error) {
	var topics []loa.Topic
	if err := s.sel(ctx, s.db, &topics, `SELECT key, name_vi, name_en, sort FROM topics ORDER BY sort, key`); err != nil {
		return nil, fmt.Errorf("list topics: %w", err)
	}
	return topics, nil
}
