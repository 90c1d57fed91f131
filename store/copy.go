package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// ErrCopyTarget refuses a copy into a database that is not an empty, migrated PostgreSQL one.
var ErrCopyTarget = errors.New("copy needs an empty PostgreSQL database as its target")

// CopyTo copies every table of this SQLite database into dst, an empty PostgreSQL database
// that is migrated to the same version, and verifies the row counts of every table: an office
// that outgrows one machine keeps members, notices and their acknowledgements, events and
// their reminders, articles and their search index, and the audit log. progress, when given,
// hears each table as it is done. It returns the rows copied per table.
func (s *DB) CopyTo(ctx context.Context, dst *DB, progress func(table string, rows int)) (map[string]int, error) {
	if s.driver != SQLite || dst.driver != Postgres {
		return nil, ErrCopyTarget
	}
	tables, err := dst.copyOrder(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		var n int
		if err := dst.db.GetContext(ctx, &n, `SELECT COUNT(*) FROM `+t.name); err != nil {
			return nil, fmt.Errorf("count %s in the target: %w", t.name, err)
		}
		if n > 0 {
			return nil, fmt.Errorf("%w: %s already has %d rows", ErrCopyTarget, t.name, n)
		}
	}
	copied := map[string]int{}
	err = dst.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, t := range tables {
			n, err := s.copyTable(ctx, tx, t)
			if err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
			copied[t.name] = n
			if progress != nil {
				progress(t.name, n)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		var want, got int
		if err := s.db.GetContext(ctx, &want, `SELECT COUNT(*) FROM `+t.name); err != nil {
			return copied, fmt.Errorf("count %s: %w", t.name, err)
		}
		if err := dst.db.GetContext(ctx, &got, `SELECT COUNT(*) FROM `+t.name); err != nil {
			return copied, fmt.Errorf("count %s in the target: %w", t.name, err)
		}
		if want != got {
			return copied, fmt.Errorf("copy %s: %d rows here, %d in the target", t.name, want, got)
		}
	}
	return copied, nil
}

// copyTable is one table of a copy: its columns, which of them point at the table itself
// (filled in after every row is there), and its identity column.
type copyTable struct {
	name     string
	columns  map[string]string // PostgreSQL column → its data type, generated columns left out
	selfRefs []string
	identity bool
}

// copyOrder lists the target's tables, each after the tables its foreign keys point at.
func (s *DB) copyOrder(ctx context.Context) ([]copyTable, error) {
	var cols []struct {
		Table, Column, Type, Generated, Identity string
	}
	if err := s.db.SelectContext(ctx, &cols, `SELECT table_name AS "table", column_name AS "column", data_type AS "type",
		is_generated AS "generated", is_identity AS "identity"
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'
		ORDER BY table_name, ordinal_position`); err != nil {
		return nil, fmt.Errorf("read the target's columns: %w", err)
	}
	byName := map[string]*copyTable{}
	var names []string
	for _, c := range cols {
		t := byName[c.Table]
		if t == nil {
			t = &copyTable{name: c.Table, columns: map[string]string{}}
			byName[c.Table] = t
			names = append(names, c.Table)
		}
		if c.Generated == "ALWAYS" {
			continue
		}
		t.columns[c.Column] = c.Type
		t.identity = t.identity || (c.Identity == "YES" && c.Column == "id")
	}
	var refs []struct {
		Table, Column, Ref string
	}
	if err := s.db.SelectContext(ctx, &refs, `SELECT tc.table_name AS "table", kcu.column_name AS "column", ccu.table_name AS "ref"
		FROM information_schema.table_constraints tc
		JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
		JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
		WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`); err != nil {
		return nil, fmt.Errorf("read the target's foreign keys: %w", err)
	}
	after := map[string][]string{}
	for _, r := range refs {
		if r.Ref == r.Table {
			byName[r.Table].selfRefs = append(byName[r.Table].selfRefs, r.Column)
		} else {
			after[r.Table] = append(after[r.Table], r.Ref)
		}
	}
	var order []copyTable
	done := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		if done[name] {
			return
		}
		done[name] = true
		for _, ref := range after[name] {
			visit(ref)
		}
		order = append(order, *byName[name])
	}
	slices.Sort(names)
	for _, n := range names {
		visit(n)
	}
	return order, nil
}

// copyTable copies one table's rows in batches, converting SQLite's values to the target's
// types (booleans stored as 0 and 1, times stored as text), then fills in the columns that
// point at the table itself and moves its identity past the copied IDs.
func (s *DB) copyTable(ctx context.Context, tx *sqlx.Tx, t copyTable) (int, error) {
	var have []string
	if err := s.db.SelectContext(ctx, &have, `SELECT name FROM pragma_table_info(?)`, t.name); err != nil {
		return 0, err
	}
	var cols []string
	for _, c := range have {
		if _, ok := t.columns[c]; ok {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 {
		return 0, nil
	}
	rows, err := s.db.QueryxContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+t.name+` ORDER BY rowid`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	const batch = 200
	var pending [][]any
	var selfRefs [][]any // id, then each self-referencing column's value
	n := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		var marks []string
		var args []any
		for _, r := range pending {
			marks = append(marks, "("+strings.TrimSuffix(strings.Repeat("?, ", len(r)), ", ")+")")
			args = append(args, r...)
		}
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO `+t.name+` (`+strings.Join(cols, ", ")+`) VALUES `+strings.Join(marks, ", ")), args...)
		pending = pending[:0]
		return err
	}
	for rows.Next() {
		values, err := rows.SliceScan()
		if err != nil {
			return n, err
		}
		var self []any
		for i, c := range cols {
			if values[i], err = convert(values[i], t.columns[c]); err != nil {
				return n, fmt.Errorf("row %d, %s: %w", n+1, c, err)
			}
			if c == "id" {
				self = append([]any{values[i]}, self...)
			}
			if slices.Contains(t.selfRefs, c) {
				self = append(self, values[i])
				values[i] = nil
			}
		}
		if len(t.selfRefs) > 0 {
			selfRefs = append(selfRefs, self)
		}
		pending = append(pending, values)
		n++
		if len(pending) == batch {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	if err := flush(); err != nil {
		return n, err
	}
	for _, r := range selfRefs {
		for i, c := range t.selfRefs {
			if r[i+1] != nil {
				if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE `+t.name+` SET `+c+` = ? WHERE id = ?`), r[i+1], r[0]); err != nil {
					return n, err
				}
			}
		}
	}
	if t.identity {
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t.name+`', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM `+t.name); err != nil {
			return n, err
		}
	}
	return n, nil
}

// convert makes a SQLite value what a PostgreSQL column of type pgType takes.
func convert(v any, pgType string) (any, error) {
	switch pgType {
	case "boolean":
		switch b := v.(type) {
		case int64:
			return b != 0, nil
		case bool, nil:
			return b, nil
		}
		return nil, fmt.Errorf("%v (%T) is not a boolean", v, v)
	case "timestamp with time zone", "timestamp without time zone", "date":
		switch t := v.(type) {
		case string:
			for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", "2006-01-02"} {
				if parsed, err := time.Parse(layout, t); err == nil {
					return parsed, nil
				}
			}
			return nil, fmt.Errorf("%q is not a time", t)
		case []byte:
			return convert(string(t), pgType)
		}
		return v, nil
	case "text", "character varying":
		if b, ok := v.([]byte); ok {
			return string(b), nil
		}
	}
	return v, nil
}
