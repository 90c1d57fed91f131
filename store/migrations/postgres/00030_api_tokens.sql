-- +goose Up
-- API clients made with `loa api tokens create`: what each may do and which units it may
-- address. Only the token's SHA-256 is stored; revoking keeps the row for the audit log's sake.
CREATE TABLE api_tokens (
    name       TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    units      TEXT NOT NULL DEFAULT '',
    rights     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

-- +goose Down
DROP TABLE api_tokens;
