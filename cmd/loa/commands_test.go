package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

var updateDocs = flag.Bool("update", false, "rewrite docs/cli.md from the command table")

// writeCLIDoc is docs/cli.md: the command table as a reader browses it.
func writeCLIDoc(w io.Writer) {
	fmt.Fprint(w, "# Command line\n\n")
	fmt.Fprint(w, "<!-- Generated from the command table (cmd/loa/commands.go) by\n     go test ./cmd/loa -run TestCLIDocIsCurrent -update\n     Do not edit by hand: a test compares this file with the table. -->\n\n")
	fmt.Fprint(w, "Every command answers `--help` (and does nothing else). A mistake is one line with a pointer\n"+
		"to `--help`; a misspelt command gets a suggestion. Build the binary first (`go build -o loa ./cmd/loa`\n"+
		"in a clone), or put `go run ./cmd/loa` where these say `loa`.\n\n")
	fmt.Fprint(w, "Global flags, before the command: `--config FILE` (default `loa.yaml` when present; every key\n"+
		"can also be set with a `LOA_*` variable, see [configuration.md](configuration.md)), `--version`, `--help`.\n\n")
	group := ""
	for i := range commandTable {
		c := &commandTable[i]
		if c.group != group {
			group = c.group
			fmt.Fprintf(w, "## %s\n\n", group)
			for _, d := range commandTable {
				if d.group == group {
					fmt.Fprintf(w, "- [`loa %s`](#%s): %s\n", d.name, strings.ReplaceAll(d.name, " ", "-"), d.summary)
				}
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "### %s\n\n%s.\n\n```\nloa %s\n```\n\n", c.name, upperFirst(c.summary), c.synopsis())
		if c.more != "" {
			fmt.Fprintf(w, "```\n%s\n```\n\n", c.more)
		}
		if flags := c.flags(); len(flags) > 0 {
			fmt.Fprint(w, "| flag | default | meaning |\n|---|---|---|\n")
			for _, f := range flags {
				_, usage := flag.UnquoteUsage(f)
				def := f.DefValue
				if def == "" || def == "false" || def == "0" || def == "0s" {
					def = "—"
				} else {
					def = "`" + def + "`"
				}
				fmt.Fprintf(w, "| `%s` | %s | %s |\n", flagSynopsis(f), def, strings.ReplaceAll(usage, "|", `\|`))
			}
			fmt.Fprintln(w)
		}
		if reads := c.reading(); len(reads) > 0 {
			fmt.Fprint(w, "Reads:\n\n")
			for _, r := range reads {
				name, meaning, _ := strings.Cut(r, "  ")
				fmt.Fprintf(w, "- `%s`: %s\n", name, strings.TrimSpace(meaning))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "```sh\nloa %s\n```\n\n", c.example)
	}
}

// TestCLIDocIsCurrent keeps docs/cli.md what the command table says.
func TestCLIDocIsCurrent(t *testing.T) {
	var b bytes.Buffer
	writeCLIDoc(&b)
	path := filepath.Join("..", "..", "docs", "cli.md")
	if *updateDocs {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(old, b.Bytes()) {
		t.Fatalf("docs/cli.md is not what the command table says (%v); regenerate it: go test ./cmd/loa -run TestCLIDocIsCurrent -update", err)
	}
}

// flagsOfOtherTools are flags the docs show on commands that are not loa's.
var flagsOfOtherTools = []string{"build-arg", "from", "to", "race", "count", "short", "run", "bench", "benchtime", "timeout",
	"fuzz", "fuzztime", "cpu", "skip-systemctl-redirect", "version", "help", "config", "ldflags", "buildvcs", "now"}

// TestDocsNameOnlyFlagsTheTableHas: a flag the README or docs/ show on a loa command line is
// one that command has, and any other --flag they name is a flag of some command.
func TestDocsNameOnlyFlagsTheTableHas(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "docs", "*.md"))
	files = append(files, filepath.Join("..", "..", "README.md"), filepath.Join("..", "..", "CONTRIBUTING.md"))
	all := map[string]bool{}
	for i := range commandTable {
		for _, f := range commandTable[i].flags() {
			all[f.Name] = true
		}
	}
	commandLine := regexp.MustCompile(`\bloa ((?:[a-z]+ ?){1,2})`)
	flagWord := regexp.MustCompile(`(?:^|[\s\[\x60(|])--([a-z][a-z-]*)`)
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(data), "\\\n", " ") // a command continued on the next line
		for n, line := range strings.Split(text, "\n") {
			// Flags on a loa command line belong to that command.
			locs := commandLine.FindAllStringSubmatchIndex(line, -1)
			for i, loc := range locs {
				c, _ := find(strings.Fields(line[loc[2]:loc[3]]))
				if c == nil {
					continue
				}
				end := len(line)
				if i+1 < len(locs) {
					end = locs[i+1][0]
				}
				if hash := strings.Index(line[loc[1]:end], " #"); hash >= 0 {
					end = loc[1] + hash
				}
				var names []string
				for _, f := range c.flags() {
					names = append(names, f.Name)
				}
				for _, m := range flagWord.FindAllStringSubmatch(line[loc[1]:end], -1) {
					if !slices.Contains(names, m[1]) && !slices.Contains([]string{"help", "config", "version"}, m[1]) {
						t.Errorf("%s:%d: loa %s has no --%s (it has %s)", path, n+1, c.name, m[1], strings.Join(names, ", "))
					}
				}
			}
			for _, m := range flagWord.FindAllStringSubmatch(line, -1) {
				if !all[m[1]] && !slices.Contains(flagsOfOtherTools, m[1]) {
					t.Errorf("%s:%d: --%s is no loa command's flag", path, n+1, m[1])
				}
			}
		}
	}
}

