package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/tgfake"
)

var noticeID = regexp.MustCompile(`notice (\d+) queued for (\d+) recipients`)

func TestBroadcastAcknowledgeAndReport(t *testing.T) {
	t.Parallel()
	eachBackend(t, func(t *testing.T, driver string) {
		h := newHarness(t, driver, nil)
		members := filepath.Join(t.TempDir(), "m.csv")
		os.WriteFile(members, []byte("501,Nguyễn Văn A,minh-thang/chqs,leader,\n502,Lê Thị B,minh-thang/dan-quan,militia,\n503,Phạm C,hung-long/chqs,leader,\n"), 0o600)
		if out, code := h.cli("members", "import", members); code != 0 {
			t.Fatal(out)
		}
		out, code := h.cli("broadcast", "--unit", "minh-thang", "--ack", "--text", "Họp <khẩn> lúc 7:00 & mang sổ")
		m := noticeID.FindStringSubmatch(out)
		if code != 0 || m == nil || m[2] != "2" {
			t.Fatalf("broadcast (exit %d): %s", code, out)
		}
		msgA := h.fake.WaitText(t, 501, "Họp &lt;khẩn&gt; lúc 7:00 &amp; mang sổ")
		h.fake.WaitText(t, 502, "Thông báo số")
		if got := h.fake.Messages(503); len(got) != 0 {
			t.Fatalf("a member outside the audience got %v", got)
		}
		if a := h.press(official, msgA, "Đã nhận"); !strings.Contains(a.Text, "Đã ghi nhận") {
			t.Fatalf("ack answered %q", a.Text)
		}
		acked := h.fake.WaitMessage(t, 501, "the button showing receipt", func(x tgfake.Message) bool {
			b, ok := x.Button("Đã xác nhận lúc")
			return x.ID == msgA.ID && ok && b.Data != ""
		})
		if a := h.press(official, acked, "Đã xác nhận lúc"); !strings.Contains(a.Text, "Đồng chí đã xác nhận lúc") {
			t.Fatalf("second press answered %q", a.Text)
		}
		// Both deliveries are recorded as sent before the report is read.
		h.waitRecorded("both deliveries sent", func() bool {
			out, _ := h.cli("report", m[1], "--json")
			return strings.Count(out, `"sent": 1`) == 2
		})
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "/report "+m[1])
		report := h.fake.WaitText(t, adminUser.ID, "Báo cáo Thông báo số "+m[1], "Ban CHQS xã Minh Thắng", "1 đã xác nhận, 0 chưa", "Trung đội dân quân xã Minh Thắng", "0 đã xác nhận, 1 chưa", "Lê Thị B (502)")
		if a := h.press(other, report, "Nhắc lại"); !strings.Contains(a.Text, "Chỉ người gửi") {
			t.Fatalf("a non-admin re-reminded: %+v", a)
		}
		if a := h.press(adminUser, report, "Nhắc lại"); !strings.Contains(a.Text, "1 người chưa xác nhận") {
			t.Fatalf("remind answered %+v", a)
		}
		reminder := h.fake.WaitText(t, 502, "Nhắc lại Thông báo số "+m[1])
		original502 := h.fake.Messages(502)[0]
		if reminder.ReplyTo != original502.ID {
			t.Fatalf("the re-reminder does not answer the original message (%d, want %d)", reminder.ReplyTo, original502.ID)
		}
		// Pressing "Đã nhận" on the re-reminder counts for the original notice.
		official2 := tgfake.User{ID: 502, FirstName: "Lê", LastName: "Thị B"}
		if a := h.press(official2, reminder, "Đã nhận"); !strings.Contains(a.Text, "Đã ghi nhận") {
			t.Fatalf("ack of the re-reminder answered %q", a.Text)
		}
		h.waitRecorded("the acknowledgement on the original", func() bool {
			out, _ := h.cli("report", m[1], "--json")
			return strings.Count(out, `"acknowledged": 1`) == 2
		})
		if n := len(h.fake.Messages(501)); n != 1 {
			t.Fatalf("the member who acknowledged was reminded (%d messages)", n)
		}
		h.fake.SendText(adminUser, tgfake.Private(adminUser), "/capnhat "+m[1]+" Mang theo <sổ> tay")
		h.fake.WaitText(t, adminUser.ID, "Cập nhật Thông báo số "+m[1], "2 người nhận")
		h.fake.WaitText(t, 502, "Cập nhật Thông báo số "+m[1], "Mang theo &lt;sổ&gt; tay")
		// Cancelling takes two presses and then tells both recipients.
		h.press(adminUser, report, "Hủy thông báo này")
		sure := h.fake.WaitMessage(t, adminUser.ID, "the confirmation button", func(x tgfake.Message) bool {
			_, ok := x.Button("Bấm lần nữa")
			return x.ID == report.ID && ok
		})
		if a := h.press(adminUser, sure, "Bấm lần nữa"); !strings.Contains(a.Text, "2 người đã nhận được báo hủy") {
			t.Fatalf("retract answered %q", a.Text)
		}
		cancelled := h.fake.WaitText(t, 501, "Hủy Thông báo số "+m[1])
		if cancelled.ReplyTo != msgA.ID {
			t.Fatalf("the cancellation does not answer the original (%d, want %d)", cancelled.ReplyTo, msgA.ID)
		}
		h.fake.WaitMessage(t, 501, "the cancelled notice without its buttons", func(x tgfake.Message) bool {
			return x.ID == msgA.ID && len(x.Buttons) == 0
		})
		h.press(adminUser, report, "CSV")
		h.fake.WaitMessage(t, adminUser.ID, "the CSV report", func(x tgfake.Message) bool {
			return x.Method == "sendDocument" && strings.Contains(x.Text, "Báo cáo Thông báo số "+m[1])
		})
		out, code = h.cli("report", m[1], "--csv")
		reader := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
		reader.FieldsPerRecord = -1 // people, then units
		rows, err := reader.ReadAll()
		if code != 0 || err != nil || len(rows) != 6 || strings.Join(rows[0], ",") != "Họ và tên,Đơn vị,Chức vụ,Trạng thái,Đã gửi lúc,Đã xác nhận lúc" {
			t.Fatalf("report --csv (exit %d): %s", code, out)
		}
		if a := rows[1]; a[0] != "Nguyễn Văn A" || a[1] != "Ban CHQS xã Minh Thắng" || a[2] != "Lãnh đạo, chỉ huy" || a[3] != "Đã gửi" || a[4] == "" || a[5] == "" {
			t.Fatalf("a person's line: %q", a)
		}
		book := filepath.Join(t.TempDir(), "bao-cao.xlsx")
		if out, code := h.cli("report", m[1], "--xlsx", book); code != 0 {
			t.Fatalf("report --xlsx (exit %d): %s", code, out)
		}
		if f, err := excelize.OpenFile(book); err != nil {
			t.Fatal(err)
		} else {
			people, _ := f.GetRows("Người nhận")
			f.Close()
			if len(people) != 3 || people[1][0] != "Nguyễn Văn A" || people[1][2] != "Lãnh đạo, chỉ huy" {
				t.Fatalf("report --xlsx: %q", people)
			}
		}
		if out, _ := h.cli("report", m[1]); !strings.Contains(out, "was cancelled") {
			t.Fatalf("the report of a cancelled notice does not say so: %s", out)
		}
		// A cancelled notice takes no update, from any door: the refusal says when it was cancelled.
		if out, code := h.cli("broadcast", "--update", m[1], "--text", "Dời sang 8:00"); code == 0 || !strings.Contains(out, "Thông báo số "+m[1]+" đã hủy lúc") {
			t.Fatalf("update of a cancelled notice (exit %d): %s", code, out)
		}
		h.fake.SendText(other, tgfake.Private(other), "/report "+m[1])
		h.fake.WaitText(t, other.ID, "Chỉ người gửi")
	})
}

