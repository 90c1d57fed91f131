package store_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/loa-vn/loa/store"
)

// Under the usual umask 022 the database, its WAL and shared-memory files and a backup are
// readable by their owner alone. Not parallel: the umask belongs to the whole process.
func TestDatabaseFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	for name, dsn := range map[string]func(dir string) string{
		"path":     func(dir string) string { return filepath.Join(dir, "loa.db") },
		"file URI": func(dir string) string { return "file:" + filepath.Join(dir, "loa.db") + "?cache=private" },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db, err := store.Open(ctx, store.SQLite, dsn(dir))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			backup := filepath.Join(dir, "backup.db")
			if err := db.Backup(ctx, backup); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"loa.db", "loa.db-wal", "loa.db-shm", "backup.db"} {
				info, err := os.Stat(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				if mode := info.Mode().Perm(); mode != 0o600 {
					t.Errorf("%s is %#o, want 0600", f, mode)
				}
			}
			if err := db.Backup(ctx, backup); err == nil {
				t.Error("a backup over an existing file was accepted")
			}
		})
	}
}
