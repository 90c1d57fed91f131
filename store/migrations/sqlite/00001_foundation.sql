-- +goose Up
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES units(id),
    sort        INTEGER NOT NULL DEFAULT 0,
    retired     BOOLEAN NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES units(id),
    updated_at  DATETIME NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE topics (
    key     TEXT PRIMARY KEY,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    sort    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE chats (
    id         BIGINT PRIMARY KEY,
    type       TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    username   TEXT NOT NULL DEFAULT '',
    user_id    BIGINT NOT NULL DEFAULT 0,
    unit_id    INTEGER REFERENCES units(id),
    role       TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    lang       TEXT NOT NULL DEFAULT 'vi',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX chats_status ON chats(status);
CREATE INDEX chats_unit ON chats(unit_id);

CREATE TABLE subscriptions (
    chat_id    BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    topic      TEXT NOT NULL REFERENCES topics(key) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (chat_id, topic)
);
CREATE INDEX subscriptions_topic ON subscriptions(topic);

CREATE TABLE invites (
    code       TEXT PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    role       TEXT NOT NULL,
    max_uses   INTEGER NOT NULL,
    uses       INTEGER NOT NULL DEFAULT 0,
    expires_at DATETIME,
    created_by TEXT NOT NULL,
    created_at DATETIME NOT NULL
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      DATETIME NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL DEFAULT '',
    detail  TEXT NOT NULL DEFAULT '',
    allowed BOOLEAN NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE invites;
DROP TABLE subscriptions;
DROP TABLE chats;
DROP TABLE topics;
DROP TABLE units;
