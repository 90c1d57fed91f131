-- +goose Up
-- A broadcast names itself: its number (the id), who sent it and when, and whether it is an
-- exercise. The heading is written when the message is sent, from these columns.
ALTER TABLE notices ADD COLUMN sender TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN exercise BOOLEAN NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE notices DROP COLUMN exercise;
ALTER TABLE notices DROP COLUMN sender;
