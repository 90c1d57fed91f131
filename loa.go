// Package loa holds Loa's domain types and the small interfaces between its rooms.
//
// Loa ("loudspeaker") is a Telegram bot and notification service for defense and security
// education in Vietnamese districts and communes. Each room (bot, store, delivery, news,
// scheduler…) implements or uses the interfaces here and never imports a sibling; cmd/loa wires
// them together.
//
// An update flows Telegram → bot.Poller/bot.Webhook → bot.Handler → loa.Store (store package).
// A notice flows loa.Store → delivery.Dispatcher → loa.Messenger (bot.Messenger) → Telegram.
package loa

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"
)

// Errors the store returns so callers can tell users what happened without leaking internals.
var (
	ErrNotFound      = errors.New("not found")
	ErrInviteExpired = errors.New("invite expired")
	ErrInviteUsedUp  = errors.New("invite used up")
	ErrConflict      = errors.New("conflict")
	// ErrNoticeCancelled refuses an acknowledgement of a notice that was cancelled.
	ErrNoticeCancelled = errors.New("the notice was cancelled")
	// ErrInvalidText is text no message can carry, such as a NUL character.
	ErrInvalidText = errors.New("invalid text")
)

// CheckText refuses text that Telegram and PostgreSQL cannot store: a NUL character.
func CheckText(s string) error {
	if strings.ContainsRune(s, 0) {
		return fmt.Errorf("%w: it contains a NUL character (\\u0000)", ErrInvalidText)
	}
	return nil
}

// Unit kinds. A provincial command holds its offices and the communes and wards, directly or
// under the regional defence commands (PTKV) that cover them; a district (before July 2025)
// holds communes, wards and departments; a commune or ward holds its UBND, military command,
// police and militia units.
const (
	UnitProvince   = "province" // Bộ CHQS tỉnh, Bộ Tư lệnh thành phố
	UnitRegion     = "region"   // Ban Chỉ huy Phòng thủ khu vực
	UnitDistrict   = "district"
	UnitCommune    = "commune"
	UnitWard       = "ward"
	UnitDepartment = "department"
	UnitCommittee  = "committee" // UBND xã/phường
	UnitMilitary   = "military"  // Ban CHQS
	UnitPolice     = "police"    // Công an
	UnitMilitia    = "militia"   // Trung đội dân quân
)

// Unit is one node in the administrative tree. Key is stable across renames and moves, so
// members, subscriptions and history stay attached when the tree is edited.
type Unit struct {
	ID         int64     `db:"id" json:"id"`
	Key        string    `db:"key" json:"key"`
	Name       string    `db:"name" json:"name"`
	Kind       string    `db:"kind" json:"kind"`
	ParentID   *int64    `db:"parent_id" json:"parent_id,omitempty"`
	Sort       int       `db:"sort" json:"sort"`
	Retired    bool      `db:"retired" json:"retired"`
	MergedInto *int64    `db:"merged_into" json:"merged_into,omitempty"`
	UpdatedAt  time.Time `db:"updated_at" json:"updated_at"`
	// Abbreviation is how the unit signs its documents ("BCHQS" in "Số: 12/TB-BCHQS"); optional.
	Abbreviation string `db:"abbreviation" json:"abbreviation,omitempty"`
}

// Topic is a subject members subscribe to, such as drills (dien-tap) or recruitment (tuyen-quan).
type Topic struct {
	Key    string `db:"key" json:"key"`
	NameVI string `db:"name_vi" json:"name_vi"`
	NameEN string `db:"name_en" json:"name_en"`
	Sort   int    `db:"sort" json:"sort"`
}

// Name returns the topic's name in the given language, Vietnamese by default.
func (t Topic) Name(lang string) string {
	if lang == "en" && t.NameEN != "" {
		return t.NameEN
	}
	return t.NameVI
}

// Roles a member can hold inside a unit. Group chats carry RoleGroup.
const (
	RoleLeader  = "leader"  // lãnh đạo, chỉ huy
	RoleOfficer = "officer" // cán bộ, chuyên viên
	RoleMilitia = "militia" // chiến sĩ dân quân tự vệ
	RoleGroup   = "group"   // a unit's group chat
)

