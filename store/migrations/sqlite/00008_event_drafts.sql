-- +goose Up
-- An event being created step by step in Telegram (/sukien). Cancelling deletes it.
CREATE TABLE event_drafts (
    chat_id    BIGINT PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    step       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    start_at   DATETIME,
    place      TEXT NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE event_drafts;
