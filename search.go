package loa

import (
	"context"
	"time"
)

// SearchRow is one directive item or one sentence of an article (a passage) as the search
// index holds it: its text folded (no diacritics, lower case) with abbreviations expanded, so
// documents and questions meet in one form.
type SearchRow struct {
	RowID     int64 `db:"row_id"`  // the index's own key, given when the row is stored
	ItemID    int64 `db:"item_id"` // the directive item; 0 for a passage
	ArticleID int64 `db:"article_id"`
	// A passage's sentence as written; for a directive item, the sentence it was read from.
	Passage   string    `db:"passage"`
	Body      string    `db:"body"`
	Addressee string    `db:"addressee"`
	Title     string    `db:"title"`
	HasPlace  bool      `db:"has_place"`
	HasDate   bool      `db:"has_date"`
	Published time.Time `db:"published"`
}

// Answer is one directive item or sentence returned for a question, quoted verbatim with its
// source.
type Answer struct {
	RowID     int64     `db:"row_id" json:"-"`
	Text      string    `db:"text" json:"text"`
	Addressee string    `db:"addressee" json:"addressee"`
	Ordinal   string    `db:"ordinal" json:"ordinal"`
	Speaker   string    `db:"speaker" json:"speaker,omitempty"`
	Score     float64   `db:"-" json:"score"`
	Title     string    `db:"title" json:"-"`
	URL       string    `db:"url" json:"-"`
	Published time.Time `db:"published" json:"-"`
	// Kind is "event" for a dated event answering "khi nào", "ở đâu" (Text says what, when and
	// where), "passage" for a sentence of an article quoted as it is, empty for a directive item.
	Kind string `db:"kind" json:"kind,omitempty"`
	// Sentence is, for a directive item, the article's sentence that sets it ("" when it is
	// the item, or was not found): the answer shows the task within it.
	Sentence string `db:"sentence" json:"sentence,omitempty"`
	// Source is the article's source: DocumentSource for an official document sent to units,
	// whose answers name it as officials cite one ("Theo Kế hoạch số 45/KH-UBND …, mục III.2").
	Source string `db:"source" json:"source,omitempty"`
}

// DocumentSource is the source of an article that holds an official document sent to units:
// searchable like news, never pushed as news (the units already received the document).
const DocumentSource = "document"

// EventMention is a dated event found in an article, with the article, for answering
// questions about when and where.
type EventMention struct {
	EventCandidate
	ArticleTitle string    `db:"article_title"`
	URL          string    `db:"url"`
	Published    time.Time `db:"published"`
}

// TermQuery asks the search index for the rows that contain every term of at least one of
// its groups: a question and its rewordings with synonyms are one query.
type TermQuery struct {
	Groups [][]string
	// Common says the matches may be a large share of all rows (each group's rarest term is
	// in more than a fiftieth of them, as the term counts tell): reading rows newest first
	// until enough match can then beat collecting every match from the full-text index.
	Common bool
}

// Answer kinds besides a directive item.
const (
	AnswerEvent   = "event"
	AnswerPassage = "passage"
)

// SearchIndex stores and queries the search index of directive items and passages. Candidates come from the
// database's full-text index (FTS5 on SQLite, tsvector + GIN on PostgreSQL); ranking is the
// search package's.
type SearchIndex interface {
	// EventMentions lists the events found in articles that name a day.
	EventMentions(ctx context.Context) ([]EventMention, error)
	// IndexArticle replaces the rows of an article.
	IndexArticle(ctx context.Context, articleID int64, rows []SearchRow) error
	// UnindexedArticles lists articles that have no index rows yet.
	UnindexedArticles(ctx context.Context) ([]int64, error)
	// SearchCandidates returns the newest rows that match the query.
	SearchCandidates(ctx context.Context, q TermQuery, limit int) ([]SearchRow, error)
	// TermFrequencies gives how many rows contain each term, and the number of rows.
	TermFrequencies(ctx context.Context, terms []string) (map[string]int, int, error)
	// TermsNear lists indexed terms starting with prefix whose length is within [min, max].
	TermsNear(ctx context.Context, prefix string, min, max int) ([]string, error)
	// Answers loads the rows to show, in the given order.
	Answers(ctx context.Context, rowIDs []int64) ([]Answer, error)
}

// Answerer answers questions from directives and articles' sentences; search.Service implements it and the bot uses it.
type Answerer interface {
	// Answer returns up to limit answers from offset, and whether there are more.
	Answer(ctx context.Context, question string, offset, limit int) ([]Answer, bool, error)
}

// Questions remembers questions asked in Telegram for their "Xem thêm" buttons.
type Questions interface {
	SaveQuestion(ctx context.Context, chatID int64, text string) (int64, error)
	// Question returns a question asked in that chat, or ErrNotFound.
	Question(ctx context.Context, id, chatID int64) (string, error)
}
