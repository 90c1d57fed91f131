package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/tgfake"
)

const testToken = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"

var (
	adminUser = tgfake.User{ID: 900, FirstName: "Trần", LastName: "Quản Trị", Username: "quantri"}
	official  = tgfake.User{ID: 501, FirstName: "Nguyễn", LastName: "Văn A", Username: "nva"}
	other     = tgfake.User{ID: 502, FirstName: "Lê", LastName: "Thị B"}
)

// harness is a running `loa serve` wired exactly as the binary wires it, on a fresh database,
// talking to a fake Bot API.
type harness struct {
	t       testing.TB
	fake    *tgfake.Server
	app     *app
	env     map[string]string
	logs    *syncBuffer
	stopped chan struct{}
	cancel  context.CancelFunc
	config  string // the configuration file's YAML; empty by default
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// eachBackend runs fn on SQLite and on PostgreSQL, side by side: each half has its own
// database, fake Bot API and process state. It is for the flows whose outcome depends on the
// database server (a process killed mid-send, the main broadcast flow through serve); the
// rest run onSQLite.
func eachBackend(t *testing.T, fn func(t *testing.T, driver string)) {
	for _, d := range storetest.ForTest() {
		t.Run(d, func(t *testing.T) { t.Parallel(); fn(t, d) })
	}
}

// onSQLite runs a door's end-to-end flow once, on SQLite: what the flow stores and reads is the
// store's, whose tests run every query on both backends, and a PostgreSQL half would check it
// again at seconds a test.
func onSQLite(t *testing.T, fn func(t *testing.T, driver string)) {
	t.Run(store.SQLite, func(t *testing.T) { t.Parallel(); fn(t, store.SQLite) })
}

// chonThanh2024 is the catalogue of the tests' articles: the former thị xã Chơn Thành, before 1
// July 2025, with its district's own units.
var chonThanh2024 = func() string {
	p, err := filepath.Abs(filepath.Join("testdata", "catalog-chonthanh-2024.yaml"))
	if err != nil {
		panic(err)
	}
	return p
}()

func newHarness(t *testing.T, driver string, extraEnv map[string]string) *harness {
	return newHarnessTB(t, driver, extraEnv)
}

// newBenchHarness is a harness on SQLite for benchmarks.
func newBenchHarness(b *testing.B) *harness { return newHarnessTB(b, "sqlite", nil) }

func newHarnessTB(t testing.TB, driver string, extraEnv map[string]string) *harness {
	t.Helper()
	return newHarnessConfig(t, driver, extraEnv, "")
}

// quickDelivery spaces messages to one chat 20 ms apart instead of Telegram's second, and
// looks for what the command line queued every 50 ms instead of every second. Flows wait on
// what the bot sends: at the real pace each of those waits costs up to a second. The fake enforces no limit unless a test asks; a
// test that does gives its own delivery settings.
const quickDelivery = "delivery:\n  per_chat_interval: 20ms\n  group_interval: 20ms\n  idle_poll: 50ms\n"

// newHarnessConfig starts loa serve with a configuration file holding yaml; without a
// delivery section of its own, messages go out at quickDelivery's pace.
func newHarnessConfig(t testing.TB, driver string, extraEnv map[string]string, yaml string) *harness {
	t.Helper()
	fake := tgfake.New(t, testToken)
	backend := storetest.NewMigratedBackend(t, driver)
	env := map[string]string{
		"LOA_TELEGRAM_TOKEN":        testToken,
		"LOA_TELEGRAM_API_ENDPOINT": fake.URL,
		"LOA_TELEGRAM_POLL_TIMEOUT": "5s",
		"LOA_DATABASE_DRIVER":       backend.Driver,
		"LOA_DATABASE_URL":          backend.DSN,
		"LOA_ADMINS":                "900",
		"LOA_HTTP_LISTEN":           "127.0.0.1:0",
	}
	if _, given := extraEnv["LOA_CATALOG_FILE"]; !given {
		env["LOA_CATALOG_FILE"] = chonThanh2024
	}
	for k, v := range extraEnv {
		env[k] = v
	}
	if !strings.Contains(yaml, "delivery:") {
		yaml = quickDelivery + yaml
	}
	h := &harness{t: t, fake: fake, env: env, logs: &syncBuffer{}, stopped: make(chan struct{}), config: yaml}
	if _, given := env["LOA_HTTP_PUBLIC_URL"]; given {
		h.start(nil)
		return h
	}
	// Links the bot sends must open elsewhere: the listener's address stands for a public URL.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	env["LOA_HTTP_PUBLIC_URL"] = "http://" + ln.Addr().String()
	h.start(ln)
	return h
}

// configPath is the harness's config file (empty by default), so a loa.yaml in the working
// directory cannot leak in.
func (h *harness) configPath() string {
	p := filepath.Join(h.t.TempDir(), "loa.yaml")
	os.WriteFile(p, []byte(h.config), 0o600)
	return p
}

func (h *harness) start(ln net.Listener) {
	t := h.t
	t.Helper()
	cfg, err := config.Load(h.configPath(), h.getenv, true)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	a, err := start(ctx, cfg, slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})), ln)
	if err != nil {
		cancel()
		t.Fatalf("start: %v", err)
	}
	h.app = a
	go func() {
		a.wait()
		close(h.stopped)
	}()
	t.Cleanup(h.stop)
	if cfg.Telegram.Mode == "polling" {
		h.fake.WaitCalls(t, "getUpdates", 1)
	}
}

