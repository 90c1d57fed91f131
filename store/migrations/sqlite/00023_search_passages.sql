-- +goose Up
-- The index holds every sentence of every article (a passage) beside the directive items, so
-- a row is keyed by its own id; item_id is NULL for a passage. The old rows are dropped: the
-- service re-indexes every article that has no rows when it starts.
DROP TRIGGER search_items_insert;
DROP TRIGGER search_items_delete;
DROP TABLE search_fts;
DROP TABLE search_items;
DELETE FROM search_terms;
CREATE TABLE search_items (
    row_id     INTEGER PRIMARY KEY,
    item_id    INTEGER REFERENCES directive_items(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    passage    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    addressee  TEXT NOT NULL,
    title      TEXT NOT NULL,
    has_place  BOOLEAN NOT NULL DEFAULT 0,
    has_date   BOOLEAN NOT NULL DEFAULT 0,
    published  DATETIME NOT NULL
);
CREATE INDEX search_items_article ON search_items(article_id);
CREATE INDEX search_items_item ON search_items(item_id);
CREATE VIRTUAL TABLE search_fts USING fts5(body, addressee, title, content='search_items', content_rowid='row_id');
-- +goose StatementBegin
CREATE TRIGGER search_items_insert AFTER INSERT ON search_items BEGIN
    INSERT INTO search_fts(rowid, body, addressee, title) VALUES (new.row_id, new.body, new.addressee, new.title);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_items_delete AFTER DELETE ON search_items BEGIN
    INSERT INTO search_fts(search_fts, rowid, body, addressee, title) VALUES ('delete', old.row_id, old.body, old.addressee, old.title);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER search_items_insert;
DROP TRIGGER search_items_delete;
DROP TABLE search_fts;
DROP TABLE search_items;
DELETE FROM search_terms;
CREATE TABLE search_items (
    item_id    INTEGER PRIMARY KEY REFERENCES directive_items(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    addressee  TEXT NOT NULL,
    title      TEXT NOT NULL,
    has_place  BOOLEAN NOT NULL DEFAULT 0,
    has_date   BOOLEAN NOT NULL DEFAULT 0,
    published  DATETIME NOT NULL
);
CREATE INDEX search_items_article ON search_items(article_id);
CREATE VIRTUAL TABLE search_fts USING fts5(body, addressee, title, content='search_items', content_rowid='item_id');
-- +goose StatementBegin
CREATE TRIGGER search_items_insert AFTER INSERT ON search_items BEGIN
    INSERT INTO search_fts(rowid, body, addressee, title) VALUES (new.item_id, new.body, new.addressee, new.title);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_items_delete AFTER DELETE ON search_items BEGIN
    INSERT INTO search_fts(search_fts, rowid, body, addressee, title) VALUES ('delete', old.item_id, old.body, old.addressee, old.title);
END;
-- +goose StatementEnd
