package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

const chatColumns = `id, type, title, username, user_id, unit_id, role, status, lang, created_at, updated_at`

// Chat returns a registered chat, or loa.ErrNotFound.
func (s *DB) Chat(ctx context.Context, id int64) (loa.Chat, error) {
	var c loa.Chat
	if err := s.get(ctx, s.db, &c, `SELECT `+chatColumns+` FROM chats WHERE id = ?`, id); err != nil {
		return c, fmt.Errorf("chat %d: %w", id, err)
	}
	return c, nil
}

// SaveChat inserts or replaces a chat's registration, keeping its creation time.
func (s *DB) SaveChat(ctx context.Context, c loa.Chat) error {
	return s.saveChat(ctx, s.db, c)
}

func (s *DB) saveChat(ctx context.Context, q queryer, c loa.Chat) error {
	now := s.nowUTC()
	if c.Lang == "" {
		c.Lang = "vi"
	}
	_, err := s.exec(ctx, q, `INSERT INTO chats (`+chatColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = excluded.title, username = excluded.username,
		user_id = excluded.user_id, unit_id = excluded.unit_id, role = excluded.role, status = excluded.status,
		lang = excluded.lang, updated_at = excluded.updated_at`,
		c.ID, c.Type, c.Title, c.Username, c.UserID, c.UnitID, c.Role, c.Status, c.Lang, now, now)
	if err != nil {
		return fmt.Errorf("save chat %d: %w", c.ID, err)
	}
	return nil
}

// SetChatStatus changes a chat's status; loa.ErrNotFound when the chat is unknown.
func (s *DB) SetChatStatus(ctx context.Context, id int64, status string) error {
	if !loa.ValidStatus(status) {
		return fmt.Errorf("status %q: unknown (want pending, active, rejected, blocked or left)", status)
	}
	return s.updateChat(ctx, id, `status = ?`, status)
}

// SetChatLang changes the language the bot speaks in a chat.
func (s *DB) SetChatLang(ctx context.Context, id int64, lang string) error {
	return s.updateChat(ctx, id, `lang = ?`, lang)
}

func (s *DB) updateChat(ctx context.Context, id int64, set string, value any) error {
	res, err := s.exec(ctx, s.db, `UPDATE chats SET `+set+`, updated_at = ? WHERE id = ?`, value, s.nowUTC(), id)
	if err != nil {
		return fmt.Errorf("update chat %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("chat %d: %w", id, loa.ErrNotFound)
	}
	return nil
}

// ListChats lists chats, newest first.
func (s *DB) ListChats(ctx context.Context, f loa.ChatFilter) ([]loa.Chat, error) {
	query := `SELECT ` + chatColumns + ` FROM chats WHERE 1 = 1`
	var args []any
	if f.Status != "" {
		query += ` AND status = ?`
		args = append(args, f.Status)
	}
	if f.UnitID != 0 {
		query += ` AND unit_id = ?`
		args = append(args, f.UnitID)
	}
	if len(f.UnitIDs) > 0 {
		query += ` AND unit_id IN (` + marks(len(f.UnitIDs)) + `)`
		for _, id := range f.UnitIDs {
			args = append(args, id)
		}
	}
	if f.Role != "" {
		query += ` AND role = ?`
		args = append(args, f.Role)
	}
	if f.Topic != "" {
		query += ` AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = chats.id AND s.topic = ?)`
		args = append(args, f.Topic)
	}
	if f.Name != "" {
		query += ` AND LOWER(title) LIKE ?`
		args = append(args, "%"+strings.ToLower(f.Name)+"%")
	}
	query += ` ORDER BY created_at DESC, id`
	if f.Limit > 0 {
		query += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	var chats []loa.Chat
	if err := s.sel(ctx, s.db, &chats, query, args...); err != nil {
		return nil, fmt.Errorf("list chats: %w", err)
	}
	return chats, nil
}

// UnitMemberCounts counts the active members (people and groups) of each unit.
func (s *DB) UnitMemberCounts(ctx context.Context) (map[int64]int, error) {
	var rows []struct {
		UnitID int64 `db:"unit_id"`
		N      int   `db:"n"`
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT unit_id, COUNT(*) AS n FROM chats WHERE status = ? AND unit_id IS NOT NULL GROUP BY unit_id`, loa.StatusActive); err != nil {
		return nil, fmt.Errorf("count members by unit: %w", err)
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.UnitID] = r.N
	}
	return out, nil
}

// Subscriptions lists the topic keys a chat follows, in topic order.
func (s *DB) Subscriptions(ctx context.Context, chatID int64) ([]string, error) {
	var keys []string
	err := s.sel(ctx, s.db, &keys, `SELECT s.topic FROM subscriptions s JOIN topics t ON t.key = s.topic
		WHERE s.chat_id = ? ORDER BY t.sort, t.key`, chatID)
	if err != nil {
		return nil, fmt.Errorf("subscriptions of %d: %w", chatID, err)
	}
	return keys, nil
}

