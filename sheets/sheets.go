// Package sheets writes tables (loa.Table: a title, headings and rows) as the spreadsheets
// officials open: an Excel workbook with one sheet per table, or a CSV file. Both are written
// as the rows come, so a report of fifty thousand people is never held whole in memory. Any
// door may call it with plain headings and rows; the rooms that report fill the tables.
package sheets

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/loa-vn/loa"
)

// Content types and file name extensions of the two formats.
const (
	CSVType  = "text/csv; charset=utf-8"
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// WriteCSV writes tables to w as one CSV file: each table's headings and rows, a blank line
// between tables, starting with the byte-order mark that makes spreadsheet programs read the
// Vietnamese as UTF-8. Titles are not written (a CSV file has no sheets). Text cells that a
// spreadsheet would read as a formula are neutralised (see Inert).
func WriteCSV(w io.Writer, tables ...loa.Table) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	var cells []string
	for i, t := range tables {
		if i > 0 {
			cw.Write(nil)
		}
		cw.Write(inertRow(cells[:0], t.Headings, nil))
		if t.Rows == nil {
			continue
		}
		err := t.Rows(func(row []string) error {
			cells = inertRow(cells[:0], row, t.Numbers)
			return cw.Write(cells)
		})
		if err != nil {
			return fmt.Errorf("table %q: %w", t.Title, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func inertRow(dst, row []string, numbers []int) []string {
	for i, c := range row {
		if !slices.Contains(numbers, i) {
			c = Inert(c)
		}
		dst = append(dst, c)
	}
	return dst
}

// Inert keeps a spreadsheet from reading a CSV cell as a formula: a cell starting with =, +,
// -, @, a tab or a carriage return is prefixed with an apostrophe, which spreadsheet programs
// show as text (OWASP's advice against CSV injection). Members and units name themselves, so
// their names are not trusted. A workbook needs none of this: its cells are typed as text.
func Inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Download writes a file into an HTTP answer, setting its headers (Header) only when the
// first bytes are written, so that a door can still answer a failure before them with an
// error page; Started says whether it is too late for that.
type Download struct {
	W       io.Writer
	Header  func()
	Started bool
}

func (d *Download) Write(p []byte) (int, error) {
	if !d.Started {
		d.Started = true
		d.Header()
	}
	return d.W.Write(p)
}
