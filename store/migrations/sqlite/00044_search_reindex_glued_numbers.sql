-- +goose Up
-- An abbreviation glued to its unit's number ("PTKV4") is now read as the unit and its number:
-- the index is emptied, and the service re-indexes every article that has no rows when it
-- starts.
DELETE FROM search_items;
DELETE FROM search_terms;

-- +goose Down
-- Nothing to undo: the rows are rebuilt from the articles either way.
SELECT 1;
