package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/loa-vn/loa"
)

// MessageIn returns the first Telegram message a notice was delivered as in a chat.
func (s *DB) MessageIn(ctx context.Context, noticeID, chatID int64) (int, bool, error) {
	var ids []string
	if err := s.sel(ctx, s.db, &ids, `SELECT message_ids FROM deliveries WHERE notice_id = ? AND chat_id = ?`, noticeID, chatID); err != nil {
		return 0, false, fmt.Errorf("message of notice %d in chat %d: %w", noticeID, chatID, err)
	}
	if len(ids) == 0 {
		return 0, false, nil
	}
	first, _, _ := strings.Cut(ids[0], ",")
	id, err := strconv.Atoi(first)
	return id, err == nil && id > 0, nil
}

// RenewClaims keeps worker's claims alive while it still holds them (sends in flight,
// outcomes being retried): a slow Bot API makes a batch outlast the lease, and a live
// process's claims must not be taken over. Only the named deliveries are renewed: a claim the
// process no longer holds (a restarted process under the same name, a claim whose answer
// was lost) lapses and returns to the queue.
//
// On PostgreSQL the renewal skips the rows another transaction has locked: those are the
// claims whose outcome is being written right now (they leave "sending" when it commits, or
// are renewed by the next heartbeat if it fails). Waiting on them instead locked the held
// rows in a different order from the outcome write, and PostgreSQL aborted one of the two as
// a deadlock (40P01) during large sends.
func (s *DB) RenewClaims(ctx context.Context, worker string, ids []int64, now time.Time) error {
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(len(ids), start+chunk)]
		query, args := `UPDATE deliveries SET claimed_at = ? WHERE status = ? AND claimed_by = ? AND id IN (?`+strings.Repeat(", ?", len(part)-1)+`)`,
			[]any{now.UTC(), loa.DeliverySending, worker}
		if s.driver == Postgres {
			query, args = `UPDATE deliveries SET claimed_at = ? WHERE id = ANY(ARRAY(
				SELECT id FROM deliveries WHERE status = ? AND claimed_by = ? AND id = ANY(?) ORDER BY id FOR UPDATE SKIP LOCKED))`,
				append(args, pq.Array(part))
		} else {
			for _, id := range part {
				args = append(args, id)
			}
		}
		if _, err := s.exec(ctx, s.db, query, args...); err != nil {
			return fmt.Errorf("renew %d claims of %s: %w", len(part), worker, err)
		}
	}
	return nil
}

