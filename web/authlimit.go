package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/loa-vn/loa"
)

// failedAuth slows down addresses that keep failing authentication and writes one audit row
// per address a minute, counting the attempts, instead of one row per request: a scan of the
// API must neither fill the audit log nor guess tokens at network speed.
type failedAuth struct {
	mu    sync.Mutex
	addrs map[string]*failures
}

type failures struct {
	limit   *rate.Limiter // 10 at once, then one every 6 s
	count   int           // attempts since the last audit row
	audited time.Time
}

// auditEvery is how often one address's failed attempts are written to the audit log.
const auditEvery = time.Minute

// record counts a failed attempt from r's address. It returns whether the address is over its
// limit (answer 429), and the audit entry to write now, if any.
func (f *failedAuth) record(r *http.Request, now time.Time) (limited bool, entry *loa.AuditEntry) {
	addr, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		addr = r.RemoteAddr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.addrs == nil || len(f.addrs) > 10_000 {
		f.addrs = map[string]*failures{} // forgetting only lets a scanner start over slowly
	}
	st := f.addrs[addr]
	if st == nil {
		st = &failures{limit: rate.NewLimiter(rate.Every(6*time.Second), 10)}
		f.addrs[addr] = st
	}
	st.count++
	if now.Sub(st.audited) >= auditEvery {
		entry = &loa.AuditEntry{Actor: "api:" + addr, Action: "api.auth", Target: r.Method + " " + r.URL.Path,
			Detail: fmt.Sprintf("%d failed attempt(s) in the last minute", st.count), Allowed: false}
		st.count, st.audited = 0, now
	}
	return !st.limit.AllowN(now, 1), entry
}

// audit writes entry when there is one; a failure to write it is the store's to report.
func (a *API) auditFailure(ctx context.Context, entry *loa.AuditEntry) {
	if entry != nil {
		a.trail().Record(ctx, *entry)
	}
}
