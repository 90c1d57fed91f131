// Command loa runs the Loa bot and its admin tools. It only wires the rooms together; the
// end-to-end tests in this folder drive the same wiring.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/store"
)

// Set at build time: go build -ldflags "-X main.version=v1.2.0 -X main.buildCommit=… -X main.buildDate=…".
var (
	version     = "dev"
	buildCommit = ""
	buildDate   = ""
)

const usage = `Loa — thông tin quốc phòng, an ninh qua Telegram / defense and security news over Telegram

Usage: loa [--config FILE] COMMAND [ARGS]

Commands:
  demo [--dir DIR] [--listen 127.0.0.1:8088]
                                try Loa without a token: a fake Telegram and a chat simulator
                                in the browser, with sample units, members, articles and events
  init --province P [--region "PTKV 1" --communes "A, B, …"] [--out catalog.yaml] [--force]
                                write the office's unit catalogue from the national list of
                                provinces, communes and wards (since 1 July 2025)
  serve                         run the bot (polling or webhook), /healthz and /metrics
  migrate                       apply database migrations and sync the unit catalogue
  healthcheck [--url http://127.0.0.1:8080/healthz]
                                exit 0 when a running serve is healthy (container HEALTHCHECK)
  copy --to postgres://…        move everything from SQLite into an empty PostgreSQL database
  backup FILE                   a consistent copy of the SQLite database, safe while serve runs
  version                       print the version
  completion bash|zsh|fish      a shell completion script: source <(loa completion bash)
  members list [--status S] [--json]
  members approve|reject|block CHAT_ID
  members import FILE.csv       columns: chat_id,name,unit,role,topics (topics split by ;)
  units list [--json]
  topics list [--json]
  subscribe CHAT_ID TOPIC...
  invite create --unit KEY --role ROLE [--uses N] [--expires 72h] [--bot USERNAME]
  web link --user ID            a one-time sign-in link to the web console (valid 10 minutes)
  audit [--since 24h|2006-01-02] [--json]
  broadcast [--topic T]... [--unit U]... [--role R]... [--all] [--any] [--ack] [--urgent]
            [--exercise] [--at "2024-06-10 07:00"] (--text "..." | --file notice.txt) [--dry-run] [--json]
  broadcast --update NOTICE_ID --text "..."   an update to the same recipients
  broadcast --retract NOTICE_ID [--text why]  cancel: unsent deliveries stop, recipients are told
  notices list [--json]         scheduled broadcasts not yet sent
  notices cancel NOTICE_ID
  report NOTICE_ID [--json|--csv]
  ingest [--dry-run|--quiet] [--json] [--source NAME] FILE|URL...
  sources list [--json]
  sources poll NAME
  ask [--json] [--limit N] QUESTION
  events list [--past] [--json]
  events add --kind K --title T --start "2024-06-15 07:30" [--end ..] [--place P]
             [--offsets 7d,1d,2h] [--topic T]... [--unit U]... [--role R]... [--notes N]
  events edit ID [same flags]        events cancel ID
  events confirm CANDIDATE_ID [--start ..]   events import FILE.yaml
  reminders add --rule "0 7 * * 1" --message "..." [--name N] [--topic T]... [--all]
  reminders list [--json]            reminders pause|resume|rm ID
  documents add [--json] FILE...     read official documents (PDF, .docx, photos) and preview
                                     their tasks per unit and deadlines; nothing is stored or sent
  help                          this text

--config defaults to loa.yaml when present; every key can be set with LOA_* variables
(LOA_TELEGRAM_TOKEN, LOA_DATABASE_URL, LOA_ADMINS…). See config.example.yaml.
`

// env is the process environment, replaceable by tests.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

// errUsage marks a mistake in the command line; run prints the usage and exits 2.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, e env) int {
	global := flag.NewFlagSet("loa", flag.ContinueOnError)
	global.SetOutput(e.stderr)
	configPath := global.String("config", "", "configuration file (default loa.yaml when present)")
	showVersion := global.Bool("version", false, "print the version")
	global.Usage = func() {} // the error alone, in one line; the usage only when asked for
	if err := global.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(e.stdout, usage)
		return 0
	} else if err != nil {
		fmt.Fprintln(e.stderr, "see loa --help")
		return 2
	}
	rest := global.Args()
	if *showVersion {
		fmt.Fprintln(e.stdout, versionLine())
		return 0
	}
	if len(rest) == 0 {
		fmt.Fprint(e.stderr, usage)
		return 2
	}
	cmd, rest := rest[0], rest[1:]
	if cmd == "help" {
		fmt.Fprint(e.stdout, usage)
		return 0
	}
	if wantsHelp(rest) {
		// Help is all a --help asks for: nothing is started, migrated or sent.
		commandHelp(e.stdout, cmd)
		return 0
	}
	var err error
	switch cmd {
	case "version":
		fmt.Fprintln(e.stdout, versionLine())
		return 0
	case "completion":
		if len(rest) != 1 {
			err = fmt.Errorf("%w: completion needs one of bash, zsh, fish", errUsage)
			break
		}
		err = completion(e.stdout, rest[0])
	case "demo":
		err = cmdDemo(ctx, rest, e)
	case "healthcheck":
		err = cmdHealthcheck(ctx, rest, e)
	case "init":
		err = cmdInit(rest, e, time.Now())
	case "serve":
		if len(rest) > 0 {
			err = fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, rest)
			break
		}
		err = cmdServe(ctx, *configPath, e)
	default:
		err = runAdmin(ctx, *configPath, cmd, rest, e)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		helpFor := "loa " + cmd + " --help"
		if !slices.Contains(commands, cmd) {
			helpFor = "loa --help"
		}
		fmt.Fprintf(e.stderr, "loa %s: %s\nsee %s\n", cmd, strings.TrimPrefix(err.Error(), errUsage.Error()+": "), helpFor)
		return 2
	default:
		fmt.Fprintf(e.stderr, "loa %s: %v\n", cmd, err)
		return 1
	}
}

// openStore opens the configured database, migrates it and syncs the unit catalogue, so every
// command sees the same schema and tree whether or not serve has ever run.
func openStore(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.Database.Driver, cfg.Database.DSN)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.SyncCatalog(ctx, cfg.Units); err != nil {
		db.Close()
		return nil, fmt.Errorf("sync unit catalogue: %w", err)
	}
	return db, nil
}

func newLogger(w io.Writer, getenv func(string) string) *slog.Logger {
	level := slog.LevelInfo
	if err := level.UnmarshalText([]byte(getenv("LOA_LOG_LEVEL"))); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}
