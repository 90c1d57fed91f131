-- +goose Up
CREATE TABLE search_items (
    item_id    BIGINT PRIMARY KEY REFERENCES directive_items(id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    addressee  TEXT NOT NULL,
    title      TEXT NOT NULL,
    has_place  BOOLEAN NOT NULL DEFAULT FALSE,
    has_date   BOOLEAN NOT NULL DEFAULT FALSE,
    published  TIMESTAMPTZ NOT NULL,
    -- Text is already folded to ASCII words, so the 'simple' configuration is exact.
    tsv        tsvector GENERATED ALWAYS AS (to_tsvector('simple', body || ' ' || addressee || ' ' || title)) STORED
);
CREATE INDEX search_items_article ON search_items(article_id);
CREATE INDEX search_items_tsv ON search_items USING GIN (tsv);

CREATE TABLE search_terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
);

-- +goose Down
DROP TABLE search_terms;
DROP TABLE search_items;
