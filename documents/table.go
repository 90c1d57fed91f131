package documents

import (
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
)

// Table is a document's tasks as a spreadsheet table, one row per task of each unit (a unit
// with no task has one row saying it is to know and carry out), with the unit's receipt and
// acknowledgement counts, the deadline, and whether the task is done (when, by whom, its
// report) or overdue — the console's page as officials file it in Excel.
func (p Progress) Table(lang string, loc *time.Location) loa.Table {
	t := func(key string, args ...any) string { return texts.T(lang, key, args...) }
	rows := [][]string{}
	for _, u := range p.Units {
		unit := []string{u.Name, strconv.Itoa(u.Recipients), strconv.Itoa(u.Received), strconv.Itoa(u.Acknowledged)}
		if len(u.Tasks) == 0 {
			rows = append(rows, append(unit, "", t("con_doc_no_tasks"), "", "", "", "", ""))
			continue
		}
		for _, task := range u.Tasks {
			deadline := ""
			if day, err := time.Parse(time.DateOnly, task.Deadline); err == nil {
				deadline = officialDay(day)
			}
			state, doneAt := "", ""
			switch {
			case task.DoneAt != nil:
				state, doneAt = t("doc_table_done"), when.Format(*task.DoneAt, loc) // "7h30 15/12/2026", as everywhere
			case task.Overdue:
				state = t("con_doc_overdue")
			default:
				state = t("doc_table_open")
			}
			rows = append(rows, append(unit, task.Section, task.Text, deadline, state, doneAt, task.DoneBy, task.Report))
		}
	}
	for _, name := range p.Unmapped {
		rows = append(rows, []string{name, "0", "0", "0", "", t("doc_table_unmapped"), "", "", "", "", ""})
	}
	return loa.Table{
		Title: t("doc_table_title"),
		Headings: []string{t("con_col_unit"), t("doc_table_recipients"), t("con_doc_col_received"),
			t("con_doc_col_acknowledged"), t("doc_table_section"), t("con_doc_col_tasks"), t("doc_table_deadline"),
			t("con_doc_col_status"), t("doc_table_done_at"), t("doc_table_done_by"), t("doc_table_report")},
		Numbers: []int{1, 2, 3},
		Rows:    loa.RowsOf(rows),
	}
}

// TableName is the file name of a document's task table, ext its format: "csv" or "xlsx".
func TableName(d loa.OfficialDocument, ext string) string {
	return fmt.Sprintf("nhiem-vu-van-ban-%d.%s", d.ID, ext)
}
