package console_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/console"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

const benchAdmin = 900

// seedDistrict fills a database as a large district would: 100,000 members spread over every
// unit of the sample catalogue, 1,000 notices (one to everybody, the others to ten people each),
// their deliveries sent and a third acknowledged.
func seedDistrict(b *testing.B, db *store.DB) {
	b.Helper()
	ctx := context.Background()
	cfg, err := config.Load("", func(string) string { return "" }, false)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.SyncCatalog(ctx, cfg.Units); err != nil {
		b.Fatal(err)
	}
	units, _ := db.Units(ctx)
	now := time.Now().UTC()
	x := db.SQL()
	const members, chunk = 100_000, 500
	for start := 0; start < members; start += chunk {
		var rows []string
		var args []any
		for i := start; i < start+chunk; i++ {
			rows = append(rows, "(?, 'private', ?, ?, 'officer', 'active', 'vi', ?, ?)")
			args = append(args, int64(1_000_000+i), fmt.Sprint("Cán bộ ", i), units[i%len(units)].ID, now, now)
		}
		if _, err := x.Exec(x.Rebind(`INSERT INTO chats (id, type, title, unit_id, role, status, lang, created_at, updated_at) VALUES `+strings.Join(rows, ",")), args...); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Thông báo toàn thị xã", RequiresAck: true, Audience: loa.Audience{All: true}}); err != nil {
		b.Fatal(err)
	}
	for i := 1; i < 1000; i++ {
		var chats []int64
		for j := range 10 {
			chats = append(chats, int64(1_000_000+(i*10+j)%members))
		}
		if _, err := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: fmt.Sprint("Thông báo số ", i), RequiresAck: true,
			Audience: loa.Audience{Chats: chats}}); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := x.Exec(x.Rebind(`UPDATE deliveries SET status = 'sent', sent_at = ?`), now); err != nil {
		b.Fatal(err)
	}
	if _, err := x.Exec(x.Rebind(`UPDATE deliveries SET ack_at = ? WHERE id % 3 = 0`), now); err != nil {
		b.Fatal(err)
	}
	if db.Driver() == store.Postgres {
		if _, err := x.Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConsolePages renders each page for an administrator of a district with 100,000
// members and 1,000 notices; notice 1 went to all 100,000. Every page must stay under 100 ms.
func BenchmarkConsolePages(b *testing.B) {
	for _, driver := range storetest.Drivers {
		b.Run(driver, func(b *testing.B) {
			db := storetest.Open(b, driver)
			seedDistrict(b, db)
			ctx := context.Background()
			if err := db.CreateSession(ctx, "bench-session", loa.ConsoleSession{UserID: benchAdmin, CSRF: "c", CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
				b.Fatal(err)
			}
			h := console.New(console.Options{Store: db, Admins: []int64{benchAdmin}}).Handler()
			for _, page := range []string{"/console/", "/console/notices", "/console/notices/1", "/console/notices/1/counts", "/console/notices/500", "/console/members", "/console/directory", "/console/directory?q=c%C3%A1n+b%E1%BB%99+99", "/console/units", "/console/notices/count?unit=dong-nai/ptkv-4", "/console/events", "/console/audit"} {
				b.Run(strings.ReplaceAll(strings.Trim(page, "/"), "/", "_"), func(b *testing.B) {
					for b.Loop() {
						req := httptest.NewRequest(http.MethodGet, page, nil)
						req.AddCookie(&http.Cookie{Name: "loa_session", Value: "bench-session"})
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, req)
						if rec.Code != http.StatusOK {
							b.Fatalf("%s: %d\n%s", page, rec.Code, rec.Body)
						}
					}
				})
			}
		})
	}
}
