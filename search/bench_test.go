package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/search"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// seedGenerated writes articles × itemsPer directive items and as many passages, built from
// the corpus's own sentences and agencies, with multi-row inserts, and indexes them the way
// Service.Index does.
func seedGenerated(b *testing.B, db *store.DB, articles, itemsPer int) {
	b.Helper()
	ctx := context.Background()
	var sentences, addressees, passages []string
	files, _ := filepath.Glob("../news/testdata/corpus/*.txt")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		a := news.Extractor{Location: hcm}.Extract(string(data))
		for _, p := range loa.Sentences(a.Body) {
			if len(strings.Fields(p)) >= 4 {
				passages = append(passages, p)
			}
		}
		for _, d := range a.Directives {
			addressees = append(addressees, d.Addressee)
			for _, it := range d.Items {
				for _, s := range strings.Split(it, ". ") {
					if len(s) > 30 {
						sentences = append(sentences, s)
					}
				}
			}
		}
	}
	places := []string{"xã Minh Thắng", "xã Quang Minh", "phường Hưng Long", "xã Nha Bích", "phường Minh Long"}
	norm := search.NewNormaliser(nil)
	rng := rand.New(rand.NewPCG(1, 2))
	x := db.SQL()
	exec := func(q string, args ...any) {
		if _, err := x.Exec(x.Rebind(q), args...); err != nil {
			b.Fatal(err)
		}
	}
	df := map[string]int{}
	now := time.Now().UTC()
	itemID := int64(0)
	rowID := int64(0) // items and passages, in the order Service.Index writes them
	const chunk = 50  // articles per batch
	for start := 0; start < articles; start += chunk {
		var arts, dirs, items, rows []string
		var aArgs, dArgs, iArgs, rArgs []any
		for ai := start; ai < min(articles, start+chunk); ai++ {
			id := int64(ai + 1)
			published := now.AddDate(0, 0, -rng.IntN(1500))
			title := fmt.Sprintf("Hội nghị triển khai nhiệm vụ quốc phòng số %d", ai)
			arts = append(arts, "(?, 'gen', ?, ?, ?, '', ?, '', ?, ?)")
			aArgs = append(aArgs, id, fmt.Sprintf("https://portal.example/%d", ai), title, published, fmt.Sprintf("h%d", ai), now, now)
			for di := 0; di < itemsPer; di++ {
				itemID++
				addressee := addressees[rng.IntN(len(addressees))]
				text := sentences[rng.IntN(len(sentences))]
				if rng.IntN(4) == 0 {
					text += ", tại " + places[rng.IntN(len(places))]
				}
				dirs = append(dirs, "(?, ?, ?, ?, ?, '', ?)")
				dArgs = append(dArgs, itemID, id, di+1, fmt.Sprintf("(%d)", di+1), addressee, published)
				items = append(items, "(?, ?, 1, ?)")
				iArgs = append(iArgs, itemID, itemID, text)
				row := loa.SearchRow{Body: norm.Normalise(text), Addressee: norm.Normalise(addressee), Title: norm.Normalise(title)}
				rowID++
				rows = append(rows, "(?, ?, ?, '', ?, ?, ?, ?, ?, ?)")
				rArgs = append(rArgs, rowID, itemID, id, row.Body, row.Addressee, row.Title, strings.Contains(text, " tại "), false, published)
				countTerms(df, row)
			}
			// The article's sentences, as passages: as many rows again.
			for pi := 0; pi < itemsPer; pi++ {
				rowID++
				text := passages[rng.IntN(len(passages))]
				row := loa.SearchRow{Body: norm.Normalise(text), Title: norm.Normalise(title)}
				rows = append(rows, "(?, NULL, ?, ?, ?, '', ?, ?, ?, ?)")
				rArgs = append(rArgs, rowID, id, text, row.Body, row.Title, strings.Contains(text, " tại "), false, published)
				countTerms(df, row)
			}
		}
		exec(`INSERT INTO articles (id, source, url, title, published, body, content_hash, speaker, fetched_at, updated_at) VALUES `+strings.Join(arts, ","), aArgs...)
		exec(`INSERT INTO directives (id, article_id, position, ordinal, addressee, speaker, date) VALUES `+strings.Join(dirs, ","), dArgs...)
		exec(`INSERT INTO directive_items (id, directive_id, position, text) VALUES `+strings.Join(items, ","), iArgs...)
		exec(`INSERT INTO search_items (row_id, item_id, article_id, passage, body, addressee, title, has_place, has_date, published) VALUES `+strings.Join(rows, ","), rArgs...)
	}
	df["#rows"] = int(rowID)
	var terms []string
	var tArgs []any
	for t, n := range df {
		terms = append(terms, "(?, ?)")
		tArgs = append(tArgs, t, n)
		if len(terms) == 500 {
			exec(`INSERT INTO search_terms (term, df) VALUES `+strings.Join(terms, ","), tArgs...)
			terms, tArgs = nil, nil
		}
	}
	if len(terms) > 0 {
		exec(`INSERT INTO search_terms (term, df) VALUES `+strings.Join(terms, ","), tArgs...)
	}
	if db.Driver() == store.Postgres {
		exec(`ANALYZE`)
	}
	_ = ctx
}

