-- +goose Up
-- A broadcast may carry a photo or a document (its Telegram file_id) with the text as caption.
ALTER TABLE notices ADD COLUMN media_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN media_file_id TEXT NOT NULL DEFAULT '';
ALTER TABLE broadcast_drafts ADD COLUMN media_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE broadcast_drafts ADD COLUMN media_file_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE broadcast_drafts DROP COLUMN media_file_id;
ALTER TABLE broadcast_drafts DROP COLUMN media_kind;
ALTER TABLE notices DROP COLUMN media_file_id;
ALTER TABLE notices DROP COLUMN media_kind;
