package console

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
)

// The console's pages are tested here through the narrow parts of the store they use, faked
// in memory; the store is tested on both databases (store package) and every page again in a
// real browser (cmd/loa).

type memSessions struct{ sessions map[string]loa.ConsoleSession }

func (m memSessions) CreateSignInLink(context.Context, string, int64, time.Time) error { return nil }
func (m memSessions) UseSignInLink(context.Context, string, time.Time) (int64, error) {
	return 0, loa.ErrNotFound
}
func (m memSessions) CreateSession(_ context.Context, id string, s loa.ConsoleSession) error {
	m.sessions[id] = s
	return nil
}
func (m memSessions) Session(_ context.Context, id string, _ time.Time) (loa.ConsoleSession, error) {
	s, ok := m.sessions[id]
	if !ok {
		return s, loa.ErrNotFound
	}
	return s, nil
}
func (m memSessions) UseInitData(_ context.Context, hash string, expires, _ time.Time) error {
	// Spent initData is kept beside the sessions, under a key no session ID has.
	if _, used := m.sessions["initdata "+hash]; used {
		return loa.ErrLinkUsed
	}
	m.sessions["initdata "+hash] = loa.ConsoleSession{ExpiresAt: expires}
	return nil
}
func (m memSessions) DeleteSession(_ context.Context, id string) error {
	delete(m.sessions, id)
	return nil
}

type memUnits []loa.Unit

func (u memUnits) Units(context.Context) ([]loa.Unit, error)               { return u, nil }
func (u memUnits) Topics(context.Context) ([]loa.Topic, error)             { return nil, nil }
func (u memUnits) UnitMemberCounts(context.Context) (map[int64]int, error) { return nil, nil }
func (u memUnits) UnitByID(_ context.Context, id int64) (loa.Unit, error) {
	for _, x := range u {
		if x.ID == id {
			return x, nil
		}
	}
	return loa.Unit{}, loa.ErrNotFound
}
func (u memUnits) UnitByKey(_ context.Context, key string) (loa.Unit, error) {
	for _, x := range u {
		if x.Key == key {
			return x, nil
		}
	}
	return loa.Unit{}, loa.ErrNotFound
}

type memPeople struct {
	mu    sync.Mutex
	chats map[int64]loa.Chat
}

func (m *memPeople) Chat(_ context.Context, id int64) (loa.Chat, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.chats[id]
	if !ok {
		return c, loa.ErrNotFound
	}
	return c, nil
}
func (m *memPeople) ListChats(_ context.Context, f loa.ChatFilter) ([]loa.Chat, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []loa.Chat
	for _, c := range m.chats {
		if f.Status == "" || c.Status == f.Status {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b loa.Chat) int { return int(a.ID - b.ID) })
	return out, nil
}
func (m *memPeople) SetChatStatus(_ context.Context, id int64, status string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.chats[id]
	c.Status = status
	m.chats[id] = c
	return nil
}
func (m *memPeople) ImportMembersChecked(context.Context, []loa.MemberImport, loa.ImportCheck) error {
	return nil
}
func (m *memPeople) CreateInvite(context.Context, loa.Invite) error { return nil }

type memAudits struct {
	mu      sync.Mutex
	entries []loa.AuditEntry
}

func (a *memAudits) Audit(_ context.Context, e loa.AuditEntry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.entries = append(a.entries, e)
	return nil
}
func (a *memAudits) AuditLog(context.Context, time.Time) ([]loa.AuditEntry, error) { return nil, nil }

type toldDecisions struct{ told []int64 }

func (d *toldDecisions) NotifyDecision(_ context.Context, id int64) error {
	d.told = append(d.told, id)
	return nil
}

// A commune leader decides registrations in their commune only, however the form is forged,
// and only with the session's CSRF token; each refusal is audited.
func TestLeaderDecidesWithinScope(t *testing.T) {
	id := func(n int64) *int64 { return &n }
	units := memUnits{
		{ID: 1, Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict},
		{ID: 2, Key: "xa-minh-thang", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, ParentID: id(1)},
		{ID: 3, Key: "chqs-minh-thang", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, ParentID: id(2)},
		{ID: 4, Key: "xa-nha-bich", Name: "Xã Nha Bích", Kind: loa.UnitCommune, ParentID: id(1)},
	}
	const leader, ours, theirs = int64(10), int64(11), int64(12)
	people := &memPeople{chats: map[int64]loa.Chat{
		leader: {ID: leader, Type: "private", Title: "Trưởng ban", Role: loa.RoleLeader, Status: loa.StatusActive, UnitID: id(3)},
		ours:   {ID: ours, Type: "private", Title: "Dân quân A", Role: loa.RoleMilitia, Status: loa.StatusPending, UnitID: id(3)},
		theirs: {ID: theirs, Type: "private", Title: "Dân quân B", Role: loa.RoleMilitia, Status: loa.StatusPending, UnitID: id(4)},
	}}
	audits, told := &memAudits{}, &toldDecisions{}
	c := New(Options{Decisions: told, Now: time.Now})
	c.sessions = memSessions{sessions: map[string]loa.ConsoleSession{"s1": {UserID: leader, CSRF: "token-1"}}}
	c.units, c.people, c.audits = units, people, audits
	c.audit.Auditor = audits
	h := c.Handler()
	post := func(form url.Values) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/console/members/decide", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: "s1"})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}

	page := httptest.NewRecorder()
	get := httptest.NewRequest(http.MethodGet, "/console/members", nil)
	get.AddCookie(&http.Cookie{Name: sessionCookie, Value: "s1"})
	h.ServeHTTP(page, get)
	if body := page.Body.String(); page.Code != http.StatusOK || !strings.Contains(body, "Dân quân A") || strings.Contains(body, "Dân quân B") {
		t.Fatalf("the leader's list (%d) shows another commune's registration or not their own", page.Code)
	}

	if w := post(url.Values{"decision": {"approve"}, "chat": {"11"}}); w.Code != http.StatusForbidden {
		t.Errorf("a decision without the CSRF token answered %d", w.Code)
	}
	if w := post(url.Values{"decision": {"approve"}, "chat": {"11", "12"}, "csrf": {"token-1"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("the decision answered %d", w.Code)
	}
	if c, _ := people.Chat(context.Background(), ours); c.Status != loa.StatusActive {
		t.Errorf("the leader's own commune's member is %s", c.Status)
	}
	if c, _ := people.Chat(context.Background(), theirs); c.Status != loa.StatusPending {
		t.Errorf("another commune's member became %s", c.Status)
	}
	if len(told.told) != 1 || told.told[0] != ours {
		t.Errorf("told %v", told.told)
	}
	refused := 0
	for _, e := range audits.entries {
		if !e.Allowed {
			refused++
		}
	}
	if refused != 2 { // the missing token, the forged chat
		t.Errorf("audit %+v", audits.entries)
	}
}