// Roles lists the roles a person can pick, in display order.
var Roles = []string{RoleLeader, RoleOfficer, RoleMilitia}

// ValidRole reports whether r is a known role.
func ValidRole(r string) bool {
	switch r {
	case RoleLeader, RoleOfficer, RoleMilitia, RoleGroup:
		return true
	}
	return false
}

// Chat statuses. A member is a Telegram chat: a private chat with one official or a group.
const (
	StatusPending  = "pending"
	StatusActive   = "active"
	StatusRejected = "rejected"
	StatusBlocked  = "blocked"
	StatusLeft     = "left"
)

// ValidStatus reports whether s is a known chat status.
func ValidStatus(s string) bool {
	switch s {
	case StatusPending, StatusActive, StatusRejected, StatusBlocked, StatusLeft:
		return true
	}
	return false
}

// Chat is a registered Telegram chat: a member (private) or a unit's group.
type Chat struct {
	ID        int64     `db:"id" json:"id"`
	Type      string    `db:"type" json:"type"` // private, group, supergroup
	Title     string    `db:"title" json:"title"`
	Username  string    `db:"username" json:"username,omitempty"`
	UserID    int64     `db:"user_id" json:"user_id"` // who registered it
	UnitID    *int64    `db:"unit_id" json:"unit_id,omitempty"`
	Role      string    `db:"role" json:"role"`
	Status    string    `db:"status" json:"status"`
	Lang      string    `db:"lang" json:"lang"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	UpdatedAt time.Time `db:"updated_at" json:"updated_at"`
}

// IsGroup reports whether the chat is a group rather than one person.
func (c Chat) IsGroup() bool { return c.Type == "group" || c.Type == "supergroup" }

// Invite lets an official join a unit with a role in one step, without approval.
type Invite struct {
	Code      string     `db:"code" json:"code"`
	UnitID    int64      `db:"unit_id" json:"unit_id"`
	Role      string     `db:"role" json:"role"`
	MaxUses   int        `db:"max_uses" json:"max_uses"`
	Uses      int        `db:"uses" json:"uses"`
	ExpiresAt *time.Time `db:"expires_at" json:"expires_at,omitempty"`
	CreatedBy string     `db:"created_by" json:"created_by"`
	CreatedAt time.Time  `db:"created_at" json:"created_at"`
}

// AuditEntry records an administrative action or a refused attempt at one.
type AuditEntry struct {
	ID      int64     `db:"id" json:"id"`
	At      time.Time `db:"at" json:"at"`
	Actor   string    `db:"actor" json:"actor"`   // "tg:12345" or "cli:root"
	Action  string    `db:"action" json:"action"` // "approve", "invite.create", …
	Target  string    `db:"target" json:"target"`
	Detail  string    `db:"detail" json:"detail"`
	Allowed bool      `db:"allowed" json:"allowed"`
}

// WorkerName names this process on the claims it makes (deliveries, reminders), so a stuck
// claim can be traced to its host and process.
func WorkerName() string {
	host, _ := os.Hostname()
	return host + "-" + strconv.Itoa(os.Getpid())
}

// AuditTrail writes the audit log the one way Loa does: an entry that cannot be written is
// logged and counted (Failed), and the action it records stands. Refusing an approved action
// because its record failed would punish the official for the database's trouble.
type AuditTrail struct {
	Auditor Auditor
	Log     *slog.Logger
	Failed  func() // counts a lost entry; may be nil
}

// Record writes e; see AuditTrail.
func (t AuditTrail) Record(ctx context.Context, e AuditEntry) {
	if err := t.Auditor.Audit(ctx, e); err != nil {
		if t.Log != nil {
			t.Log.Error("an audit entry could not be written; the action stands", "actor", e.Actor, "action", e.Action,
				"target", e.Target, "allowed", e.Allowed, "err", err)
		}
		if t.Failed != nil {
			t.Failed()
		}
	}
}
