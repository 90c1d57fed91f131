package main

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// capOf fetches a notice as CAP and validates it with xmllint against the CAP 1.2 schema.
func (h *harness) capOf(id string) string {
	h.t.Helper()
	req, _ := http.NewRequest("GET", "http://"+h.app.Addr+"/api/v1/notices/"+id+"/cap", nil)
	req.Header.Set("Authorization", "Bearer "+apiToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/cap+xml") {
		h.t.Fatalf("GET cap of %s: %d %s\n%s", id, resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	doc := filepath.Join(h.t.TempDir(), "alert.xml")
	os.WriteFile(doc, body, 0o600)
	if out, err := exec.Command("xmllint", "--noout", "--schema", "../../web/testdata/CAP-v1.2.xsd", doc).CombinedOutput(); err != nil {
		h.t.Fatalf("notice %s is not valid CAP 1.2: %v\n%s\n%s", id, err, out, body)
	}
	return string(body)
}

// TestNoticesAsCAP: every notice is a CAP 1.2 document that the schema accepts; an exercise
// says so, an update and a cancellation are Update and Cancel naming the notice they follow.
func TestNoticesAsCAP(t *testing.T) {
	t.Parallel()
	needTool(t, "xmllint", "Debian's libxml2-utils (apt-get install libxml2-utils)", "xmllint")
	h := newHarness(t, "sqlite", map[string]string{"LOA_API_TOKENS": "portal:" + apiToken})
	h.importMembers("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap\n")
	status, body, raw := h.api("POST", "/api/v1/notices", apiToken, "application/json",
		`{"text":"Báo động tập luyện <cấp 2> lúc 14h00","audience":{"units":["minh-thang"]},"urgent":true,"exercise":true}`)
	if status != 201 {
		t.Fatalf("create: %d %s", status, raw)
	}
	id := itoa(int(body["id"].(float64)))
	alert := h.capOf(id)
	for _, want := range []string{"<status>Exercise</status>", "<msgType>Alert</msgType>", "<language>vi-VN</language>",
		"<urgency>Immediate</urgency>", "Báo động tập luyện &lt;cấp 2&gt; lúc 14h00", "<identifier>loa-notice-" + id + "</identifier>"} {
		if !strings.Contains(alert, want) {
			t.Errorf("the alert lacks %s:\n%s", want, alert)
		}
	}
	h.fake.WaitText(t, 501, "Báo động tập luyện")
	h.waitRecorded("the notice sent", func() bool {
		out, _ := h.cli("report", id, "--json")
		return strings.Contains(out, `"sent": 1`)
	})
	_, upd, raw := h.api("POST", "/api/v1/notices/"+id+"/updates", apiToken, "application/json", `{"text":"Dời sang 15h00"}`)
	update, ok := upd["follow_up"].(map[string]any)
	if !ok {
		t.Fatalf("update: %s", raw)
	}
	if doc := h.capOf(itoa(int(update["id"].(float64)))); !strings.Contains(doc, "<msgType>Update</msgType>") ||
		!strings.Contains(doc, "<references>loa,loa-notice-"+id+",") || !strings.Contains(doc, "<status>Exercise</status>") {
		t.Fatalf("the update as CAP:\n%s", doc)
	}
	_, del, raw := h.api("DELETE", "/api/v1/notices/"+id+"?reason=Kết+thúc+tập+luyện", apiToken, "", "")
	cancel, ok := del["follow_up"].(map[string]any)
	if !ok {
		t.Fatalf("cancel: %s", raw)
	}
	if doc := h.capOf(itoa(int(cancel["id"].(float64)))); !strings.Contains(doc, "<msgType>Cancel</msgType>") || !strings.Contains(doc, "<references>loa,loa-notice-"+id+",") {
		t.Fatalf("the cancellation as CAP:\n%s", doc)
	}
}
