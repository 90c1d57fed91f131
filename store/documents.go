package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

const documentColumns = `id, number, type_key, doc_date, issuer, title, signer, file_name, media_kind, media_file_id, brought_by,
	brought_user, status, created_at, sent_at, sent_by, media_group, preview_message`

const taskColumns = `t.id, t.document_id, t.unit_key, t.addressee, t.section, t.text, t.deadline, t.done_at, t.done_by, t.report`

// SaveDocument stores a document read and previewed, with its addressees and its tasks, as a
// draft; it returns it with its id and its tasks' ids.
func (s *DB) SaveDocument(ctx context.Context, d loa.OfficialDocument) (loa.OfficialDocument, error) {
	if d.Status == "" {
		d.Status = loa.DocumentDraft
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.get(ctx, tx, &d.ID, `INSERT INTO documents (number, type_key, doc_date, issuer, title, signer, file_name,
			file_data, media_kind, media_file_id, brought_by, brought_user, status, created_at, media_group)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			d.Number, d.TypeKey, d.Date, d.Issuer, d.Title, d.Signer, d.FileName, d.File, d.Media.Kind, d.Media.FileID, d.BroughtBy, d.BroughtUser,
			d.Status, d.CreatedAt.UTC(), d.MediaGroup); err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("save document: album %q kept already: %w", d.MediaGroup, loa.ErrConflict)
			}
			return fmt.Errorf("save document: %w", err)
		}
		for _, p := range d.Pages {
			if err := s.addPage(ctx, tx, d.ID, p); err != nil {
				return err
			}
		}
		return s.saveReading(ctx, tx, &d)
	})
	return d, err
}

// saveReading stores what was read of a document: its addressees and its tasks.
func (s *DB) saveReading(ctx context.Context, tx *sqlx.Tx, d *loa.OfficialDocument) error {
	for i, a := range d.Addressees {
		if _, err := s.exec(ctx, tx, `INSERT INTO document_addressees (document_id, position, name, unit_key) VALUES (?, ?, ?, ?)`,
			d.ID, i, a.Name, a.UnitKey); err != nil {
			return fmt.Errorf("save document %d addressee: %w", d.ID, err)
		}
	}
	for i := range d.Tasks {
		t := &d.Tasks[i]
		t.DocumentID = d.ID
		if err := s.get(ctx, tx, &t.ID, `INSERT INTO document_tasks (document_id, unit_key, addressee, position, section, text, deadline)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, d.ID, t.UnitKey, t.Addressee, i, t.Section, t.Text, t.Deadline); err != nil {
			return fmt.Errorf("save document %d task: %w", d.ID, err)
		}
	}
	return nil
}

func (s *DB) addPage(ctx context.Context, tx *sqlx.Tx, documentID int64, p loa.DocumentPage) error {
	// A page Telegram delivers twice is kept once.
	if _, err := s.exec(ctx, tx, `INSERT INTO document_pages (document_id, message_id, media_kind, media_file_id, text) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (document_id, message_id) DO NOTHING`, documentID, p.MessageID, p.Media.Kind, p.Media.FileID, p.Text); err != nil {
		return fmt.Errorf("document %d page %d: %w", documentID, p.MessageID, err)
	}
	return nil
}

// AlbumDocument is the document a person's album became, without its file; loa.ErrNotFound
// when none did yet.
func (s *DB) AlbumDocument(ctx context.Context, userID int64, group string) (loa.OfficialDocument, error) {
	var d loa.OfficialDocument
	if err := s.get(ctx, s.db, &d, `SELECT `+documentColumns+` FROM documents WHERE brought_user = ? AND media_group = ? AND media_group <> ''`,
		userID, group); err != nil {
		return d, fmt.Errorf("album %q of %d: %w", group, userID, err)
	}
	return d, nil
}

// AddDocumentPage adds a page to a draft's album and returns every page, in the order they
// were sent; loa.ErrConflict when the document is no longer a draft.
func (s *DB) AddDocumentPage(ctx context.Context, documentID int64, p loa.DocumentPage) ([]loa.DocumentPage, error) {
	var pages []loa.DocumentPage
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.draftInTx(ctx, tx, documentID); err != nil {
			return err
		}
		if err := s.addPage(ctx, tx, documentID, p); err != nil {
			return err
		}
		return s.sel(ctx, tx, &pages, `SELECT message_id, media_kind, media_file_id, text FROM document_pages WHERE document_id = ?
			ORDER BY message_id`, documentID)
	})
	return pages, err
}

