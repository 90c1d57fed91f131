package delivery_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/delivery"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/tgfake"
)

// seedBulk adds n active members following "tin-tuc" with multi-row inserts, far faster than
// the import path, so benchmarks measure fan-out and sending rather than their own setup.
func seedBulk(b *testing.B, db *store.DB, n int) {
	b.Helper()
	ctx := context.Background()
	cat := loa.Catalog{Topics: []loa.Topic{{Key: "tin-tuc", NameVI: "Tin tức"}},
		Units: []loa.CatalogUnit{{Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict}}}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC()
	const chunk = 500
	for start := 0; start < n; start += chunk {
		var chats, subs []string
		var chatArgs, subArgs []any
		for i := start; i < min(n, start+chunk); i++ {
			id := int64(1_000_000 + i)
			chats = append(chats, "(?, 'private', ?, 'officer', 'active', 'vi', ?, ?)")
			chatArgs = append(chatArgs, id, fmt.Sprint("M", i), now, now)
			subs = append(subs, "(?, 'tin-tuc', ?)")
			subArgs = append(subArgs, id, now)
		}
		x := db.SQL()
		if _, err := x.Exec(x.Rebind(`INSERT INTO chats (id, type, title, role, status, lang, created_at, updated_at) VALUES `+strings.Join(chats, ",")), chatArgs...); err != nil {
			b.Fatal(err)
		}
		if _, err := x.Exec(x.Rebind(`INSERT INTO subscriptions (chat_id, topic, created_at) VALUES `+strings.Join(subs, ",")), subArgs...); err != nil {
			b.Fatal(err)
		}
	}
	// A production database has its statistics (autovacuum analyses a table that grew like
	// this within a minute); without them PostgreSQL plans for empty tables.
	if db.Driver() == store.Postgres {
		if _, err := db.SQL().Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFanOut measures enqueueing one notice for 100,000 recipients.
func BenchmarkFanOut(b *testing.B) {
	for _, driver := range storetest.Drivers {
		b.Run(driver, func(b *testing.B) {
			db := storetest.Open(b, driver)
			seedBulk(b, db, 100_000)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				n, err := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "x", Audience: loa.Audience{Topics: []string{"tin-tuc"}}})
				if err != nil || n.Recipients != 100_000 {
					b.Fatalf("%v, %d recipients", err, n.Recipients)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/100k-notice")
		})
	}
}

// BenchmarkDispatch measures sends per second with Telegram's limits off, against the fake
// Bot API on loopback: Loa's own cost per message (claim, send over HTTP, record).
func BenchmarkDispatch(b *testing.B) {
	for _, driver := range storetest.Drivers {
		b.Run(driver, func(b *testing.B) {
			const members = 5000
			db := storetest.Open(b, driver)
			seedBulk(b, db, members)
			fake := tgfake.New(b, token)
			msgr := newMessenger(b, fake)
			d := delivery.New(db, msgr, delivery.Options{GlobalRate: -1, PerChatInterval: time.Nanosecond, Batch: 100, Concurrency: 16})
			ctx := context.Background()
			b.ResetTimer()
			sent := 0
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Thông báo", Audience: loa.Audience{Topics: []string{"tin-tuc"}}})
				b.StartTimer()
				for {
					n, err := d.RunOnce(ctx)
					if err != nil {
						b.Fatal(err)
					}
					if n == 0 {
						break
					}
					sent += n
				}
			}
			b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

// sendAll runs the dispatcher until it has handled total deliveries and says how long it took.
func sendAll(b *testing.B, d *delivery.Dispatcher, total int) time.Duration {
	start := time.Now()
	for sent := 0; sent < total; {
		n, err := d.RunOnce(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		sent += n
	}
	return time.Since(start)
}

// BenchmarkLimitsOn sends 10,000 deliveries against a fake that enforces 30 messages/s overall
// and 1/s per chat, and reports the sustained rate and the 429 answers. It takes about six
// minutes, so it runs only with LOA_BENCH_LIMITS=1.
func BenchmarkLimitsOn(b *testing.B) {
	if os.Getenv("LOA_BENCH_LIMITS") == "" {
		b.Skip("set LOA_BENCH_LIMITS=1 to run (about six minutes)")
	}
	const total = 10_000
	db := storetest.Open(b, store.SQLite)
	seedBulk(b, db, total)
	fake := tgfake.New(b, token)
	fake.EnforceLimits(30, time.Second)
	d := delivery.New(db, newMessenger(b, fake), delivery.Options{GlobalRate: 30, Batch: 30})
	ctx := context.Background()
	db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "x", Audience: loa.Audience{Topics: []string{"tin-tuc"}}})
	b.ResetTimer()
	elapsed := sendAll(b, d, total)
	b.ReportMetric(float64(total)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(float64(fake.TooManyRequests()), "429s")
}

// BenchmarkPaidBroadcast sends 10,000 urgent deliveries as paid broadcasts against a fake that
// enforces Telegram's 1,000 a second for them (and 30 a second, 1 a second per chat, for the
// rest): the rate reached and the 429 answers.
func BenchmarkPaidBroadcast(b *testing.B) {
	const total = 10_000
	db := storetest.Open(b, store.SQLite)
	seedBulk(b, db, total)
	fake := tgfake.New(b, token)
	fake.EnforceLimits(30, time.Second)
	fake.EnforcePaidLimits(1000, -1)
	d := delivery.New(db, newMessenger(b, fake), delivery.Options{GlobalRate: 30, PaidRate: 1000, Concurrency: 32, Batch: 200})
	ctx := context.Background()
	db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Báo động lũ", Priority: loa.PriorityUrgent,
		Audience: loa.Audience{Topics: []string{"tin-tuc"}}})
	b.ResetTimer()
	elapsed := sendAll(b, d, total)
	b.ReportMetric(float64(fake.PaidSent())/elapsed.Seconds(), "paid-msgs/s")
	b.ReportMetric(float64(fake.TooManyRequests()), "429s")
}
