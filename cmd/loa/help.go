package main

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/loa-vn/loa/vntext"
)

// wantsHelp reports whether the arguments ask for help rather than for the command.
func wantsHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "--help" || a == "-help" })
}

// unknownCommand says what was not understood and what was probably meant.
func unknownCommand(cmd string, args []string) error {
	if subs := secondWords(cmd); len(subs) > 0 {
		if len(args) == 0 {
			return fmt.Errorf("%w: %s needs one of: %s", errUsage, cmd, strings.Join(subs, ", "))
		}
		if near := closest(args[0], subs); near != "" {
			return fmt.Errorf("%w: unknown command %q; did you mean %q?", errUsage, cmd+" "+args[0], cmd+" "+near)
		}
		return fmt.Errorf("%w: %s has no %q; it has: %s", errUsage, cmd, args[0], strings.Join(subs, ", "))
	}
	if near := closest(cmd, firstWords()); near != "" {
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

// versionLine is the version, the commit and the build time: stamped with -ldflags, or read
// from the build information Go records (go build in a clone records the commit; go run and
// -buildvcs=false record none).
func versionLine() string {
	v, commit, built, dirty := version, buildCommit, buildDate, false
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && commit == "":
				commit = s.Value
			case s.Key == "vcs.time" && built == "":
				built = s.Value
			case s.Key == "vcs.modified" && s.Value == "true":
				dirty = true
			}
		}
	}
	if commit == "" {
		return fmt.Sprintf("loa %s (commit unknown: go run and -buildvcs=false record none)", v)
	}
	if dirty && !strings.HasSuffix(v, "+dirty") {
		commit += " with uncommitted changes"
	}
	if built == "" {
		built = "unknown"
	}
	return fmt.Sprintf("loa %s (commit %s, built %s)", v, commit, built)
}
