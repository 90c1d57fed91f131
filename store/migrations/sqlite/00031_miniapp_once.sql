-- +goose Up
-- A Mini App's initData signs in once: its hash is kept until the data would be too old
-- to be accepted anyway.
CREATE TABLE console_initdata (
    hash       TEXT PRIMARY KEY,
    expires_at DATETIME NOT NULL
);
CREATE INDEX console_initdata_expiry ON console_initdata (expires_at);

-- +goose Down
DROP TABLE console_initdata;
