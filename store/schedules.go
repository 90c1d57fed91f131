package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

const eventColumns = `id, kind, title, place, start_at, end_at, offsets, audience, notes, article_id, candidate_id, link, status, created_by, updated_at`

type eventRow struct {
	loa.Event
	OffsetsText  string `db:"offsets"`
	AudienceJSON string `db:"audience"`
}

func (r eventRow) event() loa.Event {
	e := r.Event
	if r.OffsetsText != "" {
		e.Offsets = strings.Split(r.OffsetsText, ",")
	}
	json.Unmarshal([]byte(r.AudienceJSON), &e.Audience)
	return e
}

const occurrenceColumns = `id, key, event_id, rule_id, offset_spec, due_at, status, fired_at, notice_id, missed`

// SaveEvent creates or updates an event. Its pending occurrences are replaced by the given ones
// (a move or an edit reschedules what has not fired); fired ones stay as history.
func (s *DB) SaveEvent(ctx context.Context, e loa.Event, occ []loa.Occurrence) (loa.Event, error) {
	now := s.nowUTC()
	audience, _ := json.Marshal(e.Audience)
	var end *time.Time
	if e.End != nil {
		t := e.End.UTC()
		end = &t
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if e.ID == 0 {
			if err := s.get(ctx, tx, &e.ID, `INSERT INTO events (kind, title, place, start_at, end_at, offsets, audience, notes, article_id,
				candidate_id, link, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				e.Kind, e.Title, e.Place, e.Start.UTC(), end, strings.Join(e.Offsets, ","), string(audience), e.Notes, e.ArticleID,
				e.CandidateID, e.Link, e.Status, e.CreatedBy, now, now); err != nil {
				if isUniqueViolation(err) {
					return fmt.Errorf("this candidate is already scheduled: %w", loa.ErrConflict)
				}
				return fmt.Errorf("save event: %w", err)
			}
		} else {
			if _, err := s.exec(ctx, tx, `UPDATE events SET kind = ?, title = ?, place = ?, start_at = ?, end_at = ?, offsets = ?, audience = ?,
				notes = ?, link = ?, status = ?, updated_at = ? WHERE id = ?`, e.Kind, e.Title, e.Place, e.Start.UTC(), end,
				strings.Join(e.Offsets, ","), string(audience), e.Notes, e.Link, e.Status, now, e.ID); err != nil {
				return fmt.Errorf("update event %d: %w", e.ID, err)
			}
			if _, err := s.exec(ctx, tx, `UPDATE occurrences SET status = ? WHERE event_id = ? AND status = ?`,
				loa.OccurrenceCancelled, e.ID, loa.OccurrencePending); err != nil {
				return fmt.Errorf("reschedule event %d: %w", e.ID, err)
			}
		}
		for _, o := range occ {
			o.EventID = &e.ID
			if err := s.addOccurrence(ctx, tx, o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return e, err
	}
	return s.Event(ctx, e.ID)
}

func (s *DB) addOccurrence(ctx context.Context, q queryer, o loa.Occurrence) error {
	if o.Status == "" {
		o.Status = loa.OccurrencePending
	}
	// A key seen before keeps its row: firing stays exactly once, and a cancelled reminder
	// that comes back (an event moved back) is pending again.
	_, err := s.exec(ctx, q, `INSERT INTO occurrences (key, event_id, rule_id, offset_spec, due_at, status, missed) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET status = excluded.status, due_at = excluded.due_at, missed = excluded.missed
		WHERE occurrences.status = ?`,
		o.Key, o.EventID, o.RuleID, o.Offset, o.DueAt.UTC(), o.Status, o.Missed, loa.OccurrenceCancelled)
	if err != nil {
		return fmt.Errorf("save occurrence %s: %w", o.Key, err)
	}
	return nil
}

// Event returns one event.
func (s *DB) Event(ctx context.Context, id int64) (loa.Event, error) {
	var r eventRow
	if err := s.get(ctx, s.db, &r, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id); err != nil {
		return loa.Event{}, fmt.Errorf("event %d: %w", id, err)
	}
	return r.event(), nil
}

// Events lists events ending (or starting) at or after from, soonest first.
func (s *DB) Events(ctx context.Context, from time.Time, includeCancelled bool) ([]loa.Event, error) {
	query := `SELECT ` + eventColumns + ` FROM events WHERE (start_at >= ? OR (end_at IS NOT NULL AND end_at >= ?))`
	args := []any{from.UTC(), from.UTC()}
	if !includeCancelled {
		query += ` AND status = ?`
		args = append(args, loa.EventScheduled)
	}
	var rows []eventRow
	if err := s.sel(ctx, s.db, &rows, query+` ORDER BY start_at, id`, args...); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	out := make([]loa.Event, len(rows))
	for i, r := range rows {
		out[i] = r.event()
	}
	return out, nil
}

// EventOccurrences lists an event's reminders.
func (s *DB) EventOccurrences(ctx context.Context, eventID int64) ([]loa.Occurrence, error) {
	var out []loa.Occurrence
	err := s.sel(ctx, s.db, &out, `SELECT `+occurrenceColumns+` FROM occurrences WHERE event_id = ? ORDER BY due_at, id`, eventID)
	return out, err
}

type ruleRow struct {
	loa.Rule
	AudienceJSON string `db:"audience"`
}

// SaveRule creates a recurring reminder.
func (s *DB) SaveRule(ctx context.Context, r loa.Rule) (loa.Rule, error) {
	audience, _ := json.Marshal(r.Audience)
	r.CreatedAt = s.nowUTC()
	r.ActiveSince = r.CreatedAt
	if err := s.get(ctx, s.db, &r.ID, `INSERT INTO rules (name, spec, message, audience, paused, created_by, created_at, active_since)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.Name, r.Spec, r.Message, string(audience), r.Paused, r.CreatedBy, r.CreatedAt, r.ActiveSince); err != nil {
		return r, fmt.Errorf("save rule: %w", err)
	}
	return r, nil
}

// Rules lists the recurring reminders.
func (s *DB) Rules(ctx context.Context) ([]loa.Rule, error) {
	var rows []ruleRow
	if err := s.sel(ctx, s.db, &rows, `SELECT id, name, spec, message, audience, paused, created_by, created_at, active_since FROM rules ORDER BY id`); err != nil {
		return nil, fmt.Errorf("list rules: %w", err)
	}
	out := make([]loa.Rule, len(rows))
	for i, r := range rows {
		out[i] = r.Rule
		json.Unmarshal([]byte(r.AudienceJSON), &out[i].Audience)
	}
	return out, nil
}

// SetRulePaused pauses or resumes a rule. Pausing cancels its pending occurrences; resuming
// makes it active from now, so it neither catches up on the paused time nor skips ahead.
func (s *DB) SetRulePaused(ctx context.Context, id int64, paused bool) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE rules SET paused = ?, active_since = CASE WHEN ? THEN active_since ELSE ? END WHERE id = ?`,
			paused, paused, s.nowUTC(), id)
		if err != nil {
			return fmt.Errorf("pause rule %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("rule %d: %w", id, loa.ErrNotFound)
		}
		if paused {
			_, err = s.exec(ctx, tx, `UPDATE occurrences SET status = ? WHERE rule_id = ? AND status = ?`, loa.OccurrenceCancelled, id, loa.OccurrencePending)
		}
		return err
	})
}

// DeleteRule removes a rule and its pending occurrences.
func (s *DB) DeleteRule(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, s.db, `DELETE FROM rules WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete rule %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("rule %d: %w", id, loa.ErrNotFound)
	}
	return nil
}

