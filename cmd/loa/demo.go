package main

import (
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/tgfake"
	"github.com/loa-vn/loa/tgfake/simulator"
)

// demoData is what `loa demo` starts with: sample members in several units and roles, and
// three sample articles in a provincial portal's style (fiction written for this project), in
// the two-tier structure since 1 July 2025: a regional defence command (PTKV) of the Đồng Nai
// provincial military command and the communes and wards it covers.
//
//go:embed demo
var demoData embed.FS

// demoToken is the fake bot's token; it reaches nothing but the fake inside this process.
const demoToken = "100000001:demo-token-for-the-fake-bot-api"

// The people one can be in the simulator; their IDs match demo/members.csv.
var (
	demoAdmin = tgfake.User{ID: 900, FirstName: "Trần", LastName: "Quản Trị", Username: "quantri"}
	demoGroup = tgfake.Chat{ID: -1001501, Type: "supergroup", Title: "Nhóm Ban CHQS xã Nha Bích"}
)

// The demo's office, made by `loa init` from the national list as an operator would. Which
// communes a PTKV covers is the province's decision; these are for illustration.
//
// The recruitment article's schedule for 2027 follows the months published for the 2026 intake,
// the first run by communes: political review by the end of August or September and
// pre-screening at the commune in October (TP.HCM's plan, thanhnien.vn 29/8/2025; Phú Thọ,
// baophutho.vn 10/11/2025), the examination between 1 November and 31 December (Luật NVQS 2015
// as amended in 2025, art. 40(4)), the lists closed in January and the call-up orders handed
// over by early February, the hand-over on 4–6 March 2026 nationwide (Hướng dẫn 6544/HD-BQP,
// giadinh.suckhoedoisong.vn 27/2/2026); the first registration of 17-year-olds is in April
// (Hội đồng NVQS xã Phước Lộc, 16/4/2025).
var (
	demoProvince = "Đồng Nai"
	demoRegion   = "PTKV 4"
	demoCommunes = "Chơn Thành, Minh Hưng, Nha Bích, Tân Quan, Tân Khai, Bình Long, An Lộc"
)

func demoPersonas() []simulator.Persona {
	leader := tgfake.User{ID: 501, FirstName: "Nguyễn", LastName: "Văn Hùng"}
	militia := tgfake.User{ID: 502, FirstName: "Lê", LastName: "Văn Dũng"}
	newcomer := tgfake.User{ID: 504, FirstName: "Võ", LastName: "Minh Tuấn"}
	officer := tgfake.User{ID: 503, FirstName: "Phạm", LastName: "Thị Lan"}
	return []simulator.Persona{
		{Key: "admin", Label: "Quản trị viên — Trần Quản Trị (Ban Chỉ huy PTKV 4)", User: demoAdmin, Chat: tgfake.Private(demoAdmin)},
		{Key: "leader", Label: "Chỉ huy trưởng Ban CHQS xã Nha Bích — Nguyễn Văn Hùng", User: leader, Chat: tgfake.Private(leader)},
		{Key: "new", Label: "Cán bộ mới, chưa đăng ký — Võ Minh Tuấn", User: newcomer, Chat: tgfake.Private(newcomer)},
		{Key: "militia", Label: "Dân quân xã Nha Bích — Lê Văn Dũng", User: militia, Chat: tgfake.Private(militia)},
		{Key: "officer", Label: "Văn phòng UBND phường Chơn Thành — Phạm Thị Lan", User: officer, Chat: tgfake.Private(officer)},
		{Key: "group", Label: "Nhóm Ban CHQS xã Nha Bích (nhóm)", User: leader, Chat: demoGroup},
	}
}

// demo is a running `loa demo`.
type demo struct {
	URL  string // the chat simulator
	Fake *tgfake.Server
	App  *app
	Dir  string

	finish func() error
}

func cmdDemo(a *admin, args []string) error {
	fs := a.flags("demo")
	dir := fs.String("dir", "", "keep the demo's database and log in this folder (default: a temporary folder, removed at the end)")
	listen := fs.String("listen", "127.0.0.1:8088", "address of the chat simulator")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: demo takes no arguments, got %q", errUsage, pos)
	}
	ctx, e := a.ctx, a.e
	d, err := startDemo(ctx, *dir, *listen)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Loa demo: open %s\n(log: %s; Ctrl+C to stop)\n", d.URL, filepath.Join(d.Dir, "loa.log"))
	return d.finish()
}

