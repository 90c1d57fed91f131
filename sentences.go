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
	s, fs, ok := foldedRunes(sentence)
	if !ok {
		return "", "", false
	}
	start, end, ok := itemSpan(s, fs, item)
	if !ok {
		return "", "", false
	}
	before, after = string(s[:start]), string(s[end:])
	if strings.Trim(before+after, " .,;:-–") == "" {
		return "", "", false
	}
	room := max(0, limit-(end-start))
	before = cutWords(before, room/2, true)
	after = cutWords(after, room-utf8.RuneCountInString(before), false)
	return before, after, true
}

// Joined is an item answer shown with the others its sentence sets the same addressee ("…
// bảo đảm cho lực lượng thường trực có bản lĩnh …, nâng cao …, phối hợp …"): its text runs
// from the first of them to the last as the sentence writes it, so that the reply marks them
// all. An item the sentence does not hold is left out of the span; the answer is unchanged
// when fewer than two are found.
func (a Answer) Joined(others []Answer) Answer {
	s, fs, ok := foldedRunes(a.Sentence)
	if !ok || len(s) == 0 {
		return a
	}
	start, end, found := len(s), 0, 0
	for _, o := range append([]Answer{a}, others...) {
		if from, to, ok := itemSpan(s, fs, o.Text); ok {
			start, end = min(start, from), max(end, to)
			found++
		}
	}
	if found < 2 {
		return a
	}
	a.Text = string(s[start:end])
	return a
}

// foldedRunes is a sentence's runes (NFC) and its folded text; ok is false when folding
// changed its length, so that offsets in one would not line up with the other.
func foldedRunes(sentence string) (runes []rune, folded string, ok bool) {
	runes = []rune(norm.NFC.String(sentence))
	folded = vntext.Fold(string(runes))
	return runes, folded, utf8.RuneCountInString(folded) == len(runes)
}

// itemSpan is where an item stands in a sentence (its runes and folded text), found folded:
// the rune offsets of its start and end; ok is false when it is not there, or folding changed
// its length.
func itemSpan(sentence []rune, folded, item string) (start, end int, ok bool) {
	fi, n := vntext.Fold(item), utf8.RuneCountInString(item)
	if n == 0 || utf8.RuneCountInString(fi) != n {
		return 0, 0, false
	}
	at := strings.Index(folded, fi)
	if at < 0 {
		return 0, 0, false
	}
	start = utf8.RuneCountInString(folded[:at])
	return start, start + n, true
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
