package main

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

func multipartFile(t *testing.T, name string, data []byte) (contentType, body string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(data)
	w.Close()
	return w.FormDataContentType(), buf.String()
}

// Another system brings a plan over the API, sends it, and reads each unit's tasks; every
// answer matches openapi.json. A file that is not a document is refused and nothing is kept;
// a document is sent once.
func TestDocumentsAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", map[string]string{"LOA_API_TOKENS": "portal:" + apiToken})
	members := filepath.Join(t.TempDir(), "m.csv")
	os.WriteFile(members, []byte("501,Nguyễn Văn A,minh-thang/ubnd,leader,dien-tap\n"), 0o600)
	if out, code := h.cli("members", "import", members); code != 0 {
		t.Fatal(out)
	}
	plan, err := os.ReadFile("../../documents/testdata/ke-hoach-45.txt")
	if err != nil {
		t.Fatal(err)
	}
	ct, body := multipartFile(t, "meo.gif", []byte("GIF89a\x01\x00\x01\x00"))
	if status, got, raw := h.api("POST", "/api/v1/documents", apiToken, ct, body); status != 422 || got["error"] == nil {
		t.Fatalf("a picture of a cat: %d %s", status, raw)
	}
	if status, _, raw := h.api("POST", "/api/v1/documents", apiToken, "application/json", `{}`); status != 400 {
		t.Fatalf("no file: %d %s", status, raw)
	}
	ct, body = multipartFile(t, "ke-hoach-45.txt", plan)
	status, got, raw := h.api("POST", "/api/v1/documents", apiToken, ct, body)
	if status != 201 || got["id"] != float64(1) || got["status"] != "draft" || len(got["units"].([]any)) != 13 {
		t.Fatalf("bring: %d %s", status, raw)
	}
	if status, _, raw := h.api("GET", "/api/v1/documents/1/tasks", "", "", ""); status != 401 {
		t.Fatalf("no token: %d %s", status, raw)
	}
	status, got, raw = h.api("POST", "/api/v1/documents/1/send", apiToken, "", "")
	if status != 200 || len(got["sent_to"].([]any)) != 13 || fmt.Sprint(got["not_sent"]) != "[Bộ CHQS tỉnh TT. Thị ủy, TT. HĐND thị xã]" {
		t.Fatalf("send: %d %s", status, raw)
	}
	// The units get the file itself: put once into the administrator's chat, then sent by its
	// file_id.
	unitCopy := h.fake.WaitMessage(t, official.ID, "the plan as a document", func(m tgfake.Message) bool { return m.Method == "sendDocument" })
	if unitCopy.FileID == "" || !strings.Contains(unitCopy.Text, "Chuẩn bị lực lượng dân quân") {
		t.Fatalf("the unit's copy: %+v", unitCopy)
	}
	h.fake.WaitText(t, adminUser.ID, "📎 Bản lưu của văn bản, để gửi kèm cho các đơn vị")
	if status, _, raw := h.api("POST", "/api/v1/documents/1/send", apiToken, "", ""); status != 409 {
		t.Fatalf("sent twice: %d %s", status, raw)
	}
	for _, call := range [][2]string{{"POST", "/api/v1/documents/7/send"}, {"GET", "/api/v1/documents/7/tasks"}} {
		if status, got, raw := h.api(call[0], call[1], apiToken, "", ""); status != 404 || got["error"] != "no document 7" {
			t.Fatalf("%s %s, a document that is not there: %d %s", call[0], call[1], status, raw)
		}
	}
	status, got, raw = h.api("GET", "/api/v1/documents/1/tasks", apiToken, "", "")
	if status != 200 || len(got["units"].([]any)) != 13 {
		t.Fatalf("tasks: %d %s", status, raw)
	}
}
