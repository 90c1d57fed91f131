package console

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

// TestMiniAppSignInIsSingleUse: a Mini App's initData signs in once; the same value again is
// refused, and data older than a sign-in link's life is refused too.
func TestMiniAppSignInIsSingleUse(t *testing.T) {
	const token = "123456:TOKEN"
	now := time.Unix(1_800_000_000, 0)
	id := func(n int64) *int64 { return &n }
	c := New(Options{BotToken: token, Now: func() time.Time { return now }})
	c.sessions = memSessions{sessions: map[string]loa.ConsoleSession{}}
	c.units = memUnits{{ID: 1, Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict},
		{ID: 3, Key: "chqs", Name: "Ban CHQS thị xã", Kind: loa.UnitMilitary, ParentID: id(1)}}
	c.people = &memPeople{chats: map[int64]loa.Chat{
		501: {ID: 501, Type: "private", Title: "Trưởng ban", Role: loa.RoleLeader, Status: loa.StatusActive, UnitID: id(3)}}}
	audits := &memAudits{}
	c.audits, c.audit.Auditor = audits, audits
	h := c.Handler()
	post := func(data string) int {
		r := httptest.NewRequest(http.MethodPost, "/console/app", strings.NewReader(url.Values{"init_data": {data}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	fields := func(at time.Time) url.Values {
		return url.Values{"auth_date": {strconv.FormatInt(at.Unix(), 10)}, "user": {`{"id":501}`}, "query_id": {"AAE"}}
	}
	fresh := signed(fields(now.Add(-time.Minute)), token)
	if code := post(fresh); code != http.StatusSeeOther {
		t.Fatalf("fresh initData: %d, want 303", code)
	}
	if code := post(fresh); code != http.StatusUnauthorized {
		t.Fatalf("the same initData again: %d, want 401", code)
	}
	if code := post(signed(fields(now.Add(-loa.SignInLinkTTL-time.Minute)), token)); code != http.StatusUnauthorized {
		t.Fatalf("initData older than a sign-in link lives: %d, want 401", code)
	}
}