// AddOccurrences inserts new occurrences; keys already known are left as they are.
func (s *DB) AddOccurrences(ctx context.Context, os []loa.Occurrence) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, o := range os {
			if err := s.addOccurrence(ctx, tx, o); err != nil {
				return err
			}
		}
		return nil
	})
}

// LastOccurrence is the due time of a rule's latest occurrence that was not cancelled.
func (s *DB) LastOccurrence(ctx context.Context, ruleID int64) (time.Time, bool, error) {
	var t []time.Time
	if err := s.sel(ctx, s.db, &t, `SELECT due_at FROM occurrences WHERE rule_id = ? AND status <> ? ORDER BY due_at DESC LIMIT 1`,
		ruleID, loa.OccurrenceCancelled); err != nil {
		return time.Time{}, false, fmt.Errorf("last occurrence of rule %d: %w", ruleID, err)
	}
	if len(t) == 0 {
		return time.Time{}, false, nil
	}
	return t[0], true, nil
}

// NextOccurrence is a rule's earliest pending occurrence.
func (s *DB) NextOccurrence(ctx context.Context, ruleID int64) (loa.Occurrence, bool, error) {
	var out []loa.Occurrence
	if err := s.sel(ctx, s.db, &out, `SELECT `+occurrenceColumns+` FROM occurrences WHERE rule_id = ? AND status = ? ORDER BY due_at LIMIT 1`,
		ruleID, loa.OccurrencePending); err != nil {
		return loa.Occurrence{}, false, fmt.Errorf("next occurrence of rule %d: %w", ruleID, err)
	}
	if len(out) == 0 {
		return loa.Occurrence{}, false, nil
	}
	return out[0], true, nil
}

