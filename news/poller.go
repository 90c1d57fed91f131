package news

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/robfig/cron/v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/backoff"
	"github.com/loa-vn/loa/when"
)

// Poller polls the configured sources on their cron schedules and ingests what is new.
type Poller struct {
	Sources  []loa.Source
	Fetcher  *Fetcher
	Ingester Ingester
	Logger   *slog.Logger
	Now      func() time.Time
	Metrics  *PollMetrics // nil: not counted

	mu      sync.Mutex
	running map[string]bool
}

// PollResult summarises one poll.
type PollResult struct {
	Source   string
	Items    int
	New      int
	Updated  int
	Failures []string // items that could not be read; the others were stored
}

// Run polls every source on its schedule until ctx ends. A source whose last polls failed
// waits longer (1, 2, 4… minutes, at most 6 h) before it is tried again.
func (p *Poller) Run(ctx context.Context) error {
	logger := cronLogger{p.log()}
	c := cron.New(cron.WithLocation(p.Ingester.Location), cron.WithLogger(logger), cron.WithChain(cron.Recover(logger)))
	for _, src := range p.Sources {
		sched, err := when.ParseRule(src.Schedule)
		if err != nil {
			return fmt.Errorf("source %s: %w", src.Name, err)
		}
		c.Schedule(sched, cron.FuncJob(func() { p.scheduled(ctx, src) }))
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

func (p *Poller) scheduled(ctx context.Context, src loa.Source) {
	if wait := p.backoff(ctx, src.Name); wait > 0 {
		p.log().Info("source still backing off after failures", "source", src.Name, "retry_in", wait)
		return
	}
	res, err := p.Poll(ctx, src)
	if err != nil {
		p.log().Warn("polling a source failed", "source", src.Name, "err", err)
		return
	}
	p.log().Info("polled source", "source", src.Name, "items", res.Items, "new", res.New, "item_failures", len(res.Failures))
}

// sourceRetry spaces the polls of a failing source: 1, 2, 4… minutes, at most 6 hours.
var sourceRetry = backoff.Policy{Base: time.Minute, Max: 6 * time.Hour}

func (p *Poller) backoff(ctx context.Context, name string) time.Duration {
	statuses, err := p.Ingester.Store.SourceStatuses(ctx)
	if err != nil {
		return 0
	}
	for _, s := range statuses {
		if s.Name == name && s.Failures > 0 && s.LastPollAt != nil {
			return time.Until(s.LastPollAt.Add(sourceRetry.Delay(s.Failures)))
		}
	}
	return 0
}

// cronLogger sends the cron library's messages to our structured log instead of stdout.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

func (p *Poller) log() *slog.Logger {
	if p.Logger == nil {
		return slog.Default()
	}
	return p.Logger
}

func (p *Poller) now() time.Time {
	if p.Now == nil {
		return time.Now()
	}
	return p.Now()
}

// Poll reads one source now. A source-level failure (unreachable, malformed feed, too large)
// is recorded on the source and returned; an item that fails is listed and the others go on.
func (p *Poller) Poll(ctx context.Context, src loa.Source) (PollResult, error) {
	p.mu.Lock()
	if p.running == nil {
		p.running = map[string]bool{}
	}
	if p.running[src.Name] {
		p.mu.Unlock()
		return PollResult{Source: src.Name}, fmt.Errorf("source %s: a poll is already running", src.Name)
	}
	p.running[src.Name] = true
	p.mu.Unlock()
	defer func() { p.mu.Lock(); delete(p.running, src.Name); p.mu.Unlock() }()

	etag, lastMod := "", ""
	if statuses, err := p.Ingester.Store.SourceStatuses(ctx); err == nil {
		for _, s := range statuses {
			if s.Name == src.Name {
				etag, lastMod = s.ETag, s.LastModified
			}
		}
	}
	res := PollResult{Source: src.Name}
	resp, err := p.Fetcher.Get(ctx, src.URL, etag, lastMod)
	if err == nil && !resp.NotModified {
		switch src.Kind {
		case "rss", "atom":
			err = p.pollFeed(ctx, src, resp, &res)
		case "html":
			err = p.pollListing(ctx, src, resp, &res)
		default:
			err = fmt.Errorf("source %s: kind %q is not rss or html", src.Name, src.Kind)
		}
	}
	if p.Metrics != nil {
		outcome := "ok"
		if err != nil {
			outcome = "error"
		}
		p.Metrics.polls.WithLabelValues(src.Name, outcome).Inc()
		p.Metrics.articles.WithLabelValues(src.Name).Add(float64(res.New))
	}
	if rerr := p.Ingester.Store.RecordPoll(ctx, src.Name, p.now(), err, resp.ETag, resp.LastModified, res.New); rerr != nil {
		return res, rerr
	}
	return res, err
}

func (p *Poller) pollFeed(ctx context.Context, src loa.Source, resp Response, res *PollResult) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		return fmt.Errorf("source %s: not a valid RSS or Atom feed: %w", src.Name, err)
	}
	for i, item := range feed.Items {
		if src.MaxItems > 0 && i >= src.MaxItems {
			break
		}
		res.Items++
		a, err := p.feedItem(ctx, src, item)
		if err == nil {
			err = p.save(ctx, a, res)
		}
		if err != nil {
			res.Failures = append(res.Failures, fmt.Sprintf("%s: %v", item.Link, err))
		}
	}
	return nil
}

