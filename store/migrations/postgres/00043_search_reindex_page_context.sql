-- +goose Up
-- Rows now carry what the page says around a sentence (the sentence it continues, a heading
-- kept only in the page's address) and read more abbreviations (LLDQTV, ĐVTN), and a reader
-- count is no longer a row: the index is emptied, and the service re-indexes every article
-- that has no rows when it starts.
DELETE FROM search_items;
DELETE FROM search_terms;

-- +goose Down
-- Nothing to undo: the rows are rebuilt from the articles either way.
SELECT 1;
