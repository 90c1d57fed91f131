package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa"
)

// apiTokenRow is a row of api_tokens; units and rights are comma-separated.
type apiTokenRow struct {
	Name      string     `db:"name"`
	Units     string     `db:"units"`
	Rights    string     `db:"rights"`
	CreatedAt time.Time  `db:"created_at"`
	RevokedAt *time.Time `db:"revoked_at"`
}

func (r apiTokenRow) client() loa.APIClient {
	c := loa.APIClient{Name: r.Name, Units: splitList(r.Units), Rights: splitList(r.Rights), CreatedAt: r.CreatedAt, RevokedAt: r.RevokedAt}
	if c.Units == nil {
		c.Units = []string{}
	}
	return c
}

func splitList(list string) []string {
	if list == "" {
		return nil
	}
	return strings.Split(list, ",")
}

// CreateAPIToken stores a client and its token's hash; a name already used (even revoked) is
// refused with loa.ErrConflict, so the audit log's api:<name> always means one client.
func (s *DB) CreateAPIToken(ctx context.Context, c loa.APIClient, token string) error {
	_, err := s.exec(ctx, s.db, `INSERT INTO api_tokens (name, token_hash, units, rights, created_at) VALUES (?, ?, ?, ?, ?)`,
		c.Name, loa.HashToken(token), strings.Join(c.Units, ","), strings.Join(c.Rights, ","), c.CreatedAt.UTC())
	if isUniqueViolation(err) {
		return fmt.Errorf("api token %q: %w", c.Name, loa.ErrConflict)
	} else if err != nil {
		return fmt.Errorf("create api token %q: %w", c.Name, err)
	}
	return nil
}

// APIClientByToken finds a live client by its token's hash.
func (s *DB) APIClientByToken(ctx context.Context, token string) (loa.APIClient, error) {
	var r apiTokenRow
	err := s.get(ctx, s.db, &r, `SELECT name, units, rights, created_at, revoked_at FROM api_tokens
		WHERE token_hash = ? AND revoked_at IS NULL`, loa.HashToken(token))
	if err != nil {
		return loa.APIClient{}, fmt.Errorf("api token: %w", err)
	}
	return r.client(), nil
}

// APIClients lists every client made in the database, by name.
func (s *DB) APIClients(ctx context.Context) ([]loa.APIClient, error) {
	var rows []apiTokenRow
	if err := s.sel(ctx, s.db, &rows, `SELECT name, units, rights, created_at, revoked_at FROM api_tokens ORDER BY name`); err != nil {
		return nil, fmt.Errorf("api tokens: %w", err)
	}
	out := make([]loa.APIClient, len(rows))
	for i, r := range rows {
		out[i] = r.client()
	}
	return out, nil
}

// RevokeAPIToken ends a live token at once: the next request with it is refused.
func (s *DB) RevokeAPIToken(ctx context.Context, name string, now time.Time) error {
	res, err := s.exec(ctx, s.db, `UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL`, now.UTC(), name)
	if err != nil {
		return fmt.Errorf("revoke api token %q: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("api token %q: %w", name, loa.ErrNotFound)
	}
	return nil
}
