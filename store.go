package loa

import (
	"context"
	"fmt"
	"time"
)

// Catalog is the unit tree and topic list as configured. Syncing it into the store upserts by
// key, so a rename or move keeps every member attached; MergedInto moves members of a retired
// unit to its successor.
type Catalog struct {
	Units  []CatalogUnit
	Topics []Topic
}

// CatalogUnit is one unit as written in configuration; Parent and MergedInto are unit keys.
type CatalogUnit struct {
	Key        string
	Name       string
	Kind       string
	Parent     string
	MergedInto string
	Retired    bool
	Sort       int
	// Abbreviation signs the unit's notices ("Số: 12/TB-BCHQS"); optional.
	Abbreviation string
}

// ImportError names the line of a members file that could not be imported (a CSV line or
// a workbook's row) and, when one cell is at fault, its column as a spreadsheet names it ("B").
type ImportError struct {
	Line   int
	Column string
	Err    error
}

func (e *ImportError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("line %d, column %s: %v", e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}
func (e *ImportError) Unwrap() error { return e.Err }

// ChatFilter narrows ListChats. Zero values mean "any".
type ChatFilter struct {
	Status  string
	UnitID  int64
	UnitIDs []int64 // any of these units (a leader's scope)
	Role    string
	Topic   string // following this topic
	Name    string // part of the name, any case
	Limit   int    // 0: all
	Offset  int
}

// MemberImport is one row of a members CSV file. An import adds members and updates names,
// units, roles and topics; an existing member's status and language change only when the
// row gives them.
type MemberImport struct {
	Line    int // line number in the source file, for error messages
	ChatID  int64
	Name    string
	UnitKey string
	Role    string
	Topics  []string
	Status  string // optional: active, blocked, left…
	Lang    string // optional: vi or en
}

// ImportCheck is asked about each row of an import inside its transaction, with the member as
// stored (nil when new); an error refuses the whole import. A leader's import checks scope.
type ImportCheck func(row MemberImport, current *Chat) error

// Directory gives the unit tree and the topic list.
type Directory interface {
	SyncCatalog(ctx context.Context, c Catalog) error
	Units(ctx context.Context) ([]Unit, error) // units not retired, in display order
	UnitByID(ctx context.Context, id int64) (Unit, error)
	UnitByKey(ctx context.Context, key string) (Unit, error)
	Topics(ctx context.Context) ([]Topic, error)
}

// Members keeps registered chats and their subscriptions.
type Members interface {
	Chat(ctx context.Context, id int64) (Chat, error)
	SaveChat(ctx context.Context, c Chat) error
	SetChatStatus(ctx context.Context, id int64, status string) error
	SetChatLang(ctx context.Context, id int64, lang string) error
	ListChats(ctx context.Context, f ChatFilter) ([]Chat, error)
	Subscriptions(ctx context.Context, chatID int64) ([]string, error)
	Subscribe(ctx context.Context, chatID int64, topics ...string) error
	Unsubscribe(ctx context.Context, chatID int64, topics ...string) error
	// ImportMembers saves all rows or none; a bad row is reported with its line number.
	ImportMembers(ctx context.Context, rows []MemberImport) error
}

// Invites creates invite codes and redeems them atomically.
type Invites interface {
	CreateInvite(ctx context.Context, inv Invite) error
	// RedeemInvite uses one slot of the invite and saves c as an active member of its unit
	// and role. It returns ErrNotFound, ErrInviteExpired or ErrInviteUsedUp when refused.
	RedeemInvite(ctx context.Context, code string, c Chat, now time.Time) (Chat, error)
}

// Auditor records administrative actions.
type Auditor interface {
	Audit(ctx context.Context, e AuditEntry) error
	AuditLog(ctx context.Context, since time.Time) ([]AuditEntry, error)
}

// Store is everything Loa persists. The store package implements it on SQLite and PostgreSQL.
type Store interface {
	Directory
	Members
	Invites
	Auditor
	Notices
	Articles
	Schedules
	SearchIndex
	Drafts
	EventDrafts
	Questions
	Ping(ctx context.Context) error
	Close() error
}
