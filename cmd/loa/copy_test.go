package main

import (
	"bytes"
	"context"
	"maps"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/tgfake"
)

// TestCopySQLiteToPostgres fills a SQLite Loa as an office would (members, a notice with an
// acknowledgement, an event with its reminders, an article with its directives, the audit
// log), copies it into an empty PostgreSQL database, and reads both back through the same
// commands: every answer is the same, and Loa goes on numbering after the copied rows.
func TestCopySQLiteToPostgres(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", map[string]string{"LOA_API_TOKENS": "portal:" + apiToken})
	h.importMembers("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap;chi-dao\n502,Lê Thị B,hung-long/chqs,leader,dien-tap\n")
	status, body, raw := h.api("POST", "/api/v1/notices", apiToken, "application/json", `{"text":"Kiểm tra liên lạc","audience":{"topics":["dien-tap"]},"requires_ack":true}`)
	if status != 201 {
		t.Fatalf("notice: %d %s", status, raw)
	}
	id := itoa(int(body["id"].(float64)))
	got := h.fake.WaitText(t, 501, "Kiểm tra liên lạc")
	h.press(tgfake.User{ID: 501, FirstName: "Nguyễn"}, got, "Đã nhận")
	h.waitRecorded("the acknowledgement", func() bool {
		out, _ := h.cli("report", id, "--json")
		return strings.Contains(out, `"acknowledged": 1`)
	})
	if out, code := h.cli("events", "add", "--kind", "drill", "--title", "Diễn tập phòng thủ", "--start", "2099-06-15 07:30", "--topic", "dien-tap"); code != 0 {
		t.Fatal(out)
	}
	if out, code := h.cli("ingest", "--quiet", corpusDir+"chonthanh-2024-09-05-gdqp-an.txt"); code != 0 {
		t.Fatal(out)
	}

	pg := storetest.NewBackend(t, "postgres")
	out, code := h.cli("copy", "--to", pg.DSN)
	if code != 0 || !strings.Contains(out, "every table's rows counted on both sides") {
		t.Fatalf("copy: exit %d\n%s", code, out)
	}
	if out, code := h.cli("copy", "--to", pg.DSN); code == 0 || !strings.Contains(out, "already has") {
		t.Fatalf("a second copy into the same database: exit %d\n%s", code, out)
	}

	onPostgres := maps.Clone(h.env)
	onPostgres["LOA_DATABASE_DRIVER"], onPostgres["LOA_DATABASE_URL"] = pg.Driver, pg.DSN
	cliOn := func(env map[string]string, args ...string) string {
		var out bytes.Buffer
		if code := run(context.Background(), append([]string{"--config", h.configPath()}, args...), env2(env, &out)); code != 0 {
			t.Fatalf("loa %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
		}
		return out.String()
	}
	for _, args := range [][]string{
		{"members", "list", "--json"}, {"report", id, "--json"}, {"events", "list", "--json"}, {"reminders", "list", "--json"},
		{"ask", "--json", "Ban CHQS thị xã phải làm gì?"}, {"sources", "list", "--json"},
	} {
		if a, b := microseconds(cliOn(h.env, args...)), microseconds(cliOn(onPostgres, args...)); a != b {
			t.Errorf("loa %s differs after the copy:\nSQLite:\n%s\nPostgreSQL:\n%s", strings.Join(args, " "), a, b)
		}
	}
	if answer := cliOn(onPostgres, "ask", "--json", "Ban CHQS thị xã phải làm gì?"); !strings.Contains(answer, "Trung tâm Chính trị") {
		t.Fatalf("the copied search index does not answer on PostgreSQL:\n%s", answer)
	}
	// New rows continue after the copied ones instead of colliding with them.
	if out := cliOn(onPostgres, "events", "add", "--kind", "meeting", "--title", "Họp giao ban", "--start", "2099-07-01 07:30", "--all"); !strings.Contains(out, "Họp giao ban") {
		t.Fatalf("an event added after the copy: %s", out)
	}
}

var rfc3339 = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)`)

// microseconds rounds every time in s to PostgreSQL's precision; SQLite keeps nanoseconds.
func microseconds(s string) string {
	return rfc3339.ReplaceAllStringFunc(s, func(v string) string {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return v
		}
		return t.Round(time.Microsecond).Format(time.RFC3339Nano)
	})
}

func env2(vars map[string]string, out *bytes.Buffer) env {
	return env{stdout: out, stderr: out, getenv: func(k string) string { return vars[k] }}
}
