package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTheCommandLineBehavesAsOperatorsExpect(t *testing.T) {
	t.Chdir(t.TempDir()) // a mistyped flag still opens the default ./loa.db
	env := func() (env, *bytes.Buffer, *bytes.Buffer) {
		var out, errs bytes.Buffer
		return env{stdout: &out, stderr: &errs, getenv: func(string) string { return "" }}, &out, &errs
	}
	for _, c := range []struct {
		args       []string
		code       int
		out, errs  string
		errorLines int
	}{
		{[]string{"serve", "--help"}, 0, "serve", "", 0},
		{[]string{"migrate", "--help"}, 0, "migrate", "", 0},
		{[]string{"events", "add", "-h"}, 0, "events add", "", 0},
		{[]string{"--version"}, 0, "loa ", "", 0},
		{[]string{"version"}, 0, "(commit ", "", 0},
		{[]string{"--help"}, 0, "Events and reminders:", "", 0},
		{[]string{"memebrs", "list"}, 2, "", `did you mean "members"?`, 2},
		{[]string{"members"}, 2, "", "members needs one of: list, approve", 2},
		{[]string{"members", "lsit"}, 2, "", `did you mean "members list"?`, 2},
		{[]string{"broadcast", "--bogus"}, 2, "", "flag provided but not defined: -bogus", 2},
		{[]string{"serve", "extra"}, 2, "", "serve takes no arguments", 2},
		{[]string{"--bogus"}, 2, "", "see loa --help", 2},
		{[]string{"completion", "bash"}, 0, "complete -F _loa loa", "", 0},
		{[]string{"completion", "fish"}, 0, "__fish_seen_subcommand_from members' -a 'list approve reject block import'", "", 0},
		{[]string{"completion", "tcsh"}, 2, "", "bash, zsh or fish", 2},
	} {
		e, out, errs := env()
		code := run(context.Background(), c.args, e)
		if code != c.code || !strings.Contains(out.String(), c.out) || !strings.Contains(errs.String(), c.errs) {
			t.Errorf("loa %s: exit %d\nstdout %q\nstderr %q", strings.Join(c.args, " "), code, out.String(), errs.String())
		}
		if n := strings.Count(errs.String(), "\n"); c.errorLines > 0 && n != c.errorLines {
			t.Errorf("loa %s: %d lines of error, want %d: %q", strings.Join(c.args, " "), n, c.errorLines, errs.String())
		}
	}
}

func TestHelpStartsNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // the default database is ./loa.db
	for _, args := range [][]string{{"serve", "--help"}, {"migrate", "--help"}, {"members", "import", "x.csv", "--help"}, {"--help"}} {
		var out bytes.Buffer
		if code := run(context.Background(), args, env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }}); code != 0 {
			t.Fatalf("loa %v: exit %d: %s", args, code, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "loa.db")); err == nil {
		t.Fatal("a --help created a database")
	}
}

// TestAMisspeltFlagOpensNothing: a typo in a subcommand's flags is refused before the
// database is opened, so it neither creates ./loa.db nor migrates anything.
func TestAMisspeltFlagOpensNothing(t *testing.T) {
	t.Parallel()
	db, loa := noDatabaseYet(t)
	for _, args := range [][]string{{"members", "list", "--jsn"}, {"report", "1", "--cvs"}, {"events", "add", "--kindd", "drill"}, {"web", "link", "--usr", "1"}} {
		out, code := loa(args...)
		if code != 2 || !strings.Contains(out, "flag provided but not defined") {
			t.Errorf("loa %s: exit %d %s", strings.Join(args, " "), code, out)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("loa %s created the database (%v)", strings.Join(args, " "), err)
		}
	}
}

// A dry run against a database that does not exist yet shows the extraction and creates no
// file.
func TestADryRunCreatesNoDatabase(t *testing.T) {
	t.Parallel()
	db, loa := noDatabaseYet(t)
	out, code := loa("ingest", "--dry-run", "--json", corpusDir+"chonthanh-2025-01-20-giao-nhan-quan.txt")
	if code != 0 || !strings.Contains(out, `"duplicate":false`) {
		t.Fatalf("exit %d: %s", code, out)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("a dry run created the database (%v)", err)
	}
}

// noDatabaseYet is an empty configuration naming a SQLite file that does not exist, and a
// way to run loa with it (its output and exit code).
func noDatabaseYet(t *testing.T) (db string, loa func(args ...string) (string, int)) {
	dir := t.TempDir()
	db = filepath.Join(dir, "loa.db")
	config := filepath.Join(dir, "loa.yaml")
	if err := os.WriteFile(config, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		return map[string]string{"LOA_DATABASE_URL": db, "LOA_CATALOG_FILE": chonThanh2024}[k]
	}
	return db, func(args ...string) (string, int) {
		var out bytes.Buffer
		code := run(context.Background(), append([]string{"--config", config}, args...), env{stdout: &out, stderr: &out, getenv: getenv})
		return out.String(), code
	}
}
