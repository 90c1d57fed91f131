package store

import (
	"context"
	"fmt"
	"time"

	"github.com/loa-vn/loa"
)

// Audit appends an entry to the audit log; a zero At means now.
func (s *DB) Audit(ctx context.Context, e loa.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.nowUTC()
	}
	_, err := s.exec(ctx, s.db, `INSERT INTO audit_log (at, actor, action, target, detail, allowed) VALUES (?, ?, ?, ?, ?, ?)`,
		e.At.UTC(), e.Actor, e.Action, e.Target, e.Detail, e.Allowed)
	if err != nil {
		return fmt.Errorf("audit %s by %s: %w", e.Action, e.Actor, err)
	}
	return nil
}

// AuditLog lists entries at or after since, oldest first.
func (s *DB) AuditLog(ctx context.Context, since time.Time) ([]loa.AuditEntry, error) {
	var entries []loa.AuditEntry
	err := s.sel(ctx, s.db, &entries, `SELECT id, at, actor, action, target, detail, allowed FROM audit_log
		WHERE at >= ? ORDER BY at, id`, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return entries, nil
}