// ClaimDue takes due occurrences for worker. SKIP LOCKED lets several schedulers claim side by
// side; a claim older than leaseCutoff belongs to a scheduler that died and is taken over.
func (s *DB) ClaimDue(ctx context.Context, worker string, now, leaseCutoff time.Time, limit int) ([]loa.Occurrence, error) {
	skipLocked := ""
	if s.driver == Postgres {
		skipLocked = " FOR UPDATE SKIP LOCKED"
	}
	var out []loa.Occurrence
	err := s.sel(ctx, s.db, &out, `UPDATE occurrences SET status = ?, claimed_by = ?, claimed_at = ?
		WHERE id IN (SELECT id FROM occurrences WHERE due_at <= ? AND (status = ? OR (status = ? AND claimed_at < ?))
			ORDER BY due_at, id LIMIT ?`+skipLocked+`)
		RETURNING `+occurrenceColumns,
		loa.OccurrenceFiring, worker, now.UTC(), now.UTC(), loa.OccurrencePending, loa.OccurrenceFiring, leaseCutoff.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("claim due reminders: %w", err)
	}
	return out, nil
}

// FinishOccurrence records how an occurrence ended: fired, late, skipped or cancelled.
func (s *DB) FinishOccurrence(ctx context.Context, id int64, status string, noticeID *int64, at time.Time) error {
	_, err := s.exec(ctx, s.db, `UPDATE occurrences SET status = ?, notice_id = ?, fired_at = ?, claimed_by = '' WHERE id = ?`,
		status, noticeID, at.UTC(), id)
	if err != nil {
		return fmt.Errorf("finish reminder %d: %w", id, err)
	}
	return nil
}

// EventCandidate returns a candidate with its article, for confirming it into an event.
func (s *DB) EventCandidate(ctx context.Context, id int64) (loa.EventCandidate, loa.Article, error) {
	var articleID int64
	if err := s.get(ctx, s.db, &articleID, `SELECT article_id FROM event_candidates WHERE id = ?`, id); err != nil {
		return loa.EventCandidate{}, loa.Article{}, fmt.Errorf("event candidate %d: %w", id, err)
	}
	a, err := s.ArticleByID(ctx, articleID)
	if err != nil {
		return loa.EventCandidate{}, a, err
	}
	for _, e := range a.Events {
		if e.ID == id {
			return e, a, nil
		}
	}
	return loa.EventCandidate{}, a, fmt.Errorf("event candidate %d: %w", id, loa.ErrNotFound)
}
