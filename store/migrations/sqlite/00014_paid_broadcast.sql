-- +goose Up
-- Whether a delivery went as a paid broadcast (allow_paid_broadcast, paid in Telegram Stars).
ALTER TABLE deliveries ADD COLUMN paid BOOLEAN NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE deliveries DROP COLUMN paid;
