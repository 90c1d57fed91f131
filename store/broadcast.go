package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

// ScheduledNotices lists active notices still waiting for their send time.
func (s *DB) ScheduledNotices(ctx context.Context, now time.Time) ([]loa.Notice, error) {
	var rows []noticeRow
	if err := s.sel(ctx, s.db, &rows, `SELECT `+noticeColumns+` FROM notices WHERE send_at > ? AND status = ? ORDER BY send_at, id`,
		now.UTC(), loa.NoticeActive); err != nil {
		return nil, fmt.Errorf("scheduled notices: %w", err)
	}
	return noticesOf(rows)
}

// noticesOf turns stored rows into notices.
func noticesOf(rows []noticeRow) ([]loa.Notice, error) {
	out := make([]loa.Notice, 0, len(rows))
	for _, r := range rows {
		n, err := r.notice()
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// CancelNotice marks a notice cancelled and cancels its deliveries not yet sent.
func (s *DB) CancelNotice(ctx context.Context, id int64) (int, error) {
	var cancelled int64
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE notices SET status = ?, cancelled_at = COALESCE(cancelled_at, ?) WHERE id = ?`,
			loa.NoticeCancelled, s.nowUTC(), id)
		if err != nil {
			return fmt.Errorf("cancel notice %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("notice %d: %w", id, loa.ErrNotFound)
		}
		res, err = s.exec(ctx, tx, `UPDATE deliveries SET status = ? WHERE notice_id = ? AND status = ?`, loa.DeliveryCancelled, id, loa.DeliveryQueued)
		if err != nil {
			return fmt.Errorf("cancel deliveries of %d: %w", id, err)
		}
		cancelled, _ = res.RowsAffected()
		return nil
	})
	return int(cancelled), err
}

// Deliveries lists a notice's deliveries with their recipients.
func (s *DB) Deliveries(ctx context.Context, noticeID int64) ([]loa.DeliveryInfo, error) {
	return s.DeliveriesPage(ctx, noticeID, -1, 0)
}

// DeliveriesPage lists limit of a notice's deliveries from offset (limit -1: all of them).
func (s *DB) DeliveriesPage(ctx context.Context, noticeID int64, limit, offset int) ([]loa.DeliveryInfo, error) {
	var out []loa.DeliveryInfo
	// A page follows the (notice_id, chat_id) index, so it reads a page, not the notice's
	// every delivery sorted; the whole list keeps the order they were queued in.
	order, args := " ORDER BY d.id", []any{noticeID}
	if limit >= 0 {
		order, args = " ORDER BY d.notice_id, d.chat_id LIMIT ? OFFSET ?", append(args, limit, offset)
	}
	err := s.sel(ctx, s.db, &out, `SELECT `+prefixed("d.", deliveryColumns)+`, COALESCE(u.name, '') AS unit, COALESCE(c.title, '') AS title,
		COALESCE(c.role, '') AS role
		FROM deliveries d LEFT JOIN chats c ON c.id = d.chat_id LEFT JOIN units u ON u.id = c.unit_id
		WHERE d.notice_id = ?`+order, args...)
	if err != nil {
		return nil, fmt.Errorf("deliveries of %d: %w", noticeID, err)
	}
	return out, nil
}

// Unacknowledged lists chats that got a notice and have not pressed "Đã nhận".
func (s *DB) Unacknowledged(ctx context.Context, noticeID int64) ([]int64, error) {
	var ids []int64
	err := s.sel(ctx, s.db, &ids, `SELECT chat_id FROM deliveries WHERE notice_id = ? AND status = ? AND ack_at IS NULL ORDER BY chat_id`,
		noticeID, loa.DeliverySent)
	return ids, err
}

// SentTo lists the chats a notice reached.
func (s *DB) SentTo(ctx context.Context, noticeID int64) ([]int64, error) {
	var ids []int64
	err := s.sel(ctx, s.db, &ids, `SELECT chat_id FROM deliveries WHERE notice_id = ? AND status = ? ORDER BY chat_id`, noticeID, loa.DeliverySent)
	return ids, err
}

type draftRow struct {
	loa.Draft
	AudienceJSON string `db:"audience"`
}

// Draft returns the broadcast a chat is composing, or loa.ErrNotFound.
func (s *DB) Draft(ctx context.Context, chatID int64) (loa.Draft, error) {
	var r draftRow
	if err := s.get(ctx, s.db, &r, `SELECT chat_id, user_id, step, text, audience, urgent, ack, exercise, send_at, updated_at,
		media_kind, media_file_id FROM broadcast_drafts WHERE chat_id = ?`, chatID); err != nil {
		return loa.Draft{}, fmt.Errorf("draft of %d: %w", chatID, err)
	}
	d := r.Draft
	json.Unmarshal([]byte(r.AudienceJSON), &d.Audience)
	return d, nil
}

// SaveDraft stores a chat's draft.
func (s *DB) SaveDraft(ctx context.Context, d loa.Draft) error {
	audience, _ := json.Marshal(d.Audience)
	var sendAt *time.Time
	if d.SendAt != nil {
		t := d.SendAt.UTC()
		sendAt = &t
	}
	_, err := s.exec(ctx, s.db, `INSERT INTO broadcast_drafts (chat_id, user_id, step, text, audience, urgent, ack, exercise, send_at, updated_at,
		media_kind, media_file_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET user_id = excluded.user_id,
		step = excluded.step, text = excluded.text, audience = excluded.audience, urgent = excluded.urgent, ack = excluded.ack,
		exercise = excluded.exercise, send_at = excluded.send_at, updated_at = excluded.updated_at, media_kind = excluded.media_kind,
		media_file_id = excluded.media_file_id`,
		d.ChatID, d.UserID, d.Step, d.Text, string(audience), d.Urgent, d.Ack, d.Exercise, sendAt, s.nowUTC(), d.Media.Kind, d.Media.FileID)
	if err != nil {
		return fmt.Errorf("save draft of %d: %w", d.ChatID, err)
	}
	return nil
}

// DeleteDraft removes a chat's draft; a missing draft is not an error.
func (s *DB) DeleteDraft(ctx context.Context, chatID int64) error {
	_, err := s.exec(ctx, s.db, `DELETE FROM broadcast_drafts WHERE chat_id = ?`, chatID)
	return err
}

// ClaimAckReminders claims notices due for their one automatic re-reminder. The conditional
// UPDATE makes the claim: two processes never both get the same notice.
func (s *DB) ClaimAckReminders(ctx context.Context, cutoff time.Time) ([]loa.Notice, error) {
	var ids []int64
	if err := s.sel(ctx, s.db, &ids, `SELECT id FROM notices WHERE requires_ack = ? AND ack_reminded_at IS NULL AND ref_notice IS NULL
		AND status = ? AND COALESCE(send_at, created_at) < ? ORDER BY id LIMIT 50`, true, loa.NoticeActive, cutoff.UTC()); err != nil {
		return nil, fmt.Errorf("notices due for re-reminding: %w", err)
	}
	var out []loa.Notice
	for _, id := range ids {
		res, err := s.exec(ctx, s.db, `UPDATE notices SET ack_reminded_at = ? WHERE id = ? AND ack_reminded_at IS NULL`, s.nowUTC(), id)
		if err != nil {
			return nil, err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			n, err := s.Notice(ctx, id)
			if err != nil {
				return nil, err
			}
			out = append(out, n)
		}
	}
	return out, nil
}

// EventDraft returns the event a chat is creating, or loa.ErrNotFound.
func (s *DB) EventDraft(ctx context.Context, chatID int64) (loa.EventDraft, error) {
	var d loa.EventDraft
	if err := s.get(ctx, s.db, &d, `SELECT chat_id, user_id, step, kind, title, start_at, place, updated_at, candidate_id FROM event_drafts WHERE chat_id = ?`, chatID); err != nil {
		return d, fmt.Errorf("event draft of %d: %w", chatID, err)
	}
	return d, nil
}

// SaveEventDraft stores a chat's event draft.
func (s *DB) SaveEventDraft(ctx context.Context, d loa.EventDraft) error {
	var start *time.Time
	if d.Start != nil {
		t := d.Start.UTC()
		start = &t
	}
	_, err := s.exec(ctx, s.db, `INSERT INTO event_drafts (chat_id, user_id, step, kind, title, start_at, place, updated_at, candidate_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (chat_id) DO UPDATE SET user_id = excluded.user_id, step = excluded.step, kind = excluded.kind, title = excluded.title,
		start_at = excluded.start_at, place = excluded.place, updated_at = excluded.updated_at, candidate_id = excluded.candidate_id`,
		d.ChatID, d.UserID, d.Step, d.Kind, d.Title, start, d.Place, s.nowUTC(), d.CandidateID)
	if err != nil {
		return fmt.Errorf("save event draft of %d: %w", d.ChatID, err)
	}
	return nil
}

// DeleteEventDraft removes a chat's event draft; a missing one is not an error.
func (s *DB) DeleteEventDraft(ctx context.Context, chatID int64) error {
	_, err := s.exec(ctx, s.db, `DELETE FROM event_drafts WHERE chat_id = ?`, chatID)
	return err
}

// ProgressMessage returns the progress message id, or claims the sending of it (-1 marks the
// claim) so that one process sends it and the others edit it.
func (s *DB) ProgressMessage(ctx context.Context, noticeID int64) (int, bool, error) {
	res, err := s.exec(ctx, s.db, `UPDATE notices SET progress_msg = -1 WHERE id = ? AND progress_msg = 0`, noticeID)
	if err != nil {
		return 0, false, fmt.Errorf("progress message of %d: %w", noticeID, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return 0, true, nil
	}
	var id int
	err = s.get(ctx, s.db, &id, `SELECT progress_msg FROM notices WHERE id = ?`, noticeID)
	return max(id, 0), false, err
}

// SetProgressMessage records the progress message once sent (0 gives the claim back).
func (s *DB) SetProgressMessage(ctx context.Context, noticeID int64, msgID int) error {
	_, err := s.exec(ctx, s.db, `UPDATE notices SET progress_msg = ? WHERE id = ?`, msgID, noticeID)
	return err
}