var buildOnce struct {
	sync.Once
	dir, path string
	err       error
}

func TestMain(m *testing.M) {
	// Most of these tests wait on a running service, its fake Bot API and its timers rather
	// than on the CPU: four at a time per core, unless -parallel says otherwise or the race
	// detector runs, keeps the cores busy where one each left them waiting.
	flag.Parse()
	parallelGiven := false
	flag.Visit(func(f *flag.Flag) { parallelGiven = parallelGiven || f.Name == "test.parallel" })
	if !parallelGiven && !raceDetector {
		flag.Set("test.parallel", strconv.Itoa(4*runtime.GOMAXPROCS(0)))
	}
	code := m.Run()
	if buildOnce.dir != "" {
		os.RemoveAll(buildOnce.dir)
	}
	if chromium.stop != nil {
		chromium.stop()
	}
	if chromium.dir != "" {
		os.RemoveAll(chromium.dir)
	}
	os.Exit(code)
}

// loaBinary builds cmd/loa once per test run, for every test that runs the real binary: a
// build costs seconds of both cores. TestMain removes it.
func loaBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "loa-bin")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.dir = dir
		buildOnce.path = filepath.Join(dir, "loa")
		if out, err := exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput(); err != nil {
			buildOnce.err = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildOnce.err != nil {
		t.Fatal(buildOnce.err)
	}
	return buildOnce.path
}

