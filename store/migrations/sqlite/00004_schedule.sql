-- +goose Up
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    start_at     DATETIME NOT NULL,
    end_at       DATETIME,
    offsets      TEXT NOT NULL DEFAULT '',
    audience     TEXT NOT NULL DEFAULT '{}',
    notes        TEXT NOT NULL DEFAULT '',
    article_id   INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    candidate_id INTEGER UNIQUE REFERENCES event_candidates(id) ON DELETE SET NULL,
    link         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX events_start ON events(start_at);

CREATE TABLE rules (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    spec       TEXT NOT NULL,
    message    TEXT NOT NULL,
    audience   TEXT NOT NULL DEFAULT '{}',
    paused     BOOLEAN NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);

CREATE TABLE occurrences (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    event_id    INTEGER REFERENCES events(id) ON DELETE CASCADE,
    rule_id     INTEGER REFERENCES rules(id) ON DELETE CASCADE,
    offset_spec TEXT NOT NULL DEFAULT '',
    due_at      DATETIME NOT NULL,
    status      TEXT NOT NULL,
    claimed_by  TEXT NOT NULL DEFAULT '',
    claimed_at  DATETIME,
    fired_at    DATETIME,
    notice_id   INTEGER
);
CREATE INDEX occurrences_due ON occurrences(due_at) WHERE status IN ('pending', 'firing');
CREATE INDEX occurrences_event ON occurrences(event_id);
CREATE INDEX occurrences_rule ON occurrences(rule_id, due_at);

-- +goose Down
DROP TABLE occurrences;
DROP TABLE rules;
DROP TABLE events;
