-- +goose Up
-- A notice for 100,000 members inserts 100,000 deliveries in one statement. The foreign key
-- to notices cost a trigger call per row (40% of the time) and guards nothing: notices are
-- never deleted, and a delivery is only ever inserted by the statement that creates its
-- notice. Identity values are taken 1,000 at a time instead of one by one.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_notice_id_fkey;
ALTER TABLE deliveries ALTER COLUMN id SET CACHE 1000;

-- +goose Down
ALTER TABLE deliveries ALTER COLUMN id SET CACHE 1;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_notice_id_fkey FOREIGN KEY (notice_id) REFERENCES notices(id) ON DELETE CASCADE;
