-- +goose Up
-- Questions match single words, never phrases, and rows are ranked in Go: the full-text index
-- needs only which rows hold a word (detail=none), not where, and its lists of rows for common
-- words are several times shorter to read. It is rebuilt from search_items; the triggers that
-- keep it name it, not its options, and stay.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(body, addressee, title, content='search_items', content_rowid='row_id', detail=none, columnsize=0);
INSERT INTO search_fts(search_fts) VALUES ('rebuild');

-- +goose Down
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(body, addressee, title, content='search_items', content_rowid='row_id');
INSERT INTO search_fts(search_fts) VALUES ('rebuild');
