package store

import (
	"context"
	"fmt"
	"time"

	"github.com/loa-vn/loa"
)

// UseInitData spends a Mini App's initData once, by its hash: the insert that records it is
// the check, so two requests with one value sign in at most once. A replay gets
// loa.ErrLinkUsed. Hashes past their expiry are removed on the way.
func (s *DB) UseInitData(ctx context.Context, hash string, expires, now time.Time) error {
	if _, err := s.exec(ctx, s.db, `DELETE FROM console_initdata WHERE expires_at <= ?`, now.UTC()); err != nil {
		return fmt.Errorf("remove expired initData: %w", err)
	}
	_, err := s.exec(ctx, s.db, `INSERT INTO console_initdata (hash, expires_at) VALUES (?, ?)`, hash, expires.UTC())
	if isUniqueViolation(err) {
		return loa.ErrLinkUsed
	} else if err != nil {
		return fmt.Errorf("use initData: %w", err)
	}
	return nil
}
