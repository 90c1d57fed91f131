package main

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/loa-vn/loa/tgfake"
)

func TestWebhookNeedsTheSecretToken(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hook := "http://" + ln.Addr().String() + "/telegram/webhook"
	fake := tgfake.New(t, testToken)
	h := &harness{t: t, fake: fake, logs: &syncBuffer{}, stopped: make(chan struct{}), env: map[string]string{
		"LOA_TELEGRAM_TOKEN":          testToken,
		"LOA_TELEGRAM_API_ENDPOINT":   fake.URL,
		"LOA_TELEGRAM_MODE":           "webhook",
		"LOA_TELEGRAM_WEBHOOK_URL":    hook,
		"LOA_TELEGRAM_WEBHOOK_SECRET": "s3cret-Value_1",
		"LOA_DATABASE_URL":            filepath.Join(t.TempDir(), "loa.db"),
		"LOA_ADMINS":                  "900",
	}}
	h.start(ln)
	if u, secret := fake.Webhook(); u != hook || secret != "s3cret-Value_1" {
		t.Fatalf("setWebhook got %q / %q", u, secret)
	}
	update := []byte(`{"update_id":1,"message":{"message_id":1,"date":0,"chat":{"id":501,"type":"private"},"from":{"id":501,"first_name":"X"},"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}`)
	for _, secret := range []string{"", "wrong"} {
		if code := fake.PostWebhook(update, secret); code != 401 {
			t.Errorf("webhook with secret %q answered %d, want 401", secret, code)
		}
	}
	if len(fake.Messages(501)) != 0 {
		t.Fatal("an update without the secret was handled")
	}
	// Through the fake, which sends the secret like Telegram does.
	fake.SendText(official, tgfake.Private(official), "/start")
	fake.WaitText(t, official.ID, "Chào mừng")
	if strings.Contains(h.logs.String(), "s3cret-Value_1") {
		t.Error("the webhook secret appears in the logs")
	}
}

// TestBinaryServesWithOnlyTheToken builds the real binary and runs it as a user would, in an
// empty folder with no configuration file: SQLite in loa.db, only the token and the endpoint.
func TestBinaryServesWithOnlyTheToken(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := loaBinary(t)
	fake := tgfake.New(t, testToken)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LOA_TELEGRAM_TOKEN="+testToken, "LOA_TELEGRAM_API_ENDPOINT="+fake.URL, "LOA_HTTP_LISTEN=127.0.0.1:0")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logs := make(chan string, 1)
	go func() {
		var all strings.Builder
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			all.WriteString(sc.Text() + "\n")
		}
		logs <- all.String()
	}()
	fake.SendText(official, tgfake.Private(official), "/start")
	fake.WaitText(t, official.ID, "Chào mừng")
	if _, err := os.Stat(filepath.Join(dir, "loa.db")); err != nil {
		t.Errorf("no loa.db in the working folder: %v", err)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	// The log reader ends when the process closes stderr on exit; only then may Wait run
	// (Wait closes the pipe and would cut off the last lines).
	var out string
	select {
	case out = <-logs:
	case <-time.After(10 * time.Second):
		t.Fatal("loa serve did not stop within 10 s of SIGTERM")
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("loa serve exited with %v after SIGTERM", err)
	}
	if strings.Contains(out, testToken) || !strings.Contains(out, `"msg":"stopped"`) {
		t.Errorf("logs leak the token or lack a clean stop:\n%s", out)
	}
}

func TestWrongConfigExitsNamingTheKey(t *testing.T) {
	t.Parallel()
	var out, errOut strings.Builder
	path := filepath.Join(t.TempDir(), "loa.yaml")
	os.WriteFile(path, []byte("database:\n  driver: oracle\n"), 0o600)
	code := run(context.Background(), []string{"--config", path, "serve"}, env{stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return map[string]string{"LOA_TELEGRAM_TOKEN": testToken}[k] }})
	if code == 0 || !strings.Contains(errOut.String(), "database.driver") || strings.Contains(errOut.String(), testToken) {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestMembersImportReportsTheBadLineAndImportsNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("chat_id,name,unit,role,topics\n11,A,minh-thang/chqs,leader,dien-tap\n12,B,minh-thang/chqs,general,\n"), 0o600)
	out, code := h.cli("members", "import", bad)
	if code == 0 || !strings.Contains(out, "line 3") || !strings.Contains(out, "general") {
		t.Fatalf("bad import (exit %d): %s", code, out)
	}
	if _, found := h.member(11); found {
		t.Fatal("the good row of a bad file was imported")
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("11,A,minh-thang/chqs,leader,dien-tap;tuyen-quan\n12,B,nha-bich/dan-quan,militia,\n"), 0o600)
	if out, code := h.cli("members", "import", good); code != 0 {
		t.Fatalf("good import: %s", out)
	}
	if m, _ := h.member(11); m.Status != "active" || len(m.Topics) != 2 {
		t.Fatalf("imported member: %+v", m)
	}
	if out, code := h.cli("subscribe", "12", "an-ninh"); code != 0 {
		t.Fatal(out)
	}
	if out, code := h.cli("subscribe", "12", "khong-co"); code == 0 || !strings.Contains(out, "khong-co") {
		t.Fatalf("unknown topic accepted: %s", out)
	}
	if m, _ := h.member(12); len(m.Topics) != 1 || m.Topics[0] != "an-ninh" {
		t.Fatalf("subscribed: %+v", m)
	}
}

func TestBackupCopiesTheDatabaseWhileServeRuns(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n502,B,hung-long/chqs,leader,dien-tap\n")
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if out, code := h.cli("backup", copyPath); code != 0 || !strings.Contains(out, "backup written") {
		t.Fatalf("backup (exit %d): %s", code, out)
	}
	// The copy is a Loa database in its own right.
	copied := &harness{t: t, env: map[string]string{"LOA_DATABASE_DRIVER": "sqlite", "LOA_DATABASE_URL": copyPath}}
	out, code := copied.cli("members", "list", "--json")
	if code != 0 || !strings.Contains(out, `"id": 501`) || !strings.Contains(out, `"id": 502`) {
		t.Fatalf("members in the copy (exit %d): %s", code, out)
	}
	if out, code := h.cli("backup", copyPath); code == 0 || !strings.Contains(out, "exists") {
		t.Fatalf("a backup over an existing file: exit %d: %s", code, out)
	}
}
