// Package throttle refuses clients that keep failing to authenticate (the HTTP API's tokens,
// the console's sign-in links and Mini App data), per address and per credential, for a
// delay that doubles with every further failure; and it writes one audit row per address and
// window counting every attempt in it, so a scan neither guesses secrets at network speed nor
// fills the audit log, and a burst of thousands is audited as thousands.
package throttle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa"
)

// AuditEvery is the window of one address's audit row.
const AuditEvery = time.Minute

// maxWindows bounds the addresses audited separately in one window.
const maxWindows = 10_000

// Defaults of a Throttle's zero value.
const (
	DefaultFree = 5                // failures before any delay
	DefaultBase = time.Second      // the first delay; each further failure doubles it
	DefaultMax  = 15 * time.Minute // the longest delay
)

// Throttle counts failures per client address and per credential. A client past its free
// failures is refused whatever it sends until its delay has passed. The zero value is ready;
// set Proxies to read addresses behind reverse proxies.
type Throttle struct {
	// Proxies are the reverse proxies whose X-Forwarded-For names the client.
	Proxies []netip.Prefix
	Free    int
	Base    time.Duration
	Max     time.Duration

	mu      sync.Mutex
	delays  map[string]*delay  // by "addr:…" and "cred:…"
	windows map[string]*window // audit rows in the making, by address
	flusher *time.Timer
}

type delay struct {
	failures int
	until    time.Time // refused before this
	last     time.Time
}

// window is one address's audit row in the making.
type window struct {
	start           time.Time
	failed, refused int
	trail           loa.AuditTrail
	entry           loa.AuditEntry
}

// Attempt is one request to check: where it came from and what it presented.
type Attempt struct {
	Addr string // ClientAddr of the request
	// Credential is the secret presented (a token, a link), or "" when none; only its hash is
	// kept, as a key.
	Credential string
	// Trail and Entry make the audit row: Entry's actor gets the address appended.
	Trail loa.AuditTrail
	Entry loa.AuditEntry
}

// Attempt describes a request for Refused and Fail.
func (t *Throttle) Attempt(r *http.Request, credential string, trail loa.AuditTrail, entry loa.AuditEntry) Attempt {
	return Attempt{Addr: ClientAddr(r, t.Proxies), Credential: credential, Trail: trail, Entry: entry}
}

// Refused reports how long the client must still wait (0: it may try). A refused attempt is
// counted in the address's audit row but does not lengthen the wait, so the client gets in
// once its window passes.
func (t *Throttle) Refused(ctx context.Context, a Attempt, now time.Time) time.Duration {
	t.mu.Lock()
	wait := max(t.wait("addr:"+a.Addr, now), t.wait(credKey(a.Credential), now))
	var due *window
	if wait > 0 {
		due = t.count(a, now, false)
	}
	t.mu.Unlock()
	write(ctx, due)
	return wait
}

// Fail counts a failed attempt and returns the delay it now imposes (0: still free).
func (t *Throttle) Fail(ctx context.Context, a Attempt, now time.Time) time.Duration {
	t.mu.Lock()
	wait := t.fail("addr:"+a.Addr, now)
	if a.Credential != "" {
		wait = max(wait, t.fail(credKey(a.Credential), now))
	}
	due := t.count(a, now, true)
	t.mu.Unlock()
	write(ctx, due)
	return wait
}

// Flush writes every audit row whose window has closed by now. A timer calls it a window
// after the first failure, so a burst that then stops is still written whole.
func (t *Throttle) Flush(ctx context.Context, now time.Time) {
	t.mu.Lock()
	var due []*window
	for addr, w := range t.windows {
		if !now.Before(w.start.Add(AuditEvery)) {
			due = append(due, w)
			delete(t.windows, addr)
		}
	}
	t.mu.Unlock()
	for _, w := range due {
		write(ctx, w)
	}
}

