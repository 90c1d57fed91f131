-- +goose Up
-- Questions asked in Telegram, so their "Xem thêm" buttons work after a restart.
CREATE TABLE questions (
    id         INTEGER PRIMARY KEY,
    chat_id    BIGINT NOT NULL,
    text       TEXT NOT NULL,
    created_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE questions;
