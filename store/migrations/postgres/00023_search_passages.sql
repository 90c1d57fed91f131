-- +goose Up
-- The index holds every sentence of every article (a passage) beside the directive items, so
-- a row is keyed by its own id; item_id is NULL for a passage. The old rows are dropped: the
-- service re-indexes every article that has no rows when it starts.
DROP TABLE search_items;
DELETE FROM search_terms;
CREATE TABLE search_items (
    row_id     BIGSERIAL PRIMARY KEY,
    item_id    BIGINT REFERENCES directive_items(id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    passage    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    addressee  TEXT NOT NULL,
    title      TEXT NOT NULL,
    has_place  BOOLEAN NOT NULL DEFAULT FALSE,
    has_date   BOOLEAN NOT NULL DEFAULT FALSE,
    published  TIMESTAMPTZ NOT NULL,
    tsv        tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple', body || ' ' || addressee || ' ' || title))) STORED
);
CREATE INDEX search_items_article ON search_items(article_id);
CREATE INDEX search_items_item ON search_items(item_id);
CREATE INDEX search_items_tsv ON search_items USING GIN (tsv);

-- +goose Down
DROP TABLE search_items;
DELETE FROM search_terms;
CREATE TABLE search_items (
    item_id    BIGINT PRIMARY KEY REFERENCES directive_items(id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    addressee  TEXT NOT NULL,
    title      TEXT NOT NULL,
    has_place  BOOLEAN NOT NULL DEFAULT FALSE,
    has_date   BOOLEAN NOT NULL DEFAULT FALSE,
    published  TIMESTAMPTZ NOT NULL,
    tsv        tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple', body || ' ' || addressee || ' ' || title))) STORED
);
CREATE INDEX search_items_article ON search_items(article_id);
CREATE INDEX search_items_tsv ON search_items USING GIN (tsv);
