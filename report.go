package loa

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/texts"
)

// ReportCSV is a notice's report as a spreadsheet: one line per person (name, unit, role,
// status, when received, when acknowledged), then one per unit, headed in lang. It starts with
// the byte-order mark that makes spreadsheet programs read the Vietnamese as UTF-8.
func ReportCSV(lang string, loc *time.Location, people []DeliveryInfo, units []ReportRow) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	when := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(loc).Format("15:04 02/01/2006")
	}
	w.Write(strings.Split(texts.T(lang, "csv_people"), "|"))
	for _, p := range people {
		role := ""
		if p.Role != "" {
			role = texts.T(lang, "role_"+p.Role)
		}
		w.Write([]string{inertCell(p.Title), inertCell(p.Unit), role, texts.T(lang, "delivery_"+p.Status), when(p.SentAt), when(p.AckAt)})
	}
	w.Write(nil)
	w.Write(strings.Split(texts.T(lang, "csv_units"), "|"))
	for _, r := range units {
		w.Write([]string{inertCell(r.Unit), strconv.Itoa(r.Recipients), strconv.Itoa(r.Sent), strconv.Itoa(r.Failed), strconv.Itoa(r.Blocked),
			strconv.Itoa(r.Acknowledged), strconv.Itoa(r.Pending), strconv.Itoa(r.Paid)})
	}
	w.Flush()
	return buf.Bytes()
}

// inertCell keeps a spreadsheet from reading a name as a formula: a cell starting with =, +,
// -, @, a tab or a carriage return is prefixed with an apostrophe, which spreadsheet programs
// show as text (OWASP's advice against CSV injection). Members and units name themselves, so
// their names are not trusted.
func inertCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
