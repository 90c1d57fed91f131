package loa

import (
	"strings"
	"unicode"
)

// Sentences splits text into sentences: at line breaks, and after ".", "!" or "?" followed by
// a space and a capital letter or a digit. A short capitalised abbreviation ("TP. Hồ Chí
// Minh", "(Q. Hải Châu)") does not end a sentence; a name of two letters ("Văn Tú.") does. It
// is the one splitter of the project: the search index quotes each sentence as a passage, and
// the news extraction reads directives and events sentence by sentence.
func Sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		runes := []rune(line)
		start := 0
		for i := 0; i+2 < len(runes); i++ {
			if !strings.ContainsRune(".!?", runes[i]) || runes[i+1] != ' ' ||
				!(unicode.IsUpper(runes[i+2]) || unicode.IsDigit(runes[i+2])) || runes[i] == '.' && abbreviationBefore(runes[start:i]) {
				continue
			}
			if s := strings.TrimSpace(string(runes[start : i+1])); s != "" {
				out = append(out, s)
			}
			start = i + 2
		}
		if s := strings.TrimSpace(string(runes[start:])); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// abbreviationBefore reports whether the text before a full stop ends in a short capitalised
// word such as "TP" or "Q".
func abbreviationBefore(before []rune) bool {
	n := 0
	for i := len(before) - 1; i >= 0 && unicode.IsLetter(before[i]); i-- {
		n++
	}
	word := before[len(before)-n:]
	return n > 0 && n <= 2 && unicode.IsUpper(word[0]) && (len(word) == 1 || unicode.IsUpper(word[1])) &&
		(n == len(before) || !unicode.IsLetter(before[len(before)-n-1]) && !unicode.IsDigit(before[len(before)-n-1]))
}
