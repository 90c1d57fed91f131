package console_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/console"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// A district with two communes; the leader of Minh Thắng's military command manages Minh
// Thắng (their scope) and nothing of Hưng Long or of the district above.
const (
	scopeLeader   = int64(100)
	districtChief = int64(101)
)

func scopeDistrict(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.SyncCatalog(ctx, loa.Catalog{Units: []loa.CatalogUnit{{Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict},
		{Key: "mt", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, Parent: "tx"}, {Key: "mt/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, Parent: "mt"},
		{Key: "hl", Name: "Phường Hưng Long", Kind: loa.UnitWard, Parent: "tx"}}}); err != nil {
		t.Fatal(err)
	}
	members := []loa.MemberImport{
		{ChatID: scopeLeader, Name: "Trưởng ban Minh Thắng", UnitKey: "mt/chqs", Role: loa.RoleLeader},
		{ChatID: districtChief, Name: "Chỉ huy trưởng thị xã", UnitKey: "tx", Role: loa.RoleLeader},
	}
	for _, unit := range []string{"mt", "hl"} {
		for _, status := range []string{loa.StatusActive, loa.StatusPending} {
			for k := range 4 { // one chat per action that changes them
				members = append(members, loa.MemberImport{ChatID: scopeChat(unit, status, k), Name: "Cán bộ", UnitKey: unit, Role: loa.RoleOfficer, Status: status})
			}
		}
	}
	for i := range members {
		members[i].Line = i + 1
	}
	if err := db.ImportMembers(ctx, members); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateSession(ctx, "leader", loa.ConsoleSession{UserID: scopeLeader, CSRF: "csrf", CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
}

// scopeChat numbers the district's members: 2000s in Minh Thắng, 3000s in Hưng Long; +100
// pending.
func scopeChat(unit, status string, k int) int64 {
	id := int64(2000 + k)
	if unit == "hl" {
		id += 1000
	}
	if status == loa.StatusPending {
		id += 100
	}
	return id
}

func leaderRequest(h http.Handler, method, path, contentType string, body *bytes.Buffer) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	r.AddCookie(&http.Cookie{Name: "loa_session", Value: "leader"})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func postForm(h http.Handler, path string, form url.Values) *httptest.ResponseRecorder {
	form.Set("csrf", "csrf")
	return leaderRequest(h, http.MethodPost, path, "application/x-www-form-urlencoded", bytes.NewBufferString(form.Encode()))
}

func postImport(h http.Handler, csv string) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", "csrf")
	f, _ := mw.CreateFormFile("file", "thanh-vien.csv")
	f.Write([]byte("chat_id,name,unit,role,topics,status\n" + csv + "\n"))
	mw.Close()
	return leaderRequest(h, http.MethodPost, "/console/members/import", mw.FormDataContentType(), &body)
}

// TestConsoleWritesStayInTheLeadersScope is the console's table of every change a leader
// makes to members, each with a target in their scope (done) and one outside it (refused,
// nothing changed): imports look at where the member is now as well as at the row's unit.
func TestConsoleWritesStayInTheLeadersScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		scopeDistrict(t, db)
		ctx := context.Background()
		h := console.New(console.Options{Store: db, BotUsername: "loa_bot", Now: time.Now}).Handler()
		unitOf := func(id int64) string {
			c, err := db.Chat(ctx, id)
			if err != nil || c.UnitID == nil {
				return "none"
			}
			u, _ := db.UnitByID(ctx, *c.UnitID)
			return u.Key
		}
		chat := func(id int64) loa.Chat {
			c, _ := db.Chat(ctx, id)
			return c
		}
		ours, theirs := func(s string, k int) int64 { return scopeChat("mt", s, k) }, func(s string, k int) int64 { return scopeChat("hl", s, k) }
		itoa := func(id int64) string { return strconv.FormatInt(id, 10) }
		for _, tc := range []struct {
			action, target string
			allowed        bool
			do             func() *httptest.ResponseRecorder
			done           func() bool // the change is stored
		}{
			{"import", "a new member into the commune", true,
				func() *httptest.ResponseRecorder { return postImport(h, "5001,Dân quân mới,mt/chqs,militia") },
				func() bool { return unitOf(5001) == "mt/chqs" }},
			{"import", "a new member into another ward", false,
				func() *httptest.ResponseRecorder { return postImport(h, "5002,Dân quân mới,hl,militia") },
				func() bool { return unitOf(5002) != "none" }},
			{"import", "a member of the commune moved within it", true,
				func() *httptest.ResponseRecorder {
					return postImport(h, itoa(ours(loa.StatusActive, 0))+",Cán bộ,mt/chqs,militia")
				},
				func() bool { return unitOf(ours(loa.StatusActive, 0)) == "mt/chqs" }},
			{"import", "another ward's member moved into the commune", false,
				func() *httptest.ResponseRecorder {
					return postImport(h, itoa(theirs(loa.StatusActive, 0))+",Cán bộ,mt,militia")
				},
				func() bool { return unitOf(theirs(loa.StatusActive, 0)) != "hl" }},
			{"import", "the district's leader made the commune's militia", false,
				func() *httptest.ResponseRecorder {
					return postImport(h, itoa(districtChief)+",Chỉ huy trưởng,mt,militia")
				},
				func() bool {
					c := chat(districtChief)
					return unitOf(districtChief) != "tx" || c.Role != loa.RoleLeader
				}},
			{"import", "the commune's pending registration activated", true,
				func() *httptest.ResponseRecorder {
					return postImport(h, itoa(ours(loa.StatusPending, 0))+",Cán bộ,mt,officer,,active")
				},
				func() bool { return chat(ours(loa.StatusPending, 0)).Status == loa.StatusActive }},
			{"import", "another ward's pending registration activated", false,
				func() *httptest.ResponseRecorder {
					return postImport(h, itoa(theirs(loa.StatusPending, 0))+",Cán bộ,mt,officer,,active")
				},
				func() bool { return chat(theirs(loa.StatusPending, 0)).Status != loa.StatusPending }},
			{"import", "a file mixing both: nothing of it", false,
				func() *httptest.ResponseRecorder {
					return postImport(h, "5003,Dân quân mới,mt,militia\n"+itoa(theirs(loa.StatusActive, 1))+",Cán bộ,mt,militia")
				},
				func() bool { return unitOf(5003) != "none" || unitOf(theirs(loa.StatusActive, 1)) != "hl" }},
			{"approve", "the commune's registration", true,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/members/decide", url.Values{"decision": {"approve"}, "chat": {itoa(ours(loa.StatusPending, 1))}})
				},
				func() bool { return chat(ours(loa.StatusPending, 1)).Status == loa.StatusActive }},
			{"approve", "another ward's registration", false,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/members/decide", url.Values{"decision": {"approve"}, "chat": {itoa(theirs(loa.StatusPending, 1))}})
				},
				func() bool { return chat(theirs(loa.StatusPending, 1)).Status != loa.StatusPending }},
			{"reject", "the commune's registration", true,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/members/decide", url.Values{"decision": {"reject"}, "chat": {itoa(ours(loa.StatusPending, 2))}})
				},
				func() bool { return chat(ours(loa.StatusPending, 2)).Status == loa.StatusRejected }},
			{"reject", "another ward's registration", false,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/members/decide", url.Values{"decision": {"reject"}, "chat": {itoa(theirs(loa.StatusPending, 2))}})
				},
				func() bool { return chat(theirs(loa.StatusPending, 2)).Status != loa.StatusPending }},
			{"block", "a member of the commune", true,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/directory/block", url.Values{"chat": {itoa(ours(loa.StatusActive, 2))}})
				},
				func() bool { return chat(ours(loa.StatusActive, 2)).Status == loa.StatusBlocked }},
			{"block", "another ward's member", false,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/directory/block", url.Values{"chat": {itoa(theirs(loa.StatusActive, 2))}})
				},
				func() bool { return chat(theirs(loa.StatusActive, 2)).Status != loa.StatusActive }},
			{"block", "the district's leader", false,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/directory/block", url.Values{"chat": {itoa(districtChief)}})
				},
				func() bool { return chat(districtChief).Status != loa.StatusActive }},
			{"invite", "into the commune's military command", true,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/invites", url.Values{"unit": {"mt/chqs"}, "role": {"militia"}, "uses": {"5"}, "hours": {"24"}})
				},
				nil},
			{"invite", "into another ward", false,
				func() *httptest.ResponseRecorder {
					return postForm(h, "/console/invites", url.Values{"unit": {"hl"}, "role": {"militia"}, "uses": {"5"}, "hours": {"24"}})
				},
				nil},
		} {
			w := tc.do()
			var done bool
			if tc.done != nil {
				done = tc.done()
			} else { // an invite shows its link, or is forbidden
				done = w.Code == http.StatusOK && strings.Contains(w.Body.String(), "t.me/loa_bot?start=")
			}
			if done != tc.allowed {
				t.Errorf("%s %s: done %v, want %v (answer %d)", tc.action, tc.target, done, tc.allowed, w.Code)
			}
		}
	})
}

