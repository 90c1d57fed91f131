// Package store persists Loa's data with sqlx on SQLite (modernc.org/sqlite, the embedded
// default) or PostgreSQL (lib/pq). Queries are written once with "?" placeholders and rebound
// for the driver; migrations are embedded per dialect and applied with goose.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // PostgreSQL driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // SQLite driver, pure Go

	"github.com/loa-vn/loa"
)

//go:embed migrations
var migrations embed.FS

// Drivers Loa supports.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB implements loa.Store.
type DB struct {
	db     *sqlx.DB
	driver string
	dsn    string // for PostgreSQL's LISTEN connection
	now    func() time.Time
	stmts  *stmtCache // SQLite only; nil on PostgreSQL
}

var _ loa.Store = (*DB)(nil)

// Open connects to the database. For SQLite, dsn is a file path (or a "file:" URI); WAL mode,
// a busy timeout, foreign keys and immediate write transactions are switched on because several
// goroutines (and the admin CLI, while serve runs) write to the same file.
func Open(ctx context.Context, driver, dsn string) (*DB, error) {
	var (
		db  *sqlx.DB
		err error
	)
	switch driver {
	case SQLite:
		if err := createPrivate(dsn); err != nil {
			return nil, fmt.Errorf("open %s database: %w", driver, err)
		}
		db, err = sqlx.Open("sqlite", sqliteDSN(dsn))
		if err == nil {
			// SQLite has one writer; a small pool avoids lock convoys while readers share WAL.
			db.SetMaxOpenConns(4)
		}
	case Postgres:
		db, err = sqlx.Open("postgres", postgresDSN(dsn))
		if err == nil {
			db.SetMaxOpenConns(16)
			db.SetConnMaxIdleTime(5 * time.Minute)
		}
	default:
		return nil, fmt.Errorf("unknown database driver %q (want sqlite or postgres)", driver)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", driver, err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", driver, err)
	}
	s := &DB{db: db, driver: driver, dsn: dsn, now: time.Now}
	if driver == SQLite {
		s.stmts = newStmtCache(db)
	}
	return s, nil
}

// Times are written in one fixed UTC format so that comparing them as text orders them. A
// "file:" DSN that sets busy_timeout itself keeps it (tests make SQLite give up quickly).
// Reads map the file (up to 256 MiB) instead of copying each page with a system call: an
// answer reads thousands of pages of the full-text index.
func sqliteDSN(path string) string {
	pragmas := "_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_pragma=mmap_size(268435456)&_txlock=immediate&_time_format=sqlite"
	if !strings.Contains(path, "busy_timeout") {
		pragmas = "_pragma=busy_timeout(10000)&" + pragmas
	}
	if strings.HasPrefix(path, "file:") {
		if strings.Contains(path, "?") {
			return path + "&" + pragmas
		}
		return path + "?" + pragmas
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
}

// postgresDSN asks lib/pq to send each statement's parameters with the statement (one round
// trip) instead of preparing it first (two): under load that halves the wait for every
// delivery's outcome. A DSN that sets binary_parameters itself is left as written.
func postgresDSN(dsn string) string {
	if strings.Contains(dsn, "binary_parameters") {
		return dsn
	}
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("binary_parameters", "yes")
		u.RawQuery = q.Encode()
		return u.String()
	}
	return strings.TrimSpace(dsn) + " binary_parameters=yes" // key=value form
}

// Migrate applies the embedded migrations. On PostgreSQL a session advisory lock makes
// concurrent `loa serve` starts take turns instead of racing.
func (s *DB) Migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+s.driver)
	if err != nil {
		return fmt.Errorf("migrations for %s: %w", s.driver, err)
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.driver == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, s.db.DB, sub, opts...)
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// Driver names the backend: "sqlite" or "postgres".
func (s *DB) Driver() string { return s.driver }

// SetClock replaces the store's clock; tests use it to control timestamps.
func (s *DB) SetClock(now func() time.Time) { s.now = now }

// Ping reports whether the database answers; /healthz uses it.
func (s *DB) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Close closes the connection pool.
func (s *DB) Close() error { return s.db.Close() }

// SQL exposes the pool to sibling implementations inside this package's tests.
func (s *DB) SQL() *sqlx.DB { return s.db }

func (s *DB) nowUTC() time.Time { return s.now().UTC() }

// queryer is satisfied by both *sqlx.DB and *sqlx.Tx so helpers work inside transactions.
type queryer interface {
	sqlx.ExtContext
	GetContext(ctx context.Context, dest any, query string, args ...any) error
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
}

func (s *DB) get(ctx context.Context, q queryer, dest any, query string, args ...any) error {
	var err error
	if st := s.stmts.on(ctx, q, query); st != nil {
		err = st.GetContext(ctx, dest, args...)
	} else {
		err = q.GetContext(ctx, dest, s.db.Rebind(query), args...)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return loa.ErrNotFound
	}
	return err
}

func (s *DB) sel(ctx context.Context, q queryer, dest any, query string, args ...any) error {
	if st := s.stmts.on(ctx, q, query); st != nil {
		return st.SelectContext(ctx, dest, args...)
	}
	return q.SelectContext(ctx, dest, s.db.Rebind(query), args...)
}

func (s *DB) exec(ctx context.Context, q queryer, query string, args ...any) (sql.Result, error) {
	if st := s.stmts.on(ctx, q, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return q.ExecContext(ctx, s.db.Rebind(query), args...)
}

// inTx runs fn in a transaction and commits only when fn succeeds.
func (s *DB) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// ErrNotSQLite refuses a backup of a PostgreSQL database: pg_dump does that.
var ErrNotSQLite = errors.New("loa backup copies the SQLite database; back up PostgreSQL with pg_dump")

// Backup writes a consistent copy of the SQLite database to path (VACUUM INTO), safe while
// other connections and processes write: they see no lock longer than one read transaction.
func (s *DB) Backup(ctx context.Context, path string) error {
	if s.driver != SQLite {
		return ErrNotSQLite
	}
	// VACUUM INTO accepts an empty file: creating it first makes the copy private whatever
	// the umask, and refuses an existing file without a gap between the check and the write.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateMode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup to %s: the file exists; choose another name", path)
	}
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	err = f.Chmod(privateMode)
	f.Close()
	if err == nil {
		_, err = s.db.ExecContext(ctx, `VACUUM INTO ?`, path)
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}
