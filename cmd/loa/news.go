package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/adminunits"
	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/search"
	"github.com/loa-vn/loa/store"
)

func newsIngester(cfg *config.Config, db *store.DB, wake func()) news.Ingester {
	index := newSearch(db, cfg)
	return news.Ingester{Store: db, Location: cfg.Location, Wake: wake, Admins: cfg.Admins, OnSaved: index.Index,
		Extractor: news.Extractor{TopicRules: cfg.News.TopicRules, Gazetteer: cfg.Gazetteer(), Places: nationalPlaces(), Location: cfg.Location}}
}

// placeNames are the country's places, old and new, listed once.
var placeNames = sync.OnceValue(adminunits.PlaceNames)

// nationalPlaces indexes the country's places once: every article is read for them.
var nationalPlaces = sync.OnceValue(func() *news.Places { return news.NewPlaces(placeNames()) })

// newSearch is the search every door asks: the configured abbreviations and synonyms, and the
// national list's places, which a question may name without their unit ("tho xuan …").
func newSearch(db *store.DB, cfg *config.Config) *search.Service {
	return search.New(db, cfg.Search.Abbreviations).WithSynonyms(cfg.Search.Synonyms).WithPlaceNames(placeNames())
}

func newsPoller(cfg *config.Config, db *store.DB, wake func()) *news.Poller {
	return &news.Poller{Sources: cfg.Sources, Fetcher: news.NewFetcher(), Ingester: newsIngester(cfg, db, wake),
		PushWithin: cfg.News.PushWithin}
}

// ingestJSON is one line of `loa ingest --json`.
type ingestJSON struct {
	ID         int64                `json:"id,omitempty"`
	Title      string               `json:"title"`
	Published  string               `json:"published"`
	URL        string               `json:"url"`
	Topics     []string             `json:"topics"`
	Duplicate  bool                 `json:"duplicate"`
	Notices    int                  `json:"notices"`
	Speaker    string               `json:"speaker,omitempty"`
	Directives []loa.Directive      `json:"directives"`
	Events     []loa.EventCandidate `json:"events"`
}

// ingest reads local text or HTML files and URLs as articles: stored and pushed, stored only
// with --quiet, or with --dry-run only shown.
func (a *admin) ingest(args []string) error {
	fs := a.flags("ingest")
	dryRun := fs.Bool("dry-run", false, "extract and show; store and send nothing")
	asJSON := fs.Bool("json", false, "one JSON object per input, one per line")
	sourceName := fs.String("source", "", "a configured source whose selectors read the pages")
	publicURL := fs.String("url", "", "the article's public address, linked in the push (a FILE has none)")
	quiet := fs.Bool("quiet", false, "store without pushing to anyone (a back catalogue)")
	inputs, err := a.parse(fs, args[1:])
	a.readOnly = *dryRun // in the checking pass too: the database is opened for reading only
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("%w: ingest needs at least one FILE or URL", errUsage)
	}
	var src loa.Source
	if *sourceName != "" {
		found := false
		for _, s := range a.cfg.Sources {
			if s.Name == *sourceName {
				src, found = s, true
			}
		}
		if !found {
			return fmt.Errorf("%w: --source %q is not configured (see loa sources list)", errUsage, *sourceName)
		}
	}
	in := newsIngester(a.cfg, a.db, nil)
	failed := 0
	for _, input := range inputs {
		art, err := a.readArticle(input, src, in.Extractor)
		if err != nil {
			failed++
			fmt.Fprintf(a.e.stderr, "%s: %v\n", input, err)
			continue
		}
		if *publicURL != "" {
			if !loa.PublicURL(*publicURL) {
				return fmt.Errorf("%w: --url %q is not an http(s) address", errUsage, *publicURL)
			}
			art.URL = *publicURL
		}
		out := ingestJSON{Title: art.Title, URL: art.URL, Topics: art.Topics, Speaker: art.Speaker, Directives: art.Directives, Events: art.Events}
		if *dryRun {
			id, dup, err := a.db.FindArticle(a.ctx, art.URL, art.GUID, art.ContentHash)
			if err != nil {
				return err
			}
			out.ID, out.Duplicate = id, dup
		} else {
			save := in.Save
			if *quiet {
				save = in.SaveQuietly
			}
			res, err := save(a.ctx, art)
			if err != nil {
				failed++
				fmt.Fprintf(a.e.stderr, "%s: %v\n", input, err)
				continue
			}
			out.ID, out.Duplicate, out.Notices = res.Article.ID, res.Duplicate, len(res.Notices)
		}
		if !art.Published.IsZero() {
			out.Published = art.Published.Format(time.RFC3339)
		}
		out.Directives, out.Events = orEmpty(out.Directives), orEmpty(out.Events)
		if *asJSON {
			if err := jsonLine(a.e.stdout, out); err != nil {
				return err
			}
			continue
		}
		state := "new"
		if out.Duplicate {
			state = "already stored"
		}
		fmt.Fprintf(a.e.stdout, "%s\n  %s · %s · topics %s · %d directive sections · %d events · %s\n",
			out.Title, out.Published, out.URL, strings.Join(out.Topics, ","), len(out.Directives), len(out.Events), state)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d inputs could not be read", failed, len(inputs))
	}
	return nil
}

