-- +goose Up
-- A rule fires from active_since (its creation or last resume), so a resumed rule continues
-- from now instead of after the occurrences cancelled while it was paused.
ALTER TABLE rules ADD COLUMN active_since TIMESTAMPTZ;
UPDATE rules SET active_since = created_at;
-- How many earlier occurrences a late reminder stands for (a backlog fires once).
ALTER TABLE occurrences ADD COLUMN missed INTEGER NOT NULL DEFAULT 0;
-- Earlier versions stored a growing pile of future occurrences per rule; the scheduler now
-- keeps one ahead and rebuilds it from the last one that fired.
UPDATE occurrences SET status = 'cancelled' WHERE rule_id IS NOT NULL AND status = 'pending';

-- +goose Down
ALTER TABLE occurrences DROP COLUMN missed;
ALTER TABLE rules DROP COLUMN active_since;