func credKey(credential string) string {
	if credential == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(credential))
	return "cred:" + hex.EncodeToString(sum[:12])
}

func (t *Throttle) wait(key string, now time.Time) time.Duration {
	if d := t.delays[key]; d != nil && now.Before(d.until) {
		return d.until.Sub(now)
	}
	return 0
}

// fail counts a failure under key and returns the delay it imposes. A key quiet for twice
// the longest delay starts over.
func (t *Throttle) fail(key string, now time.Time) time.Duration {
	free, base, longest := t.Free, t.Base, t.Max
	if free <= 0 {
		free = DefaultFree
	}
	if base <= 0 {
		base = DefaultBase
	}
	if longest <= 0 {
		longest = DefaultMax
	}
	if t.delays == nil || len(t.delays) > 100_000 {
		t.delays = map[string]*delay{} // forgetting only lets a scanner start over, slowly
	}
	d := t.delays[key]
	if d == nil || now.Sub(d.last) > 2*longest {
		d = &delay{}
		t.delays[key] = d
	}
	d.failures++
	d.last = now
	if d.failures <= free {
		return 0
	}
	wait := longest
	if shift := d.failures - free - 1; shift < 30 && base<<shift < longest {
		wait = base << shift
	}
	d.until = now.Add(wait)
	return wait
}

// count adds an attempt to the address's audit window; it returns a closed window to write.
func (t *Throttle) count(a Attempt, now time.Time, failed bool) (due *window) {
	if t.windows == nil {
		t.windows = map[string]*window{}
	}
	if _, known := t.windows[a.Addr]; !known && len(t.windows) >= maxWindows {
		a.Addr = "many addresses" // a scan from a whole network is one row, not one per address
	}
	w := t.windows[a.Addr]
	if w != nil && !now.Before(w.start.Add(AuditEvery)) {
		due, w = w, nil
	}
	if w == nil {
		w = &window{start: now, trail: a.Trail, entry: a.Entry}
		w.entry.Actor += a.Addr
		t.windows[a.Addr] = w
		if t.flusher == nil {
			t.flusher = time.AfterFunc(AuditEvery, t.flushLater)
		}
	}
	if failed {
		w.failed++
	} else {
		w.refused++
	}
	return due
}

// flushLater writes the windows closed by now and waits for the others.
func (t *Throttle) flushLater() {
	t.Flush(context.Background(), time.Now())
	t.mu.Lock()
	defer t.mu.Unlock()
	t.flusher = nil
	if len(t.windows) > 0 {
		t.flusher = time.AfterFunc(AuditEvery, t.flushLater)
	}
}

func write(ctx context.Context, w *window) {
	if w == nil {
		return
	}
	e := w.entry
	e.Allowed = false
	e.Detail = fmt.Sprintf("%d failed attempt(s) and %d refused while limited, in the minute from %s",
		w.failed, w.refused, w.start.UTC().Format(time.RFC3339))
	w.trail.Record(ctx, e)
}

// ClientAddr is the address of the client that made r: the connection's peer, or, when the
// peer is one of the trusted proxies, the nearest address in X-Forwarded-For that is not one.
func ClientAddr(r *http.Request, proxies []netip.Prefix) string {
	peer := r.RemoteAddr
	if host, _, err := net.SplitHostPort(peer); err == nil {
		peer = host
	}
	if !trusted(peer, proxies) {
		return peer
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(h, ",") {
			if hop = strings.TrimSpace(hop); hop != "" {
				hops = append(hops, hop)
			}
		}
	}
	// From the right: each trusted proxy added the address it saw; the first it did not trust
	// is the client. Anything further left was written by the client itself.
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(hops[i])
		if err != nil {
			return peer // a garbled header: the proxy is the best we know
		}
		if !trusted(addr.String(), proxies) || i == 0 {
			return addr.String()
		}
	}
	return peer
}

func trusted(addr string, proxies []netip.Prefix) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