// draftInTx checks, in a transaction, that a document is still a draft.
func (s *DB) draftInTx(ctx context.Context, tx *sqlx.Tx, documentID int64) error {
	var status string
	if err := s.get(ctx, tx, &status, `SELECT status FROM documents WHERE id = ?`, documentID); err != nil {
		return fmt.Errorf("document %d: %w", documentID, err)
	}
	if status != loa.DocumentDraft {
		return fmt.Errorf("document %d is %s: %w", documentID, status, loa.ErrConflict)
	}
	return nil
}

// RereadDocument replaces what was read of a draft (its number, title… addressees and tasks)
// with d's, as when a page joins it; loa.ErrConflict when it is no longer a draft. It returns
// d with its tasks' new ids.
func (s *DB) RereadDocument(ctx context.Context, d loa.OfficialDocument) (loa.OfficialDocument, error) {
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.draftInTx(ctx, tx, d.ID); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `UPDATE documents SET number = ?, type_key = ?, doc_date = ?, issuer = ?, title = ?, signer = ? WHERE id = ?`,
			d.Number, d.TypeKey, d.Date, d.Issuer, d.Title, d.Signer, d.ID); err != nil {
			return fmt.Errorf("reread document %d: %w", d.ID, err)
		}
		for _, table := range []string{"document_tasks", "document_addressees"} {
			if _, err := s.exec(ctx, tx, `DELETE FROM `+table+` WHERE document_id = ?`, d.ID); err != nil {
				return fmt.Errorf("reread document %d: %w", d.ID, err)
			}
		}
		return s.saveReading(ctx, tx, &d)
	})
	return d, err
}

// SetDocumentPreview records the bot's message showing a document's preview.
func (s *DB) SetDocumentPreview(ctx context.Context, id int64, messageID int) error {
	if _, err := s.exec(ctx, s.db, `UPDATE documents SET preview_message = ? WHERE id = ?`, messageID, id); err != nil {
		return fmt.Errorf("document %d preview: %w", id, err)
	}
	return nil
}

