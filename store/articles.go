package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

// sameArticle is how an article is recognised again: its URL, its GUID or its content.
const sameArticle = `url = ? OR (guid <> '' AND guid = ?) OR content_hash = ? ORDER BY id LIMIT 1`

const articleColumns = `id, source, url, guid, title, published, body, content_hash, speaker, fetched_at, updated_at`

// SaveArticle stores an article once. An article already known by URL, GUID or content is not
// new: when its content changed (an edit on the portal) it is updated in place, with its
// topics, directives and events, and the caller does not push it again.
func (s *DB) SaveArticle(ctx context.Context, a loa.Article) (loa.Article, bool, error) {
	saved, isNew, err := s.saveArticle(ctx, a)
	if err != nil && isUniqueViolation(err) {
		// Another process stored the same article a moment ago (two loa serve polling one
		// source): now it is simply known.
		return s.saveArticle(ctx, a)
	}
	return saved, isNew, err
}

func (s *DB) saveArticle(ctx context.Context, a loa.Article) (loa.Article, bool, error) {
	now := s.nowUTC()
	isNew := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var existing struct {
			ID   int64  `db:"id"`
			Hash string `db:"content_hash"`
		}
		err := s.get(ctx, tx, &existing, `SELECT id, content_hash FROM articles WHERE `+sameArticle, a.URL, a.GUID, a.ContentHash)
		switch {
		case errors.Is(err, loa.ErrNotFound):
			isNew = true
			images, _ := json.Marshal(nonNil(a.Images))
			if err := s.get(ctx, tx, &a.ID, `INSERT INTO articles (source, url, guid, title, published, body, images, content_hash, speaker, fetched_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.Source, a.URL, a.GUID, a.Title, a.Published.UTC(), a.Body,
				string(images), a.ContentHash, a.Speaker, now, now); err != nil {
				return fmt.Errorf("insert article: %w", err)
			}
		case err != nil:
			return err
		case existing.Hash == a.ContentHash:
			a.ID = existing.ID
			return nil // the same article again, perhaps from another source
		default:
			a.ID = existing.ID
			images, _ := json.Marshal(nonNil(a.Images))
			if _, err := s.exec(ctx, tx, `UPDATE articles SET title = ?, published = ?, body = ?, images = ?, content_hash = ?, speaker = ?, updated_at = ?
				WHERE id = ?`, a.Title, a.Published.UTC(), a.Body, string(images), a.ContentHash, a.Speaker, now, a.ID); err != nil {
				return fmt.Errorf("update article %d: %w", a.ID, err)
			}
			if err := s.unindexArticle(ctx, tx, a.ID); err != nil {
				return err
			}
			for _, table := range []string{"article_topics", "directives", "event_candidates"} {
				if _, err := s.exec(ctx, tx, `DELETE FROM `+table+` WHERE article_id = ?`, a.ID); err != nil {
					return fmt.Errorf("replace extraction of article %d: %w", a.ID, err)
				}
			}
		}
		return s.saveExtraction(ctx, tx, a)
	})
	if err != nil {
		return a, false, err
	}
	saved, err := s.ArticleByID(ctx, a.ID)
	return saved, isNew, err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *DB) saveExtraction(ctx context.Context, tx *sqlx.Tx, a loa.Article) error {
	for _, t := range a.Topics {
		if _, err := s.exec(ctx, tx, `INSERT INTO article_topics (article_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING`, a.ID, t); err != nil {
			return fmt.Errorf("article topic: %w", err)
		}
	}
	for i, d := range a.Directives {
		var id int64
		if err := s.get(ctx, tx, &id, `INSERT INTO directives (article_id, position, ordinal, addressee, speaker, date) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			a.ID, i+1, d.Ordinal, d.Addressee, d.Speaker, a.Published.UTC()); err != nil {
			return fmt.Errorf("directive: %w", err)
		}
		for j, item := range d.Items {
			if _, err := s.exec(ctx, tx, `INSERT INTO directive_items (directive_id, position, text) VALUES (?, ?, ?)`, id, j+1, item); err != nil {
				return fmt.Errorf("directive item: %w", err)
			}
		}
	}
	for _, e := range a.Events {
		places, _ := json.Marshal(nonNil(e.Places))
		if _, err := s.exec(ctx, tx, `INSERT INTO event_candidates (article_id, kind, title, places, date, end_date, year, month, time_of_day)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, e.Kind, e.Title, string(places), e.Date, e.EndDate, e.Year, e.Month, e.TimeOfDay); err != nil {
			return fmt.Errorf("event candidate: %w", err)
		}
	}
	return nil
}

// FindArticle looks an article up the way SaveArticle deduplicates.
func (s *DB) FindArticle(ctx context.Context, url, guid, hash string) (int64, bool, error) {
	var id int64
	err := s.get(ctx, s.db, &id, `SELECT id FROM articles WHERE `+sameArticle, url, guid, hash)
	if errors.Is(err, loa.ErrNotFound) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// ArticleByID returns an article with its topics, directives and event candidates.
func (s *DB) ArticleByID(ctx context.Context, id int64) (loa.Article, error) {
	var row struct {
		loa.Article
		ImagesJSON string `db:"images"`
	}
	if err := s.get(ctx, s.db, &row, `SELECT `+articleColumns+`, images FROM articles WHERE id = ?`, id); err != nil {
		return loa.Article{}, fmt.Errorf("article %d: %w", id, err)
	}
	a := row.Article
	json.Unmarshal([]byte(row.ImagesJSON), &a.Images)
	if err := s.sel(ctx, s.db, &a.Topics, `SELECT topic FROM article_topics WHERE article_id = ? ORDER BY topic`, id); err != nil {
		return a, fmt.Errorf("article %d topics: %w", id, err)
	}
	if err := s.sel(ctx, s.db, &a.Directives, `SELECT id, article_id, position, ordinal, addressee, speaker, date FROM directives
		WHERE article_id = ? ORDER BY position`, id); err != nil {
		return a, fmt.Errorf("article %d directives: %w", id, err)
	}
	for i := range a.Directives {
		var items []struct {
			ID   int64  `db:"id"`
			Text string `db:"text"`
		}
		if err := s.sel(ctx, s.db, &items, `SELECT id, text FROM directive_items WHERE directive_id = ? ORDER BY position`, a.Directives[i].ID); err != nil {
			return a, fmt.Errorf("directive items: %w", err)
		}
		for _, it := range items {
			a.Directives[i].Items = append(a.Directives[i].Items, it.Text)
			a.Directives[i].ItemIDs = append(a.Directives[i].ItemIDs, it.ID)
		}
	}
	var events []struct {
		loa.EventCandidate
		PlacesJSON string `db:"places"`
	}
	if err := s.sel(ctx, s.db, &events, `SELECT id, article_id, kind, title, places, date, end_date, year, month, time_of_day
		FROM event_candidates WHERE article_id = ? ORDER BY id`, id); err != nil {
		return a, fmt.Errorf("article %d events: %w", id, err)
	}
	for _, e := range events {
		ev := e.EventCandidate
		json.Unmarshal([]byte(e.PlacesJSON), &ev.Places)
		a.Events = append(a.Events, ev)
	}
	return a, nil
}

// SourceStatuses lists what is known of every polled source.
func (s *DB) SourceStatuses(ctx context.Context) ([]loa.SourceStatus, error) {
	var out []loa.SourceStatus
	err := s.sel(ctx, s.db, &out, `SELECT name, last_poll_at, last_success, last_error, failures, etag, last_modified, articles FROM sources ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("source statuses: %w", err)
	}
	return out, nil
}

// RecordPoll saves the outcome of one poll of a source.
func (s *DB) RecordPoll(ctx context.Context, name string, at time.Time, pollErr error, etag, lastModified string, newArticles int) error {
	at = at.UTC()
	if _, err := s.exec(ctx, s.db, `INSERT INTO sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING`, name); err != nil {
		return fmt.Errorf("record poll of %s: %w", name, err)
	}
	var err error
	if pollErr != nil {
		_, err = s.exec(ctx, s.db, `UPDATE sources SET last_poll_at = ?, last_error = ?, failures = failures + 1 WHERE name = ?`,
			at, truncateText(pollErr.Error(), 1000), name)
	} else {
		_, err = s.exec(ctx, s.db, `UPDATE sources SET last_poll_at = ?, last_success = ?, last_error = '', failures = 0,
			etag = ?, last_modified = ?, articles = articles + ? WHERE name = ?`, at, at, etag, lastModified, newArticles, name)
	}
	if err != nil {
		return fmt.Errorf("record poll of %s: %w", name, err)
	}
	return nil
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
