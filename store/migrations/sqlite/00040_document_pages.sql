-- +goose Up
-- A document sent as an album (the pages of a signed paper photographed and sent together,
-- which Telegram delivers one message a page with one media_group_id) is one draft: the group
-- finds it again for each later page, even after a restart, and the message carrying its
-- preview is edited rather than a new preview sent.
ALTER TABLE documents ADD COLUMN media_group TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN preview_message INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX documents_album ON documents(brought_user, media_group) WHERE media_group <> '';

-- Each page of an album, in the order its messages were sent, with the text read from it:
-- every page is recognised once, and the document is read again from all the texts.
CREATE TABLE document_pages (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    message_id  INTEGER NOT NULL,
    media_kind  TEXT NOT NULL DEFAULT '',
    media_file_id TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, message_id)
);

-- +goose Down
DROP TABLE document_pages;
DROP INDEX documents_album;
ALTER TABLE documents DROP COLUMN preview_message;
ALTER TABLE documents DROP COLUMN media_group;
