-- +goose Up
CREATE TABLE notices (
    id           INTEGER PRIMARY KEY,
    origin       TEXT NOT NULL,
    origin_ref   TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    buttons      TEXT NOT NULL DEFAULT '[]',
    priority     INTEGER NOT NULL DEFAULT 0,
    requires_ack BOOLEAN NOT NULL DEFAULT 0,
    audience     TEXT NOT NULL DEFAULT '{}',
    created_by   TEXT NOT NULL DEFAULT '',
    creator_chat BIGINT NOT NULL DEFAULT 0,
    recipients   INTEGER NOT NULL DEFAULT 0,
    created_at   DATETIME NOT NULL
);
-- A reminder or an article becomes at most one notice, however often its creation is retried.
CREATE UNIQUE INDEX notices_origin_ref ON notices(origin, origin_ref) WHERE origin_ref <> '';

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    notice_id       INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    chat_id         BIGINT NOT NULL,
    status          TEXT NOT NULL,
    priority        INTEGER NOT NULL DEFAULT 0,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL,
    claimed_by      TEXT NOT NULL DEFAULT '',
    claimed_at      DATETIME,
    message_ids     TEXT NOT NULL DEFAULT '',
    sent_at         DATETIME,
    ack_at          DATETIME,
    last_error      TEXT NOT NULL DEFAULT '',
    UNIQUE (notice_id, chat_id)
);
-- Only queued rows are looked up by time, so the index holds only them.
CREATE INDEX deliveries_due ON deliveries(priority DESC, next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX deliveries_sending ON deliveries(claimed_at) WHERE status = 'sending';
CREATE INDEX deliveries_chat ON deliveries(chat_id);

-- +goose Down
DROP TABLE deliveries;
DROP TABLE notices;
