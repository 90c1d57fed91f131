package documents

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readDocx reads word/document.xml: each paragraph one line, automatic numbering written out
// as Word shows it ("III.", "1.", "a)"), so the parser sees what the reader saw.
func readDocx(data []byte, lim Limits) (Text, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Text{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	var docFile, numFile *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			docFile = f
		case "word/numbering.xml":
			numFile = f
		}
	}
	if docFile == nil {
		return Text{}, ErrNotDocument
	}
	budget := lim.MaxUnzipped
	var numbering *numbering
	if numFile != nil {
		raw, err := unzipBounded(numFile, &budget)
		if err != nil {
			return Text{}, err
		}
		numbering = parseNumbering(raw)
	}
	raw, err := unzipBounded(docFile, &budget)
	if err != nil {
		return Text{}, err
	}
	body, err := docxParagraphs(raw, numbering)
	if err != nil {
		return Text{}, err
	}
	return Text{Kind: KindDocx, Pages: 1, Body: body}, nil
}

// unzipBounded reads f, refusing it (a zip bomb) once more than *budget bytes come out,
// whatever its header claims.
func unzipBounded(f *zip.File, budget *int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(*budget) {
		return nil, fmt.Errorf("%w: %s unpacks to %d bytes, at most %d", ErrUnpacksTooLarge, f.Name, f.UncompressedSize64, *budget)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreadable, f.Name, err)
	}
	defer rc.Close()
	raw, err := io.ReadAll(io.LimitReader(rc, *budget+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreadable, f.Name, err)
	}
	if int64(len(raw)) > *budget {
		return nil, fmt.Errorf("%w: %s unpacks to more than %d bytes", ErrUnpacksTooLarge, f.Name, *budget)
	}
	*budget -= int64(len(raw))
	return raw, nil
}

// level is one level of a Word list: its format ("decimal", "upperRoman", "lowerLetter",
// "bullet"…), its text ("%1.") and first number.
type level struct {
	format, text string
	start        int
}

type numbering struct {
	abstract map[string]map[int]level // abstractNumId → level
	nums     map[string]string        // numId → abstractNumId
	counters map[string][]int         // numId → counter per level
}

func parseNumbering(raw []byte) *numbering {
	n := &numbering{abstract: map[string]map[int]level{}, nums: map[string]string{}, counters: map[string][]int{}}
	dec := xml.NewDecoder(bytes.NewReader(raw))
	var abstractID, numID string
	var lvl = -1
	var cur level
	for {
		tok, err := dec.Token()
		if err != nil {
			return n // what was read so far; a broken list only loses its numbers
		}
		switch el := tok.(type) {
		case xml.StartElement:
			val := attr(el, "val")
			switch el.Name.Local {
			case "abstractNum":
				abstractID = attr(el, "abstractNumId")
				n.abstract[abstractID] = map[int]level{}
			case "lvl":
				lvl, _ = strconv.Atoi(attr(el, "ilvl"))
				cur = level{start: 1}
			case "start":
				cur.start, _ = strconv.Atoi(val)
			case "numFmt":
				cur.format = val
			case "lvlText":
				cur.text = val
			case "num":
				numID = attr(el, "numId")
			case "abstractNumId":
				n.nums[numID] = val
			}
		case xml.EndElement:
			if el.Name.Local == "lvl" && abstractID != "" && lvl >= 0 && lvl < 9 {
				n.abstract[abstractID][lvl] = cur
			}
		}
	}
}

// label advances numId's counter at ilvl and writes its label, "" when unknown.
func (n *numbering) label(numID string, ilvl int) string {
	if n == nil || ilvl < 0 || ilvl > 8 {
		return ""
	}
	levels := n.abstract[n.nums[numID]]
	if levels == nil {
		return ""
	}
	c := n.counters[numID]
	if c == nil {
		c = make([]int, 9)
		n.counters[numID] = c
	}
	if c[ilvl] == 0 {
		c[ilvl] = levels[ilvl].start
	} else {
		c[ilvl]++
	}
	for deeper := ilvl + 1; deeper < 9; deeper++ {
		c[deeper] = 0
	}
	lv := levels[ilvl]
	if lv.format == "bullet" {
		return "-"
	}
	out := lv.text
	for i := 0; i <= ilvl; i++ {
		v := c[i]
		if v == 0 {
			v = levels[i].start
		}
		out = strings.ReplaceAll(out, "%"+strconv.Itoa(i+1), formatNumber(v, levels[i].format))
	}
	return out
}

func formatNumber(v int, format string) string {
	switch format {
	case "upperRoman":
		return roman(v)
	case "lowerRoman":
		return strings.ToLower(roman(v))
	case "lowerLetter":
		if v >= 1 && v <= 26 {
			return string(rune('a' + v - 1))
		}
	case "upperLetter":
		if v >= 1 && v <= 26 {
			return string(rune('A' + v - 1))
		}
	}
	return strconv.Itoa(v)
}

func roman(v int) string {
	if v <= 0 || v >= 4000 {
		return strconv.Itoa(v)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, x := range vals {
		for v >= x {
			b.WriteString(syms[i])
			v -= x
		}
	}
	return b.String()
}

func attr(el xml.StartElement, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxParagraphs writes each w:p as a line: its numbering label, then its runs' text.
func docxParagraphs(raw []byte, num *numbering) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(raw))
	var out, para strings.Builder
	var inText bool
	var numID string
	ilvl := -1
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%w: word/document.xml: %v", ErrUnreadable, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "p":
				para.Reset()
				numID, ilvl = "", -1
			case "t":
				inText = true
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				para.WriteByte('\n')
			case "numId":
				numID = attr(el, "val")
			case "ilvl":
				ilvl, _ = strconv.Atoi(attr(el, "val"))
			}
		case xml.CharData:
			if inText {
				para.Write(el)
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "t":
				inText = false
			case "p":
				if numID != "" && numID != "0" {
					if ilvl < 0 {
						ilvl = 0
					}
					if l := num.label(numID, ilvl); l != "" {
						out.WriteString(l)
						out.WriteByte(' ')
					}
				}
				out.WriteString(para.String())
				out.WriteByte('\n')
			}
		}
	}
	return out.String(), nil
}
