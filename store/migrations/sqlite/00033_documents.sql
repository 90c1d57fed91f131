-- +goose Up
-- Official documents brought to Loa (a plan, a directive, an official letter): what was read
-- of them, the file itself (its bytes, or its Telegram file_id and kind, photo or document,
-- when it came through the bot), who brought it and whether it was sent. A refused file
-- leaves no row.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL DEFAULT '',
    type_key     TEXT NOT NULL DEFAULT '',
    doc_date     TEXT NOT NULL DEFAULT '',
    issuer       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    signer       TEXT NOT NULL DEFAULT '',
    file_name    TEXT NOT NULL DEFAULT '',
    file_data    BLOB,
    media_kind   TEXT NOT NULL DEFAULT '',
    media_file_id TEXT NOT NULL DEFAULT '',
    brought_by   TEXT NOT NULL DEFAULT '',
    brought_user INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL DEFAULT 'draft',
    created_at   DATETIME NOT NULL,
    sent_at      DATETIME,
    sent_by      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_created ON documents(created_at);

-- The names the document addresses, each with the unit it maps to ('' when none matched:
-- listed, never sent to).
CREATE TABLE document_addressees (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    unit_key    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, position)
);

-- Each unit's tasks: a task addressed to "các xã, phường" is one row per commune and ward, so
-- that each marks its own done. The tasks of a name that matched no unit are kept with no unit
-- (never sent or reminded), so that the name can still be mapped to one before sending.
CREATE TABLE document_tasks (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    unit_key    TEXT NOT NULL,
    addressee   TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    section     TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    deadline    TEXT NOT NULL DEFAULT '',
    done_at     DATETIME,
    done_by     TEXT NOT NULL DEFAULT '',
    report      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX document_tasks_document ON document_tasks(document_id, unit_key, position);
CREATE INDEX document_tasks_open ON document_tasks(deadline) WHERE done_at IS NULL AND deadline <> '' AND unit_key <> '';

-- +goose Down
DROP TABLE document_tasks;
DROP TABLE document_addressees;
DROP TABLE documents;
