package texts

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var verbs = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z]`)

// TestBothLanguagesSayEverything walks every text key: both languages have it, with the same
// parameters in the same order, and the Vietnamese never calls an official "bạn".
func TestBothLanguagesSayEverything(t *testing.T) {
	for lang, other := range map[string]string{"vi": "en", "en": "vi"} {
		for key, text := range catalog[lang] {
			twin, ok := catalog[other][key]
			if !ok {
				t.Errorf("%s has %q, %s does not", lang, key, other)
				continue
			}
			if a, b := strings.Join(verbs.FindAllString(text, -1), " "), strings.Join(verbs.FindAllString(twin, -1), " "); a != b {
				t.Errorf("%q: %s takes %q, %s takes %q", key, lang, a, other, b)
			}
		}
	}
	for key, text := range catalog["vi"] {
		if regexp.MustCompile(`(?i)\bbạn\b`).MatchString(text) {
			t.Errorf("vi %q addresses the official as bạn: %q", key, text)
		}
	}
}

// TestEveryKeyTheCodeUsesExists reads the Go sources for T(…, "key") and texts.T(…, "key") and
// checks each key is in the catalogue: no message reaches a user as an empty string. Keys made
// at run time ("role_"+role, "kind_"+kind…) are checked by prefix.
func TestEveryKeyTheCodeUsesExists(t *testing.T) {
	literal := regexp.MustCompile(`\bT\([^,()]+, "([a-z0-9_]+)"\s*[,)]`)
	prefix := regexp.MustCompile(`\bT\([^,()]+, "([a-z0-9_]+_)"\s*\+`)
	used := 0
	files, _ := filepath.Glob("../*/*.go")
	deeper, _ := filepath.Glob("../*/*/*.go")
	files = append(files, deeper...)
	more, _ := filepath.Glob("../*.go")
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(data), -1) {
			used++
			if _, ok := catalog["vi"][m[1]]; !ok {
				t.Errorf("%s uses %q, which the catalogue lacks", f, m[1])
			}
		}
		for _, m := range prefix.FindAllStringSubmatch(string(data), -1) {
			found := false
			for k := range catalog["vi"] {
				found = found || strings.HasPrefix(k, m[1])
			}
			if !found {
				t.Errorf("%s uses keys %q…, none of which the catalogue has", f, m[1])
			}
		}
	}
	if used < 100 {
		t.Fatalf("found only %d uses of catalogue keys: the pattern no longer matches the code", used)
	}
}
