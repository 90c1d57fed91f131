-- +goose Up
-- SQLite's full-text index drops word positions here; PostgreSQL's already holds none (its
-- tsvector is stripped), so there is nothing to do.
SELECT 1;

-- +goose Down
SELECT 1;
