package sheets

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa"
)

const (
	// WidthSample is how many rows of a table, after its headings, its column widths are
	// measured on: they are held back until the widths are set, since a workbook states its
	// widths before its rows.
	WidthSample = 500
	// MaxWidth caps a column's width, in characters; longer cells wrap in the spreadsheet's
	// own way rather than making a column wider than a screen.
	MaxWidth = 60
	// minWidth keeps a column of short codes from being too narrow to click.
	minWidth = 6
)

// WriteXLSX writes tables to w as an Excel workbook, one sheet per table named by its title:
// the headings bold in a frozen first row, each column as wide as its widest cell (counted in
// characters, capped at MaxWidth), every cell text except the counts of a table's Numbers
// columns, never a formula. Rows are streamed into the workbook as they come; past a few
// megabytes excelize keeps them in a temporary file rather than in memory.
func WriteXLSX(w io.Writer, tables ...loa.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("workbook style: %w", err)
	}
	names := SheetNames(tables)
	for i, t := range tables {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), names[0])
		} else {
			_, err = f.NewSheet(names[i])
		}
		if err != nil {
			return fmt.Errorf("sheet %q: %w", names[i], err)
		}
		if err := writeSheet(f, names[i], t, bold); err != nil {
			return fmt.Errorf("sheet %q: %w", names[i], err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// writeSheet streams one table into its sheet: the first WidthSample rows are held to measure
// the widths, then written with every row after them.
func writeSheet(f *excelize.File, name string, t loa.Table, bold int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	widths := make([]int, len(t.Headings))
	measure := func(row []string) {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	measure(t.Headings)
	var held [][]string
	next := 2 // the row after the headings
	cells := []any{}
	put := func(row []string) error {
		cells = cells[:0]
		for i, c := range row {
			cells = append(cells, cellValue(c, t.Numbers, i))
		}
		err := sw.SetRow("A"+strconv.Itoa(next), cells)
		next++
		return err
	}
	started := false
	start := func() error {
		started = true
		for i, wd := range widths {
			if err := sw.SetColWidth(i+1, i+1, float64(min(max(wd+2, minWidth), MaxWidth))); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		head := make([]any, len(t.Headings))
		for i, h := range t.Headings {
			head[i] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", head, excelize.RowOpts{StyleID: bold}); err != nil {
			return err
		}
		for _, row := range held {
			if err := put(row); err != nil {
				return err
			}
		}
		held = nil
		return nil
	}
	if t.Rows != nil {
		err = t.Rows(func(row []string) error {
			if started {
				return put(row)
			}
			measure(row)
			held = append(held, slices.Clone(row))
			if len(held) == WidthSample {
				return start()
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if !started {
		if err := start(); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cellWidth is how wide a cell shows, in characters: its longest line.
func cellWidth(s string) int {
	w := 0
	for line := range strings.Lines(s) {
		w = max(w, utf8.RuneCountInString(strings.TrimRight(line, "\r\n")))
	}
	return w
}

// cellValue is a count as a number in a Numbers column, else the text as a text cell (never
// a formula: excelize writes a string as an inline string whatever it starts with).
func cellValue(s string, numbers []int, col int) any {
	if slices.Contains(numbers, col) {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	}
	return s
}

// SheetNames are the tables' titles as Excel accepts sheet names: at most 31 characters,
// none of : \ / ? * [ ], not empty, each different from the others in any case.
func SheetNames(tables []loa.Table) []string {
	names := make([]string, len(tables))
	seen := map[string]bool{}
	for i, t := range tables {
		base := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
				return ' '
			}
			return r
		}, t.Title)
		base = strings.Trim(strings.Join(strings.Fields(base), " "), "'")
		if base == "" {
			base = strconv.Itoa(i + 1)
		}
		name := truncate(base, 31)
		for n := 2; seen[strings.ToLower(name)]; n++ {
			suffix := " (" + strconv.Itoa(n) + ")"
			name = truncate(base, 31-len(suffix)) + suffix
		}
		seen[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

func truncate(s string, runes int) string {
	if utf8.RuneCountInString(s) <= runes {
		return s
	}
	return string([]rune(s)[:runes])
}
