package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa"
)

// hashSecret is what is stored of a link token or session ID: a database dump cannot sign in.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateSignInLink stores a one-time sign-in link for a Telegram user.
func (s *DB) CreateSignInLink(ctx context.Context, token string, userID int64, expires time.Time) error {
	_, err := s.exec(ctx, s.db, `INSERT INTO console_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)`,
		hashSecret(token), userID, expires.UTC())
	if err != nil {
		return fmt.Errorf("create sign-in link: %w", err)
	}
	return nil
}

// UseSignInLink marks a link used in the same statement that checks it, so two requests with
// one link sign in at most once.
func (s *DB) UseSignInLink(ctx context.Context, token string, now time.Time) (int64, error) {
	var userID int64
	err := s.get(ctx, s.db, &userID, `UPDATE console_links SET used_at = ?
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`, now.UTC(), hashSecret(token), now.UTC())
	if errors.Is(err, loa.ErrNotFound) {
		return 0, loa.ErrLinkUsed
	} else if err != nil {
		return 0, fmt.Errorf("use sign-in link: %w", err)
	}
	return userID, nil
}

// CreateSession stores a console session; expired ones are removed on the way.
func (s *DB) CreateSession(ctx context.Context, id string, cs loa.ConsoleSession) error {
	if _, err := s.exec(ctx, s.db, `DELETE FROM console_sessions WHERE expires_at <= ?`, cs.CreatedAt.UTC()); err != nil {
		return fmt.Errorf("remove expired sessions: %w", err)
	}
	_, err := s.exec(ctx, s.db, `INSERT INTO console_sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		hashSecret(id), cs.UserID, cs.CSRF, cs.CreatedAt.UTC(), cs.ExpiresAt.UTC())
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session returns a session that has not expired.
func (s *DB) Session(ctx context.Context, id string, now time.Time) (loa.ConsoleSession, error) {
	var cs loa.ConsoleSession
	err := s.get(ctx, s.db, &cs, `SELECT user_id, csrf, created_at, expires_at FROM console_sessions
		WHERE id_hash = ? AND expires_at > ?`, hashSecret(id), now.UTC())
	if err != nil && !errors.Is(err, loa.ErrNotFound) {
		return cs, fmt.Errorf("read session: %w", err)
	}
	return cs, err
}

// DeleteSession signs a session out.
func (s *DB) DeleteSession(ctx context.Context, id string) error {
	if _, err := s.exec(ctx, s.db, `DELETE FROM console_sessions WHERE id_hash = ?`, hashSecret(id)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// RecentNotices lists notices of one origin, newest first, a page at a time.
func (s *DB) RecentNotices(ctx context.Context, origin string, limit, offset int) ([]loa.Notice, error) {
	var rows []noticeRow
	if err := s.sel(ctx, s.db, &rows, `SELECT `+noticeColumns+` FROM notices WHERE origin = ?
		ORDER BY id DESC LIMIT ? OFFSET ?`, origin, limit, offset); err != nil {
		return nil, fmt.Errorf("recent notices: %w", err)
	}
	return noticesOf(rows)
}

// RecentArticles lists stored articles, newest first, a page at a time, without their bodies
// and extraction (ArticleByID has them).
func (s *DB) RecentArticles(ctx context.Context, limit, offset int) ([]loa.Article, error) {
	var out []loa.Article
	// The list shows titles: the bodies, several kilobytes each, are left in the table. Official
	// documents kept for answers have their own pages, not the news list.
	if err := s.sel(ctx, s.db, &out, `SELECT id, source, url, guid, title, published, content_hash, speaker, fetched_at, updated_at
		FROM articles WHERE source <> ? ORDER BY published DESC, id DESC LIMIT ? OFFSET ?`, loa.DocumentSource, limit, offset); err != nil {
		return nil, fmt.Errorf("recent articles: %w", err)
	}
	return out, nil
}

// PendingCandidates lists events found in articles that no scheduled event confirms yet,
// newest first; only those dated today or later, or with no day at all, are worth asking.
func (s *DB) PendingCandidates(ctx context.Context, today string, limit int) ([]loa.EventMention, error) {
	var rows []struct {
		loa.EventMention
		PlacesJSON string `db:"places"`
	}
	err := s.sel(ctx, s.db, &rows, `SELECT c.id, c.article_id, c.kind, c.title, c.places, c.date, c.end_date, c.year, c.month, c.time_of_day,
		a.title AS article_title, a.url, a.published
		FROM event_candidates c JOIN articles a ON a.id = c.article_id LEFT JOIN events e ON e.candidate_id = c.id
		WHERE e.id IS NULL AND (c.date = '' OR c.date >= ?) ORDER BY c.id DESC LIMIT ?`, today, limit)
	if err != nil {
		return nil, fmt.Errorf("pending event candidates: %w", err)
	}
	out := make([]loa.EventMention, 0, len(rows))
	for _, r := range rows {
		m := r.EventMention
		json.Unmarshal([]byte(r.PlacesJSON), &m.Places)
		out = append(out, m)
	}
	return out, nil
}
