-- +goose Up
-- The creator's progress message: 0 none yet, -1 being sent by some process, else its id.
-- Stored so that several loa serve processes keep one message, not one each.
ALTER TABLE notices ADD COLUMN progress_msg BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE notices DROP COLUMN progress_msg;