// TestEveryCommandExplainsItself: each row's --help says what the command does, lists its
// flags with their meaning, and gives an example that uses only flags it has.
func TestEveryCommandExplainsItself(t *testing.T) {
	for i := range commandTable {
		c := &commandTable[i]
		var out, errs bytes.Buffer
		code := run(context.Background(), append(strings.Fields(c.name), "--help"), env{stdout: &out, stderr: &errs, getenv: func(string) string { return "" }})
		help := out.String()
		if code != 0 || !strings.Contains(help, "Usage: loa") || !strings.Contains(help, "Example:\n  loa "+c.name) {
			t.Errorf("loa %s --help: exit %d\n%s%s", c.name, code, help, errs.String())
		}
		if strings.Contains(help, "2006-01-02") || strings.Contains(help, "15:04") {
			t.Errorf("loa %s --help shows Go's reference date instead of a real one:\n%s", c.name, help)
		}
		for _, f := range c.flags() {
			if !strings.Contains(help, "--"+f.Name) {
				t.Errorf("loa %s --help does not list --%s", c.name, f.Name)
			}
		}
		all := *c
		all.only = nil
		declared := map[string]bool{}
		for _, f := range all.flags() {
			declared[f.Name] = true
		}
		for _, name := range c.only {
			if !declared[name] {
				t.Errorf("loa %s shows --%s, which its run function does not declare", c.name, name)
			}
		}
	}
	var out bytes.Buffer
	run(context.Background(), []string{"serve", "--help"}, env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }})
	for _, need := range []string{"LOA_TELEGRAM_TOKEN", "LOA_ADMINS", "LOA_HTTP_LISTEN", "LOA_DATABASE_URL", "--config FILE"} {
		if !strings.Contains(out.String(), need) {
			t.Errorf("loa serve --help does not say it reads %s:\n%s", need, out.String())
		}
	}
}

// TestCompletionOffersFlags: the completion scripts know every command's flags.
func TestCompletionOffersFlags(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		var out bytes.Buffer
		if err := completion(&out, shell); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"--retract", "--dry-run", "reminders", "pause"} {
			if !strings.Contains(out.String(), want) && !strings.Contains(out.String(), strings.TrimPrefix(want, "--")) {
				t.Errorf("%s completion lacks %s", shell, want)
			}
		}
	}
}

// TestReadingCreatesNoDatabase: a command that only reads, run where there is no database
// yet, says so and how to create one, and leaves no file behind.
func TestReadingCreatesNoDatabase(t *testing.T) {
	t.Parallel()
	db, loa := noDatabaseYet(t)
	args := map[string][]string{"report": {"1"}, "ask": {"Ban CHQS phải làm gì?"}, "documents tasks": {"1"}}
	for i := range commandTable {
		c := &commandTable[i]
		if !c.readOnly {
			continue
		}
		out, code := loa(append(strings.Fields(c.name), args[c.name]...)...)
		if code != 1 || !strings.Contains(out, "no database at "+db) || !strings.Contains(out, "loa migrate") {
			t.Errorf("loa %s without a database: exit %d\n%s", c.name, code, out)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("loa %s created the database (%v)", c.name, err)
		}
	}
}

// TestARefusedTokenSaysWhatToDo: a token Telegram answers 401 to is named as the problem.
func TestARefusedTokenSaysWhatToDo(t *testing.T) {
	t.Parallel()
	fake := tgfake.New(t, "123:the-right-token")
	dir := t.TempDir()
	vars := map[string]string{"LOA_TELEGRAM_TOKEN": "123:a-wrong-token", "LOA_TELEGRAM_API_ENDPOINT": fake.URL,
		"LOA_DATABASE_URL": filepath.Join(dir, "loa.db"), "LOA_HTTP_LISTEN": "127.0.0.1:0", "LOA_LOG_LEVEL": "error"}
	config := filepath.Join(dir, "loa.yaml")
	if err := os.WriteFile(config, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	code := run(context.Background(), []string{"--config", config, "serve"},
		env{stdout: &out, stderr: &out, getenv: func(k string) string { return vars[k] }})
	if code != 1 || !strings.Contains(out.String(), "Telegram refused the token (401): check it with @BotFather") {
		t.Fatalf("exit %d:\n%s", code, out.String())
	}
	if strings.Contains(out.String(), "a-wrong-token") {
		t.Fatalf("the token is in the output:\n%s", out.String())
	}
}