func (a *admin) readArticle(input string, src loa.Source, x news.Extractor) (loa.Article, error) {
	if strings.HasPrefix(input, "http://") || strings.HasPrefix(input, "https://") {
		resp, err := news.NewFetcher().Get(a.ctx, input, "", "")
		if err != nil {
			return loa.Article{}, err
		}
		return htmlArticle(resp.Body, resp.URL, src, x)
	}
	data, err := os.ReadFile(input)
	if err != nil {
		return loa.Article{}, err
	}
	if kind := http.DetectContentType(data); !strings.HasPrefix(kind, "text/") {
		return loa.Article{}, fmt.Errorf("not a text or HTML file (it looks like %s)", kind)
	}
	abs, _ := filepath.Abs(input)
	url := "file://" + filepath.ToSlash(abs)
	if ext := strings.ToLower(filepath.Ext(input)); ext == ".html" || ext == ".htm" {
		return htmlArticle(data, url, src, x)
	}
	art := x.Extract(string(data))
	art.URL, art.Source = url, or(src.Name, "cli")
	if art.Title == "" || art.Body == "" {
		return art, fmt.Errorf("no title or body: the first line must be the title")
	}
	return art, nil
}

func htmlArticle(body []byte, url string, src loa.Source, x news.Extractor) (loa.Article, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return loa.Article{}, fmt.Errorf("not readable HTML: %w", err)
	}
	page, images := news.ParseHTML(doc, src.Selectors, url, x.Location)
	if page.Title == "" || len(page.Paragraphs) == 0 {
		return loa.Article{}, fmt.Errorf("no title or body found (give --source with selectors)")
	}
	art := x.FromPage(page)
	art.URL, art.Images, art.Source = news.Canonical(url), images, or(src.Name, "cli")
	return art, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// sources lists the configured sources with their polling state, or polls one now.
func (a *admin) sources(args []string) error {
	fs := a.flags("sources")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	switch args[0] {
	case "poll":
		if len(pos) != 1 {
			return fmt.Errorf("%w: sources poll needs one NAME", errUsage)
		}
		for _, s := range a.cfg.Sources {
			if s.Name == pos[0] {
				ctx, cancel := context.WithTimeout(a.ctx, 10*time.Minute)
				defer cancel()
				res, err := newsPoller(a.cfg, a.db, nil).Poll(ctx, s)
				if err != nil {
					return err
				}
				fmt.Fprintf(a.e.stdout, "%s: %d items, %d new, %d unreadable\n", s.Name, res.Items, res.New, len(res.Failures))
				for _, f := range res.Failures {
					fmt.Fprintln(a.e.stdout, "  ", f)
				}
				return nil
			}
		}
		return fmt.Errorf("%w: source %q is not configured", errUsage, pos[0])
	}
	statuses, err := a.db.SourceStatuses(a.ctx)
	if err != nil {
		return err
	}
	byName := map[string]loa.SourceStatus{}
	for _, s := range statuses {
		byName[s.Name] = s
	}
	type row struct {
		loa.Source
		Status loa.SourceStatus `json:"status"`
	}
	var rows []row
	for _, s := range a.cfg.Sources {
		st := byName[s.Name]
		st.Name = s.Name
		rows = append(rows, row{Source: s, Status: st})
	}
	return list(a, *asJSON, rows, "NAME\tKIND\tSCHEDULE\tARTICLES\tLAST SUCCESS\tLAST ERROR", func(r row) (string, error) {
		last := "never"
		if r.Status.LastSuccess != nil {
			last = r.Status.LastSuccess.In(a.cfg.Location).Format("2006-01-02 15:04")
		}
		return fmt.Sprintf("%s\t%s\t%s\t%d\t%s\t%s", r.Name, r.Kind, r.Schedule, r.Status.Articles, last, r.Status.LastError), nil
	})
}

// ask answers a question from the stored directives.
func (a *admin) ask(args []string) error {
	fs := a.flags("ask")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 5, "how many answers")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(pos, " "))
	if question == "" {
		return fmt.Errorf("%w: ask needs a QUESTION", errUsage)
	}
	index := newSearch(a.db, a.cfg)
	if _, err := index.IndexMissing(a.ctx); err != nil {
		return err
	}
	answers, _, err := index.Answer(a.ctx, question, 0, *limit)
	if err != nil {
		return err
	}
	type article struct {
		Title     string `json:"title"`
		URL       string `json:"url"`
		Published string `json:"published"`
	}
	type answer struct {
		Text      string  `json:"text"`
		Kind      string  `json:"kind,omitempty"` // "event", "passage" (a sentence of the article); "" for a directive item
		Addressee string  `json:"addressee"`
		Speaker   string  `json:"speaker,omitempty"`
		Sentence  string  `json:"sentence,omitempty"` // a directive item's sentence, which it is shown within
		Score     float64 `json:"score"`
		Article   article `json:"article"`
	}
	out := struct {
		Question string   `json:"question"`
		Answers  []answer `json:"answers"`
	}{Question: question, Answers: []answer{}}
	for _, x := range answers {
		out.Answers = append(out.Answers, answer{Text: x.Text, Kind: x.Kind, Addressee: x.Addressee, Speaker: x.Speaker, Sentence: x.Sentence, Score: x.Score,
			Article: article{Title: x.Title, URL: x.URL, Published: x.Published.In(a.cfg.Location).Format(time.RFC3339)}})
	}
	if *asJSON {
		return a.printJSON(out)
	}
	if len(out.Answers) == 0 {
		fmt.Fprintf(a.e.stdout, "no directive matches %q\n", question)
		return nil
	}
	for i, x := range out.Answers {
		fmt.Fprintf(a.e.stdout, "%d. [%s] %s\n   — %s, %s, %s\n", i+1, or(x.Addressee, "chung"), x.Text, x.Speaker, x.Article.Published[:10], x.Article.URL)
	}
	return nil
}
