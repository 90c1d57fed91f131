// Package roster reads members files as district offices keep them: an Excel workbook (.xlsx),
// or CSV from Excel, comma- or semicolon-separated, with or without a byte-order mark and a
// header. The command line and the web console import with it. Both formats become the same
// records, checked by one code path, so a bad cell gets the same message in either.
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

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa"
)

// columns are the columns of a members file, in the order used when it has no header.
var columns = []string{"chat_id", "name", "unit", "role", "topics", "status", "lang"}

// ErrNotMembersFile is a file that is neither a workbook nor CSV text (an .xls of Excel
// 97–2003, a picture, a document).
var ErrNotMembersFile = errors.New("not a members file")

// Parse reads a members file: an Excel workbook (.xlsx, told by its contents, not its name)
// or CSV (see ParseCSV).
func Parse(r io.Reader) ([]loa.MemberImport, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(8)
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return ParseXLSX(br)
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("%w: an Excel 97-2003 workbook (.xls) or an encrypted one: save it as .xlsx or CSV", ErrNotMembersFile)
	}
	return ParseCSV(br)
}

// ParseCSV reads members as offices write them: comma- or semicolon-separated (Excel
// in a Vietnamese locale writes ";"), with or without Excel's UTF-8 byte-order mark, with an
// optional header naming the columns (chat_id,name,unit,role[,topics,status,lang]).
func ParseCSV(r io.Reader) ([]loa.MemberImport, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	if bytes.IndexByte(first, 0) >= 0 {
		return nil, fmt.Errorf("%w: it holds binary data, not CSV text; save it from Excel as .xlsx or CSV", ErrNotMembersFile)
	}
	firstLine, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	if bytes.Count(firstLine, []byte(";")) > bytes.Count(firstLine, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	return members(func() (int, []string, error) {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return 0, nil, err
		}
		if err != nil {
			return 0, nil, fmt.Errorf("not a CSV file: %w", err) // csv.ParseError names the line
		}
		line, _ := cr.FieldPos(0)
		return line, rec, nil
	})
}

// members reads records (each with its line, io.EOF after the last) into rows: a first
// record naming chat_id is the header, blank records are skipped, and each row's chat ID must
// be one. The CSV and the workbook readers both end here.
func members(next func() (line int, rec []string, err error)) ([]loa.MemberImport, error) {
	cols := map[string]int{}
	for i, c := range columns {
		cols[c] = i
	}
	header := 0
	var rows []loa.MemberImport
	// Lines of one cell before any other ("DANH SÁCH CÁN BỘ XÃ …" above the header, as offices
	// head their sheets) are titles, dropped when a header follows them; otherwise they are
	// read, in order, as the rows they are.
	type record struct {
		line int
		rec  []string
	}
	var held, again []record
	opening := true // no line but titles read yet
	for {
		var line int
		var rec []string
		var err error
		if len(again) > 0 {
			line, rec, again = again[0].line, again[0].rec, again[1:]
		} else if line, rec, err = next(); errors.Is(err, io.EOF) && len(held) > 0 {
			again, held, opening = held, nil, false
			continue
		} else if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		filled := 0
		for _, f := range rec {
			if strings.TrimSpace(f) != "" {
				filled++
			}
		}
		if filled == 0 {
			continue
		}
		isHeader := slices.ContainsFunc(rec, func(f string) bool { return strings.EqualFold(strings.TrimSpace(f), "chat_id") })
		if opening && isHeader {
			if cols, err = headerColumns(line, rec); err != nil {
				return nil, err
			}
			header, held, opening = len(rec), nil, false
			continue
		}
		if opening && filled == 1 {
			held = append(held, record{line, rec})
			continue
		}
		if opening && len(held) > 0 { // no header came: read the held lines first, then this one
			again, held, opening = append(held, record{line, rec}), nil, false
			continue
		}
		opening = false
		// A workbook leaves out a row's empty cells at its end; CSV keeps them.
		for len(rec) < header {
			rec = append(rec, "")
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
			return nil, &loa.ImportError{Line: line, Column: ColumnName(cols["chat_id"]), Err: fmt.Errorf("chat_id %q is not a Telegram chat ID", field("chat_id"))}
		}
		rows = append(rows, loa.MemberImport{Line: line, ChatID: id, Name: field("name"), UnitKey: field("unit"), Role: field("role"),
			Topics: strings.FieldsFunc(field("topics"), func(r rune) bool { return r == ';' || r == ',' || r == ' ' }),
			Status: field("status"), Lang: field("lang")})
	}
	return rows, nil
}

// headerColumns maps a header row's names to their positions, refusing names it does not know.
func headerColumns(line int, rec []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, name := range rec {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" && i >= 4 {
			continue // a workbook's blank heading after the columns that count
		}
		if !slices.Contains(columns, name) {
			return nil, &loa.ImportError{Line: line, Column: ColumnName(i), Err: fmt.Errorf("column %q is unknown (known: %s)", name, strings.Join(columns, ", "))}
		}
		cols[name] = i
	}
	for _, need := range columns[:4] {
		if _, ok := cols[need]; !ok {
			return nil, &loa.ImportError{Line: line, Err: fmt.Errorf("the header lacks the column %q", need)}
		}
	}
	return cols, nil
}

// ColumnName is a column's name as spreadsheets show it: 0 is "A", 26 is "AA".
func ColumnName(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}
