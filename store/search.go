package store

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
)

// rowsTerm holds the number of indexed rows in search_terms, so ranking needs no COUNT(*).
const rowsTerm = "#rows"

var termRE = regexp.MustCompile(`[a-z0-9]+`)

func rowTerms(r loa.SearchRow) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range termRE.FindAllString(r.Body+" "+r.Addressee+" "+r.Title, -1) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// IndexArticle replaces an article's rows in the search index and keeps term counts exact.
func (s *DB) IndexArticle(ctx context.Context, articleID int64, rows []loa.SearchRow) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := s.unindexArticle(ctx, tx, articleID); err != nil {
			return err
		}
		df := map[string]int{}
		for _, r := range rows {
			var item any // NULL for a passage
			if r.ItemID != 0 {
				item = r.ItemID
			}
			if _, err := s.exec(ctx, tx, `INSERT INTO search_items (item_id, article_id, passage, body, addressee, title, has_place, has_date, published)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, item, articleID, r.Passage, r.Body, r.Addressee, r.Title, r.HasPlace, r.HasDate, r.Published.UTC()); err != nil {
				return fmt.Errorf("index article %d: %w", articleID, err)
			}
			for _, t := range rowTerms(r) {
				df[t]++
			}
		}
		df[rowsTerm] = len(rows)
		return s.addTermCounts(ctx, tx, df, 1)
	})
}

// unindexArticle removes an article's rows and their term counts (before an edit replaces its
// directives, or a re-index).
func (s *DB) unindexArticle(ctx context.Context, tx *sqlx.Tx, articleID int64) error {
	var old []loa.SearchRow
	if err := s.sel(ctx, tx, &old, `SELECT `+rowColumns+` FROM search_items WHERE article_id = ?`, articleID); err != nil {
		return fmt.Errorf("read index of article %d: %w", articleID, err)
	}
	if len(old) == 0 {
		return nil
	}
	df := map[string]int{rowsTerm: len(old)}
	for _, r := range old {
		for _, t := range rowTerms(r) {
			df[t]++
		}
	}
	if _, err := s.exec(ctx, tx, `DELETE FROM search_items WHERE article_id = ?`, articleID); err != nil {
		return fmt.Errorf("unindex article %d: %w", articleID, err)
	}
	if err := s.addTermCounts(ctx, tx, df, -1); err != nil {
		return err
	}
	_, err := s.exec(ctx, tx, `DELETE FROM search_terms WHERE df <= 0`)
	return err
}

func (s *DB) addTermCounts(ctx context.Context, tx *sqlx.Tx, df map[string]int, sign int) error {
	terms := make([]string, 0, len(df))
	for t := range df {
		terms = append(terms, t)
	}
	sort.Strings(terms) // a fixed order keeps concurrent indexers from deadlocking on PostgreSQL
	for _, t := range terms {
		if _, err := s.exec(ctx, tx, `INSERT INTO search_terms (term, df) VALUES (?, ?)
			ON CONFLICT (term) DO UPDATE SET df = search_terms.df + excluded.df`, t, sign*df[t]); err != nil {
			return fmt.Errorf("count term %q: %w", t, err)
		}
	}
	return nil
}

// UnindexedArticles lists articles that are not in the search index yet: every article has
// rows once indexed, its title being a passage.
func (s *DB) UnindexedArticles(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.sel(ctx, s.db, &ids, `SELECT a.id FROM articles a
		WHERE NOT EXISTS (SELECT 1 FROM search_items i WHERE i.article_id = a.id) ORDER BY a.id`)
	return ids, err
}

// rowColumns are the columns ranking reads (a passage's text is loaded only to be shown).
// An item's sentence comes with it, so that items of one sentence are shown as one answer; a
// passage's is its body, and is read only to be shown.
const rowColumns = `row_id, COALESCE(item_id, 0) AS item_id, article_id, CASE WHEN item_id IS NULL THEN '' ELSE passage END AS passage,
	body, addressee, title, has_place, has_date, published`

// SearchCandidates finds the newest rows matching q through the full-text index. Ordering by
// the index's own rank would score every matching row; the search package ranks the
// candidates itself.
func (s *DB) SearchCandidates(ctx context.Context, q loa.TermQuery, limit int) ([]loa.SearchRow, error) {
	var groups [][]string
	for _, g := range q.Groups {
		var clean []string
		for _, t := range g {
			if termRE.FindString(t) == t && t != "" {
				clean = append(clean, t)
			}
		}
		if len(clean) > 0 {
			groups = append(groups, clean)
		}
	}
	if len(groups) == 0 {
		return nil, nil
	}
	if s.driver == Postgres {
		return s.searchPostgres(ctx, groups, q.Common, limit)
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = `("` + strings.Join(g, `" AND "`) + `")`
	}
	var rows []loa.SearchRow
	if err := s.sel(ctx, s.db, &rows, `SELECT i.row_id, COALESCE(i.item_id, 0) AS item_id, i.article_id,
		CASE WHEN i.item_id IS NULL THEN '' ELSE i.passage END AS passage, i.body, i.addressee, i.title, i.has_place, i.has_date, i.published
		FROM search_fts JOIN search_items i ON i.row_id = search_fts.rowid WHERE search_fts MATCH ? ORDER BY search_fts.rowid DESC LIMIT ?`,
		strings.Join(parts, " OR "), limit); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return rows, nil
}

// commonScan is how many of the newest rows a query with common words reads before it falls
// back on the full-text index: about 4 ms on PostgreSQL, the cost of being wrong.
const commonScan = 10_000

// searchPostgres asks the GIN index, unless the words are common. Then the planner, which
// assumes words occur independently, expects a few hundred matches where related words
// ("lớp" and "bồi" of "lớp bồi dưỡng") have thousands, and collects and sorts them all
// (15 ms at 6,500); reading the newest rows until enough match takes 1–2 ms.
func (s *DB) searchPostgres(ctx context.Context, groups [][]string, common bool, limit int) ([]loa.SearchRow, error) {
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = "(" + strings.Join(g, " & ") + ")"
	}
	tsq := strings.Join(parts, " | ")
	var rows []loa.SearchRow
	if common {
		if err := s.sel(ctx, s.db, &rows, `SELECT `+rowColumns+` FROM (SELECT row_id, item_id, article_id, passage, body, addressee, title, has_place, has_date, published, tsv
			FROM search_items ORDER BY row_id DESC LIMIT ?) newest
			WHERE tsv @@ to_tsquery('simple', ?) ORDER BY row_id DESC LIMIT ?`, commonScan, tsq, limit); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if len(rows) == limit {
			return rows, nil
		}
		rows = nil // fewer than thought: the index finds them wherever they are
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT `+rowColumns+` FROM search_items WHERE tsv @@ to_tsquery('simple', ?) ORDER BY row_id DESC LIMIT ?`,
		tsq, limit); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return rows, nil
}

