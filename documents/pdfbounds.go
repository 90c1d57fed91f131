package documents

import (
	"bytes"
	"fmt"
	"strconv"
)

// maxPDFObjects bounds the cross-reference table a PDF may declare. The PDF reader allocates
// a table as long as the largest object number a file names (its /Size, an /Index or an xref
// subsection's first number), before reading any object: a few bytes claiming two billion
// objects would cost tens of gigabytes, or the process. A real file spends at least a few
// bytes an object.
func maxPDFObjects(size int) int {
	return min(max(size/4, 4096), 1<<20)
}

// checkPDFObjects refuses a PDF whose object numbers reach past maxPDFObjects.
func checkPDFObjects(data []byte) error {
	limit := int64(maxPDFObjects(len(data)))
	tooMany := func(n int64) error {
		return fmt.Errorf("%w: declares object %d, at most %d for a file of %d bytes", ErrUnreadable, n, limit, len(data))
	}
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '/':
			name, next := pdfName(data, i+1)
			if name != "Size" && name != "Index" {
				continue
			}
			// /Size n, or /Index [start count start count …]: every number counts.
			for _, n := range pdfInts(data, next, name == "Index") {
				if n > limit {
					return tooMany(n)
				}
			}
		case bytes.HasPrefix(data[i:], []byte("xref")) && !bytes.HasSuffix(data[:i], []byte("start")):
			// Wherever it stands: the reader goes to the table by startxref's offset, whatever
			// precedes the keyword.
			if n := xrefLargest(data, i+4); n > limit {
				return tooMany(n)
			}
		}
	}
	return nil
}

// isPDFRegular: not whitespace or a delimiter, so part of a name, number or keyword.
func isPDFRegular(c byte) bool {
	return !bytes.ContainsRune([]byte(" \t\r\n\f\x00()<>[]{}/%"), rune(c))
}

// pdfName reads a name's characters from data[i:], decoding #xx escapes ("/S#69ze" is /Size).
func pdfName(data []byte, i int) (string, int) {
	var b []byte
	for i < len(data) && isPDFRegular(data[i]) && len(b) < 16 {
		if data[i] == '#' && i+2 < len(data) {
			if v, err := strconv.ParseUint(string(data[i+1:i+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				i += 3
				continue
			}
		}
		b = append(b, data[i])
		i++
	}
	return string(b), i
}

// pdfInts reads the integer after a name, or the integers of the array there.
func pdfInts(data []byte, i int, array bool) []int64 {
	if array {
		for i < len(data) && !isPDFRegular(data[i]) && data[i] != '[' {
			i++
		}
		if i >= len(data) || data[i] != '[' {
			return nil
		}
		end := bytes.IndexByte(data[i:], ']')
		if end < 0 {
			end = len(data) - i
		}
		var ns []int64
		for _, f := range bytes.Fields(data[i+1 : i+end]) {
			if n, err := strconv.ParseInt(string(f), 10, 64); err == nil {
				ns = append(ns, n)
			} else if isDigits(string(f)) {
				ns = append(ns, 1<<62) // too long to be a count: refuse
			}
		}
		return ns
	}
	tok, _ := pdfToken(data, i)
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		if isDigits(tok) {
			return []int64{1 << 62}
		}
		return nil
	}
	return []int64{n}
}

// pdfToken reads the next word from data[i:]: a number, keyword or f/n; "" at a delimiter
// that starts anything else (a name, array, string) or at the end.
func pdfToken(data []byte, i int) (string, int) {
	for i < len(data) && !isPDFRegular(data[i]) {
		if data[i] == '/' || data[i] == '[' || data[i] == '<' || data[i] == '(' {
			return "", i
		}
		i++
	}
	j := i
	for j < len(data) && isPDFRegular(data[j]) {
		j++
	}
	return string(data[i:j]), j
}

// xrefLargest reads an xref table's subsections ("start count", then count entries of three
// words) from data[i:] and returns the largest object number they reach.
func xrefLargest(data []byte, i int) int64 {
	var largest int64
	for {
		var a, b string
		a, i = pdfToken(data, i)
		b, i = pdfToken(data, i)
		start, err1 := strconv.ParseInt(a, 10, 64)
		count, err2 := strconv.ParseInt(b, 10, 64)
		if err1 != nil || err2 != nil {
			if isDigits(a) || isDigits(b) {
				return 1 << 62 // a number too long to parse
			}
			return largest
		}
		if start > 1<<40 || count > 1<<40 {
			return 1 << 62
		}
		largest = max(largest, start+count)
		for range 3 * count {
			var tok string
			if tok, i = pdfToken(data, i); tok == "" {
				return largest
			}
		}
	}
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
