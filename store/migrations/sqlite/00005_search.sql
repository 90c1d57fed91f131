-- +goose Up
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

-- The full-text index reads its text from search_items (external content).
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

-- Document frequency of each term, for ranking and for correcting typos.
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
);

-- +goose Down
DROP TABLE search_terms;
DROP TRIGGER search_items_delete;
DROP TRIGGER search_items_insert;
DROP TABLE search_fts;
DROP TABLE search_items;
