-- +goose Up
-- A delivery remembers the unit its recipient was in when it was queued: reports count by
-- it without joining every delivery to its chat (a notice to a district has 100,000), and a
-- member who moves later is still reported where the notice found them.
ALTER TABLE deliveries ADD COLUMN unit_id BIGINT;
UPDATE deliveries SET unit_id = (SELECT c.unit_id FROM chats c WHERE c.id = deliveries.chat_id);

-- +goose Down
ALTER TABLE deliveries DROP COLUMN unit_id;
