-- +goose Up
-- Questions match single words, never phrases, and rows are ranked in Go: the full-text index
-- needs only which rows hold a word (detail=none), not where, and its lists of rows for common
-- words are several times shorter to read. It is rebuilt from search_items.
DROP TRIGGER search_items_insert;
DROP TRIGGER search_items_delete;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(body, addressee, title, content='search_items', content_rowid='row_id', detail=none, columnsize=0);
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
INSERT INTO search_fts(search_fts) VALUES ('rebuild');

-- +goose Down
DROP TRIGGER search_items_insert;
DROP TRIGGER search_items_delete;
DROP TABLE search_fts;
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
INSERT INTO search_fts(search_fts) VALUES ('rebuild');
