package loa

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// Article is one news item, stored once however many sources carry it.
type Article struct {
	ID          int64            `db:"id" json:"id"`
	Source      string           `db:"source" json:"source"`
	URL         string           `db:"url" json:"url"` // canonical
	GUID        string           `db:"guid" json:"guid,omitempty"`
	Title       string           `db:"title" json:"title"`
	Published   time.Time        `db:"published" json:"published"`
	Body        string           `db:"body" json:"-"` // clean text, paragraphs separated by blank lines
	Images      []string         `db:"-" json:"images,omitempty"`
	ContentHash string           `db:"content_hash" json:"-"`
	Speaker     string           `db:"speaker" json:"speaker,omitempty"`
	Topics      []string         `db:"-" json:"topics"`
	Directives  []Directive      `db:"-" json:"directives"`
	Events      []EventCandidate `db:"-" json:"events"`
	FetchedAt   time.Time        `db:"fetched_at" json:"-"`
	UpdatedAt   time.Time        `db:"updated_at" json:"-"`
}

// Directive is one section of an article that assigns tasks: its ordinal as written ("Thứ
// hai", "2.", or "(3)" for the third clause of a run-on list), its addressee ("" when general)
// and its items verbatim.
type Directive struct {
	ID        int64     `db:"id" json:"-"`
	ArticleID int64     `db:"article_id" json:"-"`
	Position  int       `db:"position" json:"-"`
	Ordinal   string    `db:"ordinal" json:"ordinal"`
	Addressee string    `db:"addressee" json:"addressee"`
	Items     []string  `db:"-" json:"items"`
	ItemIDs   []int64   `db:"-" json:"-"` // with Items, when loaded from the store
	Speaker   string    `db:"speaker" json:"speaker,omitempty"`
	Date      time.Time `db:"date" json:"-"`
}

// Event kinds found in articles and used by reminders.
const (
	EventDrill           = "drill"
	EventShootingContest = "shooting_contest"
	EventSportsContest   = "sports_contest"
	EventRecruitment     = "recruitment"
	EventEnlistment      = "enlistment" // hand-over of recruits (giao nhận quân)
	EventMedicalExam     = "medical_exam"
	EventTraining        = "training"
	EventMeeting         = "meeting"
	EventOther           = "other"
)

// EventCandidate is a dated or year-scoped event named in an article. Admins confirm
// candidates into scheduled reminders. Date and EndDate are YYYY-MM-DD or empty.
type EventCandidate struct {
	ID        int64    `db:"id" json:"id,omitempty"`
	ArticleID int64    `db:"article_id" json:"-"`
	Kind      string   `db:"kind" json:"kind"`
	Title     string   `db:"title" json:"title"`
	Places    []string `db:"-" json:"places"`
	Date      string   `db:"date" json:"-"`
	EndDate   string   `db:"end_date" json:"-"`
	Year      int      `db:"year" json:"year,omitempty"` // 0: unknown, left out rather than printed as a year
	Month     int      `db:"month" json:"month,omitempty"`
	TimeOfDay string   `db:"time_of_day" json:"time_of_day,omitempty"` // sáng (morning), chiều (afternoon)
}

// SourceStatus is what is known of one news source's polling.
type SourceStatus struct {
	Name         string     `db:"name" json:"name"`
	LastPollAt   *time.Time `db:"last_poll_at" json:"last_poll_at,omitempty"`
	LastSuccess  *time.Time `db:"last_success" json:"last_success,omitempty"`
	LastError    string     `db:"last_error" json:"last_error,omitempty"`
	Failures     int        `db:"failures" json:"failures"`
	ETag         string     `db:"etag" json:"-"`
	LastModified string     `db:"last_modified" json:"-"`
	Articles     int        `db:"articles" json:"articles"`
}

// Articles stores articles with what was extracted from them, and the state of each source.
type Articles interface {
	// SaveArticle stores a new article, or updates an edited one in place. It reports whether
	// the article is new; an article already stored (same URL, GUID or content) is not new.
	SaveArticle(ctx context.Context, a Article) (saved Article, isNew bool, err error)
	ArticleByID(ctx context.Context, id int64) (Article, error)
	// FindArticle returns the ID of a stored article with the same URL, GUID or content.
	FindArticle(ctx context.Context, url, guid, contentHash string) (int64, bool, error)
	SourceStatuses(ctx context.Context) ([]SourceStatus, error)
	RecordPoll(ctx context.Context, source string, at time.Time, pollErr error, etag, lastModified string, newArticles int) error
}

// MarshalJSON writes date and end_date as YYYY-MM-DD, or null when the text names no day.
func (e EventCandidate) MarshalJSON() ([]byte, error) {
	type plain EventCandidate
	out := struct {
		plain
		Date    *string `json:"date"`
		EndDate *string `json:"end_date"`
	}{plain: plain(e)}
	if e.Date != "" {
		out.Date = &e.Date
	}
	if e.EndDate != "" {
		out.EndDate = &e.EndDate
	}
	if out.Places == nil {
		out.Places = []string{}
	}
	return json.Marshal(out)
}

// Source is a news source as configured: an RSS/Atom feed or an HTML portal without a feed.
type Source struct {
	Name       string    `yaml:"name" json:"name"`
	Kind       string    `yaml:"kind" json:"kind"` // rss (RSS or Atom) or html
	URL        string    `yaml:"url" json:"url"`
	Schedule   string    `yaml:"schedule" json:"schedule"` // cron rule, e.g. "*/15 * * * *"
	Topics     []string  `yaml:"topics" json:"topics,omitempty"`
	FetchPages bool      `yaml:"fetch_pages" json:"fetch_pages,omitempty"` // feed items link to the full text
	Selectors  Selectors `yaml:"selectors" json:"selectors,omitempty"`
	MaxItems   int       `yaml:"max_items" json:"max_items,omitempty"`
}

// Selectors are CSS selectors for reading an HTML portal.
type Selectors struct {
	Links string `yaml:"links" json:"links,omitempty"` // on the listing page: links to articles
	Title string `yaml:"title" json:"title,omitempty"` // on an article page
	Date  string `yaml:"date" json:"date,omitempty"`
	Body  string `yaml:"body" json:"body,omitempty"`
}

// PublicURL reports whether u is an address a reader's phone can open (http or https).
func PublicURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}
