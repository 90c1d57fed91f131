-- +goose Up
-- Who pressed "✅ Đã nhận": in a group every member's press counts, each once, so the report can
-- name them and the button show how many. A press on a re-reminder or an update counts for the
-- notice it follows.
CREATE TABLE acknowledgements (
    notice_id BIGINT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    chat_id   BIGINT NOT NULL,
    user_id   BIGINT NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    acked_at  DATETIME NOT NULL,
    PRIMARY KEY (notice_id, chat_id, user_id)
);

-- +goose Down
DROP TABLE acknowledgements;
