package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/throttle"
	"github.com/loa-vn/loa/web"
)

const (
	fullToken   = "full-token-0123456789"
	communeTok  = "commune-token-0123456789"
	readerToken = "reader-token-0123456789"
	storedToken = "stored-token-0123456789"
)

// apiServer serves the API on a SQLite store with a commune (mt) and a ward (hl), a leader
// in each, a pending registration and an approved group in mt, and four clients: one with
// every right, one for commune mt (create, read and cancel its own), one that only reads, and
// one made in the database for ward hl.
func apiServer(t *testing.T) (*httptest.Server, *store.DB) {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, "sqlite")
	err := db.SyncCatalog(ctx, loa.Catalog{Topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập"}},
		Units: []loa.CatalogUnit{{Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict}, {Key: "mt", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, Parent: "tx"},
			{Key: "mt/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, Parent: "mt"}, {Key: "hl", Name: "Phường Hưng Long", Kind: loa.UnitWard, Parent: "tx"},
			{Key: "hl/chqs", Name: "Ban CHQS phường Hưng Long", Kind: loa.UnitMilitary, Parent: "hl"}}})
	if err != nil {
		t.Fatal(err)
	}
	err = db.ImportMembers(ctx, []loa.MemberImport{
		{Line: 1, ChatID: 501, Name: "Nguyễn Văn A", UnitKey: "mt/chqs", Role: loa.RoleLeader, Topics: []string{"dien-tap"}},
		{Line: 2, ChatID: 502, Name: "Trần Văn B", UnitKey: "hl/chqs", Role: loa.RoleLeader, Topics: []string{"dien-tap"}},
		{Line: 3, ChatID: 503, Name: "Lê Văn C", UnitKey: "mt/chqs", Role: loa.RoleMilitia, Status: loa.StatusPending},
		{Line: 4, ChatID: -100500, Name: "Nhóm Ban CHQS xã", UnitKey: "mt/chqs", Role: loa.RoleGroup},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAPIToken(ctx, loa.APIClient{Name: "ward", Units: []string{"hl"}, Rights: []string{loa.RightCreate, loa.RightRead},
		CreatedAt: time.Now()}, storedToken); err != nil {
		t.Fatal(err)
	}
	api := &web.API{Store: db, Location: time.UTC, Proxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		Clients: map[string]loa.APIClient{
			fullToken:   {Name: "full", Rights: loa.APIRights},
			communeTok:  {Name: "commune", Units: []string{"mt"}, Rights: []string{loa.RightCreate, loa.RightRead, loa.RightCancel}},
			readerToken: {Name: "reader", Rights: []string{loa.RightReadAll}},
		}}
	srv := httptest.NewServer(web.Handler(web.Options{Ping: db.Ping, Gatherer: prometheus.NewRegistry(), API: api}))
	t.Cleanup(srv.Close)
	return srv, db
}

type answer struct {
	status int
	body   map[string]any
	raw    string
}

func send(t *testing.T, srv *httptest.Server, method, path, token, body string, header ...string) answer {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return answer{resp.StatusCode, m, string(raw)}
}

func create(t *testing.T, srv *httptest.Server, token, audience string) answer {
	t.Helper()
	return send(t, srv, "POST", "/api/v1/notices", token, `{"text":"Kiểm tra sẵn sàng","audience":`+audience+`}`)
}

func noticePath(t *testing.T, a answer) string {
	t.Helper()
	id, ok := a.body["id"].(float64)
	if a.status != 201 || !ok {
		t.Fatalf("create: %d %s", a.status, a.raw)
	}
	return "/api/v1/notices/" + strconv.Itoa(int(id))
}

// TestTokenReachesOnlyItsUnits: a token limited to a commune addresses that commune only, and
// no token reaches a chat that is not an active member or approved group in its units.
func TestTokenReachesOnlyItsUnits(t *testing.T) {
	srv, _ := apiServer(t)
	cases := []struct {
		name, token, audience string
		status, recipients    int
	}{
		{"commune token, its commune", communeTok, `{"units":["mt"]}`, 201, 2},
		{"commune token, a unit under its commune", communeTok, `{"units":["mt/chqs"]}`, 201, 2},
		{"commune token, its commune's topic", communeTok, `{"units":["mt"],"topics":["dien-tap"]}`, 201, 1},
		{"commune token, its leader by chat", communeTok, `{"chats":[501]}`, 201, 1},
		{"commune token, its approved group by chat", communeTok, `{"chats":[-100500]}`, 201, 1},
		{"commune token, another ward", communeTok, `{"units":["hl"]}`, 403, 0},
		{"commune token, the district", communeTok, `{"units":["tx"]}`, 403, 0},
		{"commune token, everyone", communeTok, `{"all":true}`, 403, 0},
		{"commune token, a topic everywhere", communeTok, `{"topics":["dien-tap"]}`, 403, 0},
		{"commune token, its commune or a topic", communeTok, `{"units":["mt"],"topics":["dien-tap"],"mode":"any"}`, 403, 0},
		{"commune token, another ward's leader by chat", communeTok, `{"chats":[502]}`, 422, 0},
		{"commune token, a stranger by chat", communeTok, `{"chats":[777777777]}`, 422, 0},
		{"full token, a stranger by chat", fullToken, `{"chats":[777777777]}`, 422, 0},
		{"full token, a pending registration by chat", fullToken, `{"chats":[503]}`, 422, 0},
		{"full token, a member by chat", fullToken, `{"chats":[502]}`, 201, 1},
		{"full token, everyone", fullToken, `{"all":true}`, 201, 3},
		{"stored ward token, its ward", storedToken, `{"units":["hl"]}`, 201, 1},
		{"stored ward token, the commune", storedToken, `{"units":["mt"]}`, 403, 0},
		{"read-only token", readerToken, `{"units":["mt"]}`, 403, 0},
	}
	for _, c := range cases {
		got := create(t, srv, c.token, c.audience)
		if got.status != c.status || (c.status == 201 && got.body["recipients"] != float64(c.recipients)) {
			t.Errorf("%s: %d %s, want %d with %d recipients", c.name, got.status, got.raw, c.status, c.recipients)
		}
		if c.status != 201 && got.body["error"] == "" {
			t.Errorf("%s: a refusal without a reason: %s", c.name, got.raw)
		}
	}
}

// TestTokenReadsAndCancelsItsOwnNotices: a token reads, updates and cancels the notices it
// created; another's only with read_all or cancel_all.
func TestTokenReadsAndCancelsItsOwnNotices(t *testing.T) {
	srv, db := apiServer(t)
	ours := noticePath(t, create(t, srv, communeTok, `{"units":["mt"]}`))
	theirs := noticePath(t, create(t, srv, fullToken, `{"units":["mt"]}`))
	wardOwn := noticePath(t, create(t, srv, storedToken, `{"units":["hl"]}`))
	cases := []struct {
		name, method, path, token, body string
		status                          int
	}{
		{"its own notice", "GET", ours, communeTok, "", 200},
		{"its own deliveries", "GET", ours + "/deliveries", communeTok, "", 200},
		{"its own CAP", "GET", ours + "/cap", communeTok, "", 200},
		{"another's notice", "GET", theirs, communeTok, "", 403},
		{"another's deliveries", "GET", theirs + "/deliveries", communeTok, "", 403},
		{"another's CAP", "GET", theirs + "/cap", communeTok, "", 403},
		{"another's notice with read_all", "GET", ours, readerToken, "", 200},
		{"another's deliveries with read_all", "GET", theirs + "/deliveries", readerToken, "", 200},
		{"a stored token's own notice", "GET", wardOwn, storedToken, "", 200},
		{"a stored token, another's notice", "GET", ours, storedToken, "", 403},
		{"an update of another's notice", "POST", theirs + "/updates", communeTok, `{"text":"Dời sang 8:00"}`, 403},
		{"an update with read_all only", "POST", ours + "/updates", readerToken, `{"text":"Dời sang 8:00"}`, 403},
		{"an update of its own notice", "POST", ours + "/updates", communeTok, `{"text":"Dời sang 8:00"}`, 200},
		{"cancelling another's notice", "DELETE", theirs, communeTok, "", 403},
		{"cancelling without the right", "DELETE", wardOwn, storedToken, "", 403},
		{"cancelling with read_all only", "DELETE", ours, readerToken, "", 403},
		{"cancelling its own notice", "DELETE", ours, communeTok, "", 200},
		{"cancelling another's with cancel_all", "DELETE", wardOwn, fullToken, "", 200},
	}
	for _, c := range cases {
		if got := send(t, srv, c.method, c.path, c.token, c.body); got.status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, got.status, got.raw, c.status)
		}
	}
	if n, _ := db.Notice(context.Background(), noticeID(theirs)); n.Status != loa.NoticeActive {
		t.Errorf("a refused cancellation cancelled the notice: %s", n.Status)
	}
	// A revoked stored token is refused at once.
	if err := db.RevokeAPIToken(context.Background(), "ward", time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := send(t, srv, "GET", wardOwn, storedToken, ""); got.status != 401 {
		t.Errorf("a revoked token: %d %s", got.status, got.raw)
	}
}

func noticeID(path string) int64 {
	n, _ := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	return n
}

// TestDeliveriesArePaged: the deliveries come a page at a time, each page naming the next,
// until the last; a page larger than the limit is refused.
func TestDeliveriesArePaged(t *testing.T) {
	srv, _ := apiServer(t)
	path := noticePath(t, create(t, srv, fullToken, `{"all":true}`)) + "/deliveries"
	var chats []float64
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatalf("more pages than deliveries: %v", chats)
		}
		q := "?limit=1"
		if cursor != "" {
			q += "&cursor=" + cursor
		}
		got := send(t, srv, "GET", path+q, fullToken, "")
		list, _ := got.body["deliveries"].([]any)
		if got.status != 200 || len(list) > 1 {
			t.Fatalf("page %d: %d %s", pages, got.status, got.raw)
		}
		for _, d := range list {
			chats = append(chats, d.(map[string]any)["chat_id"].(float64))
		}
		next, more := got.body["next_cursor"].(string)
		if !more {
			break
		}
		cursor = next
	}
	if len(chats) != 3 || chats[0] != -100500 || chats[1] != 501 || chats[2] != 502 {
		t.Fatalf("the pages together: %v, want -100500, 501, 502", chats)
	}
	for _, q := range []string{"?limit=1001", "?limit=0", "?limit=x", "?cursor=abc"} {
		if got := send(t, srv, "GET", path+q, fullToken, ""); got.status != 400 {
			t.Errorf("%s: %d %s", q, got.status, got.raw)
		}
	}
}

// TestLimitedClientIsRefusedWhateverItSends: past its free failures a client gets 429 even
// with the right token until its delay passes; behind a trusted proxy each client is its own,
// so one scanner does not lock out the others.
func TestLimitedClientIsRefusedWhateverItSends(t *testing.T) {
	srv, _ := apiServer(t)
	scanner := []string{"X-Forwarded-For", "198.51.100.66"}
	for i := range throttle.DefaultFree + 1 {
		if got := send(t, srv, "GET", "/api/v1/notices/1", "guess-"+strconv.Itoa(i)+"-0123456789", "", scanner...); got.status != 401 {
			t.Fatalf("wrong token %d: %d", i, got.status)
		}
	}
	got := send(t, srv, "GET", "/api/v1/notices/1", fullToken, "", scanner...)
	if got.status != 429 || got.body["error"] == nil {
		t.Fatalf("the right token from a limited client: %d %s, want 429", got.status, got.raw)
	}
	if got := send(t, srv, "GET", "/api/v1/notices/99999", fullToken, "", "X-Forwarded-For", "198.51.100.7"); got.status != 404 {
		t.Fatalf("another client behind the same proxy: %d %s, want 404", got.status, got.raw)
	}
}
