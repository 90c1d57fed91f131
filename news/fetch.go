package news

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"

	"github.com/loa-vn/loa"
)

// UserAgent says who is fetching, so portal administrators can tell Loa from a scraper.
const UserAgent = "Loa/1.0 (defence news notifier of a local military command)"

// Fetcher downloads pages and feeds with a timeout, a size cap and conditional GET.
type Fetcher struct {
	Client   *http.Client
	MaxBytes int64
}

// NewFetcher returns a fetcher with a 30 s timeout, at most 10 redirects (a loop is an error)
// and a 5 MiB cap.
func NewFetcher() *Fetcher {
	return &Fetcher{Client: &http.Client{Timeout: 30 * time.Second}, MaxBytes: 5 << 20}
}

// Response is a fetched document, converted to UTF-8.
type Response struct {
	Body         []byte
	URL          string // after redirects
	ContentType  string
	ETag         string
	LastModified string
	NotModified  bool
}

// ErrTooLarge is returned for documents over the size cap.
var ErrTooLarge = errors.New("document larger than the size cap")

// Get fetches u. With etag or lastModified from an earlier fetch, an unchanged document comes
// back as NotModified without a body. Declared charsets (header or <meta>) are converted to UTF-8.
func (f *Fetcher) Get(ctx context.Context, u, etag, lastModified string) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", u, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	out := Response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		out.ETag, out.LastModified = etag, lastModified
		return out, nil
	}
	if resp.StatusCode != http.StatusOK {
		return out, fmt.Errorf("fetch %s: HTTP %d", u, resp.StatusCode)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxBytes+1))
	if err != nil {
		return out, fmt.Errorf("fetch %s: %w", u, err)
	}
	if int64(len(raw)) > f.MaxBytes {
		return out, fmt.Errorf("fetch %s: %w (%d bytes)", u, ErrTooLarge, f.MaxBytes)
	}
	out.Body = raw
	if isXML(out.ContentType, raw) {
		return out, nil // the feed parser reads the XML declaration's encoding itself
	}
	r, err := charset.NewReader(bytes.NewReader(raw), out.ContentType)
	if err != nil {
		return out, fmt.Errorf("fetch %s: unknown charset in %q: %w", u, out.ContentType, err)
	}
	if out.Body, err = io.ReadAll(r); err != nil {
		return out, fmt.Errorf("fetch %s: convert to UTF-8: %w", u, err)
	}
	return out, nil
}

func isXML(contentType string, body []byte) bool {
	return strings.Contains(contentType, "xml") || bytes.HasPrefix(bytes.TrimSpace(body), []byte("<?xml"))
}

// ParseHTML reads an article page: the title, date and body found by the selectors (defaults:
// h1, none, article or body). The body becomes visible-text lines in document order, with an
// image's alt text on a line of its own, so CleanText can drop captions after "anh tin bai".
func ParseHTML(doc *goquery.Document, sel loa.Selectors, base string, loc *time.Location) (Page, []string) {
	title := firstText(doc, sel.Title, "h1", "title")
	var lines []string
	lines = append(lines, title)
	if sel.Date != "" {
		lines = append(lines, "Cập nhật: "+strings.TrimSpace(doc.Find(sel.Date).First().Text()))
	}
	body := doc.Find(or(sel.Body, "article"))
	if body.Length() == 0 {
		body = doc.Find("body")
	}
	body.Find("script, style, nav").Remove()
	var images []string
	blocks := 0
	body.Find("p, li, h2, h3, h4, blockquote, figcaption, img, div").Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "img" {
			if src, ok := s.Attr("src"); ok {
				images = append(images, absolute(base, src))
			}
			if alt := strings.TrimSpace(s.AttrOr("alt", "")); alt != "" {
				lines = append(lines, alt)
			}
			return
		}
		// Containers are read through their children.
		if s.Find("p, li, div, h2, h3, h4, blockquote").Length() > 0 {
			return
		}
		text := strings.TrimSpace(s.Text())
		if goquery.NodeName(s) == "li" && text != "" {
			text = "- " + text
		}
		if text != "" {
			lines = append(lines, text)
			blocks++
		}
	})
	if blocks == 0 {
		// No block elements: plain text content, one paragraph per line.
		for _, l := range strings.Split(body.Text(), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	page := CleanText(strings.Join(lines, "\n"), loc)
	return page, images
}

func firstText(doc *goquery.Document, selectors ...string) string {
	for _, s := range selectors {
		if s == "" {
			continue
		}
		if t := strings.TrimSpace(doc.Find(s).First().Text()); t != "" {
			return strings.Join(strings.Fields(t), " ")
		}
	}
	return ""
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// absolute resolves ref against base.
func absolute(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

// Canonical strips fragments and tracking parameters so one article has one URL.
func Canonical(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return u
	}
	p.Fragment = ""
	q := p.Query()
	for k := range q {
		if strings.HasPrefix(k, "utm_") || k == "fbclid" {
			q.Del(k)
		}
	}
	p.RawQuery = q.Encode()
	p.Host = strings.ToLower(p.Host)
	return p.String()
}