// startDemo starts a fake Bot API and `loa serve` on a fresh SQLite file, seeds them with the
// sample data, and serves the chat simulator on listen. finish waits for ctx to end, stops
// everything and removes the folder when it was temporary.
func startDemo(ctx context.Context, dir, listen string) (*demo, error) {
	temporary := dir == ""
	if temporary {
		var err error
		if dir, err = os.MkdirTemp("", "loa-demo-"); err != nil {
			return nil, fmt.Errorf("demo folder: %w", err)
		}
	} else if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("demo folder: %w", err)
	}
	d := &demo{Dir: dir, Fake: tgfake.NewServer(demoToken)}
	var logFile *os.File
	cleanup := func() {
		d.Fake.Close()
		if logFile != nil {
			logFile.Close()
		}
		if temporary {
			os.RemoveAll(dir)
		}
	}
	fail := func(err error) (*demo, error) { cleanup(); return nil, err }

	logFile, err := os.OpenFile(filepath.Join(dir, "loa.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return fail(fmt.Errorf("demo log: %w", err))
	}
	vars := map[string]string{
		"LOA_TELEGRAM_TOKEN":        demoToken,
		"LOA_TELEGRAM_API_ENDPOINT": d.Fake.URL,
		"LOA_TELEGRAM_POLL_TIMEOUT": "10s",
		"LOA_DATABASE_DRIVER":       "sqlite",
		"LOA_DATABASE_URL":          filepath.Join(dir, "loa.db"),
		"LOA_ADMINS":                strconv.FormatInt(demoAdmin.ID, 10),
		"LOA_HTTP_LISTEN":           "127.0.0.1:0",
	}
	e := env{stdout: io.Discard, stderr: logFile, getenv: func(k string) string { return vars[k] }}
	configFile := filepath.Join(dir, "loa.yaml") // empty: a loa.yaml where the demo runs must not leak in
	if err := os.WriteFile(configFile, nil, 0o600); err != nil {
		return fail(fmt.Errorf("demo config: %w", err))
	}
	if err := seedDemo(ctx, dir, configFile, e, vars); err != nil {
		return fail(err)
	}
	d.Fake.SetGroupAdmin(demoGroup.ID, 501)

	cfg, err := config.Load(configFile, e.getenv, true)
	if err != nil {
		return fail(err)
	}
	serveCtx, stop := context.WithCancel(ctx)
	d.App, err = start(serveCtx, cfg, slog.New(slog.NewJSONHandler(logFile, nil)), nil)
	if err != nil {
		stop()
		return fail(err)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		stop()
		d.App.wait()
		return fail(fmt.Errorf("demo --listen %s: %w", listen, err))
	}
	d.URL = "http://" + ln.Addr().String() + "/"
	mux := http.NewServeMux()
	mux.Handle("/", simulator.Handler(simulator.Options{
		Fake: d.Fake, Personas: demoPersonas(), Location: cfg.Location,
		Links: []simulator.Link{{Label: "🖥 Bảng quản trị (quản trị viên)", URL: "/console"}, {Label: "/metrics", URL: "http://" + d.App.Addr + "/metrics"}},
	}))
	// The console opens signed in as the demo's administrator: a fresh one-time link each time.
	mux.HandleFunc("GET /console", func(w http.ResponseWriter, r *http.Request) {
		link, err := loa.NewSignInLink(r.Context(), d.App.DB, "http://"+d.App.Addr, demoAdmin.ID, time.Now())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, link, http.StatusSeeOther)
	})
	sim := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: mux}
	go sim.Serve(ln)
	d.finish = func() error {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		sim.Shutdown(shut) // the pages' long polls end with the fake
		stop()
		err := d.App.wait()
		cleanup()
		return err
	}
	return d, nil
}

// seedDemo fills the demo database the way an operator would, with the same commands: the
// catalogue from the national list, the members, the sample articles (their directives and
// events), and two coming events whose reminders fire within minutes and within days. vars
// are the demo's environment; the catalogue is named in it once written.
func seedDemo(ctx context.Context, dir, configFile string, e env, vars map[string]string) error {
	files, err := fs.Glob(demoData, "demo/*")
	if err != nil {
		return err
	}
	var articles []string
	for _, name := range files {
		data, err := demoData.ReadFile(name)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, filepath.Base(name))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if strings.HasSuffix(name, ".txt") {
			articles = append(articles, path)
		}
	}
	now := time.Now()
	soon := now.Add(10 * time.Minute).Truncate(time.Minute)
	exam := time.Date(now.Year(), now.Month(), now.Day()+3, 7, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	catalog := filepath.Join(dir, "catalog.yaml")
	steps := [][]string{
		{"init", "--province", demoProvince, "--region", demoRegion, "--communes", demoCommunes, "--out", catalog, "--force"},
		{"migrate"},
		{"members", "import", filepath.Join(dir, "members.csv")},
		append([]string{"ingest", "--quiet"}, articles...),
		{"events", "add", "--kind", "drill", "--title", "Diễn tập chiến đấu phòng thủ xã Nha Bích (thử chuông báo động)",
			"--start", soon.Format(time.RFC3339), "--place", "Hội trường UBND xã Nha Bích", "--offsets", "8m,3m", "--topic", "dien-tap"},
		{"events", "add", "--kind", "medical_exam", "--title", "Khám tuyển nghĩa vụ quân sự (Hội đồng NVQS phường Chơn Thành)",
			"--start", exam.Format(time.RFC3339), "--place", "Trạm Y tế phường Chơn Thành", "--offsets", "1d,2h", "--topic", "tuyen-quan"},
	}
	for i, step := range steps {
		if i == 1 {
			vars["LOA_CATALOG_FILE"] = catalog // what `loa init` says to do with the file
		}
		var said strings.Builder
		e.stderr = &said
		if code := run(ctx, append([]string{"--config", configFile}, step...), e); code != 0 {
			return fmt.Errorf("preparing the demo data: %s", strings.TrimSpace(said.String()))
		}
	}
	return nil
}
