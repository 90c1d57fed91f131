-- +goose Up
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL,
    guid         TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    published    DATETIME NOT NULL,
    body         TEXT NOT NULL,
    images       TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL,
    speaker      TEXT NOT NULL DEFAULT '',
    fetched_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE UNIQUE INDEX articles_url ON articles(url);
CREATE INDEX articles_guid ON articles(guid) WHERE guid <> '';
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE article_topics (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    topic      TEXT NOT NULL,
    PRIMARY KEY (article_id, topic)
);

CREATE TABLE directives (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    ordinal    TEXT NOT NULL,
    addressee  TEXT NOT NULL DEFAULT '',
    speaker    TEXT NOT NULL DEFAULT '',
    date       DATETIME NOT NULL
);
CREATE INDEX directives_article ON directives(article_id);

CREATE TABLE directive_items (
    id           INTEGER PRIMARY KEY,
    directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX directive_items_directive ON directive_items(directive_id);

CREATE TABLE event_candidates (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    places      TEXT NOT NULL DEFAULT '[]',
    date        TEXT NOT NULL DEFAULT '',
    end_date    TEXT NOT NULL DEFAULT '',
    year        INTEGER NOT NULL DEFAULT 0,
    month       INTEGER NOT NULL DEFAULT 0,
    time_of_day TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_candidates_article ON event_candidates(article_id);

CREATE TABLE sources (
    name          TEXT PRIMARY KEY,
    last_poll_at  DATETIME,
    last_success  DATETIME,
    last_error    TEXT NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    articles      INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE sources;
DROP TABLE event_candidates;
DROP TABLE directive_items;
DROP TABLE directives;
DROP TABLE article_topics;
DROP TABLE articles;
