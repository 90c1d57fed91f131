-- +goose Up
-- Deliveries are looked up by chat only while they wait (a chat that blocked the bot, a group
-- that became a supergroup). Indexing only those rows spares every claim and every sent
-- outcome an index entry: a quarter of the index writes of a delivery's life.
DROP INDEX deliveries_chat;
CREATE INDEX deliveries_chat_queued ON deliveries(chat_id) WHERE status = 'queued';

-- +goose Down
DROP INDEX deliveries_chat_queued;
CREATE INDEX deliveries_chat ON deliveries(chat_id);
