package store

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
)

// privateMode is the mode of every file Loa writes members' data to: the database, its WAL
// and shared-memory files, and backups. Names and Telegram IDs are not for other local users.
const privateMode = 0o600

// createPrivate creates the SQLite database file before SQLite does, with privateMode: SQLite
// would create it 0644 less the umask, and it gives the -wal, -shm and -journal files the
// mode of the database file, so they follow. An existing file is left as it is.
func createPrivate(dsn string) error {
	path := sqlitePath(dsn)
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, privateMode)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer f.Close()
	// The umask can only take bits away; chmod makes the mode exact whatever it is.
	if err := f.Chmod(privateMode); err != nil {
		return fmt.Errorf("make %s private: %w", path, err)
	}
	return nil
}

// sqlitePath is the file an SQLite DSN names, or "" for an in-memory database.
func sqlitePath(dsn string) string {
	if dsn == "" || dsn == ":memory:" {
		return ""
	}
	if !strings.HasPrefix(dsn, "file:") {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil || u.Query().Get("mode") == "memory" {
		return ""
	}
	path := u.Path
	if path == "" {
		path = u.Opaque
	}
	if path == ":memory:" {
		return ""
	}
	return path
}