// CancelDocument sets a draft aside: it is never sent; false when it was not a draft.
func (s *DB) CancelDocument(ctx context.Context, id int64) (bool, error) {
	res, err := s.exec(ctx, s.db, `UPDATE documents SET status = ? WHERE id = ? AND status = ?`, loa.DocumentCancelled, id, loa.DocumentDraft)
	if err != nil {
		return false, fmt.Errorf("cancel document %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Document reads a document with its file, addressees and tasks.
func (s *DB) Document(ctx context.Context, id int64) (loa.OfficialDocument, error) {
	var d loa.OfficialDocument
	if err := s.get(ctx, s.db, &d, `SELECT `+documentColumns+`, file_data FROM documents WHERE id = ?`, id); err != nil {
		return d, fmt.Errorf("document %d: %w", id, err)
	}
	if err := s.sel(ctx, s.db, &d.Addressees, `SELECT name, unit_key FROM document_addressees WHERE document_id = ? ORDER BY position`, id); err != nil {
		return d, fmt.Errorf("document %d addressees: %w", id, err)
	}
	if err := s.sel(ctx, s.db, &d.Tasks, `SELECT `+taskColumns+` FROM document_tasks t WHERE t.document_id = ? ORDER BY t.position`, id); err != nil {
		return d, fmt.Errorf("document %d tasks: %w", id, err)
	}
	if err := s.sel(ctx, s.db, &d.Pages, `SELECT message_id, media_kind, media_file_id, text FROM document_pages WHERE document_id = ?
		ORDER BY message_id`, id); err != nil {
		return d, fmt.Errorf("document %d pages: %w", id, err)
	}
	return d, nil
}

// Documents lists documents, newest first, without their files, addressees and tasks.
func (s *DB) Documents(ctx context.Context, limit int) ([]loa.OfficialDocument, error) {
	var out []loa.OfficialDocument
	if err := s.sel(ctx, s.db, &out, `SELECT `+documentColumns+` FROM documents ORDER BY created_at DESC, id DESC LIMIT ?`, limit); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	return out, nil
}

// MarkDocumentSent records that a document went out; it reports false when it had already.
func (s *DB) MarkDocumentSent(ctx context.Context, id int64, by string, now time.Time) (bool, error) {
	res, err := s.exec(ctx, s.db, `UPDATE documents SET status = ?, sent_at = ?, sent_by = ? WHERE id = ? AND status = ?`,
		loa.DocumentSent, now.UTC(), by, id, loa.DocumentDraft)
	if err != nil {
		return false, fmt.Errorf("mark document %d sent: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// DocumentTask reads one task.
func (s *DB) DocumentTask(ctx context.Context, id int64) (loa.DocumentTask, error) {
	var t loa.DocumentTask
	if err := s.get(ctx, s.db, &t, `SELECT `+taskColumns+` FROM document_tasks t WHERE t.id = ?`, id); err != nil {
		return t, fmt.Errorf("document task %d: %w", id, err)
	}
	return t, nil
}

// MarkTaskDone records a task done by who, when; a task already done keeps its first mark
// (first is false). A report, when given, replaces the one recorded.
func (s *DB) MarkTaskDone(ctx context.Context, id int64, by, report string, now time.Time) (t loa.DocumentTask, first bool, err error) {
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE document_tasks SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL`, now.UTC(), by, id)
		if err != nil {
			return fmt.Errorf("mark task %d done: %w", id, err)
		}
		n, _ := res.RowsAffected()
		first = n == 1
		if report != "" {
			if _, err := s.exec(ctx, tx, `UPDATE document_tasks SET report = ? WHERE id = ?`, report, id); err != nil {
				return fmt.Errorf("report of task %d: %w", id, err)
			}
		}
		if err := s.get(ctx, tx, &t, `SELECT `+taskColumns+` FROM document_tasks t WHERE t.id = ?`, id); err != nil {
			return fmt.Errorf("document task %d: %w", id, err)
		}
		return nil
	})
	return t, first, err
}

// OpenTasksDue lists the tasks of sent documents not yet done whose deadline is one of these
// days, of one unit ("" for every unit), by deadline.
func (s *DB) OpenTasksDue(ctx context.Context, unit string, deadlines []string) ([]loa.OpenTask, error) {
	if len(deadlines) == 0 {
		return nil, nil
	}
	args := []any{loa.DocumentSent}
	q := `SELECT ` + taskColumns + `, d.number, d.title FROM document_tasks t JOIN documents d ON d.id = t.document_id
		WHERE d.status = ? AND t.done_at IS NULL AND t.unit_key <> '' AND t.deadline IN (?` + strings.Repeat(", ?", len(deadlines)-1) + `)`
	for _, d := range deadlines {
		args = append(args, d)
	}
	if unit != "" {
		q += ` AND t.unit_key = ?`
		args = append(args, unit)
	}
	var out []loa.OpenTask
	if err := s.sel(ctx, s.db, &out, q+` ORDER BY t.deadline, t.document_id, t.position`, args...); err != nil {
		return nil, fmt.Errorf("tasks due: %w", err)
	}
	return out, nil
}

// OverdueTasks lists the tasks of sent documents not done whose deadline is before day
// (YYYY-MM-DD), by document, unit and place in the document.
func (s *DB) OverdueTasks(ctx context.Context, day string) ([]loa.OpenTask, error) {
	var out []loa.OpenTask
	if err := s.sel(ctx, s.db, &out, `SELECT `+taskColumns+`, d.number, d.title FROM document_tasks t
		JOIN documents d ON d.id = t.document_id
		WHERE d.status = ? AND t.done_at IS NULL AND t.unit_key <> '' AND t.deadline <> '' AND t.deadline < ?
		ORDER BY t.document_id, t.unit_key, t.position`, loa.DocumentSent, day); err != nil {
		return nil, fmt.Errorf("overdue tasks: %w", err)
	}
	return out, nil
}

// DocumentNotices are the notices a document was sent as, by unit key.
func (s *DB) DocumentNotices(ctx context.Context, documentID int64) (map[string]int64, error) {
	prefix := fmt.Sprintf("document:%d:", documentID)
	var rows []struct {
		ID  int64  `db:"id"`
		Ref string `db:"origin_ref"`
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT id, origin_ref FROM notices WHERE origin = ? AND origin_ref LIKE ?`,
		loa.OriginBroadcast, prefix+"%"); err != nil {
		return nil, fmt.Errorf("notices of document %d: %w", documentID, err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[strings.TrimPrefix(r.Ref, prefix)] = r.ID
	}
	return out, nil
}

// RemapAddressee makes a name of a draft stand for one unit: its addressee rows become one,
// and its tasks (kept once each, in their places) become that unit's. loa.ErrNotFound when
// the draft does not name it; loa.ErrConflict when the document was sent meanwhile.
func (s *DB) RemapAddressee(ctx context.Context, documentID int64, name, unitKey string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		var status string
		if err := s.get(ctx, tx, &status, `SELECT status FROM documents WHERE id = ?`, documentID); err != nil {
			return fmt.Errorf("document %d: %w", documentID, err)
		}
		if status != loa.DocumentDraft {
			return fmt.Errorf("document %d is %s: %w", documentID, status, loa.ErrConflict)
		}
		var positions []int
		if err := s.sel(ctx, tx, &positions, `SELECT position FROM document_addressees WHERE document_id = ? AND name = ? ORDER BY position`,
			documentID, name); err != nil {
			return fmt.Errorf("document %d addressee: %w", documentID, err)
		}
		if len(positions) == 0 {
			return fmt.Errorf("document %d names no %q: %w", documentID, name, loa.ErrNotFound)
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM document_addressees WHERE document_id = ? AND name = ? AND position <> ?`,
			documentID, name, positions[0]); err != nil {
			return fmt.Errorf("document %d addressee: %w", documentID, err)
		}
		if _, err := s.exec(ctx, tx, `UPDATE document_addressees SET unit_key = ? WHERE document_id = ? AND position = ?`,
			unitKey, documentID, positions[0]); err != nil {
			return fmt.Errorf("document %d addressee: %w", documentID, err)
		}
		var tasks []struct {
			ID       int64  `db:"id"`
			Section  string `db:"section"`
			Text     string `db:"text"`
			Deadline string `db:"deadline"`
		}
		if err := s.sel(ctx, tx, &tasks, `SELECT id, section, text, deadline FROM document_tasks WHERE document_id = ? AND addressee = ?
			ORDER BY position, id`, documentID, name); err != nil {
			return fmt.Errorf("document %d tasks: %w", documentID, err)
		}
		seen := map[[3]string]bool{}
		for _, t := range tasks {
			key := [3]string{t.Section, t.Text, t.Deadline}
			q := `UPDATE document_tasks SET unit_key = ? WHERE id = ?`
			args := []any{unitKey, t.ID}
			if seen[key] {
				q, args = `DELETE FROM document_tasks WHERE id = ?`, []any{t.ID}
			}
			seen[key] = true
			if _, err := s.exec(ctx, tx, q, args...); err != nil {
				return fmt.Errorf("document %d task %d: %w", documentID, t.ID, err)
			}
		}
		return nil
	})
}

// LatestDraft is the newest draft a Telegram user brought; loa.ErrNotFound when none.
func (s *DB) LatestDraft(ctx context.Context, userID int64) (int64, error) {
	var id int64
	if err := s.get(ctx, s.db, &id, `SELECT id FROM documents WHERE brought_user = ? AND status = ? ORDER BY id DESC LIMIT 1`,
		userID, loa.DocumentDraft); err != nil {
		return 0, fmt.Errorf("latest draft of %d: %w", userID, err)
	}
	return id, nil
}

// SetDocumentMedia records the Telegram file a document's bytes were put into.
func (s *DB) SetDocumentMedia(ctx context.Context, id int64, m loa.Media) error {
	if _, err := s.exec(ctx, s.db, `UPDATE documents SET media_kind = ?, media_file_id = ? WHERE id = ?`, m.Kind, m.FileID, id); err != nil {
		return fmt.Errorf("document %d file: %w", id, err)
	}
	return nil
}
