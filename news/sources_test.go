package news_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// portal serves the corpus the way a district portal and its feeds would.
type portal struct {
	mu      sync.Mutex
	pages   map[string]string // path → HTML
	headers map[string]string // path → Content-Type
	notMod  int
	srv     *httptest.Server
}

func newPortal(t *testing.T) *portal {
	p := &portal{pages: map[string]string{}, headers: map[string]string{}}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *portal) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/loop":
		http.Redirect(w, r, "/loop", http.StatusFound)
		return
	case "/slow":
		<-r.Context().Done() // answers only when the client gives up
		return
	}
	p.mu.Lock()
	body, ok := p.pages[r.URL.Path]
	ct := p.headers[r.URL.Path]
	p.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(body)))
	if r.Header.Get("If-None-Match") == etag {
		p.mu.Lock()
		p.notMod++
		p.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if ct == "" {
		ct = "text/html; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("ETag", etag)
	fmt.Fprint(w, body)
}

func (p *portal) set(path, body, contentType string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages[path], p.headers[path] = body, contentType
}

func corpusText(t *testing.T, name string) string {
	data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// pageHTML renders a corpus text as the portal's article page: title, metadata, paragraphs,
// images with the alt text "anh tin bai" and their captions, then the portal chrome.
func pageHTML(text string) string {
	lines := strings.Split(text, "\n")
	var sb strings.Builder
	sb.WriteString("<html><head><title>Cổng thông tin</title></head><body><nav>Trang chủ | An ninh - Quốc phòng</nav><article>")
	sb.WriteString("<h1>" + html.EscapeString(lines[0]) + "</h1>")
	for _, l := range lines[1:] {
		l = strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", " "))
		switch {
		case l == "":
		case l == "anh tin bai":
			sb.WriteString(`<p><img src="/img/1.jpg" alt="anh tin bai"></p>`)
		case strings.HasPrefix(l, "- "):
			sb.WriteString("<ul><li>" + html.EscapeString(l[2:]) + "</li></ul>")
		default:
			sb.WriteString("<p>" + html.EscapeString(l) + "</p>")
		}
	}
	sb.WriteString("</article></body></html>")
	return sb.String()
}

// feedXML renders corpus texts as an RSS 2.0 feed whose items carry the clean body.
func feedXML(t *testing.T, base string, names ...string) string {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Chơn Thành</title>`)
	for _, n := range names {
		page := news.CleanText(corpusText(t, n), nil)
		var body strings.Builder
		for _, p := range page.Paragraphs {
			body.WriteString("<p>" + html.EscapeString(p) + "</p>")
		}
		fmt.Fprintf(&sb, `<item><title>%s</title><link>%s/rss/%s</link><guid>rss-%s</guid><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>`,
			html.EscapeString(page.Title), base, n, n, page.Published.Format(time.RFC1123Z), body.String())
	}
	sb.WriteString(`</channel></rss>`)
	return sb.String()
}

type rig struct {
	db     *store.DB
	poller *news.Poller
	portal *portal
}

func newRig(t *testing.T, db *store.DB) *rig {
	ctx := context.Background()
	cat := loa.Catalog{Topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập"}, {Key: "tin-tuc", NameVI: "Tin"}},
		Units: []loa.CatalogUnit{{Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict}, {Key: "chqs", Name: "Ban CHQS thị xã", Kind: loa.UnitMilitary, Parent: "tx"}}}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	p := newPortal(t)
	return &rig{db: db, portal: p, poller: &news.Poller{Fetcher: news.NewFetcher(),
		Ingester: news.Ingester{Store: db, Location: loc, Extractor: news.Extractor{Gazetteer: gazetteer, Location: loc}}}}
}

func (r *rig) poll(t *testing.T, src loa.Source) news.PollResult {
	t.Helper()
	res, err := r.poller.Poll(context.Background(), src)
	if err != nil {
		t.Fatalf("poll %s: %v", src.Name, err)
	}
	return res
}

func countNotices(t *testing.T, db *store.DB) int {
	var n int
	if err := db.SQL().Get(&n, `SELECT COUNT(*) FROM notices`); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFeedAndPortalCarryingOneArticleStoreItOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		base := r.portal.srv.URL
		drill := "chonthanh-2024-03-25-tong-ket-quoc-phong.txt"
		r.portal.set("/rss.xml", feedXML(t, base, drill, "chonthanh-2025-01-20-giao-nhan-quan.txt"), "application/rss+xml")
		r.portal.set("/tin-tuc", `<ul class="news"><li><a href="/bai/tong-ket.html?utm_source=x">Tổng kết</a></li></ul>`, "")
		r.portal.set("/bai/tong-ket.html", pageHTML(corpusText(t, drill)), "")
		rss := loa.Source{Name: "rss", Kind: "rss", URL: base + "/rss.xml"}
		portal := loa.Source{Name: "portal", Kind: "html", URL: base + "/tin-tuc", Selectors: loa.Selectors{Links: "ul.news a", Title: "h1", Body: "article"}}

		if res := r.poll(t, rss); res.New != 2 || len(res.Failures) != 0 {
			t.Fatalf("feed poll: %+v", res)
		}
		notices := countNotices(t, db)
		if res := r.poll(t, portal); res.Items != 1 || res.New != 0 {
			t.Fatalf("the portal's copy of a feed article was stored again: %+v", res)
		}
		if countNotices(t, db) != notices {
			t.Fatal("a duplicate article was pushed again")
		}
		// Unchanged feed: conditional GET answers 304 and nothing is parsed.
		if res := r.poll(t, rss); res.Items != 0 || r.portal.notMod != 1 {
			t.Fatalf("second poll of an unchanged feed: %+v, 304s=%d", res, r.portal.notMod)
		}
		statuses, _ := db.SourceStatuses(context.Background())
		if len(statuses) != 2 || statuses[1].Articles != 2 || statuses[1].LastSuccess == nil {
			t.Fatalf("source statuses: %+v", statuses)
		}
	})
}

func TestEditedArticleIsUpdatedNotPushedAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		text := corpusText(t, "chonthanh-2024-09-05-gdqp-an.txt")
		r.portal.set("/list", `<a class="a" href="/bai/1">1</a>`, "")
		r.portal.set("/bai/1", pageHTML(text), "")
		src := loa.Source{Name: "portal", Kind: "html", URL: r.portal.srv.URL + "/list", Selectors: loa.Selectors{Links: "a.a"}}
		if res := r.poll(t, src); res.New != 1 {
			t.Fatalf("first poll: %+v", res)
		}
		notices := countNotices(t, db)
		r.portal.set("/bai/1", pageHTML(strings.Replace(text, "từ ngày 16 đến 20/9/2024", "từ ngày 23 đến 27/9/2024", 1)), "")
		// The portal lists the edited article again; an unchanged listing is answered with 304
		// and its pages are not fetched.
		r.portal.set("/list", `<a class="a" href="/bai/1">1 (cập nhật)</a>`, "")
		if res := r.poll(t, src); res.New != 0 {
			t.Fatalf("an edit counted as new: %+v", res)
		}
		if countNotices(t, db) != notices {
			t.Fatal("an edited article was pushed again")
		}
		var n int
		db.SQL().Get(&n, `SELECT COUNT(*) FROM articles`)
		var date string
		db.SQL().Get(&date, `SELECT date FROM event_candidates WHERE kind = 'training'`)
		if n != 1 || date != "2024-09-23" {
			t.Fatalf("%d articles, event date %q: the edit was not applied in place", n, date)
		}
	})
}

func TestBrokenSourcesFailClearlyAndOthersGoOn(t *testing.T) {
	r := newRig(t, storetest.Open(t, store.SQLite))
	base := r.portal.srv.URL
	r.portal.set("/broken.xml", `<?xml version="1.0"?><rss><channel><item><title>x</title>`, "application/rss+xml")
	r.portal.set("/big", strings.Repeat("<p>quá lớn</p>", 10000), "")
	r.poller.Fetcher.MaxBytes = 64 << 10
	r.poller.Fetcher.Client.Timeout = 300 * time.Millisecond
	cases := []struct {
		src  loa.Source
		want string
	}{
		{loa.Source{Name: "broken", Kind: "rss", URL: base + "/broken.xml"}, "not a valid RSS or Atom feed"},
		{loa.Source{Name: "big", Kind: "html", URL: base + "/big", Selectors: loa.Selectors{Links: "a"}}, "size cap"},
		{loa.Source{Name: "loop", Kind: "html", URL: base + "/loop", Selectors: loa.Selectors{Links: "a"}}, "redirects"},
		{loa.Source{Name: "slow", Kind: "rss", URL: base + "/slow"}, "Timeout"},
		{loa.Source{Name: "gone", Kind: "rss", URL: base + "/gone.xml"}, "HTTP 404"},
	}
	for _, c := range cases {
		_, err := r.poller.Poll(context.Background(), c.src)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.src.Name, err, c.want)
		}
	}
	statuses, _ := r.db.SourceStatuses(context.Background())
	for _, s := range statuses {
		if s.Failures != 1 || s.LastError == "" || s.LastSuccess != nil {
			t.Errorf("source %s status %+v", s.Name, s)
		}
	}
	// A good source still works after the bad ones.
	r.portal.set("/ok.xml", feedXML(t, base, "chonthanh-2024-05-10-hoi-thi-ban-sung.txt"), "application/rss+xml")
	if res := r.poll(t, loa.Source{Name: "ok", Kind: "rss", URL: base + "/ok.xml"}); res.New != 1 {
		t.Fatalf("good source after bad ones: %+v", res)
	}
	var n int
	r.db.SQL().Get(&n, `SELECT COUNT(*) FROM articles`)
	if n != 1 {
		t.Fatalf("%d articles stored; the failures stored something half-way", n)
	}
}

func TestPageInALegacyVietnameseCharsetIsConverted(t *testing.T) {
	r := newRig(t, storetest.Open(t, store.SQLite))
	// "Đơn vị diễn tập" in windows-1258: Đ=D0, ơ=F5, ị = i + combining dot below (F2),
	// ễ = ê (EA) + combining tilde (DE), ậ = â (E2) + dot below (F2).
	title := "<h1>\xd0\xf5n vi\xf2 di\xea\xden t\xe2\xf2p</h1>"
	body := "<article>" + title + "<p>Ng\xe0y 2/3/2024, x\xe3 Minh Th\xe2\xecng t\xf4\xd2 ch\xfa\xeec di\xea\xden t\xe2\xf2p.</p></article>"
	r.portal.set("/list", `<a href="/p">p</a>`, "")
	r.portal.set("/p", "<html><body>"+body+"</body></html>", "text/html; charset=windows-1258")
	if res := r.poll(t, loa.Source{Name: "legacy", Kind: "html", URL: r.portal.srv.URL + "/list", Selectors: loa.Selectors{Links: "a"}}); res.New != 1 {
		t.Fatalf("%+v", res)
	}
	var got string
	r.db.SQL().Get(&got, `SELECT title FROM articles`)
	if got != "Đơn vị diễn tập" {
		t.Fatalf("title %q, want Đơn vị diễn tập", got)
	}
}

func TestFetcherRefusesOversizePages(t *testing.T) {
	p := newPortal(t)
	p.set("/x", strings.Repeat("a", 2000), "")
	f := news.NewFetcher()
	f.MaxBytes = 1000
	if _, err := f.Get(context.Background(), p.srv.URL+"/x", "", ""); !errors.Is(err, news.ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

func TestAtomFeedWithVietnamTimeZone(t *testing.T) {
	r := newRig(t, storetest.Open(t, store.SQLite))
	page := news.CleanText(corpusText(t, "chonthanh-2024-09-05-gdqp-an.txt"), nil)
	var body strings.Builder
	for _, p := range page.Paragraphs {
		body.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Chơn Thành</title>
<entry><title>` + html.EscapeString(page.Title) + `</title><id>tag:chonthanh,2024:gdqp</id>
<link href="` + r.portal.srv.URL + `/atom/gdqp"/><published>2024-09-05T16:30:00+07:00</published>
<content type="html">` + html.EscapeString(body.String()) + `</content></entry></feed>`
	r.portal.set("/atom.xml", atom, "application/atom+xml")
	if res := r.poll(t, loa.Source{Name: "atom", Kind: "atom", URL: r.portal.srv.URL + "/atom.xml"}); res.New != 1 {
		t.Fatalf("%+v", res)
	}
	var published time.Time
	var guid string
	row := r.db.SQL().QueryRow(`SELECT published, guid FROM articles`)
	if err := row.Scan(&published, &guid); err != nil {
		t.Fatal(err)
	}
	if !published.Equal(time.Date(2024, 9, 5, 9, 30, 0, 0, time.UTC)) || guid != "tag:chonthanh,2024:gdqp" {
		t.Fatalf("published %s guid %q", published, guid)
	}
	var directives int
	r.db.SQL().Get(&directives, `SELECT COUNT(*) FROM directives`)
	if directives != 4 {
		t.Fatalf("%d directive sections from the Atom entry, want 4", directives)
	}
}