// TestKillNineLosesNothing kills a real `loa serve` in the middle of a 2,000-recipient notice
// and restarts it: every recipient gets the notice, and the duplicates are at most the sends
// that were in flight (the concurrency, 8): each outcome is stored as its send is answered.
// The bound does not depend on the notice's size; 2,000 keeps the set-up (importing the
// members under -race) within minutes on a busy machine, where 10,000 took more than ten.
func TestKillNineLosesNothing(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs two real processes over 2,000 deliveries")
	}
	eachBackend(t, func(t *testing.T, driver string) {
		const recipients, inFlight = 2_000, 8 // delivery.concurrency's default
		bin := loaBinary(t)
		fake := tgfake.New(t, testToken)
		backend := storetest.NewMigratedBackend(t, driver)
		env := map[string]string{
			"LOA_TELEGRAM_TOKEN": testToken, "LOA_TELEGRAM_API_ENDPOINT": fake.URL,
			"LOA_DATABASE_DRIVER": backend.Driver, "LOA_DATABASE_URL": backend.DSN,
			"LOA_HTTP_LISTEN": "127.0.0.1:0", "LOA_DELIVERY_RATE": "0", "LOA_DELIVERY_LEASE": "7s",
			"LOA_TELEGRAM_REQUEST_TIMEOUT": "1s", // the lease must outlast a batch: 7 rounds of 1 s
			"LOA_CATALOG_FILE":             chonThanh2024,
		}
		h := &harness{t: t, env: env}
		var csvText strings.Builder
		for i := 0; i < recipients; i++ {
			fmt.Fprintf(&csvText, "%d,Thành viên %d,minh-lap/dan-quan,militia,dan-quan-tu-ve\n", 100_000+i, i)
		}
		members := filepath.Join(t.TempDir(), "members.csv")
		os.WriteFile(members, []byte(csvText.String()), 0o600)
		if out, code := h.cli("members", "import", members); code != 0 {
			t.Fatal(out)
		}
		if out, code := h.cli("broadcast", "--topic", "dan-quan-tu-ve", "--text", "Tập trung huấn luyện"); code != 0 {
			t.Fatal(out)
		}
		startServe := func() *exec.Cmd {
			cmd := exec.Command(bin, "serve")
			cmd.Dir = t.TempDir()
			cmd.Env = os.Environ()
			for k, v := range env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			return cmd
		}
		first := startServe()
		fake.WaitChats(t, recipients/4, time.Minute)
		first.Process.Signal(syscall.SIGKILL)
		first.Wait()
		before, _ := fake.Totals()
		if before >= recipients {
			t.Fatalf("the process finished all %d before it was killed; the test proves nothing", recipients)
		}
		second := startServe()
		defer func() { second.Process.Signal(syscall.SIGTERM); second.Wait() }()
		fake.WaitChats(t, recipients, 2*time.Minute)
		chats, messages := fake.Totals()
		if dup := messages - chats; dup > inFlight {
			t.Fatalf("%d duplicates after the crash, more than the %d sends that can be in flight", dup, inFlight)
		}
		t.Logf("killed after %d chats; %d recipients all served with %d duplicates", before, chats, messages-chats)
	})
}

func TestAnUrgentNoticeGoesAsAPaidBroadcastBesideANormalOne(t *testing.T) {
	t.Parallel()
	// Telegram's own pace, since the fake enforces its limits here.
	h := newHarnessConfig(t, "sqlite", map[string]string{"LOA_DELIVERY_PAID_BROADCAST": "true"}, "delivery:\n  per_chat_interval: 1s\n")
	h.fake.EnforceLimits(30, time.Second)
	h.fake.EnforcePaidLimits(1000, -1)
	h.importMembers("501,A,minh-thang/chqs,leader,dien-tap\n502,B,hung-long/chqs,leader,dien-tap\n")
	if out, code := h.cli("broadcast", "--topic", "dien-tap", "--text", "Họp giao ban thường kỳ"); code != 0 {
		t.Fatal(out)
	}
	if out, code := h.cli("broadcast", "--topic", "dien-tap", "--urgent", "--text", "Sơ tán khẩn cấp"); code != 0 {
		t.Fatal(out)
	}
	for _, chat := range []int64{501, 502} {
		urgent := h.fake.WaitText(t, chat, "Sơ tán khẩn cấp")
		normal := h.fake.WaitText(t, chat, "Họp giao ban thường kỳ")
		if !urgent.Paid || normal.Paid {
			t.Fatalf("chat %d: urgent paid %v, normal paid %v; want only the urgent one paid", chat, urgent.Paid, normal.Paid)
		}
	}
	if n := h.fake.TooManyRequests(); n != 0 {
		t.Fatalf("%d answers were 429", n)
	}
	h.waitRecorded("both deliveries of the urgent notice", func() bool {
		out, _ := h.cli("report", "2", "--json")
		return strings.Contains(out, `"paid": 1`) && strings.Count(out, `"paid": 1`) == 2
	})
}
