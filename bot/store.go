package bot

import (
	"context"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
)

// Store is what the bot needs of Loa's storage, and no more. The store package implements it
// on SQLite and PostgreSQL; inside, each handler reaches only the part it serves (the Bot's
// fields below), so that a handler's test supplies that part alone.
type Store interface {
	directory
	membership
	noticing
	notices.Store
	drafting
	calendar
	loa.Auditor
	loa.Questions
}

// directory is the unit tree and the topics, for keyboards and labels.
type directory interface {
	loa.UnitLookup
	Units(ctx context.Context) ([]loa.Unit, error)
	UnitByKey(ctx context.Context, key string) (loa.Unit, error)
	Topics(ctx context.Context) ([]loa.Topic, error)
}

// membership is registration, approval, invites and subscriptions.
type membership interface {
	Chat(ctx context.Context, id int64) (loa.Chat, error)
	SaveChat(ctx context.Context, c loa.Chat) error
	SetChatStatus(ctx context.Context, id int64, status string) error
	SetChatLang(ctx context.Context, id int64, lang string) error
	Subscriptions(ctx context.Context, chatID int64) ([]string, error)
	Subscribe(ctx context.Context, chatID int64, topics ...string) error
	Unsubscribe(ctx context.Context, chatID int64, topics ...string) error
	CreateInvite(ctx context.Context, inv loa.Invite) error
	RedeemInvite(ctx context.Context, code string, c loa.Chat, now time.Time) (loa.Chat, error)
}

// noticing is what the broadcast dialogue lists: the recipients a draft reaches and the
// scheduled notices. Everything else about notices is the notices room's (Bot.notes).
type noticing interface {
	Recipients(ctx context.Context, a loa.Audience) ([]loa.Chat, error)
	ScheduledNotices(ctx context.Context, now time.Time) ([]loa.Notice, error)
}

// drafting keeps the broadcast and event dialogues across restarts.
type drafting interface {
	loa.Drafts
	loa.EventDrafts
}

// calendar is the events a chat is concerned by, and the candidates found in articles.
type calendar interface {
	loa.EventReader
	EventCandidate(ctx context.Context, id int64) (loa.EventCandidate, loa.Article, error)
}
