package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/loa-vn/loa"
)

const deliveryColumns = `id, notice_id, chat_id, status, priority, attempts, next_attempt_at, message_ids, sent_at, ack_at, last_error`

type noticeRow struct {
	loa.Notice
	ButtonsJSON  string `db:"buttons"`
	AudienceJSON string `db:"audience"`
}

const noticeColumns = `id, origin, origin_ref, text, buttons, priority, requires_ack, audience, created_by, creator_chat, recipients, created_at, send_at, status, ref_notice, media_kind, media_file_id, sender, exercise`

func (r noticeRow) notice() (loa.Notice, error) {
	n := r.Notice
	if err := json.Unmarshal([]byte(r.ButtonsJSON), &n.Buttons); err != nil {
		return n, fmt.Errorf("notice %d buttons: %w", n.ID, err)
	}
	if err := json.Unmarshal([]byte(r.AudienceJSON), &n.Audience); err != nil {
		return n, fmt.Errorf("notice %d audience: %w", n.ID, err)
	}
	return n, nil
}

// CreateNotice saves the notice and enqueues its deliveries with one INSERT … SELECT, so a
// notice for 100,000 members is one statement, not 100,000.
func (s *DB) CreateNotice(ctx context.Context, n loa.Notice) (loa.Notice, error) {
	if n.Audience.Empty() {
		return n, errors.New("create notice: the audience names nobody")
	}
	if err := loa.CheckText(n.Text); err != nil {
		return n, fmt.Errorf("create notice: text: %w", err)
	}
	if n.Audience.Mode != "" && n.Audience.Mode != "all" && n.Audience.Mode != "any" {
		return n, fmt.Errorf("create notice: audience mode %q is not all or any", n.Audience.Mode)
	}
	if n.Buttons == nil {
		n.Buttons = []loa.Button{}
	}
	buttons, _ := json.Marshal(n.Buttons)
	audience, _ := json.Marshal(n.Audience)
	now := s.nowUTC()
	n.CreatedAt = now
	existing := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if n.OriginRef != "" {
			var id int64
			err := s.get(ctx, tx, &id, `SELECT id FROM notices WHERE origin = ? AND origin_ref = ?`, n.Origin, n.OriginRef)
			if err == nil {
				n.ID, existing = id, true
				return nil
			}
			if !errors.Is(err, loa.ErrNotFound) {
				return err
			}
		}
		var sendAt *time.Time
		due := now
		if n.SendAt != nil {
			t := n.SendAt.UTC()
			sendAt, due = &t, t
		}
		n.Status = loa.NoticeActive
		err := s.get(ctx, tx, &n.ID, `INSERT INTO notices (origin, origin_ref, text, buttons, priority, requires_ack, audience,
			created_by, creator_chat, recipients, created_at, send_at, status, ref_notice, media_kind, media_file_id, sender, exercise)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			n.Origin, n.OriginRef, n.Text, string(buttons), n.Priority, n.RequiresAck, string(audience), n.CreatedBy, n.CreatorChat, now,
			sendAt, n.Status, n.RefNotice, n.Media.Kind, n.Media.FileID, n.Sender, n.Exercise)
		if err != nil {
			return fmt.Errorf("save notice: %w", err)
		}
		query, args := fanOutQuery(n, due)
		res, err := s.exec(ctx, tx, query, args...)
		if err != nil {
			return fmt.Errorf("enqueue deliveries of notice %d: %w", n.ID, err)
		}
		count, _ := res.RowsAffected()
		// Explicit chats need not be registered members (administrators often are not), but a
		// chat that blocked the bot or left is not written to.
		for _, chat := range n.Audience.Chats {
			r, err := s.exec(ctx, tx, `INSERT INTO deliveries (notice_id, chat_id, unit_id, status, priority, attempts, next_attempt_at)
				SELECT ?, ?, (SELECT unit_id FROM chats WHERE id = ?), ?, ?, 0, ? WHERE NOT EXISTS (SELECT 1 FROM chats WHERE id = ? AND status IN (?, ?))
				ON CONFLICT (notice_id, chat_id) DO NOTHING`, n.ID, chat, chat, loa.DeliveryQueued, n.Priority, due, chat, loa.StatusBlocked, loa.StatusLeft)
			if err != nil {
				return fmt.Errorf("enqueue delivery of notice %d to chat %d: %w", n.ID, chat, err)
			}
			added, _ := r.RowsAffected()
			count += added
		}
		n.Recipients = int(count)
		if _, err = s.exec(ctx, tx, `UPDATE notices SET recipients = ? WHERE id = ?`, n.Recipients, n.ID); err != nil {
			return fmt.Errorf("count recipients of notice %d: %w", n.ID, err)
		}
		return s.announceNotice(ctx, tx)
	})
	if err != nil {
		return n, err
	}
	if existing {
		return s.Notice(ctx, n.ID)
	}
	s.refreshQueueStatistics(ctx, n.Recipients)
	return n, nil
}

// refreshQueueStatistics has PostgreSQL re-read the queue's statistics after a large fan-out.
// Autovacuum would do it within a minute or so; until then the planner believes the queue is
// as small as it was and claims by sorting every queued row (5 ms a claim at 15,000 queued)
// instead of reading the first rows of the due index (under 1 ms).
func (s *DB) refreshQueueStatistics(ctx context.Context, added int) {
	const large = 1000
	if s.driver != Postgres || added < large {
		return
	}
	// Only the columns the claim's plan depends on: a fraction of a full ANALYZE. A failure
	// costs speed, not correctness, so it does not fail the notice.
	s.db.ExecContext(ctx, `ANALYZE deliveries (status, priority, next_attempt_at)`)
}

// fanOutQuery enqueues one delivery per recipient of the notice.
func fanOutQuery(n loa.Notice, now time.Time) (string, []any) {
	with, where, whereArgs, withArgs := audienceSQL(n.Audience)
	args := append(withArgs, n.ID, loa.DeliveryQueued, n.Priority, now)
	args = append(args, whereArgs...)
	// The notice is new and chats are distinct: no conflict is possible, none is checked for.
	return with + `INSERT INTO deliveries (notice_id, chat_id, unit_id, status, priority, attempts, next_attempt_at)
		SELECT ?, c.id, c.unit_id, ?, ?, 0, ? FROM chats c WHERE ` + where, args
}

// audienceSQL turns an audience into a condition on chats c: active chats matching it. with is
// a recursive CTE "sub" holding the named units and everything below them.
func audienceSQL(a loa.Audience) (with, where string, whereArgs, withArgs []any) {
	if len(a.Units) > 0 {
		with = `WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE key IN (` + marks(len(a.Units)) + `)
			UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) `
		for _, k := range a.Units {
			withArgs = append(withArgs, k)
		}
	}
	var conds []string
	if len(a.Topics) > 0 {
		conds = append(conds, `EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id AND s.topic IN (`+marks(len(a.Topics))+`))`)
		for _, t := range a.Topics {
			whereArgs = append(whereArgs, t)
		}
	}
	if len(a.Units) > 0 {
		conds = append(conds, `c.unit_id IN (SELECT id FROM sub)`)
	}
	if len(a.UnitKinds) > 0 {
		conds = append(conds, `c.unit_id IN (SELECT k.id FROM units k WHERE k.kind IN (`+marks(len(a.UnitKinds))+`))`)
		for _, k := range a.UnitKinds {
			whereArgs = append(whereArgs, k)
		}
	}
	if len(a.Roles) > 0 {
		conds = append(conds, `c.role IN (`+marks(len(a.Roles))+`)`)
		for _, r := range a.Roles {
			whereArgs = append(whereArgs, r)
		}
	}
	join := " AND "
	if a.Mode == "any" {
		join = " OR "
	}
	match := "1 = 0"
	switch {
	case a.All:
		match = "1 = 1"
	case len(conds) > 0:
		match = "(" + strings.Join(conds, join) + ")"
	}
	if len(a.Chats) > 0 {
		match = "(" + match + " OR c.id IN (" + marks(len(a.Chats)) + "))"
		for _, c := range a.Chats {
			whereArgs = append(whereArgs, c)
		}
	}
	whereArgs = append(whereArgs, loa.StatusActive)
	return with, match + ` AND c.status = ?`, whereArgs, withArgs
}

// CountRecipients counts the active chats an audience reaches, for a live count while composing.
func (s *DB) CountRecipients(ctx context.Context, a loa.Audience) (int, error) {
	with, where, whereArgs, withArgs := audienceSQL(a)
	var n int
	if err := s.get(ctx, s.db, &n, with+`SELECT COUNT(*) FROM chats c WHERE `+where, append(withArgs, whereArgs...)...); err != nil {
		return 0, fmt.Errorf("count recipients: %w", err)
	}
	return n, nil
}

// Recipients lists the active chats an audience reaches, without creating anything.
func (s *DB) Recipients(ctx context.Context, a loa.Audience) ([]loa.Chat, error) {
	with, where, whereArgs, withArgs := audienceSQL(a)
	var chats []loa.Chat
	err := s.sel(ctx, s.db, &chats, with+`SELECT `+prefixed("c.", chatColumns)+` FROM chats c WHERE `+where+` ORDER BY c.id`,
		append(withArgs, whereArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("recipients: %w", err)
	}
	return chats, nil
}

func prefixed(prefix, columns string) string {
	cols := strings.Split(columns, ", ")
	for i, c := range cols {
		cols[i] = prefix + c
	}
	return strings.Join(cols, ", ")
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// Notice returns one notice.
func (s *DB) Notice(ctx context.Context, id int64) (loa.Notice, error) {
	var r noticeRow
	if err := s.get(ctx, s.db, &r, `SELECT `+noticeColumns+` FROM notices WHERE id = ?`, id); err != nil {
		return loa.Notice{}, fmt.Errorf("notice %d: %w", id, err)
	}
	return r.notice()
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

// Acknowledge records the first "received" press of a delivery for the notice it answers: a
// press on a re-reminder or an update (which name their original in ref_notice) counts for the
// original, and a press on a cancelled notice records nothing (loa.ErrNoticeCancelled). It
// returns the original's delivery to the chat, and whether this press was the first.
func (s *DB) Acknowledge(ctx context.Context, deliveryID, chatID int64, now time.Time) (loa.Delivery, bool, error) {
	var d loa.Delivery
	first := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var target struct {
			Original int64  `db:"original"`
			Status   string `db:"status"`
		}
		if err := s.get(ctx, tx, &target, `SELECT COALESCE(n.ref_notice, n.id) AS original,
			CASE WHEN n.status = ? OR o.status = ? THEN ? ELSE n.status END AS status
			FROM deliveries d JOIN notices n ON n.id = d.notice_id LEFT JOIN notices o ON o.id = n.ref_notice
			WHERE d.id = ? AND d.chat_id = ?`, loa.NoticeCancelled, loa.NoticeCancelled, loa.NoticeCancelled, deliveryID, chatID); err != nil {
			return fmt.Errorf("delivery %d: %w", deliveryID, err)
		}
		if target.Status == loa.NoticeCancelled {
			return fmt.Errorf("delivery %d: %w", deliveryID, loa.ErrNoticeCancelled)
		}
		res, err := s.exec(ctx, tx, `UPDATE deliveries SET ack_at = ? WHERE notice_id = ? AND chat_id = ? AND ack_at IS NULL`,
			now.UTC(), target.Original, chatID)
		if err != nil {
			return fmt.Errorf("acknowledge notice %d for chat %d: %w", target.Original, chatID, err)
		}
		n, _ := res.RowsAffected()
		first = n == 1
		// The pressed follow-up is marked too, so its own button shows the press.
		if _, err := s.exec(ctx, tx, `UPDATE deliveries SET ack_at = ? WHERE id = ? AND ack_at IS NULL`, now.UTC(), deliveryID); err != nil {
			return fmt.Errorf("acknowledge %d: %w", deliveryID, err)
		}
		err = s.get(ctx, tx, &d, `SELECT `+deliveryColumns+` FROM deliveries WHERE notice_id = ? AND chat_id = ?`, target.Original, chatID)
		if errors.Is(err, loa.ErrNotFound) { // an update to someone the original never reached
			err = s.get(ctx, tx, &d, `SELECT `+deliveryColumns+` FROM deliveries WHERE id = ?`, deliveryID)
		}
		return err
	})
	return d, first, err
}

func (s *DB) NoticeCounts(ctx context.Context, noticeID int64) (map[string]int, error) {
	// One pass over the notice's deliveries: a notice to the whole district has 100,000.
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
		Acked  int    `db:"acked"`
		Paid   int    `db:"paid"`
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT status, COUNT(*) AS n,
		SUM(CASE WHEN ack_at IS NOT NULL THEN 1 ELSE 0 END) AS acked, SUM(CASE WHEN paid THEN 1 ELSE 0 END) AS paid
		FROM deliveries WHERE notice_id = ? GROUP BY status`, noticeID); err != nil {
		return nil, fmt.Errorf("count deliveries of %d: %w", noticeID, err)
	}
	out := map[string]int{"acknowledged": 0, "paid": 0}
	for _, r := range rows {
		out[r.Status] = r.N
		out["total"] += r.N
		out["acknowledged"] += r.Acked
		out["paid"] += r.Paid
	}
	return out, nil
}

