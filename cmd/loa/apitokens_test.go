package main

import (
	"strings"
	"testing"
)

// TestAPITokensFromTheCommandLine: a token made with `loa api tokens create` is printed once,
// stored hashed, reaches only its units and its own notices, is listed with its scope, and is
// refused once revoked; the configured token keeps every right.
func TestAPITokensFromTheCommandLine(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", map[string]string{"LOA_API_TOKENS": "portal:" + apiToken})
	h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n502,B,hung-long/chqs,leader,dien-tap\n")
	out, code := h.cli("api", "tokens", "create", "--name", "xa-minh-thang", "--unit", "minh-thang", "--rights", "create,read")
	token, _, _ := strings.Cut(out, "\n") // then, on stderr, that it is shown once
	if code != 0 || !strings.HasPrefix(token, "loa_") {
		t.Fatalf("create: %d %s", code, out)
	}
	if n := h.count("api_tokens WHERE token_hash = '" + token + "'"); n != 0 {
		t.Fatal("the token is stored as it is")
	}
	if out, code := h.cli("api", "tokens", "create", "--name", "x", "--rights", "launch"); code != 2 || !strings.Contains(out, "launch") {
		t.Fatalf("an unknown right: %d %s", code, out)
	}
	status, body, raw := h.api("POST", "/api/v1/notices", token, "application/json", `{"text":"Họp giao ban","audience":{"units":["minh-thang"]}}`)
	if status != 201 || body["recipients"] != 1.0 {
		t.Fatalf("within its units: %d %s", status, raw)
	}
	own := "/api/v1/notices/" + itoa(int(body["id"].(float64)))
	if status, _, raw := h.api("POST", "/api/v1/notices", token, "application/json", `{"text":"x","audience":{"units":["hung-long"]}}`); status != 403 {
		t.Fatalf("outside its units: %d %s", status, raw)
	}
	if status, _, raw := h.api("POST", "/api/v1/notices", token, "application/json", `{"text":"x","audience":{"chats":[777777777]}}`); status != 422 {
		t.Fatalf("a stranger's chat: %d %s", status, raw)
	}
	status, body, raw = h.api("POST", "/api/v1/notices", apiToken, "application/json", `{"text":"Toàn thị xã","audience":{"all":true}}`)
	if status != 201 {
		t.Fatalf("the configured token, everyone: %d %s", status, raw)
	}
	theirs := "/api/v1/notices/" + itoa(int(body["id"].(float64)))
	if status, _, raw := h.api("GET", theirs+"/deliveries", token, "", ""); status != 403 {
		t.Fatalf("another client's deliveries: %d %s", status, raw)
	}
	if status, _, raw := h.api("DELETE", own, token, "", ""); status != 403 {
		t.Fatalf("cancelling without the right: %d %s", status, raw)
	}
	if status, _, raw := h.api("GET", own, apiToken, "", ""); status != 200 {
		t.Fatalf("the configured token reads every notice: %d %s", status, raw)
	}
	if out, _ := h.cli("api", "tokens", "list"); !strings.Contains(out, "xa-minh-thang") || !strings.Contains(out, "minh-thang") ||
		!strings.Contains(out, "portal") || strings.Contains(out, token) {
		t.Fatalf("list: %s", out)
	}
	if out, code := h.cli("api", "tokens", "revoke", "xa-minh-thang"); code != 0 {
		t.Fatalf("revoke: %s", out)
	}
	if status, _, raw := h.api("GET", own, token, "", ""); status != 401 {
		t.Fatalf("a revoked token: %d %s", status, raw)
	}
}
