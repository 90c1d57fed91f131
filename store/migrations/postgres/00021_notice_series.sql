-- +goose Up
-- Notices issued by a person or a system are numbered in their own series, per issuing unit and
-- year, as official documents are ("Thông báo số 12", "Số: 12/TB-BCHQS"); article pushes,
-- reminders and follow-ups stay out of it. A cancellation keeps its time, so a refusal can say
-- when it happened, and the creator's Telegram user may follow the notice up.
ALTER TABLE notices ADD COLUMN series TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN official_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN sender_abbreviation TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN creator_user BIGINT NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN cancelled_at TIMESTAMPTZ;
ALTER TABLE units ADD COLUMN abbreviation TEXT NOT NULL DEFAULT '';
CREATE TABLE notice_series (
    series      TEXT PRIMARY KEY,
    last_number INTEGER NOT NULL
);
-- Broadcasts sent before the series existed keep the number they were shown with.
UPDATE notices SET series = 'before-series', official_number = id
    WHERE origin = 'broadcast' AND ref_notice IS NULL AND sender <> '';
CREATE UNIQUE INDEX notices_series_number ON notices (series, official_number) WHERE official_number > 0;

-- +goose Down
DROP INDEX notices_series_number;
DROP TABLE notice_series;
ALTER TABLE units DROP COLUMN abbreviation;
ALTER TABLE notices DROP COLUMN cancelled_at;
ALTER TABLE notices DROP COLUMN creator_user;
ALTER TABLE notices DROP COLUMN sender_abbreviation;
ALTER TABLE notices DROP COLUMN official_number;
ALTER TABLE notices DROP COLUMN series;
