// Package vntext handles Vietnamese text: folding away tone and vowel marks so that what users
// type without diacritics matches what the portals write with them.
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s, removes tone and vowel marks and turns "đ" into "d", so
// "Ban CHQS thị xã" and "ban chqs thi xa" fold to the same text. Spacing is kept.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case unicode.Is(unicode.Mn, r):
			// Decomposed input: fold it the slow, general way.
			return foldSlow(s)
		default:
			if f, ok := folded[r]; ok {
				b.WriteRune(f)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// folded maps every precomposed Latin letter (Vietnamese included) to its folded form; most
// text then folds with one table look-up per letter instead of a normalisation pass.
var folded = func() map[rune]rune {
	m := map[rune]rune{'\u00a0': ' '}
	for r := rune(0x00C0); r <= 0x024F; r++ {
		add(m, r)
	}
	for r := rune(0x1E00); r <= 0x1EFF; r++ {
		add(m, r)
	}
	return m
}()

func add(m map[rune]rune, r rune) {
	if f := []rune(foldSlow(string(r))); len(f) == 1 {
		m[r] = f[0]
	}
}

func foldSlow(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		case '\u00a0':
			return ' '
		}
		return unicode.ToLower(r)
	}, out)
}

// Key folds s and joins its words with "-": "Diễn tập" → "dien-tap", as topic keys are written.
func Key(s string) string {
	words := strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(words, "-")
}
