package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// noticeChannel is the PostgreSQL channel a new notice is announced on.
const noticeChannel = "loa_notices"

// announceNotice tells every listening process, when tx commits, that there is work to send.
func (s *DB) announceNotice(ctx context.Context, tx *sqlx.Tx) error {
	if s.driver != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, '')`, noticeChannel); err != nil {
		return fmt.Errorf("announce notice: %w", err)
	}
	return nil
}

// ListenForNotices calls wake whenever any process creates a notice, until ctx ends, so a
// notice made by the command line or another server is sent at once rather than at the next
// idle poll. On SQLite there is no server to tell processes apart and it returns at once; the
// poll stays the fallback on both.
func (s *DB) ListenForNotices(ctx context.Context, log *slog.Logger, wake func()) error {
	if s.driver != Postgres {
		return nil
	}
	l := pq.NewListener(s.dsn, time.Second, time.Minute, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			log.Warn("notice listener connection", "event", int(ev), "err", err)
		}
	})
	defer l.Close()
	if err := l.Listen(noticeChannel); err != nil {
		return fmt.Errorf("listen for notices: %w", err)
	}
	wake() // what was created before listening began

	for {
		select {
		case <-ctx.Done():
			return nil
		case <-l.Notify:
			// nil after a reconnection: notices may have been missed, so look anyway.
			wake()
		case <-time.After(90 * time.Second):
			go l.Ping()
		}
	}
}