// stop shuts the service down as SIGTERM would and checks it stops within 10 s.
func (h *harness) stop() {
	h.cancel()
	select {
	case <-h.stopped:
	case <-time.After(10 * time.Second):
		h.t.Errorf("loa serve did not stop within 10 s")
	}
	if strings.Contains(h.logs.String(), testToken) || strings.Contains(h.logs.String(), strings.Split(testToken, ":")[1]) {
		h.t.Errorf("the bot token appears in the logs")
	}
}

func (h *harness) getenv(k string) string { return h.env[k] }

// cli runs a loa admin subcommand against the same database while serve runs.
func (h *harness) cli(args ...string) (stdout string, code int) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"--config", h.configPath()}, args...), env{stdout: &out, stderr: &errOut, getenv: h.getenv})
	return out.String() + errOut.String(), code
}

type memberJSON struct {
	ID     int64    `json:"id"`
	Status string   `json:"status"`
	Unit   string   `json:"unit"`
	Role   string   `json:"role"`
	Lang   string   `json:"lang"`
	Topics []string `json:"topics"`
}

func (h *harness) member(chatID int64) (memberJSON, bool) {
	h.t.Helper()
	out, code := h.cli("members", "list", "--json")
	if code != 0 {
		h.t.Fatalf("members list: %s", out)
	}
	var rows []memberJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		h.t.Fatalf("members list --json: %v\n%s", err, out)
	}
	for _, r := range rows {
		if r.ID == chatID {
			return r, true
		}
	}
	return memberJSON{}, false
}

// press presses the button whose text or data contains label on msg, and waits for the answer.
func (h *harness) press(from tgfake.User, msg tgfake.Message, label string) tgfake.CallbackAnswer {
	h.t.Helper()
	b, ok := msg.Button(label)
	if !ok {
		h.t.Fatalf("no button %q on message %q; buttons: %v", label, msg.Text, msg.Buttons)
	}
	return h.fake.WaitAnswer(h.t, h.fake.Press(from, msg, b.Data))
}

// current returns the present state of a message the bot sent (after edits).
func (h *harness) current(msg tgfake.Message) tgfake.Message {
	for _, m := range h.fake.Messages(msg.ChatID) {
		if m.ID == msg.ID {
			return m
		}
	}
	h.t.Fatalf("message %d vanished", msg.ID)
	return msg
}

// waitEdited waits until msg has been edited to contain text.
func (h *harness) waitEdited(msg tgfake.Message, text string) tgfake.Message {
	h.t.Helper()
	return h.fake.WaitMessage(h.t, msg.ChatID, "an edit to "+text, func(m tgfake.Message) bool {
		return m.ID == msg.ID && strings.Contains(m.Text, text)
	})
}

// waitRecorded waits until cond holds, checking it each time the dispatcher records outcomes.
func (h *harness) waitRecorded(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		ch := h.app.Dispatcher.Recorded()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			h.t.Fatalf("timed out waiting for %s", what)
		}
	}
}