// RequeueStale puts back deliveries whose worker claimed them before cutoff and never reported:
// it died (kill -9, power loss). At most those in flight at the crash are sent twice. On
// PostgreSQL a row locked by another transaction (its outcome being written) is left to the
// next pass rather than waited on, so this statement takes no part in a lock cycle.
func (s *DB) RequeueStale(ctx context.Context, cutoff time.Time) (int, error) {
	query := `UPDATE deliveries SET status = ?, claimed_by = '' WHERE status = ? AND claimed_at < ?`
	if s.driver == Postgres {
		query = `UPDATE deliveries SET status = ?, claimed_by = '' WHERE id = ANY(ARRAY(
			SELECT id FROM deliveries WHERE status = ? AND claimed_at < ? FOR UPDATE SKIP LOCKED))`
	}
	res, err := s.exec(ctx, s.db, query, loa.DeliveryQueued, loa.DeliverySending, cutoff.UTC())
	if err != nil {
		return 0, fmt.Errorf("requeue stale deliveries: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// ClaimDeliveries marks up to limit due deliveries as sending by worker. On PostgreSQL,
// FOR UPDATE SKIP LOCKED lets several processes claim side by side without taking the same
// row; SQLite has a single writer, so the UPDATE itself is the lock.
func (s *DB) ClaimDeliveries(ctx context.Context, worker string, limit int, now time.Time) ([]loa.Delivery, error) {
	skipLocked, in, closing := "", "IN", ""
	if s.driver == Postgres {
		// = ANY(ARRAY(…)) looks the claimed ids up by primary key; IN (…) lets the planner
		// hash-join them against a scan of the whole table.
		skipLocked, in, closing = " FOR UPDATE SKIP LOCKED", "= ANY(ARRAY", ")"
	}
	if s.driver == SQLite {
		// An idle dispatcher polls often; on SQLite an UPDATE takes the one write lock even when
		// it changes nothing, and polls back to back kept a command's write waiting past its
		// busy timeout. A read takes no lock.
		var due bool
		if err := s.get(ctx, s.db, &due, `SELECT EXISTS (SELECT 1 FROM deliveries WHERE status = ? AND next_attempt_at <= ?)`,
			loa.DeliveryQueued, now.UTC()); err != nil {
			return nil, fmt.Errorf("claim deliveries: %w", err)
		}
		if !due {
			return nil, nil
		}
	}
	var ds []loa.Delivery
	err := s.sel(ctx, s.db, &ds, `UPDATE deliveries SET status = ?, claimed_by = ?, claimed_at = ?, attempts = attempts + 1
		WHERE id `+in+` (SELECT id FROM deliveries WHERE status = ? AND next_attempt_at <= ?
			ORDER BY priority DESC, next_attempt_at, id LIMIT ?`+skipLocked+`)`+closing+`
		RETURNING `+deliveryColumns,
		loa.DeliverySending, worker, now.UTC(), loa.DeliveryQueued, now.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	sort.Slice(ds, func(i, j int) bool {
		if ds[i].Priority != ds[j].Priority {
			return ds[i].Priority > ds[j].Priority
		}
		return ds[i].ID < ds[j].ID
	})
	return ds, nil
}

// held is the condition that a delivery is still claimed by the worker recording its outcome:
// a claim taken over after its lease belongs to another process now, whose outcome counts.
const held = ` AND status = 'sending' AND claimed_by = ?`

// RecordOutcomes saves what happened to a batch of attempts in one transaction. Outcomes of
// claims that worker no longer holds are dropped.
func (s *DB) RecordOutcomes(ctx context.Context, worker string, outcomes []loa.Outcome, now time.Time) error {
	now = now.UTC()
	allSent := true
	for _, o := range outcomes {
		allSent = allSent && o.Status == loa.DeliverySent
	}
	if allSent {
		// The common case, recorded as sends finish: one statement, no transaction around it.
		return s.recordSent(ctx, s.db, worker, outcomes, now)
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		var sent []loa.Outcome
		for _, o := range outcomes {
			var err error
			switch o.Status {
			case loa.DeliverySent:
				sent = append(sent, o)
			case loa.DeliveryQueued:
				refund := 0
				if o.Refund {
					refund = 1
				}
				_, err = s.exec(ctx, tx, `UPDATE deliveries SET status = ?, next_attempt_at = ?, message_ids = ?, last_error = ?,
					attempts = attempts - ?, claimed_by = '' WHERE id = ?`+held, o.Status, o.Retry.UTC(), o.MessageIDs, o.Error, refund, o.DeliveryID, worker)
			case loa.DeliveryBlocked:
				err = s.recordBlocked(ctx, tx, worker, o, now)
			default:
				_, err = s.exec(ctx, tx, `UPDATE deliveries SET status = ?, message_ids = ?, last_error = ?, claimed_by = '' WHERE id = ?`+held,
					o.Status, o.MessageIDs, o.Error, o.DeliveryID, worker)
			}
			if err != nil {
				return fmt.Errorf("record delivery %d: %w", o.DeliveryID, err)
			}
		}
		return s.recordSent(ctx, tx, worker, sent, now)
	})
}

// recordSent marks deliveries sent with one statement per chunk: the common case costs one
// round trip per group of outcomes instead of one per message.
func (s *DB) recordSent(ctx context.Context, q queryer, worker string, sent []loa.Outcome, now time.Time) error {
	if len(sent) == 0 {
		return nil
	}
	if s.driver == Postgres {
		return s.recordSentPostgres(ctx, q, worker, sent, now)
	}
	const chunk = 200
	for start := 0; start < len(sent); start += chunk {
		part := sent[start:min(len(sent), start+chunk)]
		rows := make([]string, len(part))
		args := []any{loa.DeliverySent, now}
		for i, o := range part {
			rows[i] = "(CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS BOOLEAN))"
			args = append(args, o.DeliveryID, o.MessageIDs, o.Paid)
		}
		// VALUES columns are named column1, column2…
		args = append(args, worker)
		_, err := s.exec(ctx, q, `UPDATE deliveries SET status = ?, sent_at = ?, message_ids = v.column2, paid = v.column3, last_error = '', claimed_by = ''
			FROM (VALUES `+strings.Join(rows, ", ")+`) AS v WHERE deliveries.id = v.column1`+strings.ReplaceAll(held, " status", " deliveries.status"), args...)
		if err != nil {
			return fmt.Errorf("record %d sent deliveries: %w", len(part), err)
		}
	}
	return nil
}

// recordSentPostgres passes the outcomes as three arrays: one statement text whatever their
// number, parsed and planned faster than a VALUES list (a fifth less time a group). The
// statement does not wait for the WAL flush: an outcome lost with the database server (not
// with Loa) only makes that send happen again after the lease, and waiting would cap sending
// at the disk's commits per second.
func (s *DB) recordSentPostgres(ctx context.Context, q queryer, worker string, sent []loa.Outcome, now time.Time) error {
	ids := make([]int64, len(sent))
	messageIDs := make([]string, len(sent))
	paid := make([]bool, len(sent))
	for i, o := range sent {
		ids[i], messageIDs[i], paid[i] = o.DeliveryID, o.MessageIDs, o.Paid
	}
	_, err := s.exec(ctx, q, `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
		UPDATE deliveries SET status = ?, sent_at = ?, message_ids = v.message_ids, paid = v.paid, last_error = '', claimed_by = ''
		FROM unnest(CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS BOOLEAN[])) AS v(id, message_ids, paid), relaxed
		WHERE deliveries.id = v.id`+strings.ReplaceAll(held, " status", " deliveries.status"),
		loa.DeliverySent, now, pq.Array(ids), pq.Array(messageIDs), pq.Array(paid), worker)
	if err != nil {
		return fmt.Errorf("record %d sent deliveries: %w", len(sent), err)
	}
	return nil
}

// recordBlocked marks the delivery, the chat and its other queued deliveries blocked: the chat
// blocked the bot or removed it, and sending more would only collect more 403s.
func (s *DB) recordBlocked(ctx context.Context, tx *sqlx.Tx, worker string, o loa.Outcome, now time.Time) error {
	var chatID []int64
	if err := s.sel(ctx, tx, &chatID, `SELECT chat_id FROM deliveries WHERE id = ?`+held, o.DeliveryID, worker); err != nil || len(chatID) == 0 {
		return err
	}
	// The status literal lets SQLite, too, see that the partial chat index applies.
	if _, err := s.exec(ctx, tx, `UPDATE deliveries SET status = ?, last_error = ?, claimed_by = '' WHERE id = ? OR (chat_id = ? AND status = 'queued')`,
		loa.DeliveryBlocked, o.Error, o.DeliveryID, chatID[0]); err != nil {
		return err
	}
	_, err := s.exec(ctx, tx, `UPDATE chats SET status = ?, updated_at = ? WHERE id = ?`, loa.StatusBlocked, now, chatID[0])
	return err
}
