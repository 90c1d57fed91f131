package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// schema lists "table.column" and "index name on table" after all migrations.
func schema(t *testing.T, db *store.DB) (columns, indexes []string) {
	t.Helper()
	x := db.SQL()
	switch db.Driver() {
	case store.SQLite:
		var tables []string
		if err := x.Select(&tables, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`); err != nil {
			t.Fatal(err)
		}
		for _, table := range tables {
			var cols []string
			if err := x.Select(&cols, `SELECT name FROM pragma_table_info(?)`, table); err != nil {
				t.Fatal(err)
			}
			for _, c := range cols {
				columns = append(columns, table+"."+c)
			}
		}
		if err := x.Select(&indexes, `SELECT name || ' on ' || tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'`); err != nil {
			t.Fatal(err)
		}
	case store.Postgres:
		if err := x.Select(&columns, `SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema()`); err != nil {
			t.Fatal(err)
		}
		if err := x.Select(&indexes, `SELECT indexname || ' on ' || tablename FROM pg_indexes WHERE schemaname = current_schema()
			AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'`); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(columns)
	slices.Sort(indexes)
	return columns, indexes
}

// dialectOnly reports the parts of the schema that exist in one dialect on purpose: the
// full-text index of questions is FTS5 (a virtual table and its shadow tables) on SQLite and a
// tsvector column with its GIN index on PostgreSQL.
func dialectOnly(x string) bool {
	return strings.HasPrefix(x, "sqlite only: search_fts") || x == "postgres only: search_items.tsv" ||
		x == "postgres only: search_items_tsv on search_items"
}

// TestTheTwoSchemasAgree: the per-dialect migrations must build the same tables, columns and
// indexes, or a feature tested on one database breaks on the other.
func TestTheTwoSchemasAgree(t *testing.T) {
	t.Parallel()
	liteCols, liteIdx := schema(t, storetest.Open(t, store.SQLite))
	pgCols, pgIdx := schema(t, storetest.Open(t, store.Postgres))
	for _, pair := range [][2][]string{{liteCols, pgCols}, {liteIdx, pgIdx}} {
		for _, x := range diff(pair[0], pair[1]) {
			if !dialectOnly(x) {
				t.Error(x)
			}
		}
	}
}

func diff(lite, pg []string) []string {
	var out []string
	for _, x := range lite {
		if !slices.Contains(pg, x) {
			out = append(out, "sqlite only: "+x)
		}
	}
	for _, x := range pg {
		if !slices.Contains(lite, x) {
			out = append(out, "postgres only: "+x)
		}
	}
	return out
}
