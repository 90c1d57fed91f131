-- +goose Up
-- Telegram updates are stored here before Telegram is told they arrived (the webhook's 200,
-- the poller's next offset): a crash loses none. Each is handled once, a chat's in order;
-- handled ones stay a day so that one sent again is recognised.
CREATE TABLE inbox (
    update_id   BIGINT PRIMARY KEY,
    chat_id     BIGINT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'queued', -- queued, handling, done, abandoned
    received_at TIMESTAMPTZ NOT NULL,
    claimed_by  TEXT NOT NULL DEFAULT '',
    claimed_at  TIMESTAMPTZ,
    handled_at  TIMESTAMPTZ
);
CREATE INDEX inbox_chat ON inbox(chat_id, status, update_id);
CREATE INDEX inbox_status ON inbox(status, update_id);

-- +goose Down
DROP TABLE inbox;