// ReportTotals gives one row per unit with its counts, without names: the console's notice
// page, which lists people a page at a time.
func (s *DB) ReportTotals(ctx context.Context, noticeID int64) ([]loa.ReportRow, error) {
	// Grouped by the unit each delivery was queued for, then named: the names are joined to a
	// few dozen rows, not to every delivery.
	var rows []loa.ReportRow
	err := s.sel(ctx, s.db, &rows, `SELECT COALESCE(u.name, '—') AS unit, t.recipients, t.sent, t.failed, t.blocked,
		t.acknowledged, t.pending, t.paid FROM (
		SELECT d.unit_id, COUNT(*) AS recipients,
			SUM(CASE WHEN d.status = 'sent' THEN 1 ELSE 0 END) AS sent,
			SUM(CASE WHEN d.status = 'failed' THEN 1 ELSE 0 END) AS failed,
			SUM(CASE WHEN d.status = 'blocked' THEN 1 ELSE 0 END) AS blocked,
			SUM(CASE WHEN d.ack_at IS NOT NULL THEN 1 ELSE 0 END) AS acknowledged,
			SUM(CASE WHEN d.status IN ('queued', 'sending') THEN 1 ELSE 0 END) AS pending,
			SUM(CASE WHEN d.paid THEN 1 ELSE 0 END) AS paid
		FROM deliveries d WHERE d.notice_id = ? GROUP BY d.unit_id) t LEFT JOIN units u ON u.id = t.unit_id ORDER BY unit`, noticeID)
	if err != nil {
		return nil, fmt.Errorf("report of notice %d: %w", noticeID, err)
	}
	// Units of the same name (none in a sane catalogue, but retired ones may be) share a row.
	merged := rows[:0]
	at := map[string]int{}
	for _, r := range rows {
		if i, ok := at[r.Unit]; ok {
			m := &merged[i]
			m.Recipients, m.Sent, m.Failed, m.Blocked = m.Recipients+r.Recipients, m.Sent+r.Sent, m.Failed+r.Failed, m.Blocked+r.Blocked
			m.Acknowledged, m.Pending, m.Paid = m.Acknowledged+r.Acknowledged, m.Pending+r.Pending, m.Paid+r.Paid
			continue
		}
		at[r.Unit] = len(merged)
		merged = append(merged, r)
	}
	return merged, nil
}

