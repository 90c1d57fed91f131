-- +goose Up
-- An office written short before its body ("CT UBND xã", "PBT Đảng ủy") is now read as the
-- office: the index is emptied, and the service re-indexes every article that has no rows when
-- it starts.
DELETE FROM search_items;
DELETE FROM search_terms;

-- +goose Down
-- Nothing to undo: the rows are rebuilt from the articles either way.
SELECT 1;
