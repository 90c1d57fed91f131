package texts

import (
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
