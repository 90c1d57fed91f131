package notices

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
)

// reportPage is how many deliveries a report reads at a time: a notice to fifty thousand
// people is written as it is read, a page in memory at once.
var reportPage = 1000

// ReportTables is a notice's report as spreadsheet tables headed in lang: one row per person
// (name, unit, role, status, when received, when acknowledged, in chat order), then one per
// unit. Who may read it is checked now, as for Report; the people are read from the store page
// by page while the tables are written (sheets.WriteCSV or WriteXLSX), under ctx.
func (s *Service) ReportTables(ctx context.Context, a Actor, id int64, lang string) (loa.Notice, []loa.Table, error) {
	r, err := s.Report(ctx, a, id)
	if err != nil {
		return loa.Notice{}, nil, err
	}
	loc := s.opts.Location
	at := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return when.Format(*t, loc) // "7h30 15/12/2026", as everywhere
	}
	people := loa.Table{Title: texts.T(lang, "report_sheet_people"), Headings: strings.Split(texts.T(lang, "csv_people"), "|"),
		Rows: func(emit func(row []string) error) error {
			row := make([]string, 6)
			var after *int64
			for {
				page, err := s.store.DeliveriesAfter(ctx, id, after, reportPage)
				if err != nil {
					return fmt.Errorf("deliveries of notice %d: %w", id, err)
				}
				for _, p := range page {
					row[0], row[1], row[2] = p.Title, p.Unit, ""
					if p.Role != "" {
						row[2] = texts.T(lang, "role_"+p.Role)
					}
					row[3], row[4], row[5] = texts.T(lang, "delivery_"+p.Status), at(p.SentAt), at(p.AckAt)
					if err := emit(row); err != nil {
						return err
					}
				}
				if len(page) < reportPage {
					return nil
				}
				last := page[len(page)-1].ChatID
				after = &last
			}
		}}
	units := make([][]string, 0, len(r.Units))
	for _, u := range r.Units {
		units = append(units, []string{u.Unit, strconv.Itoa(u.Recipients), strconv.Itoa(u.Sent), strconv.Itoa(u.Failed), strconv.Itoa(u.Blocked),
			strconv.Itoa(u.Acknowledged), strconv.Itoa(u.Pending), strconv.Itoa(u.Paid)})
	}
	byUnit := loa.Table{Title: texts.T(lang, "report_sheet_units"), Headings: strings.Split(texts.T(lang, "csv_units"), "|"),
		Numbers: []int{1, 2, 3, 4, 5, 6, 7}, Rows: loa.RowsOf(units)}
	return r.Notice, []loa.Table{people, byUnit}, nil
}

// ReportName is the file name of a notice's report, ext its format: "csv" or "xlsx".
func ReportName(n loa.Notice, ext string) string {
	return fmt.Sprintf("bao-cao-thong-bao-so-%d.%s", n.Number, ext)
}
