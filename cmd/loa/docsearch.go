package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/search"
	"github.com/loa-vn/loa/store"
)

// documentSearch makes a sent document answer questions like an article (documents.Article),
// stored and indexed. It is saved here, not through the news room, so it is never pushed to
// subscribers: they received the document itself.
func documentSearch(db *store.DB, index *search.Service, publicURL string) func(context.Context, loa.OfficialDocument) error {
	return func(ctx context.Context, d loa.OfficialDocument) error {
		a := documents.Article(d, publicURL)
		saved, _, err := db.SaveArticle(ctx, a)
		if err != nil {
			return fmt.Errorf("document %d as article: %w", d.ID, err)
		}
		stored, err := db.ArticleByID(ctx, saved.ID)
		if err != nil {
			return fmt.Errorf("document %d as article: %w", d.ID, err)
		}
		return index.Index(ctx, stored)
	}
}

// manyDocuments is how many documents to index at start make it worth saying so first: the
// start takes noticeably longer.
const manyDocuments = 50

// indexSentDocuments makes the sent documents the search does not know yet answer questions,
// once: those sent before documents were searched. A document that cannot be is logged and
// the others go on; the service starts either way.
func indexSentDocuments(ctx context.Context, db *store.DB, docs *documents.Service, log *slog.Logger) {
	if docs.Searchable == nil {
		return
	}
	ids, err := db.SentDocumentsWithoutArticle(ctx)
	if err != nil {
		log.Error("finding sent documents to index for search failed", "err", err)
		return
	}
	if len(ids) >= manyDocuments {
		log.Info("indexing sent documents for search", "documents", len(ids))
	}
	n := 0
	for _, id := range ids {
		d, err := db.Document(ctx, id)
		if err == nil {
			err = docs.Searchable(ctx, d)
		}
		if err != nil {
			log.Error("a sent document could not be indexed for search", "document", id, "err", err)
			continue
		}
		n++
	}
	if n > 0 {
		log.Info("indexed sent documents for search", "documents", n)
	}
}
