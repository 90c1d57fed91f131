// Package vntext handles Vietnamese text: folding away tone and vowel marks so that what users
// type without diacritics matches what the portals write with them.
package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s, removes tone and vowel marks and turns "đ" into "d", so
// "Ban CHQS thị xã" and "ban chqs thi xa" fold to the same text. Spacing is kept.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		case '\u00a0':
			return ' '
		}
		return unicode.ToLower(r)
	}, out)
	return out
}

// Key folds s and joins its words with "-": "Diễn tập" → "dien-tap", as topic keys are written.
func Key(s string) string {
	words := strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(words, "-")
}
