package throttle_test

import (
	"context"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/throttle"
)

type memAudit struct {
	mu      sync.Mutex
	entries []loa.AuditEntry
}

func (m *memAudit) Audit(_ context.Context, e loa.AuditEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries = append(m.entries, e)
	return nil
}
func (m *memAudit) AuditLog(context.Context, time.Time) ([]loa.AuditEntry, error) { return nil, nil }

func attempt(th *throttle.Throttle, audit *memAudit, addr, credential string) throttle.Attempt {
	r := httptest.NewRequest("GET", "/api/v1/notices/1", nil)
	r.RemoteAddr = addr + ":5000"
	return th.Attempt(r, credential, loa.AuditTrail{Auditor: audit}, loa.AuditEntry{Actor: "api:", Action: "api.auth"})
}

// TestDelayDoublesAndRefusesEverything: past the free failures an address waits a delay that
// doubles with each further failure, and while it waits it is refused whatever it sends; once
// the delay has passed it may try again.
func TestDelayDoublesAndRefusesEverything(t *testing.T) {
	ctx := context.Background()
	th := &throttle.Throttle{}
	audit := &memAudit{}
	now := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	var waits []time.Duration
	for i := range throttle.DefaultFree + 4 {
		if i > 0 {
			now = now.Add(waits[i-1])
		}
		a := attempt(th, audit, "203.0.113.7", "guess-"+string(rune('a'+i)))
		if wait := th.Refused(ctx, a, now); wait > 0 {
			t.Fatalf("attempt %d refused before it failed", i)
		}
		waits = append(waits, th.Fail(ctx, a, now))
	}
	want := []time.Duration{0, 0, 0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("delays %v, want %v", waits, want)
		}
	}
	// Locked for 8 s: even the right token is refused, and asking does not lengthen the wait.
	right := attempt(th, audit, "203.0.113.7", "the-right-token")
	for range 100 {
		if wait := th.Refused(ctx, right, now.Add(time.Second)); wait != 7*time.Second {
			t.Fatalf("a limited address with the right token: wait %v, want 7s", wait)
		}
	}
	if wait := th.Refused(ctx, right, now.Add(8*time.Second)); wait != 0 {
		t.Fatalf("after its delay the address is still refused for %v", wait)
	}
	// Another address is not held back by this one.
	if wait := th.Refused(ctx, attempt(th, audit, "198.51.100.1", "x"), now); wait != 0 {
		t.Fatalf("another address is refused for %v", wait)
	}
}

// TestCredentialIsLimitedAcrossAddresses: one credential tried from many addresses is limited
// like one address.
func TestCredentialIsLimitedAcrossAddresses(t *testing.T) {
	ctx := context.Background()
	th := &throttle.Throttle{}
	audit := &memAudit{}
	now := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	for i := range throttle.DefaultFree + 1 {
		th.Fail(ctx, attempt(th, audit, "192.0.2."+string(rune('1'+i)), "stolen-and-revoked-token"), now)
	}
	if wait := th.Refused(ctx, attempt(th, audit, "192.0.2.200", "stolen-and-revoked-token"), now); wait == 0 {
		t.Fatal("a credential that failed from six addresses is not limited from a seventh")
	}
}

// TestAuditCountsEveryFailureOfTheWindow: a burst of 2,000 failures is one audit row saying
// 2,000, written when its window closes even if nothing follows.
func TestAuditCountsEveryFailureOfTheWindow(t *testing.T) {
	ctx := context.Background()
	th := &throttle.Throttle{}
	audit := &memAudit{}
	start := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	refused := 0
	for i := range 2000 {
		a := attempt(th, audit, "203.0.113.9", "guess")
		now := start.Add(time.Duration(i) * time.Millisecond)
		if th.Refused(ctx, a, now) > 0 {
			refused++
			continue
		}
		th.Fail(ctx, a, now)
	}
	if len(audit.entries) != 0 {
		t.Fatalf("rows written before the window closed: %+v", audit.entries)
	}
	th.Flush(ctx, start.Add(throttle.AuditEvery))
	if len(audit.entries) != 1 {
		t.Fatalf("%d audit rows for one address's burst, want 1", len(audit.entries))
	}
	e := audit.entries[0]
	failed := 2000 - refused
	if e.Allowed || e.Actor != "api:203.0.113.9" || !strings.HasPrefix(e.Detail, itoa(failed)+" failed attempt(s) and "+itoa(refused)+" refused") {
		t.Fatalf("audit row %+v, want %d failed and %d refused", e, failed, refused)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestForwardedForOnlyFromTrustedProxies: behind a trusted proxy the client is the address
// the proxy saw; from anyone else X-Forwarded-For is ignored, so a client cannot pick its
// own address.
func TestForwardedForOnlyFromTrustedProxies(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	cases := []struct{ peer, forwarded, want string }{
		{"10.0.0.5:443", "198.51.100.7", "198.51.100.7"},
		{"10.0.0.5:443", "1.2.3.4, 198.51.100.7", "198.51.100.7"},  // the client wrote 1.2.3.4 itself
		{"10.0.0.5:443", "198.51.100.7, 10.0.0.9", "198.51.100.7"}, // two proxies
		{"10.0.0.5:443", "", "10.0.0.5"},
		{"10.0.0.5:443", "garbage", "10.0.0.5"},
		{"203.0.113.1:443", "198.51.100.7", "203.0.113.1"}, // not a proxy of ours
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		if c.forwarded != "" {
			r.Header.Set("X-Forwarded-For", c.forwarded)
		}
		if got := throttle.ClientAddr(r, proxies); got != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q: client %s, want %s", c.peer, c.forwarded, got, c.want)
		}
	}
}
