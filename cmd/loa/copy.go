package main

import (
	"fmt"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
)

// copyTo moves everything from the configured SQLite database into an empty PostgreSQL one
// and verifies the counts; the office then points LOA_DATABASE_URL at PostgreSQL.
func (a *admin) copyTo(args []string) error {
	fs := a.flags("copy")
	to := fs.String("to", "", "the PostgreSQL database to copy into (postgres://…), empty")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: copy takes no arguments, got %q", errUsage, pos)
	}
	if !strings.HasPrefix(*to, "postgres://") && !strings.HasPrefix(*to, "postgresql://") {
		return fmt.Errorf("%w: --to must be a postgres:// address", errUsage)
	}
	if a.cfg.Database.Driver != store.SQLite {
		return fmt.Errorf("%w: copy moves a SQLite database; this configuration uses %s", errUsage, a.cfg.Database.Driver)
	}
	dst, err := store.Open(a.ctx, store.Postgres, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	if err := dst.Migrate(a.ctx); err != nil {
		return err
	}
	total := 0
	counts, err := a.db.CopyTo(a.ctx, dst, func(table string, rows int) {
		total += rows
		fmt.Fprintf(a.e.stdout, "%-20s %d rows\n", table, rows)
	})
	if err != nil {
		return err
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: "copy", Target: "postgres", Detail: fmt.Sprintf("%d rows in %d tables", total, len(counts)), Allowed: true})
	fmt.Fprintf(a.e.stdout, "copied %d rows in %d tables; every table's rows counted on both sides.\nNow set LOA_DATABASE_DRIVER=postgres and LOA_DATABASE_URL to the new database.\n", total, len(counts))
	return nil
}
