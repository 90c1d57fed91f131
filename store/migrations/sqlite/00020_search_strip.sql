-- +goose Up
-- PostgreSQL's search vectors lose their word positions in this step; SQLite's full-text
-- index keeps its own form. Kept so both dialects share version numbers.
SELECT 1;

-- +goose Down
SELECT 1;
