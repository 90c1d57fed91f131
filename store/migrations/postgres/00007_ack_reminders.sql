-- +goose Up
-- When the automatic re-reminder of non-acknowledgers was made (once per notice).
ALTER TABLE notices ADD COLUMN ack_reminded_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE notices DROP COLUMN ack_reminded_at;
