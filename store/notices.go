package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

const deliveryColumns = `id, notice_id, chat_id, status, priority, attempts, next_attempt_at, message_ids, sent_at, ack_at, last_error`

type noticeRow struct {
	loa.Notice
	ButtonsJSON  string `db:"buttons"`
	AudienceJSON string `db:"audience"`
}

const noticeColumns = `id, origin, origin_ref, text, buttons, priority, requires_ack, audience, created_by, creator_chat, recipients, created_at, send_at, status, ref_notice, media_kind, media_file_id, sender, exercise, series, official_number, sender_abbreviation, creator_user, cancelled_at`

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
		n.Status, n.Number = loa.NoticeActive, 0
		if n.Series != "" {
			// The series' counter row is locked until the transaction ends, so two notices of
			// one series never share a number, on SQLite or PostgreSQL.
			if err := s.get(ctx, tx, &n.Number, `INSERT INTO notice_series (series, last_number) VALUES (?, 1)
				ON CONFLICT (series) DO UPDATE SET last_number = notice_series.last_number + 1 RETURNING last_number`, n.Series); err != nil {
				return fmt.Errorf("number notice in series %q: %w", n.Series, err)
			}
		}
		err := s.get(ctx, tx, &n.ID, `INSERT INTO notices (origin, origin_ref, text, buttons, priority, requires_ack, audience,
			created_by, creator_chat, recipients, created_at, send_at, status, ref_notice, media_kind, media_file_id, sender, exercise,
			series, official_number, sender_abbreviation, creator_user)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			n.Origin, n.OriginRef, n.Text, string(buttons), n.Priority, n.RequiresAck, string(audience), n.CreatedBy, n.CreatorChat, now,
			sendAt, n.Status, n.RefNotice, n.Media.Kind, n.Media.FileID, n.Sender, n.Exercise, n.Series, n.Number, n.SenderAbbreviation, n.CreatorUser)
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

// NoticesNumbered lists the official notices of year numbered number, in every series.
func (s *DB) NoticesNumbered(ctx context.Context, number, year int) ([]loa.Notice, error) {
	var rows []noticeRow
	if err := s.sel(ctx, s.db, &rows, `SELECT `+noticeColumns+` FROM notices WHERE official_number = ? AND series LIKE ? ORDER BY id`,
		number, "%:"+strconv.Itoa(year)); err != nil {
		return nil, fmt.Errorf("notices numbered %d in %d: %w", number, year, err)
	}
	return noticesOf(rows)
}

// NoticeOfDelivery returns the notice a delivery to chatID answers: the original of a
// re-reminder or an update, else the delivery's own notice.
func (s *DB) NoticeOfDelivery(ctx context.Context, deliveryID, chatID int64) (loa.Notice, error) {
	var r noticeRow
	if err := s.get(ctx, s.db, &r, `SELECT `+prefixed("n.", noticeColumns)+` FROM deliveries d JOIN notices f ON f.id = d.notice_id
		JOIN notices n ON n.id = COALESCE(f.ref_notice, f.id) WHERE d.id = ? AND d.chat_id = ?`, deliveryID, chatID); err != nil {
		return loa.Notice{}, fmt.Errorf("notice of delivery %d: %w", deliveryID, err)
	}
	return r.notice()
}

// Acknowledge records the first "received" press of a delivery for the notice it answers: a
// press on a re-reminder or an update (which name their original in ref_notice) counts for the
// original, and a press on a cancelled notice records nothing (loa.ErrNoticeCancelled). It
// returns the original's delivery to the chat, and whether this press was the first.
func (s *DB) Acknowledge(ctx context.Context, deliveryID, chatID int64, now time.Time) (loa.Delivery, bool, error) {
	var d loa.Delivery
	first := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) (err error) {
		d, first, _, err = s.acknowledge(ctx, tx, deliveryID, chatID, now)
		return err
	})
	return d, first, err
}

// AcknowledgeBy records a person's press of "received" in chatID as Acknowledge does, and the
// person's own: in a group each member's first press counts once.
func (s *DB) AcknowledgeBy(ctx context.Context, deliveryID, chatID, userID int64, name string, now time.Time) (loa.Acknowledgement, error) {
	var a loa.Acknowledgement
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		d, _, original, err := s.acknowledge(ctx, tx, deliveryID, chatID, now)
		if err != nil {
			return err
		}
		a.Delivery = d
		res, err := s.exec(ctx, tx, `INSERT INTO acknowledgements (notice_id, chat_id, user_id, name, acked_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (notice_id, chat_id, user_id) DO NOTHING`, original, chatID, userID, name, now.UTC())
		if err != nil {
			return fmt.Errorf("acknowledge notice %d for %d in %d: %w", original, userID, chatID, err)
		}
		added, _ := res.RowsAffected()
		a.First = added == 1
		if err := s.get(ctx, tx, &a.At, `SELECT acked_at FROM acknowledgements WHERE notice_id = ? AND chat_id = ? AND user_id = ?`,
			original, chatID, userID); err != nil {
			return fmt.Errorf("acknowledgement of %d in %d: %w", userID, chatID, err)
		}
		return s.get(ctx, tx, &a.Count, `SELECT COUNT(*) FROM acknowledgements WHERE notice_id = ? AND chat_id = ?`, original, chatID)
	})
	return a, err
}

// acknowledge is Acknowledge inside tx; it also returns the notice the press counts for.
func (s *DB) acknowledge(ctx context.Context, tx *sqlx.Tx, deliveryID, chatID int64, now time.Time) (loa.Delivery, bool, int64, error) {
	var d loa.Delivery
	var target struct {
		Original int64  `db:"original"`
		Status   string `db:"status"`
	}
	if err := s.get(ctx, tx, &target, `SELECT COALESCE(n.ref_notice, n.id) AS original,
		CASE WHEN n.status = ? OR o.status = ? THEN ? ELSE n.status END AS status
		FROM deliveries d JOIN notices n ON n.id = d.notice_id LEFT JOIN notices o ON o.id = n.ref_notice
		WHERE d.id = ? AND d.chat_id = ?`, loa.NoticeCancelled, loa.NoticeCancelled, loa.NoticeCancelled, deliveryID, chatID); err != nil {
		return d, false, 0, fmt.Errorf("delivery %d: %w", deliveryID, err)
	}
	if target.Status == loa.NoticeCancelled {
		return d, false, 0, fmt.Errorf("delivery %d: %w", deliveryID, loa.ErrNoticeCancelled)
	}
	res, err := s.exec(ctx, tx, `UPDATE deliveries SET ack_at = ? WHERE notice_id = ? AND chat_id = ? AND ack_at IS NULL`,
		now.UTC(), target.Original, chatID)
	if err != nil {
		return d, false, 0, fmt.Errorf("acknowledge notice %d for chat %d: %w", target.Original, chatID, err)
	}
	n, _ := res.RowsAffected()
	// The pressed follow-up is marked too, so its own button shows the press.
	if _, err := s.exec(ctx, tx, `UPDATE deliveries SET ack_at = ? WHERE id = ? AND ack_at IS NULL`, now.UTC(), deliveryID); err != nil {
		return d, false, 0, fmt.Errorf("acknowledge %d: %w", deliveryID, err)
	}
	err = s.get(ctx, tx, &d, `SELECT `+deliveryColumns+` FROM deliveries WHERE notice_id = ? AND chat_id = ?`, target.Original, chatID)
	if errors.Is(err, loa.ErrNotFound) { // an update to someone the original never reached
		err = s.get(ctx, tx, &d, `SELECT `+deliveryColumns+` FROM deliveries WHERE id = ?`, deliveryID)
	}
	return d, n == 1, target.Original, err
}

// GroupAcknowledgements lists, per group chat a notice reached, the names of the members who
// pressed "received", in the order they did.
func (s *DB) GroupAcknowledgements(ctx context.Context, noticeID int64) (map[int64][]string, error) {
	var rows []struct {
		Chat int64  `db:"chat_id"`
		Name string `db:"name"`
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT chat_id, name FROM acknowledgements WHERE notice_id = ? AND chat_id < 0
		ORDER BY acked_at, user_id`, noticeID); err != nil {
		return nil, fmt.Errorf("group acknowledgements of %d: %w", noticeID, err)
	}
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.Chat] = append(out[r.Chat], r.Name)
	}
	return out, nil
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
