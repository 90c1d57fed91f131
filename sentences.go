package loa

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/vntext"
	"golang.org/x/text/unicode/norm"
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

// Quote is a directive item's answer as shown: the item within the sentence it was read from
// ("Công an xã đề nghị người dân [nâng cao ý thức chấp hành pháp luật], chủ động bảo vệ tài
// sản …"), so that whoever asks sees the task in what the article said around it. Before and
// After are empty when the item is shown alone.
type Quote struct{ Before, Item, After string }

// QuoteChars is about how much of an answer a reply quotes: three answers fit a phone's
// screen, the article has the rest.
const QuoteChars = 300

// Quote cuts the answer's sentence at words to about limit characters around the item, "…"
// marking a cut. A passage, an event, an item whose sentence is unknown, does not hold it or
// says nothing more, or an item longer than limit, is quoted alone.
func (a Answer) Quote(limit int) Quote {
	if a.Kind != "" || a.Sentence == "" || utf8.RuneCountInString(a.Text) > limit {
		return Quote{Item: a.Text}
	}
	before, after, ok := itemInSentence(a.Sentence, a.Text, limit)
	if !ok {
		return Quote{Item: a.Text}
	}
	return Quote{before, a.Text, after}
}

// itemInSentence splits a sentence around an item it holds, folded, cut to about limit
// characters; ok is false when it does not hold it or holds nothing more. Before, item and
// after put together give the (cut) sentence back, spaces and all.
func itemInSentence(sentence, item string, limit int) (before, after string, ok bool) {
	s, it := []rune(norm.NFC.String(sentence)), []rune(item)
	fs, fi := vntext.Fold(string(s)), vntext.Fold(string(it))
	if len(it) == 0 || utf8.RuneCountInString(fs) != len(s) || utf8.RuneCountInString(fi) != len(it) {
		return "", "", false // folding changed the length: offsets would not line up
	}
	at := strings.Index(fs, fi)
	if at < 0 {
		return "", "", false
	}
	start := utf8.RuneCountInString(fs[:at])
	before, after = string(s[:start]), string(s[start+len(it):])
	if strings.Trim(before+after, " .,;:-–") == "" {
		return "", "", false
	}
	room := max(0, limit-len(it))
	before = cutWords(before, room/2, true)
	after = cutWords(after, room-utf8.RuneCountInString(before), false)
	return before, after, true
}

// cutWords keeps about limit characters of text at a word boundary: its end when fromEnd
// (the words just before an item), else its start; "…" marks what was cut.
func cutWords(text string, limit int, fromEnd bool) string {
	r := []rune(text)
	if len(r) <= limit {
		return text
	}
	if fromEnd {
		cut := string(r[len(r)-max(0, limit-2):])
		if i := strings.Index(cut, " "); i >= 0 && i < len(cut)-1 {
			cut = cut[i+1:]
		}
		return "… " + cut
	}
	cut := string(r[:max(0, limit-2)])
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return cut + " …"
}
