package store

import (
	"context"
	"fmt"

	"github.com/loa-vn/loa"
)

// SentDocumentsWithoutArticle lists the sent documents the search does not know: those with no
// article of source loa.DocumentSource whose GUID is "document:<id>" (documents.Article), e.g.
// sent before documents were searched. Oldest first.
func (s *DB) SentDocumentsWithoutArticle(ctx context.Context) ([]int64, error) {
	var ids []int64
	// guid <> '' lets both databases use the partial index on articles(guid).
	err := s.sel(ctx, s.db, &ids, `SELECT d.id FROM documents d WHERE d.status = ? AND NOT EXISTS (
		SELECT 1 FROM articles a WHERE a.guid <> '' AND a.guid = 'document:' || d.id AND a.source = ?) ORDER BY d.id`,
		loa.DocumentSent, loa.DocumentSource)
	if err != nil {
		return nil, fmt.Errorf("sent documents without article: %w", err)
	}
	return ids, nil
}
