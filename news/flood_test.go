package news_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// syntheticFeed is an RSS feed of items "Tin <n>" published at the given times.
func syntheticFeed(base string, items map[int]time.Time) string {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Thị xã</title>`)
	for n, at := range items {
		fmt.Fprintf(&sb, `<item><title>Tin %d</title><link>%s/tin/%d</link><guid>tin-%d</guid><pubDate>%s</pubDate>`+
			`<description><![CDATA[<p>Ban CHQS thị xã tổ chức buổi huấn luyện dân quân số %d cho các xã, phường trên địa bàn.</p>]]></description></item>`,
			n, base, n, n, at.Format(time.RFC1123Z), n)
	}
	sb.WriteString(`</channel></rss>`)
	return sb.String()
}

func countWhere(t *testing.T, db *store.DB, cond string) int {
	t.Helper()
	var n int
	if err := db.SQL().Get(&n, `SELECT COUNT(*) FROM notices WHERE `+cond); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestANewSourceIsNotAFlood(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		now := time.Now()
		items := map[int]time.Time{}
		for i := 1; i <= 30; i++ { // three months of articles
			items[i] = now.Add(-time.Duration(i) * 3 * 24 * time.Hour)
		}
		r.portal.set("/rss.xml", syntheticFeed(r.portal.srv.URL, items), "application/rss+xml")
		src := loa.Source{Name: "Cổng TTĐT thị xã", Kind: "rss", URL: r.portal.srv.URL + "/rss.xml"}
		if res := r.poll(t, src); res.New != 30 || res.Pushed != 0 {
			t.Fatalf("first poll: %+v", res)
		}
		if n := countNotices(t, db); n != 0 {
			t.Fatalf("a new source's back catalogue sent %d notices", n)
		}
		// Later: one article of today and one published long ago but seen only now.
		items[31], items[32] = now.Add(-time.Hour), now.Add(-90*24*time.Hour)
		r.portal.set("/rss.xml", syntheticFeed(r.portal.srv.URL, items), "application/rss+xml")
		if res := r.poll(t, src); res.New != 2 || res.Pushed != 1 {
			t.Fatalf("second poll: %+v", res)
		}
		if n := countWhere(t, db, `text LIKE '%Tin 32%'`); n != 0 {
			t.Fatal("an article published three months ago was pushed")
		}
		if n := countWhere(t, db, `text LIKE '%Tin 31%'`); n == 0 {
			t.Fatal("today's article was not pushed")
		}
		// A busy day: six new articles in one poll are three messages and one digest.
		for i := 33; i <= 38; i++ {
			items[i] = now.Add(-time.Duration(i-32) * time.Minute)
		}
		r.portal.set("/rss.xml", syntheticFeed(r.portal.srv.URL, items), "application/rss+xml")
		res := r.poll(t, src)
		if res.New != 6 || res.Pushed != 3 {
			t.Fatalf("third poll: %+v", res)
		}
		if n := countWhere(t, db, `origin_ref LIKE 'digest:%' AND text LIKE '%3 bài mới từ Cổng TTĐT thị xã%'`); n != 1 {
			t.Fatalf("%d digests of the other three articles, want 1", n)
		}
	})
}