// TermFrequencies gives the document frequency of terms and the number of indexed rows.
func (s *DB) TermFrequencies(ctx context.Context, terms []string) (map[string]int, int, error) {
	out := map[string]int{}
	query, args, err := sqlx.In(`SELECT term, df FROM search_terms WHERE term IN (?)`, append(terms, rowsTerm))
	if err != nil {
		return nil, 0, err
	}
	var rows []struct {
		Term string `db:"term"`
		DF   int    `db:"df"`
	}
	if err := s.sel(ctx, s.db, &rows, query, args...); err != nil {
		return nil, 0, fmt.Errorf("term frequencies: %w", err)
	}
	total := 0
	for _, r := range rows {
		if r.Term == rowsTerm {
			total = r.DF
			continue
		}
		out[r.Term] = r.DF
	}
	return out, total, nil
}

// TermsNear lists indexed terms with a prefix and a length in [min, max], for typo correction.
func (s *DB) TermsNear(ctx context.Context, prefix string, min, max int) ([]string, error) {
	var out []string
	err := s.sel(ctx, s.db, &out, `SELECT term FROM search_terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? LIMIT 500`,
		prefix, prefix+"~", min, max)
	return out, err
}

// Answers loads rows to show, in the order of ids: a directive item with its directive and
// article, a passage with its article.
func (s *DB) Answers(ctx context.Context, ids []int64) ([]loa.Answer, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	query, args, err := sqlx.In(`SELECT i.row_id, COALESCE(it.text, i.passage) AS text, COALESCE(d.addressee, '') AS addressee,
		COALESCE(d.ordinal, '') AS ordinal, COALESCE(d.speaker, '') AS speaker, a.title, a.url, a.published, a.source,
		CASE WHEN i.item_id IS NULL THEN '`+loa.AnswerPassage+`' ELSE '' END AS kind,
		CASE WHEN i.item_id IS NULL THEN '' ELSE i.passage END AS sentence
		FROM search_items i JOIN articles a ON a.id = i.article_id
		LEFT JOIN directive_items it ON it.id = i.item_id LEFT JOIN directives d ON d.id = it.directive_id
		WHERE i.row_id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var rows []loa.Answer
	if err := s.sel(ctx, s.db, &rows, query, args...); err != nil {
		return nil, fmt.Errorf("load answers: %w", err)
	}
	pos := map[int64]int{}
	for i, id := range ids {
		pos[id] = i
	}
	sort.Slice(rows, func(i, j int) bool { return pos[rows[i].RowID] < pos[rows[j].RowID] })
	return rows, nil
}

// SaveQuestion stores a question asked in Telegram and returns its id.
func (s *DB) SaveQuestion(ctx context.Context, chatID int64, text string) (int64, error) {
	var id int64
	err := s.get(ctx, s.db, &id, `INSERT INTO questions (chat_id, text, created_at) VALUES (?, ?, ?) RETURNING id`, chatID, text, s.nowUTC())
	if err != nil {
		return 0, fmt.Errorf("save question: %w", err)
	}
	return id, nil
}

// Question returns a question asked in a chat; another chat's question is not found.
func (s *DB) Question(ctx context.Context, id, chatID int64) (string, error) {
	var text string
	if err := s.get(ctx, s.db, &text, `SELECT text FROM questions WHERE id = ? AND chat_id = ?`, id, chatID); err != nil {
		return "", fmt.Errorf("question %d: %w", id, err)
	}
	return text, nil
}

// EventMentions lists the events found in articles that name a day, with their article.
func (s *DB) EventMentions(ctx context.Context) ([]loa.EventMention, error) {
	var rows []struct {
		loa.EventMention
		PlacesJSON string `db:"places"`
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT e.id, e.article_id, e.kind, e.title, e.places, e.date, e.end_date, e.year, e.month,
		e.time_of_day, a.title AS article_title, a.url, a.published FROM event_candidates e JOIN articles a ON a.id = e.article_id
		WHERE e.date <> '' ORDER BY e.date`); err != nil {
		return nil, fmt.Errorf("event mentions: %w", err)
	}
	out := make([]loa.EventMention, len(rows))
	for i, r := range rows {
		out[i] = r.EventMention
		json.Unmarshal([]byte(r.PlacesJSON), &out[i].Places)
	}
	return out, nil
}
