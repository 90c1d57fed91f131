// Package storetest opens real, empty Loa databases for tests: an SQLite file in a temporary
// folder, and a fresh schema in the PostgreSQL named by LOA_TEST_POSTGRES_URL (default: the
// local "test" database). Every test that touches storage runs on both.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa/store"
)

// DefaultPostgresURL is used when LOA_TEST_POSTGRES_URL is unset.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Backend is one database a test runs on.
type Backend struct {
	Driver string
	DSN    string
}

// Drivers lists the backends every storage test runs on.
var Drivers = []string{store.SQLite, store.Postgres}

// ForTest is the backends a test runs on: SQLite alone with -short, for a quick loop without
// PostgreSQL; both otherwise.
func ForTest() []string {
	if testing.Short() {
		return Drivers[:1]
	}
	return Drivers
}

// NewBackend creates an empty database for driver and removes it when the test ends.
// It does not open it, so a test can start a whole `loa` process on it.
func NewBackend(t testing.TB, driver string) Backend {
	t.Helper()
	switch driver {
	case store.SQLite:
		return Backend{Driver: driver, DSN: filepath.Join(t.TempDir(), "loa.db")}
	case store.Postgres:
		return Backend{Driver: driver, DSN: postgresSchema(t)}
	}
	t.Fatalf("unknown driver %q", driver)
	return Backend{}
}

// Open returns a migrated, empty store on driver, closed when the test ends.
func Open(t testing.TB, driver string) *store.DB {
	t.Helper()
	return OpenBackend(t, NewMigratedBackend(t, driver))
}

// NewMigratedBackend is NewBackend with the schema already in place. An SQLite one is a copy
// of a database migrated once per test binary: running every migration costs a fresh SQLite
// database tens of milliseconds of parsing, and the tests open hundreds.
func NewMigratedBackend(t testing.TB, driver string) Backend {
	t.Helper()
	b := NewBackend(t, driver)
	if driver != store.SQLite {
		return b
	}
	image, err := migratedSQLite()
	if err != nil {
		t.Fatalf("migrated SQLite database: %v", err)
	}
	if err := os.WriteFile(b.DSN, image, 0o600); err != nil {
		t.Fatal(err)
	}
	return b
}

var migrated struct {
	once  sync.Once
	image []byte
	err   error
}

// migratedSQLite is the file of an empty SQLite database with every migration applied.
func migratedSQLite() ([]byte, error) {
	migrated.once.Do(func() {
		dir, err := os.MkdirTemp("", "loa-schema")
		if err != nil {
			migrated.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "loa.db")
		ctx := context.Background()
		db, err := store.Open(ctx, store.SQLite, path)
		if err != nil {
			migrated.err = err
			return
		}
		if err := db.Migrate(ctx); err != nil {
			db.Close()
			migrated.err = err
			return
		}
		// Everything in the file itself, so that the file alone is the database.
		if _, err := db.SQL().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			db.Close()
			migrated.err = err
			return
		}
		if err := db.Close(); err != nil {
			migrated.err = err
			return
		}
		migrated.image, migrated.err = os.ReadFile(path)
	})
	return migrated.image, migrated.err
}

// OpenBackend opens and migrates an existing test backend.
func OpenBackend(t testing.TB, b Backend) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, b.Driver, b.DSN)
	if err != nil {
		t.Fatalf("open %s: %v", b.Driver, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", b.Driver, err)
	}
	return db
}

// Each runs fn once per backend as a subtest named after the driver. The two run side by
// side: each has its own empty database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, d := range ForTest() {
		t.Run(d, func(t *testing.T) { t.Parallel(); fn(t, Open(t, d)) })
	}
}

func postgresSchema(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("needs PostgreSQL; -short runs the SQLite half alone")
	}
	base := os.Getenv("LOA_TEST_POSTGRES_URL")
	if base == "" {
		base = DefaultPostgresURL
	}
	admin, err := sqlx.Open("postgres", base)
	if err != nil {
		t.Fatalf("postgres %s: %v", redact(base), err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	schema := "loa_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema on %s (is PostgreSQL running? .ci/run starts it): %v", redact(base), err)
	}
	t.Cleanup(func() {
		c, err := sqlx.Open("postgres", base)
		if err != nil {
			return
		}
		defer c.Close()
		c.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("LOA_TEST_POSTGRES_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