// Subscribe adds topics to a chat; already followed topics are left alone. An unknown topic
// fails the whole call.
func (s *DB) Subscribe(ctx context.Context, chatID int64, topics ...string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error { return s.subscribe(ctx, tx, chatID, topics) })
}

func (s *DB) subscribe(ctx context.Context, q queryer, chatID int64, topics []string) error {
	now := s.nowUTC()
	for _, t := range topics {
		var n int
		if err := s.get(ctx, q, &n, `SELECT COUNT(*) FROM topics WHERE key = ?`, t); err != nil {
			return fmt.Errorf("topic %q: %w", t, err)
		}
		if n == 0 {
			return fmt.Errorf("topic %q: %w", t, loa.ErrNotFound)
		}
		if _, err := s.exec(ctx, q, `INSERT INTO subscriptions (chat_id, topic, created_at) VALUES (?, ?, ?)
			ON CONFLICT (chat_id, topic) DO NOTHING`, chatID, t, now); err != nil {
			return fmt.Errorf("subscribe %d to %s: %w", chatID, t, err)
		}
	}
	return nil
}

// Unsubscribe removes topics from a chat; with no topics it removes them all.
func (s *DB) Unsubscribe(ctx context.Context, chatID int64, topics ...string) error {
	if len(topics) == 0 {
		if _, err := s.exec(ctx, s.db, `DELETE FROM subscriptions WHERE chat_id = ?`, chatID); err != nil {
			return fmt.Errorf("unsubscribe %d from all: %w", chatID, err)
		}
		return nil
	}
	query, args, err := sqlx.In(`DELETE FROM subscriptions WHERE chat_id = ? AND topic IN (?)`, chatID, topics)
	if err != nil {
		return fmt.Errorf("unsubscribe: %w", err)
	}
	if _, err := s.exec(ctx, s.db, query, args...); err != nil {
		return fmt.Errorf("unsubscribe %d: %w", chatID, err)
	}
	return nil
}

// ImportMembers saves every row, or nothing at all when one row is bad. New members are
// active; an existing member keeps the status and language they have (a member who blocked
// the bot stays blocked) unless the row names them.
func (s *DB) ImportMembers(ctx context.Context, rows []loa.MemberImport) error {
	return s.ImportMembersChecked(ctx, rows, nil)
}

// ImportMembersChecked imports as ImportMembers does, asking check about each row with the
// member as stored, inside the transaction that writes them: nobody can move a member
// between the check and the write.
func (s *DB) ImportMembersChecked(ctx context.Context, rows []loa.MemberImport, check loa.ImportCheck) error {
	seen := map[int64]int{}
	for _, r := range rows {
		if first, dup := seen[r.ChatID]; dup {
			return &loa.ImportError{Line: r.Line, Err: fmt.Errorf("chat %d is already on line %d", r.ChatID, first)}
		}
		seen[r.ChatID] = r.Line
		if err := validImportRow(r); err != nil {
			return &loa.ImportError{Line: r.Line, Err: err}
		}
	}
	now := s.nowUTC()
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		// A file holds thousands of rows over a few units and topics: each unit and topic is
		// looked up once, and the two writes are parsed once, not once a row.
		units, topics := map[string]int64{}, map[string]bool{}
		save, err := tx.PreparexContext(ctx, s.db.Rebind(`INSERT INTO chats (`+chatColumns+`) VALUES (?, ?, ?, '', 0, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, unit_id = excluded.unit_id, role = excluded.role,
			status = COALESCE(NULLIF(?, ''), chats.status), lang = COALESCE(NULLIF(?, ''), chats.lang), updated_at = excluded.updated_at`))
		if err != nil {
			return fmt.Errorf("prepare saving members: %w", err)
		}
		defer save.Close()
		subscribe, err := tx.PreparexContext(ctx, s.db.Rebind(`INSERT INTO subscriptions (chat_id, topic, created_at) VALUES (?, ?, ?)
			ON CONFLICT (chat_id, topic) DO NOTHING`))
		if err != nil {
			return fmt.Errorf("prepare subscribing members: %w", err)
		}
		defer subscribe.Close()
		for _, r := range rows {
			unitID, found := units[r.UnitKey]
			if !found {
				if err := s.get(ctx, tx, &unitID, `SELECT id FROM units WHERE key = ? AND retired = ?`, r.UnitKey, false); err != nil {
					if errors.Is(err, loa.ErrNotFound) {
						return &loa.ImportError{Line: r.Line, Err: fmt.Errorf("unit %q is not in the catalogue", r.UnitKey)}
					}
					return &loa.ImportError{Line: r.Line, Err: err}
				}
				units[r.UnitKey] = unitID
			}
			if check != nil {
				if err := s.checkImportRow(ctx, tx, r, check); err != nil {
					return &loa.ImportError{Line: r.Line, Err: err}
				}
			}
			kind, status, lang := "private", cmp.Or(r.Status, loa.StatusActive), cmp.Or(r.Lang, "vi")
			if r.ChatID < 0 {
				kind = "group"
			}
			// COALESCE(NULLIF(…)) keeps the stored status and language when the row is silent.
			if _, err := save.ExecContext(ctx, r.ChatID, kind, r.Name, unitID, r.Role, status, lang, now, now, r.Status, r.Lang); err != nil {
				return &loa.ImportError{Line: r.Line, Err: fmt.Errorf("save chat %d: %w", r.ChatID, err)}
			}
			for _, t := range r.Topics {
				if !topics[t] {
					var n int
					if err := s.get(ctx, tx, &n, `SELECT COUNT(*) FROM topics WHERE key = ?`, t); err != nil {
						return &loa.ImportError{Line: r.Line, Err: fmt.Errorf("topic %q: %w", t, err)}
					}
					if n == 0 {
						return &loa.ImportError{Line: r.Line, Err: fmt.Errorf("topic %q: %w", t, loa.ErrNotFound)}
					}
					topics[t] = true
				}
				if _, err := subscribe.ExecContext(ctx, r.ChatID, t, now); err != nil {
					return &loa.ImportError{Line: r.Line, Err: fmt.Errorf("subscribe %d to %s: %w", r.ChatID, t, err)}
				}
			}
		}
		return nil
	})
}

