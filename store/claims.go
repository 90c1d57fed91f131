package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
)

// MessageIn returns the first Telegram message a notice was delivered as in a chat.
func (s *DB) MessageIn(ctx context.Context, noticeID, chatID int64) (int, bool, error) {
	var ids []string
	if err := s.sel(ctx, s.db, &ids, `SELECT message_ids FROM deliveries WHERE notice_id = ? AND chat_id = ?`, noticeID, chatID); err != nil {
		return 0, false, fmt.Errorf("message of notice %d in chat %d: %w", noticeID, chatID, err)
	}
	if len(ids) == 0 {
		return 0, false, nil
	}
	first, _, _ := strings.Cut(ids[0], ",")
	id, err := strconv.Atoi(first)
	return id, err == nil && id > 0, nil
}

// RenewClaims keeps worker's claims alive while it is still sending them: a slow Bot API
// makes a batch outlast the lease, and a live process's claims must not be taken over.
func (s *DB) RenewClaims(ctx context.Context, worker string, now time.Time) error {
	if _, err := s.exec(ctx, s.db, `UPDATE deliveries SET claimed_at = ? WHERE status = ? AND claimed_by = ?`,
		now.UTC(), loa.DeliverySending, worker); err != nil {
		return fmt.Errorf("renew claims of %s: %w", worker, err)
	}
	return nil
}

// RequeueStale puts back deliveries whose worker claimed them before cutoff and never reported:
// it died (kill -9, power loss). At most those in flight at the crash are sent twice.
func (s *DB) RequeueStale(ctx context.Context, cutoff time.Time) (int, error) {
	res, err := s.exec(ctx, s.db, `UPDATE deliveries SET status = ?, claimed_by = '' WHERE status = ? AND claimed_at < ?`,
		loa.DeliveryQueued, loa.DeliverySending, cutoff.UTC())
	if err != nil {
		return 0, fmt.Errorf("requeue stale deliveries: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
