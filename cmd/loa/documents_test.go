package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

// An administrator previews a plan from the command line: the summary, each unit's tasks
// mapped to the catalogue of the plan's thị xã (before 1 July 2025), and a file that is not a document refused in Vietnamese.
// Nothing is stored: not even the database file is created.
func TestDocumentsAddPreviewsAndStoresNothing(t *testing.T) {
	t.Parallel()
	db, loa := noDatabaseYet(t)
	plan := "../../documents/testdata/ke-hoach-45.txt"
	out, code := loa("documents", "add", plan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	for _, want := range []string{
		"Kế hoạch số 45/KH-UBND ngày 15/3/2024: 6 nhiệm vụ cho 5 đơn vị, 3 hạn chót",
		"• Phòng Tài chính - Kế hoạch → Phòng Tài chính - Kế hoạch",
		"• UBND các xã, phường → 9 đơn vị: UBND phường Hưng Long,",
		"⚠️ Chưa khớp đơn vị nào trong danh mục: Bộ CHQS tỉnh",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	photo := filepath.Join(t.TempDir(), "cat.gif")
	if err := os.WriteFile(photo, []byte("GIF89a\x01\x00\x01\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, code = loa("documents", "add", "--json", photo, plan)
	if code != 1 {
		t.Fatalf("exit %d, want 1 for a file that is not a document: %s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var refused, read documentJSON
	if err := json.Unmarshal([]byte(lines[0]), &refused); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if err := json.Unmarshal([]byte(lines[1]), &read); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !strings.HasPrefix(refused.Reason, "Tệp này không phải văn bản") || refused.Preview != nil {
		t.Errorf("refusal %+v", refused)
	}
	if read.Preview == nil || read.Preview.Document.Number != "45/KH-UBND" || len(read.Preview.Addressees) != 5 {
		t.Errorf("preview %+v", read.Preview)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("a preview created the database (%v)", err)
	}
}

// An administrator sends a plan to the bot as a file: the reply is its preview against the
// catalogue. A file that is not a document gets the reason in Vietnamese.
func TestDocumentSentToTheBotGetsThePreview(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	plan, err := os.ReadFile("../../documents/testdata/ke-hoach-45.txt")
	if err != nil {
		t.Fatal(err)
	}
	chat := tgfake.Chat{ID: adminUser.ID, Type: "private"}
	h.fake.SendDocument(adminUser, chat, "ke-hoach-45.txt", "text/plain", plan, "")
	reply := h.fake.WaitText(t, chat.ID, "Kế hoạch số 45/KH-UBND ngày 15/3/2024: 6 nhiệm vụ cho 5 đơn vị, 3 hạn chót")
	for _, want := range []string{"• UBND các xã, phường → 9 đơn vị:", "• 20/4/2024 — Ban CHQS thị xã: hoàn thành trước ngày 20/4/2024"} {
		if !strings.Contains(reply.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, reply.Text)
		}
	}
	h.fake.SendDocument(adminUser, chat, "meo.gif", "image/gif", []byte("GIF89a\x01\x00\x01\x00"), "")
	h.fake.WaitText(t, chat.ID, "Tệp này không phải văn bản Loa đọc được")
}

// From the command line, --send stores the plan and sends it to its units after the preview;
// documents tasks then lists each unit's tasks, and a second sending is refused.
func TestDocumentsAddSendThenTasks(t *testing.T) {
	t.Parallel()
	_, loa := noDatabaseYet(t)
	plan := "../../documents/testdata/ke-hoach-45.txt"
	out, code := loa("documents", "add", "--send", plan)
	if code != 0 || !strings.Contains(out, "document 1 sent to 13 units: ban-chqs-tx, cong-an-tx,") ||
		strings.Count(out, "units get the document's text and tasks without the file (no telegram.token configured)") != 1 ||
		!strings.Contains(out, "not sent (matching no unit): Bộ CHQS tỉnh; TT. Thị ủy, TT. HĐND thị xã") {
		t.Fatalf("exit %d: %s", code, out)
	}
	out, code = loa("documents", "tasks", "1")
	for _, want := range []string{"document 1: Kế hoạch số 45/KH-UBND ngày 15/3/2024 (sent)",
		"Công an thị xã (cong-an-tx): received 0 of 0, acknowledged 0",
		"1. Xây dựng phương án bảo đảm an ninh trật tự, chậm nhất ngày 25/4/2024 (mục III.2) — trước 25/4/2024 [overdue]"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	// Once sent, the document answers questions with its tasks, itself the source.
	out, code = loa("ask", "Công an thị xã phải làm gì theo kế hoạch 45")
	if code != 0 || !strings.Contains(out, "1. [Công an thị xã] Xây dựng phương án bảo đảm an ninh trật tự") ||
		!strings.Contains(out, "2024-03-15, document:1") {
		t.Errorf("ask (exit %d) is not answered from the document:\n%s", code, out)
	}
	if out, code := loa("documents", "tasks", "2"); code == 0 {
		t.Errorf("a document that is not there: exit 0: %s", out)
	}
}

// With a bot token, --send from the command line puts the file into Telegram once, in the
// first administrator's chat, and each unit's members receive the signed document itself with
// their tasks, as when it is brought through the bot.
func TestDocumentsAddSendCarriesTheFile(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	members := filepath.Join(t.TempDir(), "m.csv")
	os.WriteFile(members, []byte("501,Nguyễn Văn A,minh-thang/ubnd,leader,dien-tap\n502,Lê Thị B,cong-an-tx,officer,dien-tap\n"), 0o600)
	if out, code := h.cli("members", "import", members); code != 0 {
		t.Fatal(out)
	}
	plan := "../../documents/testdata/ke-hoach-45.txt"
	data, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	out, code := h.cli("documents", "add", "--send", plan)
	if code != 0 || !strings.Contains(out, "document 1 sent to 13 units") || strings.Contains(out, "without the file") {
		t.Fatalf("exit %d: %s", code, out)
	}
	h.app.Dispatcher.Wake() // another process queued the notices
	for _, c := range []struct {
		chat int64
		task string
	}{{official.ID, "Chuẩn bị lực lượng dân quân"}, {other.ID, "Xây dựng phương án bảo đảm an ninh trật tự"}} {
		got := h.fake.WaitMessage(t, c.chat, "the plan as a document", func(m tgfake.Message) bool { return m.Method == "sendDocument" })
		file, ok := h.fake.FileByID(got.FileID)
		if !ok || file.Name != "ke-hoach-45.txt" || !bytes.Equal(file.Data, data) || !strings.Contains(got.Text, c.task) {
			t.Errorf("chat %d got %+v, file %q (%d bytes), want the plan itself with %q", c.chat, got, file.Name, len(file.Data), c.task)
		}
	}
	h.fake.WaitText(t, adminUser.ID, "📎 Bản lưu của văn bản")
	if uploads := h.fake.Calls("sendDocument"); uploads != 3 { // into the administrator's chat, then by file_id to each
		t.Errorf("%d sendDocument calls, want 3: the file is uploaded once", uploads)
	}
}
