// Package throttle slows down addresses that keep failing to authenticate (the HTTP API's
// tokens, the console's sign-in links) and says when to write the next audit row about them,
// so a scan neither guesses secrets at network speed nor fills the audit log.
package throttle

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

// AuditEvery is how often one address's failed attempts are written to the audit log.
const AuditEvery = time.Minute

// Failures counts failed attempts per address. The zero value is ready.
type Failures struct {
	mu    sync.Mutex
	addrs map[string]*failures
}

type failures struct {
	limit   *rate.Limiter // 10 at once, then one every 6 s
	count   int           // attempts since the last audit row
	audited time.Time
}

// Fail counts a failed attempt from r's address and reports whether the address is over its
// limit (answer 429). Once a minute per address it writes entry to trail, its actor followed
// by the address and its detail counting the attempts since the last row.
func (f *Failures) Fail(ctx context.Context, r *http.Request, now time.Time, trail loa.AuditTrail, entry loa.AuditEntry) (limited bool) {
	addr, limited, attempts := f.record(r, now)
	if attempts > 0 {
		entry.Actor += addr
		entry.Detail = fmt.Sprintf("%d failed attempt(s) in the last minute", attempts)
		entry.Allowed = false
		trail.Record(ctx, entry)
	}
	return limited
}

// record counts a failed attempt from r's address. limited says the address is over its limit;
// when audit is above zero, that many attempts since the last row are to be written now.
func (f *Failures) record(r *http.Request, now time.Time) (addr string, limited bool, audit int) {
	addr = Addr(r)
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
	if now.Sub(st.audited) >= AuditEvery {
		audit = st.count
		st.count, st.audited = 0, now
	}
	return addr, !st.limit.AllowN(now, 1), audit
}

// Limited reports whether an address is over its limit without counting an attempt.
func (f *Failures) Limited(r *http.Request, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := f.addrs[Addr(r)]
	return st != nil && st.limit.TokensAt(now) < 1
}

// Addr is the request's remote address without its port.
func Addr(r *http.Request) string {
	addr, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return addr
}
