package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

// StoreUpdates keeps received updates until they are handled, all of them or none. An update
// already there (Telegram sends one again when it missed the answer) is kept as it was.
func (s *DB) StoreUpdates(ctx context.Context, updates []loa.InboxUpdate, now time.Time) error {
	if len(updates) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, u := range updates {
			if _, err := s.exec(ctx, tx, `INSERT INTO inbox (update_id, chat_id, body, received_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (update_id) DO NOTHING`, u.UpdateID, u.ChatID, u.Body, now.UTC()); err != nil {
				return fmt.Errorf("store update %d: %w", u.UpdateID, err)
			}
		}
		return nil
	})
}

// ClaimUpdate takes the next update to handle for worker: the oldest that is first in its
// chat's line while no other update of that chat is being handled, so a chat's updates are
// handled one at a time, in order, whichever process takes them. ok is false when none is.
func (s *DB) ClaimUpdate(ctx context.Context, worker string, now time.Time) (u loa.InboxUpdate, ok bool, err error) {
	skipLocked := ""
	if s.driver == Postgres {
		// A claim under way elsewhere is skipped, not waited for: its row is another chat's
		// turn, and the next chat in line can be taken meanwhile.
		skipLocked = " FOR UPDATE SKIP LOCKED"
	}
	var claimed []loa.InboxUpdate
	err = s.sel(ctx, s.db, &claimed, `UPDATE inbox SET status = 'handling', claimed_by = ?, claimed_at = ?
		WHERE status = 'queued' AND update_id = (
			SELECT i.update_id FROM inbox i WHERE i.status = 'queued' AND NOT EXISTS (
				SELECT 1 FROM inbox h WHERE h.chat_id = i.chat_id
				AND (h.status = 'handling' OR (h.status = 'queued' AND h.update_id < i.update_id)))
			ORDER BY i.update_id LIMIT 1`+skipLocked+`)
		RETURNING update_id, chat_id, body`, worker, now.UTC())
	if err != nil {
		return u, false, fmt.Errorf("claim an update: %w", err)
	}
	if len(claimed) == 0 {
		return u, false, nil
	}
	return claimed[0], true, nil
}

// FinishUpdate marks an update handled.
func (s *DB) FinishUpdate(ctx context.Context, updateID int64, now time.Time) error {
	if _, err := s.exec(ctx, s.db, `UPDATE inbox SET status = 'done', handled_at = ? WHERE update_id = ?`, now.UTC(), updateID); err != nil {
		return fmt.Errorf("finish update %d: %w", updateID, err)
	}
	return nil
}

// TidyInbox gives up the updates claimed before staleBefore and never finished (their process
// died while handling them; handling one again could repeat what it did), which lets their
// chats' next updates through, and forgets updates handled before doneBefore.
func (s *DB) TidyInbox(ctx context.Context, staleBefore, doneBefore time.Time) (abandoned int, err error) {
	res, err := s.exec(ctx, s.db, `UPDATE inbox SET status = 'abandoned', handled_at = ? WHERE status = 'handling' AND claimed_at < ?`,
		staleBefore.UTC(), staleBefore.UTC())
	if err != nil {
		return 0, fmt.Errorf("abandon stale updates: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := s.exec(ctx, s.db, `DELETE FROM inbox WHERE status IN ('done', 'abandoned') AND handled_at < ?`, doneBefore.UTC()); err != nil {
		return int(n), fmt.Errorf("forget handled updates: %w", err)
	}
	return int(n), nil
}
