-- +goose Up
-- The web console signs people in with one-time links sent in Telegram and keeps their
-- sessions here, so any process serves any request. Only hashes of the secrets are stored.
CREATE TABLE console_links (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME
);
CREATE TABLE console_sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    csrf       TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- +goose Down
DROP TABLE console_sessions;
DROP TABLE console_links;
