package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/sheets"
)

// ReportTimeout is how long a report download may take to leave, past the listener's write
// timeout.
const ReportTimeout = 10 * time.Minute

// report answers a notice's report as a spreadsheet: GET /api/v1/notices/{id}/report.csv or
// report.xlsx, headed in Vietnamese (English for a client whose Accept-Language asks for it),
// one row per person then one per unit, written as the deliveries are read.
func (a *API) report(format string) handler {
	write, contentType := sheets.WriteCSV, sheets.CSVType
	if format == "xlsx" {
		write, contentType = sheets.WriteXLSX, sheets.XLSXType
	}
	return func(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
		n, ok := a.noticeFor(w, r, client, mayRead)
		if !ok {
			return
		}
		lang := "vi"
		if strings.HasPrefix(r.Header.Get("Accept-Language"), "en") {
			lang = "en"
		}
		n, tables, err := a.notices().ReportTables(r.Context(), apiActor(client), n.ID, lang)
		if a.refused(w, r, err, "could not read the report") {
			return
		}
		// A report of a large notice may take longer to leave than the listener's write timeout.
		if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(ReportTimeout)); err != nil && a.Logger != nil {
			a.Logger.Warn("report download keeps the listener's write timeout", "err", err)
		}
		// The status is sent with the first bytes; a failure after them ends the file short.
		out := &sheets.Download{W: w, Header: func() {
			w.Header().Set("Content-Type", contentType)
			w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, notices.ReportName(n, format)))
		}}
		if err := write(out, tables...); err != nil {
			if !out.Started {
				apiError(w, http.StatusInternalServerError, "could not write the report")
			}
			if a.Logger != nil {
				a.Logger.Error("notice report not written", "notice", n.ID, "format", format, "err", err)
			}
		}
	}
}
