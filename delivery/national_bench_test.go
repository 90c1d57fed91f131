package delivery_test

import (
	"bufio"
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/delivery"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/tgfake"
)

// BenchmarkNationalScale is one PostgreSQL at the scale of a whole country: 1,000,000 active
// members (LOA_BENCH_NATIONAL sets another number), one notice to all of them. It reports the
// fan-out (the notice and its deliveries committed), sending every delivery with Telegram's
// limits off against the fake Bot API on loopback (in this same process, sharing its cores),
// and the peak memory: the Go heap and the process's resident peak, both including the fake,
// which keeps every message it receives. It takes minutes, so it runs only when asked:
//
//	LOA_BENCH_NATIONAL=1000000 go test -run x -bench NationalScale -benchtime 1x -timeout 3h ./delivery
func BenchmarkNationalScale(b *testing.B) {
	members, _ := strconv.Atoi(os.Getenv("LOA_BENCH_NATIONAL"))
	if members <= 0 {
		b.Skip("set LOA_BENCH_NATIONAL=1000000 to run (minutes)")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(loa.DefaultGCPercent)) // as `loa serve` runs
	ctx := context.Background()
	db := storetest.Open(b, store.Postgres)
	seeding := time.Now()
	seedNational(b, db, members)
	b.Logf("%d members seeded in %s", members, time.Since(seeding).Round(time.Millisecond))
	fake := tgfake.New(b, token)
	d := delivery.New(db, newMessenger(b, fake), delivery.Options{GlobalRate: -1, PerChatInterval: time.Nanosecond, Batch: 500, Concurrency: 64})

	var peakHeap atomic.Uint64
	stopSampling := sampleHeap(&peakHeap)
	defer stopSampling()
	b.ResetTimer()
	start := time.Now()
	n, err := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Thông báo toàn quốc", Audience: loa.Audience{All: true}})
	if err != nil || n.Recipients != members {
		b.Fatalf("%v, %d recipients", err, n.Recipients)
	}
	fanOut := time.Since(start)
	b.Logf("fan-out of %d deliveries: %s; sending…", members, fanOut.Round(time.Millisecond))
	start = time.Now()
	stop := runDispatcher(b, d)
	d.Wake()
	waitSendsWithin(b, fake, members, 2*time.Hour)
	sending := time.Since(start)
	stop()
	b.StopTimer()
	b.ReportMetric(fanOut.Seconds(), "s-fan-out")
	b.ReportMetric(sending.Seconds(), "s-sending")
	b.ReportMetric(float64(members)/sending.Seconds(), "msgs/s")
	b.ReportMetric(float64(peakHeap.Load())/(1<<20), "MB-peak-heap")
	b.ReportMetric(float64(residentPeak())/(1<<10), "MB-peak-rss")
}

// seedNational adds n active members in one statement: the server generates them.
func seedNational(b *testing.B, db *store.DB, n int) {
	b.Helper()
	ctx := context.Background()
	if err := db.SyncCatalog(ctx, loa.Catalog{Topics: []loa.Topic{{Key: "tin-tuc", NameVI: "Tin tức"}},
		Units: []loa.CatalogUnit{{Key: "vn", Name: "Toàn quốc", Kind: loa.UnitDistrict}}}); err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO chats (id, type, title, role, status, lang, unit_id, created_at, updated_at)
		SELECT 1000000 + g, 'private', 'M' || g, 'officer', 'active', 'vi', (SELECT id FROM units WHERE key = 'vn'), now(), now()
		FROM generate_series(0, $1 - 1) g`, n); err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
}

// sampleHeap records the largest live heap seen, five times a second, until stopped.
func sampleHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	stopped := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(stopped)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-stopped }
}

// residentPeak is the process's peak resident memory in KiB (VmHWM), 0 where unknown.
func residentPeak() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}