// Report gives one row per unit: recipients, sent, failed, blocked, acknowledged, pending, and
// the names of those who have not acknowledged.
func (s *DB) Report(ctx context.Context, noticeID int64) ([]loa.ReportRow, error) {
	rows, err := s.ReportTotals(ctx, noticeID)
	if err != nil {
		return nil, err
	}
	var missing []struct {
		Unit  string `db:"unit"`
		Title string `db:"title"`
		ID    int64  `db:"chat_id"`
	}
	err = s.sel(ctx, s.db, &missing, `SELECT COALESCE(u.name, '—') AS unit, COALESCE(c.title, '') AS title, d.chat_id
		FROM deliveries d JOIN notices n ON n.id = d.notice_id LEFT JOIN chats c ON c.id = d.chat_id LEFT JOIN units u ON u.id = d.unit_id
		WHERE d.notice_id = ? AND n.requires_ack = ? AND d.ack_at IS NULL ORDER BY unit, title, d.chat_id`, noticeID, true)
	if err != nil {
		return nil, fmt.Errorf("report of notice %d: %w", noticeID, err)
	}
	byUnit := map[string]int{}
	for i, r := range rows {
		byUnit[r.Unit] = i
	}
	for _, m := range missing {
		i := byUnit[m.Unit]
		rows[i].NotAcked = append(rows[i].NotAcked, m.Title+" ("+strconv.FormatInt(m.ID, 10)+")")
	}
	return rows, nil
}

