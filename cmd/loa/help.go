package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/loa-vn/loa/vntext"
)

// commands are the first words of every command, for help and suggestions.
var commands = []string{"demo", "init", "serve", "healthcheck", "migrate", "backup", "copy", "version", "completion", "members", "units", "topics", "subscribe", "invite", "audit",
	"broadcast", "notices", "report", "ingest", "sources", "ask", "events", "reminders", "documents", "web", "help"}

// subcommands of the commands that need one.
var subcommands = map[string][]string{
	"members": {"list", "approve", "reject", "block", "import"}, "units": {"list"}, "topics": {"list"},
	"invite": {"create"}, "web": {"link"}, "notices": {"list", "cancel"}, "sources": {"list", "poll"},
	"events": {"list", "add", "edit", "cancel", "confirm", "import"}, "reminders": {"add", "list", "pause", "resume", "rm"},
	"documents": {"add"},
}

// wantsHelp reports whether the arguments ask for help rather than for the command.
func wantsHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "--help" || a == "-help" })
}

// commandHelp prints the usage lines of one command (and the lines that continue them).
func commandHelp(w io.Writer, cmd string) {
	fmt.Fprintf(w, "Usage: loa [--config FILE] %s …\n\n", cmd)
	lines := strings.Split(usage, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "  "+cmd+" ") || lines[i] == "  "+cmd {
			fmt.Fprintln(w, lines[i])
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "     ") && !strings.HasPrefix(strings.TrimSpace(lines[i+1]), cmd) {
				i++
				fmt.Fprintln(w, lines[i])
			}
		}
	}
}

// unknownCommand says what was not understood and what was probably meant.
func unknownCommand(cmd string, args []string) error {
	if subs, ok := subcommands[cmd]; ok {
		if len(args) == 0 {
			return fmt.Errorf("%w: %s needs one of: %s", errUsage, cmd, strings.Join(subs, ", "))
		}
		if near := closest(args[0], subs); near != "" {
			return fmt.Errorf("%w: unknown command %q; did you mean %q?", errUsage, cmd+" "+args[0], cmd+" "+near)
		}
		return fmt.Errorf("%w: %s has no %q; it has: %s", errUsage, cmd, args[0], strings.Join(subs, ", "))
	}
	if near := closest(cmd, commands); near != "" {
		return fmt.Errorf("%w: unknown command %q; did you mean %q?", errUsage, cmd, near)
	}
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

// closest is the candidate at most two edits from word, if there is one.
func closest(word string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := vntext.EditDistance(word, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// versionLine is the version, the commit and the build date: stamped with -ldflags, or read
// from the build information Go records.
func versionLine() string {
	commit, date := "unknown", "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				date = s.Value
			}
		}
		if version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			return fmt.Sprintf("loa %s (commit %s, built %s)", info.Main.Version, commit, date)
		}
	}
	if buildCommit != "" {
		commit = buildCommit
	}
	if buildDate != "" {
		date = buildDate
	}
	return fmt.Sprintf("loa %s (commit %s, built %s)", version, commit, date)
}
