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
	"strings"
	"syscall"

	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/store"
)

// Set at build time: go build -ldflags "-X main.version=v1.2.0 -X main.buildCommit=… -X main.buildDate=…".
var (
	version     = "dev"
	buildCommit = ""
	buildDate   = ""
)

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
		fmt.Fprint(e.stdout, usageText())
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
		fmt.Fprint(e.stderr, usageText())
		return 2
	}
	name := rest[0]
	c, used := find(rest)
	if c != nil {
		name = c.name
	}
	var err error
	switch {
	case c == nil && wantsHelp(rest[1:]) && len(secondWords(rest[0])) > 0:
		err = commandHelp(e.stdout, rest[0])
	case c == nil:
		err = unknownCommand(rest[0], rest[1:])
	case wantsHelp(rest[used:]):
		// Help is all a --help asks for: nothing is started, migrated or sent.
		err = commandHelp(e.stdout, c.name)
	default:
		err = runCommand(ctx, c, *configPath, rest[used:], e)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		helpFor := "loa --help"
		if c != nil {
			helpFor = "loa " + c.name + " --help"
		} else if len(secondWords(rest[0])) > 0 {
			helpFor = "loa " + rest[0] + " --help"
		}
		fmt.Fprintf(e.stderr, "loa %s: %s\nsee %s\n", name, strings.TrimPrefix(err.Error(), errUsage.Error()+": "), helpFor)
		return 2
	default:
		fmt.Fprintf(e.stderr, "loa %s: %v\n", name, err)
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
