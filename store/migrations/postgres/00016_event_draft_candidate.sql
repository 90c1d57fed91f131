-- +goose Up
-- An event found in an article is scheduled through the same dialogue, which asks for the
-- time the article does not give; the draft remembers which candidate it confirms.
ALTER TABLE event_drafts ADD COLUMN candidate_id BIGINT;

-- +goose Down
ALTER TABLE event_drafts DROP COLUMN candidate_id;
