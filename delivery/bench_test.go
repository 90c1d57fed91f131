package delivery_test

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
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
// Bot API on loopback: Loa's own cost per message (claim, send over HTTP, record), with the
// dispatcher running as in production. Concurrency 64 is what paid broadcasts need against
// the real Telegram (1,000 a second at about 60 ms a request); it is also the most a crash
// could send twice with this setting.
func BenchmarkDispatch(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(loa.DefaultGCPercent)) // as `loa serve` runs
	for _, driver := range storetest.Drivers {
		b.Run(driver, func(b *testing.B) {
			const members = 5000
			db := storetest.Open(b, driver)
			seedBulk(b, db, members)
			fake := tgfake.New(b, token)
			msgr := newMessenger(b, fake)
			d := delivery.New(db, msgr, delivery.Options{GlobalRate: -1, PerChatInterval: time.Nanosecond, Batch: 200, Concurrency: 64})
			stop := runDispatcher(b, d)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Thông báo", Audience: loa.Audience{Topics: []string{"tin-tuc"}}})
				b.StartTimer()
				d.Wake()
				waitSends(b, fake, (i+1)*members)
			}
			b.StopTimer()
			stop()
			b.ReportMetric(float64(b.N*members)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

// runDispatcher runs d until the returned stop is called, which waits for Run to return.
func runDispatcher(b *testing.B, d *delivery.Dispatcher) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
}

// sendAll runs the dispatcher until the fake has received total messages and says how long
// it took.
func sendAll(b *testing.B, d *delivery.Dispatcher, fake *tgfake.Server, total int) time.Duration {
	start := time.Now()
	stop := runDispatcher(b, d)
	defer stop()
	d.Wake()
	waitSends(b, fake, total)
	return time.Since(start)
}

// waitSends waits until the fake has received n messages; the limited benchmarks take minutes.
func waitSends(b *testing.B, fake *tgfake.Server, n int) {
	waitSendsWithin(b, fake, n, 15*time.Minute)
}

// waitSendsWithin is waitSends with its own bound, for the national benchmark's hour.
func waitSendsWithin(b *testing.B, fake *tgfake.Server, n int, bound time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	for {
		changed := fake.Changed()
		if fake.Calls("sendMessage") >= n {
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
			b.Fatalf("the fake received %d of %d messages", fake.Calls("sendMessage"), n)
		}
	}
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
	elapsed := sendAll(b, d, fake, total)
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
	elapsed := sendAll(b, d, fake, total)
	b.ReportMetric(float64(fake.PaidSent())/elapsed.Seconds(), "paid-msgs/s")
	b.ReportMetric(float64(fake.TooManyRequests()), "429s")
}
