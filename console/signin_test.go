package console

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/throttle"
)

// oneLink is the sessions part with one valid sign-in link.
type oneLink struct {
	memSessions
	token string
	user  int64
}

func (o oneLink) UseSignInLink(_ context.Context, token string, _ time.Time) (int64, error) {
	if token == o.token {
		return o.user, nil
	}
	return 0, loa.ErrLinkUsed
}

// TestLimitedAddressIsRefusedEvenWithAValidLink: past its free failures an address waits,
// refused whatever it sends, a valid link included; after the delay the link signs in.
func TestLimitedAddressIsRefusedEvenWithAValidLink(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	id := func(n int64) *int64 { return &n }
	c := New(Options{Now: func() time.Time { return now }})
	c.sessions = oneLink{memSessions: memSessions{sessions: map[string]loa.ConsoleSession{}}, token: "the-valid-link", user: 501}
	c.units = memUnits{{ID: 1, Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict},
		{ID: 3, Key: "chqs", Name: "Ban CHQS thị xã", Kind: loa.UnitMilitary, ParentID: id(1)}}
	c.people = &memPeople{chats: map[int64]loa.Chat{
		501: {ID: 501, Type: "private", Title: "Trưởng ban", Role: loa.RoleLeader, Status: loa.StatusActive, UnitID: id(3)}}}
	audits := &memAudits{}
	c.audits, c.audit.Auditor = audits, audits
	h := c.Handler()
	post := func(token string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/console/signin", strings.NewReader(url.Values{"token": {token}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	for i := range throttle.DefaultFree + 1 {
		if w := post("made-up-" + string(rune('a'+i))); w.Code != http.StatusUnauthorized {
			t.Fatalf("made-up link %d: %d", i, w.Code)
		}
	}
	w := post("the-valid-link")
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "1" {
		t.Fatalf("a valid link from a limited address: %d (Retry-After %q), want 429 after 1 s", w.Code, w.Header().Get("Retry-After"))
	}
	now = now.Add(throttle.DefaultBase)
	if w := post("the-valid-link"); w.Code != http.StatusSeeOther {
		t.Fatalf("the valid link once the delay passed: %d, want 303", w.Code)
	}
}
