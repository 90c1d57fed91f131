package main

import (
	"context"
	"fmt"

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
