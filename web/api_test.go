package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/web"
)

const token = "portal-token-0123456789abcdef"

// newAPI serves the API on a real SQLite store with two members in Minh Thắng.
func newAPI(t *testing.T) (*httptest.Server, *store.DB) {
	t.Helper()
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	if err := db.SyncCatalog(ctx, loa.Catalog{Units: []loa.CatalogUnit{
		{Key: "tx", Name: "Thị xã Chơn Thành", Kind: loa.UnitDistrict},
		{Key: "ban-chqs-tx", Name: "Ban CHQS thị xã", Kind: loa.UnitMilitary, Parent: "tx", Abbreviation: "BCHQS"},
		{Key: "xa-a", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, Parent: "tx"},
	}}); err != nil {
		t.Fatal(err)
	}
	u, err := db.UnitByKey(ctx, "xa-a")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{501, 502} {
		if err := db.SaveChat(ctx, loa.Chat{ID: id, Type: "private", UnitID: &u.ID, Role: loa.RoleLeader, Status: loa.StatusActive}); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(web.Handler(web.Options{Ping: db.Ping, Gatherer: prometheus.NewRegistry(),
		API: &web.API{Store: db, Tokens: map[string]string{token: "portal"}}}))
	t.Cleanup(srv.Close)
	return srv, db
}

type call struct {
	method, path, body string
	header             map[string]string
}

func do(t *testing.T, srv *httptest.Server, c call) (int, map[string]any, string) {
	t.Helper()
	req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(c.body))
	req.Header.Set("Authorization", "Bearer "+token)
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return resp.StatusCode, m, string(raw)
}

func TestNoticeEndpoints(t *testing.T) {
	t.Parallel()
	srv, db := newAPI(t)
	ctx := context.Background()
	status, body, raw := do(t, srv, call{method: "POST", path: "/api/v1/notices", body: `{"text":"Kiểm tra <quân số>","audience":{"units":["xa-a"]},"requires_ack":true}`})
	if status != 201 || body["number"] != 1.0 || body["recipients"] != 2.0 {
		t.Fatalf("create: %d %s", status, raw)
	}
	id := strconv.Itoa(int(body["id"].(float64)))
	path := "/api/v1/notices/" + id
	// Mark both deliveries sent, as the dispatcher would, so follow-ups reach them.
	ds, err := db.ClaimDeliveries(ctx, "w", 10, time.Now().Add(time.Minute))
	if err != nil || len(ds) != 2 {
		t.Fatal(ds, err)
	}
	if err := db.RecordOutcomes(ctx, "w", []loa.Outcome{{DeliveryID: ds[0].ID, Status: loa.DeliverySent}, {DeliveryID: ds[1].ID, Status: loa.DeliverySent}}, time.Now()); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name   string
		call   call
		status int
		says   string
	}{
		{"no token", call{method: "GET", path: path, header: map[string]string{"Authorization": ""}}, 401, "bearer token"},
		{"a notice's status", call{method: "GET", path: path}, 200, `"status":"active"`},
		{"its deliveries", call{method: "GET", path: path + "/deliveries"}, 200, `"chat_id":501`},
		{"its CAP document", call{method: "GET", path: path + "/cap"}, 200, "Thông báo số 1"},
		{"an unknown notice", call{method: "GET", path: "/api/v1/notices/999"}, 404, "no notice 999"},
		{"not an id", call{method: "DELETE", path: "/api/v1/notices/x"}, 400, "not a notice id"},
		{"a notice with NUL", call{method: "POST", path: "/api/v1/notices", body: `{"text":"a\u0000b","audience":{"all":true}}`}, 422, "text: Nội dung có ký tự không gửi được"},
		{"a notice for an unknown topic", call{method: "POST", path: "/api/v1/notices", body: `{"text":"x","audience":{"topics":["bogus"]}}`}, 422, "audience: Không có «bogus»"},
		{"in English", call{method: "POST", path: "/api/v1/notices", body: `{"text":"x","audience":{}}`, header: map[string]string{"Accept-Language": "en"}}, 422, "audience: Say who receives it"},
		{"an empty update", call{method: "POST", path: path + "/updates", body: `{"text":" "}`}, 422, "text: Thông báo cần có nội dung"},
		{"an update too long", call{method: "POST", path: path + "/updates", body: `{"text":"` + strings.Repeat("x", 20001) + `"}`}, 422, "dài quá 20000"},
		// Checked whole before the cancellation commits: the notice stays active.
		{"a cancellation with NUL", call{method: "DELETE", path: path + "?reason=a%00b"}, 422, "reason: Nội dung có ký tự"},
		{"still active", call{method: "GET", path: path}, 200, `"status":"active"`},
		{"an update", call{method: "POST", path: path + "/updates", body: `{"text":"Dời sang 8h"}`}, 200, `"recipients":2`},
		{"a cancellation", call{method: "DELETE", path: path + "?reason=Ho%C3%A3n"}, 200, `"status":"cancelled"`},
		{"an update of a cancelled notice", call{method: "POST", path: path + "/updates", body: `{"text":"x"}`}, 409, "Thông báo số 1 đã hủy lúc "},
		{"a second cancellation", call{method: "DELETE", path: path}, 409, "Thông báo số 1 đã hủy lúc "},
		{"an update of an update", call{method: "POST", path: "/api/v1/notices/" + strconv.Itoa(int(body["id"].(float64))+1) + "/updates", body: `{"text":"x"}`}, 404, "không phải thông báo"},
		{"no such endpoint", call{method: "GET", path: "/api/v1/nothing"}, 404, "no such endpoint"},
	} {
		status, _, raw := do(t, srv, c.call)
		if status != c.status || !strings.Contains(raw, c.says) {
			t.Errorf("%s: %d %.300s, want %d with %q", c.name, status, raw, c.status, c.says)
		}
	}
}
