package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	legacyrouter "github.com/getkin/kin-openapi/routers/legacy"
)

const apiToken = "portal-token-0123456789abcdef"

func (h *harness) api(method, path, token, contentType, body string) (int, map[string]any, string) {
	h.t.Helper()
	req, _ := http.NewRequest(method, "http://"+h.app.Addr+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	h.checkResponse(method, path, resp, raw)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return resp.StatusCode, m, string(raw)
}

// checkResponse validates a real answer of the API against the OpenAPI description the API
// itself serves: its status is documented for the operation, and its body matches the schema.
func (h *harness) checkResponse(method, path string, resp *http.Response, raw []byte) {
	h.t.Helper()
	ctx := context.Background()
	specResp, err := http.Get("http://" + h.app.Addr + "/api/v1/openapi.json")
	if err != nil {
		h.t.Fatal(err)
	}
	spec, _ := io.ReadAll(specResp.Body)
	specResp.Body.Close()
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		h.t.Fatalf("openapi.json does not load: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		h.t.Fatalf("openapi.json is not a valid OpenAPI 3 description: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: "http://" + h.app.Addr}} // the description's "/" is this server
	router, err := legacyrouter.NewRouter(doc)
	if err != nil {
		h.t.Fatal(err)
	}
	req, _ := http.NewRequest(method, "http://"+h.app.Addr+path, nil)
	route, params, err := router.FindRoute(req)
	if err != nil {
		h.t.Fatalf("%s %s is not in openapi.json: %v", method, path, err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 resp.StatusCode, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(raw)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
		h.t.Errorf("%s %s answered %d, which openapi.json does not describe: %v\n%s", method, path, resp.StatusCode, err, raw[:min(300, len(raw))])
	}
}

// TestLimitedAddressIsRefusedEvenWithTheRightToken: a scan of wrong tokens gets 401 for its
// free failures and then 429 for everything it sends, the right token included (the throttle's
// own tests count its delays and audit rows).
func TestLimitedAddressIsRefusedEvenWithTheRightToken(t *testing.T) {
	t.Parallel()
	// A quarter of an hour's delay: every attempt after the delay starts falls inside it however slowly
	// the machine answers, so the count is exact.
	h := newHarness(t, "sqlite", map[string]string{"LOA_API_TOKENS": "portal:" + apiToken, "LOA_HTTP_AUTH_DELAY": "15m"})
	limited := 0
	for range 30 {
		status, _, _ := h.api("GET", "/api/v1/notices/1", "guess-0123456789abcdef", "", "")
		if status == 429 {
			limited++
		} else if status != 401 {
			t.Fatalf("a wrong token got %d", status)
		}
	}
	// Five failures are free and the sixth starts the delay: the other 24 are refused.
	if limited != 24 {
		t.Fatalf("%d of 30 failed attempts were refused, want all but the first six (24)", limited)
	}
	if status, body, _ := h.api("GET", "/api/v1/notices/99999", apiToken, "", ""); status != 429 || body["error"] == nil {
		t.Fatalf("the right token from a limited address: %d, want 429", status)
	}
}

func TestHTTPAPI(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, map[string]string{"LOA_API_TOKENS": "portal:" + apiToken})
		members := filepath.Join(t.TempDir(), "m.csv")
		os.WriteFile(members, []byte("501,A,minh-thang/chqs,leader,dien-tap\n502,B,hung-long/chqs,leader,dien-tap\n"), 0o600)
		if out, code := h.cli("members", "import", members); code != 0 {
			t.Fatal(out)
		}
		good := `{"text":"Kiểm tra <sẵn sàng> chiến đấu","audience":{"units":["minh-thang"]},"requires_ack":true}`
		bad := []struct {
			token, ct, body string
			status          int
			says            string
		}{
			{"", "application/json", good, 401, "bearer token"},
			{"wrong-token-0123456789", "application/json", good, 401, "bearer token"},
			{apiToken, "text/plain", good, 415, "application/json"},
			{apiToken, "application/json", `{"text":`, 400, "invalid JSON"},
			{apiToken, "application/json", `{"text":"x","audience":{"all":true},"colour":"red"}`, 400, "colour"},
			{apiToken, "application/json", `{"text":"x","audience":{}}`, 422, "audience"},
			{apiToken, "application/json", `{"text":"x","audience":{"topics":["bogus"]}}`, 422, "bogus"},
			{apiToken, "application/json", `{"text":"x","audience":{"all":true},"send_at":"2001-01-01 07:00"}`, 422, "send_at: Thời gian gửi 7h 01/01/2001 đã qua"},
			{apiToken, "application/json", `{"text":"` + strings.Repeat("x", 70000) + `"}`, 413, "larger than"},
			{apiToken, "application/json", `{"text":"a\u0000b","audience":{"all":true}}`, 422, "NUL"},
			{apiToken, "application/json", good + good, 400, "more than one JSON value"},
		}
		for _, c := range bad {
			status, body, raw := h.api("POST", "/api/v1/notices", c.token, c.ct, c.body)
			if status != c.status || !strings.Contains(body["error"].(string), c.says) {
				t.Errorf("%d %s: got %d %s", c.status, c.says, status, raw[:min(200, len(raw))])
			}
		}
		if logs := h.logs.String(); !strings.Contains(logs, `"msg":"api request not served","client":"portal"`) || strings.Contains(logs, apiToken) {
			t.Errorf("refused requests are not logged with the client's name (or the token is):\n%s", logs)
		}
		status, body, raw := h.api("POST", "/api/v1/notices", apiToken, "application/json", good)
		if status != 201 || body["recipients"].(float64) != 1 {
			t.Fatalf("create: %d %s", status, raw)
		}
		id := int(body["id"].(float64))
		msg := h.fake.WaitText(t, 501, "Kiểm tra &lt;sẵn sàng&gt; chiến đấu")
		h.press(official, msg, "Đã nhận")
		path := "/api/v1/notices/" + itoa(id)
		h.waitRecorded("the delivery to be recorded", func() bool {
			_, body, _ = h.api("GET", path, apiToken, "", "")
			counts, _ := body["counts"].(map[string]any)
			return counts["sent"] == 1.0
		})
		status, body, raw = h.api("GET", path, apiToken, "", "")
		if counts, _ := body["counts"].(map[string]any); status != 200 || counts["acknowledged"] != 1.0 || body["requires_ack"] != true {
			t.Fatalf("get: %d %s", status, raw)
		}
		status, _, raw = h.api("GET", path+"/deliveries?limit=1000", apiToken, "", "")
		var page struct {
			Deliveries []map[string]any `json:"deliveries"`
			Next       *string          `json:"next_cursor"`
		}
		json.Unmarshal([]byte(raw), &page)
		if ds := page.Deliveries; status != 200 || len(ds) != 1 || ds[0]["chat_id"] != 501.0 || ds[0]["unit"] != "Ban CHQS xã Minh Thắng" || page.Next != nil {
			t.Fatalf("deliveries: %d %s", status, raw)
		}
		// The report as a workbook, its answer checked against openapi.json like every other.
		if status, _, raw := h.api("GET", path+"/report.xlsx", apiToken, "", ""); status != 200 || !strings.HasPrefix(raw, "PK") {
			t.Fatalf("report.xlsx: %d %.200q", status, raw)
		}
		if status, _, raw := h.api("GET", path+"/deliveries?limit=1001", apiToken, "", ""); status != 400 {
			t.Fatalf("a page over the limit: %d %s", status, raw)
		}
		if status, _, _ := h.api("GET", "/api/v1/notices/99999", apiToken, "", ""); status != 404 {
			t.Errorf("unknown notice: %d", status)
		}
		if status, _, _ := h.api("GET", path, "", "", ""); status != 401 {
			t.Errorf("read without a token: %d", status)
		}
		// An update goes to the one recipient, naming the notice.
		status, body, raw = h.api("POST", path+"/updates", apiToken, "application/json", `{"text":"Dời sang 8:00"}`)
		if follow, _ := body["follow_up"].(map[string]any); status != 200 || follow["recipients"] != 1.0 {
			t.Fatalf("update: %d %s", status, raw)
		}
		h.fake.WaitText(t, 501, "Cập nhật Thông báo số "+itoa(id), "Dời sang 8:00")
		if status, body, _ := h.api("POST", path+"/updates", apiToken, "application/json", `{"text":"x\u0000"}`); status != 422 || !strings.Contains(body["error"].(string), "NUL") {
			t.Errorf("an update with NUL: %d %v", status, body)
		}
		if status, _, _ := h.api("POST", path+"/updates", apiToken, "text/plain", `{"text":"x"}`); status != 415 {
			t.Errorf("an update that is not JSON: %d", status)
		}
		// A scheduled notice can be cancelled before it fires.
		later := time.Now().Add(time.Hour).Format(time.RFC3339)
		status, body, raw = h.api("POST", "/api/v1/notices", apiToken, "application/json", `{"text":"hẹn giờ","audience":{"all":true},"send_at":"`+later+`"}`)
		if status != 201 {
			t.Fatalf("scheduled: %d %s", status, raw)
		}
		sched := "/api/v1/notices/" + itoa(int(body["id"].(float64)))
		out, _ := h.cli("notices", "list")
		if !strings.Contains(out, "2 ") && !strings.Contains(out, itoa(int(body["id"].(float64)))) {
			t.Fatalf("notices list: %s", out)
		}
		status, body, raw = h.api("DELETE", sched, apiToken, "", "")
		if status != 200 || body["deliveries_cancelled"] != 2.0 {
			t.Fatalf("cancel: %d %s", status, raw)
		}
		audit, _ := h.cli("audit", "--json")
		if !strings.Contains(audit, `"actor": "api:portal"`) {
			t.Fatalf("audit: %s", audit)
		}
	})
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