// QueueDepth counts deliveries not yet finished.
func (s *DB) QueueDepth(ctx context.Context) (int, error) {
	var n int
	err := s.get(ctx, s.db, &n, `SELECT COUNT(*) FROM deliveries WHERE status IN (?, ?)`, loa.DeliveryQueued, loa.DeliverySending)
	return n, err
}

// MigrateChat follows a group that Telegram turned into a supergroup: the registration,
// subscriptions and unfinished deliveries move to the new chat ID.
func (s *DB) MigrateChat(ctx context.Context, from, to int64) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		var c loa.Chat
		if err := s.get(ctx, tx, &c, `SELECT `+chatColumns+` FROM chats WHERE id = ?`, from); err != nil {
			return fmt.Errorf("migrate chat %d: %w", from, err)
		}
		c.ID, c.Type = to, "supergroup"
		if err := s.saveChat(ctx, tx, c); err != nil {
			return err
		}
		steps := []struct {
			q    string
			args []any
		}{
			{`INSERT INTO subscriptions (chat_id, topic, created_at) SELECT ?, topic, created_at FROM subscriptions WHERE chat_id = ?
				ON CONFLICT (chat_id, topic) DO NOTHING`, []any{to, from}},
			// One statement per status, literal: each uses its partial index (chat, sending).
			{`UPDATE deliveries SET chat_id = ? WHERE chat_id = ? AND status = 'queued'`, []any{to, from}},
			{`UPDATE deliveries SET chat_id = ? WHERE chat_id = ? AND status = 'sending'`, []any{to, from}},
			{`UPDATE chats SET status = ?, updated_at = ? WHERE id = ?`, []any{loa.StatusLeft, s.nowUTC(), from}},
		}
		for _, st := range steps {
			if _, err := s.exec(ctx, tx, st.q, st.args...); err != nil {
				return fmt.Errorf("migrate chat %d to %d: %w", from, to, err)
			}
		}
		return nil
	})
}