func (p *Poller) feedItem(ctx context.Context, src loa.Source, item *gofeed.Item) (loa.Article, error) {
	loc := p.Ingester.Location
	var page Page
	var images []string
	if src.FetchPages && item.Link != "" {
		resp, err := p.Fetcher.Get(ctx, item.Link, "", "")
		if err != nil {
			return loa.Article{}, err
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(resp.Body))
		if err != nil {
			return loa.Article{}, fmt.Errorf("read page: %w", err)
		}
		page, images = ParseHTML(doc, src.Selectors, resp.URL, loc)
	} else {
		content := item.Content
		if content == "" {
			content = item.Description
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<article>" + content + "</article>"))
		if err != nil {
			return loa.Article{}, fmt.Errorf("read item content: %w", err)
		}
		page, images = ParseHTML(doc, loa.Selectors{Body: "article"}, item.Link, loc)
	}
	if t := strings.TrimSpace(item.Title); t != "" {
		page.Title = t
	}
	if item.PublishedParsed != nil {
		page.Published = item.PublishedParsed.In(loc)
	} else if item.UpdatedParsed != nil {
		page.Published = item.UpdatedParsed.In(loc)
	}
	return p.article(src, page, images, item.Link, item.GUID), nil
}

func (p *Poller) pollListing(ctx context.Context, src loa.Source, resp Response, res *PollResult) error {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(resp.Body))
	if err != nil {
		return fmt.Errorf("source %s: unreadable listing page: %w", src.Name, err)
	}
	var links []string
	doc.Find(or(src.Selectors.Links, "a")).Each(func(_ int, s *goquery.Selection) {
		if href, ok := s.Attr("href"); ok && href != "" && !strings.HasPrefix(href, "#") {
			if link := Canonical(absolute(resp.URL, href)); !slices.Contains(links, link) {
				links = append(links, link)
			}
		}
	})
	if len(links) == 0 {
		return fmt.Errorf("source %s: no article links match %q on the listing page", src.Name, src.Selectors.Links)
	}
	max := src.MaxItems
	if max <= 0 {
		max = 20
	}
	for i, link := range links {
		if i >= max {
			break
		}
		res.Items++
		page, err := p.Fetcher.Get(ctx, link, "", "")
		if err != nil {
			res.Failures = append(res.Failures, err.Error())
			continue
		}
		pdoc, err := goquery.NewDocumentFromReader(bytes.NewReader(page.Body))
		if err != nil {
			res.Failures = append(res.Failures, fmt.Sprintf("%s: %v", link, err))
			continue
		}
		parsed, images := ParseHTML(pdoc, src.Selectors, page.URL, p.Ingester.Location)
		if parsed.Title == "" || len(parsed.Paragraphs) == 0 {
			res.Failures = append(res.Failures, fmt.Sprintf("%s: no title or body found with the configured selectors", link))
			continue
		}
		if err := p.save(ctx, p.article(src, parsed, images, link, ""), res); err != nil {
			res.Failures = append(res.Failures, fmt.Sprintf("%s: %v", link, err))
		}
	}
	return nil
}

func (p *Poller) article(src loa.Source, page Page, images []string, link, guid string) loa.Article {
	a := p.Ingester.Extractor.FromPage(page)
	a.Source, a.URL, a.GUID, a.Images = src.Name, Canonical(link), guid, images
	if a.Published.IsZero() {
		a.Published = p.now()
	}
	for _, t := range src.Topics {
		if !slices.Contains(a.Topics, t) {
			a.Topics = append(a.Topics, t)
		}
	}
	return a
}

func (p *Poller) save(ctx context.Context, a loa.Article, res *PollResult) error {
	r, err := p.Ingester.Save(ctx, a)
	if err != nil {
		return err
	}
	if !r.Duplicate {
		res.New++
	}
	return nil
}

// PollMetrics count polls and new articles per source on /metrics.
type PollMetrics struct {
	polls    *prometheus.CounterVec
	articles *prometheus.CounterVec
}

// NewPollMetrics creates and registers the news metrics.
func NewPollMetrics(reg prometheus.Registerer) *PollMetrics {
	m := &PollMetrics{
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loa_news_polls_total",
			Help: "Polls of news sources, by source and outcome (ok, error)."}, []string{"source", "outcome"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loa_news_articles_total",
			Help: "New articles stored, by source."}, []string{"source"}),
	}
	reg.MustRegister(m.polls, m.articles)
	return m
}