func countTerms(df map[string]int, row loa.SearchRow) {
	seen := map[string]bool{}
	for _, t := range strings.Fields(row.Body + " " + row.Addressee + " " + row.Title) {
		if !seen[t] {
			seen[t] = true
			df[t]++
		}
	}
}

var benchQuestions = []string{
	"Ban CHQS thị xã phải làm gì?", "ban chqs thi xa phai lam gi", "diễn tập ở xã nào?", "nghị định 02",
	"cong an thi xa can lam gi", "UBND các xã, phường phải làm gì", "tuyen quan tuyen sinh quan su",
	"hoi thi ban sung DQTV", "lớp bồi dưỡng kiến thức quốc phòng khi nào", "mang luoi quan bao nhaan dan",
	"Phòng Giáo dục và Đào tạo cần làm gì", "an ninh trat tu an toan giao thong", "KVPT công trình chiến đấu",
	"trung tam van hoa the thao truyen thanh", "danh sach cong dan nhap ngu",
}

// BenchmarkAsk answers questions over 10,000 articles, each with 5 directive items and 5
// passages (100,000 rows), and reports the median and 95th-percentile answer time.
func BenchmarkAsk(b *testing.B) {
	for _, driver := range storetest.Drivers {
		b.Run(driver, func(b *testing.B) {
			db := storetest.Open(b, driver)
			seedGenerated(b, db, benchArticles(), 5)
			s := search.New(db, nil)
			ctx := context.Background()
			var times, cpu []time.Duration
			// The question runs on this thread alone, so its CPU time can be read.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			slowest := map[string]time.Duration{}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				q := benchQuestions[i%len(benchQuestions)]
				t0, c0 := time.Now(), threadCPU()
				if _, err := s.Ask(ctx, q, 0, 5); err != nil {
					b.Fatal(err)
				}
				d := time.Since(t0)
				times = append(times, d)
				cpu = append(cpu, threadCPU()-c0)
				slowest[q] = max(slowest[q], d)
			}
			if os.Getenv("LOA_BENCH_VERBOSE") != "" {
				for q, d := range slowest {
					b.Logf("%6.1f ms  %s", float64(d.Microseconds())/1000, q)
				}
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
			// The CPU time each answer took, which does not grow with the machine's load.
			sort.Slice(cpu, func(i, j int) bool { return cpu[i] < cpu[j] })
			b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "cpu-p50-ms")
			b.ReportMetric(float64(cpu[len(cpu)*95/100].Microseconds())/1000, "cpu-p95-ms")
		})
	}
}

// benchArticles is 10,000 unless LOA_BENCH_ARTICLES says otherwise (for quick profiling).
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("LOA_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 10_000
}
