package loa

// Table is a titled table of text for a spreadsheet: the sheets room writes it as one sheet of
// an Excel workbook or one block of a CSV file. A room that reports (a notice's deliveries, a
// document's tasks) fills tables; a door chooses the format and writes them. Rows yields the
// rows one at a time, so a long table is written as it is read, never held whole.
type Table struct {
	Title    string
	Headings []string
	// Numbers are the positions of columns holding counts: a workbook stores their cells as
	// numbers, so they can be summed. Every other cell is text.
	Numbers []int
	// Rows calls emit with each row in turn and stops at the first error emit returns.
	Rows func(emit func(row []string) error) error
}

// RowsOf is a Table's Rows over rows already in memory.
func RowsOf(rows [][]string) func(emit func(row []string) error) error {
	return func(emit func(row []string) error) error {
		for _, r := range rows {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}
}
