// Package roster reads members files as district offices keep them: CSV from Excel, comma- or
// semicolon-separated, with or without a byte-order mark and a header. The command line and
// the web console import with it.
package roster

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa"
)

// columns are the columns of a members file, in the order used when it has no header.
var columns = []string{"chat_id", "name", "unit", "role", "topics", "status", "lang"}

// Parse reads members as offices write them: comma- or semicolon-separated (Excel
// in a Vietnamese locale writes ";"), with or without Excel's UTF-8 byte-order mark, with an
// optional header naming the columns (chat_id,name,unit,role[,topics,status,lang]).
func Parse(r io.Reader) ([]loa.MemberImport, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	firstLine, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	if bytes.Count(firstLine, []byte(";")) > bytes.Count(firstLine, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cols := map[string]int{}
	for i, c := range columns {
		cols[c] = i
	}
	var rows []loa.MemberImport
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not a CSV file: %w", err) // csv.ParseError names the line
		}
		line, _ := cr.FieldPos(0)
		if len(rows) == 0 && slices.ContainsFunc(rec, func(f string) bool { return strings.EqualFold(strings.TrimSpace(f), "chat_id") }) {
			if cols, err = headerColumns(rec); err != nil {
				return nil, &loa.ImportError{Line: line, Err: err}
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		field := func(name string) string {
			if i, ok := cols[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if len(rec) < 4 || len(rec) > len(columns) {
			return nil, &loa.ImportError{Line: line, Err: fmt.Errorf("want 4 to 7 columns (chat_id,name,unit,role,topics,status,lang), got %d", len(rec))}
		}
		id, err := strconv.ParseInt(field("chat_id"), 10, 64)
		if err != nil || id == 0 {
			return nil, &loa.ImportError{Line: line, Err: fmt.Errorf("chat_id %q is not a Telegram chat ID", field("chat_id"))}
		}
		rows = append(rows, loa.MemberImport{Line: line, ChatID: id, Name: field("name"), UnitKey: field("unit"), Role: field("role"),
			Topics: strings.FieldsFunc(field("topics"), func(r rune) bool { return r == ';' || r == ',' || r == ' ' }),
			Status: field("status"), Lang: field("lang")})
	}
	return rows, nil
}

// headerColumns maps a header row's names to their positions, refusing names it does not know.
func headerColumns(rec []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, name := range rec {
		name = strings.ToLower(strings.TrimSpace(name))
		if !slices.Contains(columns, name) {
			return nil, fmt.Errorf("column %q is unknown (known: %s)", name, strings.Join(columns, ", "))
		}
		cols[name] = i
	}
	for _, need := range columns[:4] {
		if _, ok := cols[need]; !ok {
			return nil, fmt.Errorf("the header lacks the column %q", need)
		}
	}
	return cols, nil
}
