package documents

import (
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
)

// Article is a sent document as the search reads it: an article of source
// loa.DocumentSource, titled with its name ("Kế hoạch số 45/KH-UBND ngày 15/3/2024: <trích
// yếu>"), whose directives are its tasks (addressee and section as written, the deadline
// added). Its link is the console's page of the document when the service has a public
// address.
func Article(d loa.OfficialDocument, publicURL string) loa.Article {
	id := "document:" + strconv.FormatInt(d.ID, 10)
	a := loa.Article{Source: loa.DocumentSource, URL: id, GUID: id, ContentHash: id,
		Title: Name(d) + ": " + d.Title, Body: d.Title}
	if loa.PublicURL(publicURL) {
		a.URL = strings.TrimRight(publicURL, "/") + "/console/documents/" + strconv.FormatInt(d.ID, 10)
	}
	if day, err := time.Parse(time.DateOnly, d.Date); err == nil {
		a.Published = day
	} else if d.SentAt != nil {
		a.Published = *d.SentAt
	} else {
		a.Published = d.CreatedAt
	}
	// One directive per addressee and section, in the document's order.
	at := map[string]int{}
	for _, t := range d.Tasks {
		item := t.Text
		if day, err := time.Parse(time.DateOnly, t.Deadline); err == nil {
			item += " (" + texts.T("vi", "docsearch_deadline", day.Format("2/1/2006")) + ")"
		}
		key := t.Addressee + "\x00" + t.Section
		i, ok := at[key]
		if !ok {
			i = len(a.Directives)
			at[key] = i
			a.Directives = append(a.Directives, loa.Directive{Position: i, Ordinal: t.Section, Addressee: t.Addressee, Date: a.Published})
		}
		a.Directives[i].Items = append(a.Directives[i].Items, item)
	}
	return a
}
