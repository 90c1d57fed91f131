package main

import (
	"context"
	"log/slog"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/store"
)

// docIssuer lets the documents room send through the notices room, which owns a notice's
// life: each unit's copy of a document is a notice like any other (scope, sender, number,
// "✅ Đã nhận", report).
type docIssuer struct{ notes *notices.Service }

// newDocuments is the documents room as every door uses it: kept in the store, sent through
// the notices room, reminded of at reminders.documents_at, searched once sent. Its index adds
// rows only (a document has no dated events for another index's cache to forget).
func newDocuments(db *store.DB, notes *notices.Service, cfg *config.Config, log *slog.Logger) *documents.Service {
	at := cfg.Reminders.DocumentsMinutes()
	index := newSearch(db, cfg)
	return &documents.Service{Units: db, Store: db, Issuer: docIssuer{notes}, Log: log, Location: cfg.Location,
		RemindAt: &at, Admins: cfg.Admins, Searchable: documentSearch(db, index, cfg.HTTP.PublicURL)}
}

func actorOf(p documents.Person) notices.Actor {
	return notices.Actor{Name: p.Name, UserID: p.UserID, Admin: p.Admin, Door: p.Door}
}

func (d docIssuer) Authority(ctx context.Context, p documents.Person) (*loa.Unit, bool, error) {
	return d.notes.MaySend(ctx, actorOf(p))
}

func (d docIssuer) Issue(ctx context.Context, p documents.Person, n documents.UnitNotice) (loa.Notice, error) {
	return d.notes.Create(ctx, actorOf(p), notices.Request{Text: n.Text, Audience: loa.Audience{Units: []string{n.Unit}},
		Ack: true, Media: n.Media, Buttons: n.Buttons, Ref: n.Ref})
}
