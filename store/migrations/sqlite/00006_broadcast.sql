-- +goose Up
ALTER TABLE notices ADD COLUMN send_at DATETIME;
ALTER TABLE notices ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE notices ADD COLUMN ref_notice BIGINT;

-- A broadcast being composed in Telegram, step by step. Cancelling deletes it.
CREATE TABLE broadcast_drafts (
    chat_id    BIGINT PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    step       TEXT NOT NULL,
    text       TEXT NOT NULL DEFAULT '',
    audience   TEXT NOT NULL DEFAULT '{}',
    urgent     BOOLEAN NOT NULL DEFAULT 0,
    ack        BOOLEAN NOT NULL DEFAULT 0,
    exercise   BOOLEAN NOT NULL DEFAULT 0,
    send_at    DATETIME,
    updated_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE broadcast_drafts;
ALTER TABLE notices DROP COLUMN ref_notice;
ALTER TABLE notices DROP COLUMN status;
ALTER TABLE notices DROP COLUMN send_at;