// checkImportRow hands check the row and the member as stored, locked on PostgreSQL until the
// import commits (SQLite's write transaction already excludes other writers).
func (s *DB) checkImportRow(ctx context.Context, tx *sqlx.Tx, r loa.MemberImport, check loa.ImportCheck) error {
	lock := ""
	if s.driver == Postgres {
		lock = " FOR UPDATE"
	}
	var current loa.Chat
	switch err := s.get(ctx, tx, &current, `SELECT `+chatColumns+` FROM chats WHERE id = ?`+lock, r.ChatID); {
	case errors.Is(err, loa.ErrNotFound):
		return check(r, nil)
	case err != nil:
		return fmt.Errorf("read chat %d: %w", r.ChatID, err)
	}
	return check(r, &current)
}

// validImportRow refuses what cannot be: a group with a person's role, a person as a group.
func validImportRow(r loa.MemberImport) error {
	switch {
	case r.ChatID == 0:
		return errors.New("chat_id 0 is not a Telegram chat")
	case !loa.ValidRole(r.Role):
		return fmt.Errorf("role %q is unknown (want leader, officer or militia; group for a group chat)", r.Role)
	case r.ChatID > 0 && r.Role == loa.RoleGroup:
		return fmt.Errorf("chat %d is a person (a group's ID is negative); a person's role is leader, officer or militia", r.ChatID)
	case r.ChatID < 0 && r.Role != loa.RoleGroup:
		return fmt.Errorf("chat %d is a group (negative ID); its role must be group, not %q", r.ChatID, r.Role)
	case r.Status != "" && !loa.ValidStatus(r.Status):
		return fmt.Errorf("status %q is unknown (want active, blocked, left, pending or rejected)", r.Status)
	case r.Lang != "" && r.Lang != "vi" && r.Lang != "en":
		return fmt.Errorf("language %q is not vi or en", r.Lang)
	}
	return nil
}

// CreateInvite stores a new invite code.
func (s *DB) CreateInvite(ctx context.Context, inv loa.Invite) error {
	var expires *time.Time
	if inv.ExpiresAt != nil {
		t := inv.ExpiresAt.UTC()
		expires = &t
	}
	_, err := s.exec(ctx, s.db, `INSERT INTO invites (code, unit_id, role, max_uses, uses, expires_at, created_by, created_at)
		VALUES (?, ?, ?, ?, 0, ?, ?, ?)`, inv.Code, inv.UnitID, inv.Role, inv.MaxUses, expires, inv.CreatedBy, s.nowUTC())
	if err != nil {
		return fmt.Errorf("create invite: %w", err)
	}
	return nil
}

// RedeemInvite consumes one use of an invite and activates the chat in its unit and role, in
// one transaction: two people racing for the last use cannot both get in.
func (s *DB) RedeemInvite(ctx context.Context, code string, c loa.Chat, now time.Time) (loa.Chat, error) {
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var inv loa.Invite
		if err := s.get(ctx, tx, &inv, `SELECT code, unit_id, role, max_uses, uses, expires_at, created_by, created_at
			FROM invites WHERE code = ?`, code); err != nil {
			return fmt.Errorf("invite: %w", err)
		}
		if inv.ExpiresAt != nil && !now.Before(*inv.ExpiresAt) {
			return loa.ErrInviteExpired
		}
		res, err := s.exec(ctx, tx, `UPDATE invites SET uses = uses + 1 WHERE code = ? AND uses < max_uses`, code)
		if err != nil {
			return fmt.Errorf("use invite: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return loa.ErrInviteUsedUp
		}
		c.UnitID = &inv.UnitID
		c.Role = inv.Role
		if c.IsGroup() {
			c.Role = loa.RoleGroup
		}
		c.Status = loa.StatusActive
		return s.saveChat(ctx, tx, c)
	})
	if err != nil {
		return c, err
	}
	return s.Chat(ctx, c.ID)
}
