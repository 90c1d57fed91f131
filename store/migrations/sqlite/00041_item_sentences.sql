-- +goose Up
-- A directive item's row now keeps the sentence it was read from, which its answer shows, so
-- the index is emptied: the service re-indexes every article that has no rows when it starts.
DELETE FROM search_items;
DELETE FROM search_terms;

-- +goose Down
-- Nothing to undo: the rows are rebuilt from the articles either way.
SELECT 1;
