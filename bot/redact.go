package bot

import (
	"fmt"
	"regexp"
	"strings"
)

// tokenPattern matches the token however a server or a URL may have spelt it: raw, with any
// of its characters percent-encoded (%3A for the colon, in either case), or encoded twice
// (%253A), as an error page echoing the requested path or a URL inside an error body does.
func tokenPattern(token string) *regexp.Regexp {
	if token == "" {
		return nil
	}
	var b strings.Builder
	for i := 0; i < len(token); i++ {
		c := token[i]
		fmt.Fprintf(&b, "(?:%s|%%(?:25)?(?i:%02x))", regexp.QuoteMeta(string(c)), c)
	}
	return regexp.MustCompile(b.String())
}

// redactToken replaces every spelling of the token in s.
func redactToken(pattern *regexp.Regexp, s string) string {
	if pattern == nil {
		return s
	}
	return pattern.ReplaceAllLiteralString(s, "<token>")
}