// A leader's calendar page and overview show the events of their scope, never another
// commune's; an administrator sees both.
func TestALeadersCalendarShowsTheirScopeOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		scopeDistrict(t, db)
		ctx := context.Background()
		now := time.Now()
		for _, e := range []loa.Event{
			{Kind: loa.EventDrill, Title: "Diễn tập phòng thủ xã Minh Thắng", Audience: loa.Audience{Units: []string{"mt"}}},
			{Kind: loa.EventMeeting, Title: "Họp dân quân phường Hưng Long", Audience: loa.Audience{Units: []string{"hl"}}},
		} {
			e.Start, e.Status, e.UpdatedAt = now.Add(48*time.Hour), loa.EventScheduled, now
			if _, err := db.SaveEvent(ctx, e, nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CreateSession(ctx, "admin", loa.ConsoleSession{UserID: 1, CSRF: "csrf", CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		h := console.New(console.Options{Store: db, Admins: []int64{1}, Now: func() time.Time { return now }}).Handler()
		for _, page := range []string{"/console/events", "/console/"} {
			w := leaderRequest(h, http.MethodGet, page, "", &bytes.Buffer{})
			if body := w.Body.String(); w.Code != http.StatusOK || !strings.Contains(body, "Diễn tập phòng thủ xã Minh Thắng") || strings.Contains(body, "Hưng Long") {
				t.Errorf("the leader's %s (%d) shows another ward's event or not their own", page, w.Code)
			}
			r := httptest.NewRequest(http.MethodGet, page, nil)
			r.AddCookie(&http.Cookie{Name: "loa_session", Value: "admin"})
			w = httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if body := w.Body.String(); !strings.Contains(body, "Minh Thắng") || !strings.Contains(body, "Hưng Long") {
				t.Errorf("the administrator's %s (%d) misses an event", page, w.Code)
			}
		}
	})
}
