package news

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/robfig/cron/v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/backoff"
	"github.com/loa-vn/loa/texts"
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
	// PushWithin is how recent an article must be to be pushed (default 24 h); older ones, and
	// everything a source's first poll finds, are stored and searchable but sent to nobody.
	PushWithin time.Duration

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
	Pushed   int      // new articles pushed one by one

	quiet  bool          // the source's first poll: its back catalogue is stored, not pushed
	digest []loa.Article // new articles beyond the first few, pushed together
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
	firstPoll := true
	if statuses, err := p.Ingester.Store.SourceStatuses(ctx); err == nil {
		for _, s := range statuses {
			if s.Name == src.Name {
				etag, lastMod = s.ETag, s.LastModified
				firstPoll = s.LastSuccess == nil
			}
		}
	}
	res := PollResult{Source: src.Name, quiet: firstPoll}
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
	if err == nil && len(res.digest) > 0 {
		err = p.pushDigest(ctx, src, res.digest)
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
	// A page that names no day at all is stored under the day it was found.
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

// pushedPerPoll is how many new articles of one poll are pushed one by one; the rest go in one
// digest, so a busy portal never sends a member dozens of messages.
const pushedPerPoll = 3

// save stores an article found by a poll and decides how it reaches people: pushed alone, in
// the poll's digest, or not at all (the first poll, or published long ago).
func (p *Poller) save(ctx context.Context, a loa.Article, res *PollResult) error {
	within := p.PushWithin
	if within <= 0 {
		within = 24 * time.Hour
	}
	recent := a.Published.IsZero() || p.now().Sub(a.Published) <= within
	push := !res.quiet && recent && res.Pushed < pushedPerPoll
	save := p.Ingester.SaveQuietly
	if push {
		save = p.Ingester.Save
	}
	r, err := save(ctx, a)
	if err != nil || r.Duplicate {
		return err
	}
	res.New++
	switch {
	case push:
		res.Pushed++
	case !res.quiet && recent:
		res.digest = append(res.digest, r.Article)
	}
	return nil
}

// pushDigest sends the articles beyond the first few of a poll as one message to the
// followers of their topics: "5 bài mới từ Cổng TTĐT thị xã", a line and a link each.
func (p *Poller) pushDigest(ctx context.Context, src loa.Source, articles []loa.Article) error {
	var lines []string
	topics := map[string]bool{}
	for _, a := range articles {
		line := "• " + html.EscapeString(a.Title)
		if strings.HasPrefix(a.URL, "http://") || strings.HasPrefix(a.URL, "https://") {
			line = "• <a href=\"" + html.EscapeString(a.URL) + "\">" + html.EscapeString(a.Title) + "</a>"
		}
		lines = append(lines, line)
		for _, t := range a.Topics {
			topics[t] = true
		}
	}
	audience := loa.Audience{}
	for t := range topics {
		audience.Topics = append(audience.Topics, t)
	}
	sort.Strings(audience.Topics)
	if len(audience.Topics) == 0 {
		return nil
	}
	_, err := p.Ingester.Store.CreateNotice(ctx, loa.Notice{Origin: loa.OriginArticle, OriginRef: fmt.Sprintf("digest:%s:%d", src.Name, articles[0].ID),
		Text: texts.T("vi", "push_digest", len(articles), html.EscapeString(src.Name)) + "\n" + strings.Join(lines, "\n"), Audience: audience})
	if err != nil {
		return fmt.Errorf("digest of %s: %w", src.Name, err)
	}
	if p.Ingester.Wake != nil {
		p.Ingester.Wake()
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
