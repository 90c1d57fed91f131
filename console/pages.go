package console

import (
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	noticeroom "github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
)

// pageSize bounds every list, so pages stay fast with 100,000 members and 1,000 notices.
const pageSize = 50

var funcs = template.FuncMap{
	"t": func(lang, key string, args ...any) string { return texts.T(lang, key, args...) },
	"clock": func(loc *time.Location, t any) string {
		switch t := t.(type) {
		case time.Time:
			return when.Format(t, loc)
		case *time.Time:
			if t != nil {
				return when.Format(*t, loc)
			}
		}
		return ""
	},
	"hour": func(loc *time.Location, t time.Time) string {
		clock, _, _ := strings.Cut(when.Format(t, loc), " ") // "7h30"
		return clock
	},
	"percent": func(part, whole int) int {
		if whole == 0 {
			return 0
		}
		return part * 100 / whole
	},
	"add":  func(a, b int) int { return a + b },
	"has":  slices.Contains[[]string],
	"join": func(s []string) string { return strings.Join(s, ", ") },
	"weekdays": func(lang string) []string {
		if lang == "en" {
			return []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
		}
		return []string{"T2", "T3", "T4", "T5", "T6", "T7", "CN"}
	},
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// pageOf is the page a list is asked for (?page=N, from 0).
func pageOf(r *http.Request) int {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	return max(page, 0)
}

// pager links a list's previous and next pages, keeping the request's other parameters.
type pager struct {
	Prev, Next           template.URL // empty when there is none
	PrevLabel, NextLabel string
}

func pagerFor(r *http.Request, page int, more bool) pager {
	link := func(n int) template.URL {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return template.URL("?" + q.Encode())
	}
	p := pager{PrevLabel: texts.T(lang(r), "con_prev"), NextLabel: texts.T(lang(r), "con_next")}
	if page > 0 {
		p.Prev = link(page - 1)
	}
	if more {
		p.Next = link(page + 1)
	}
	return p
}

// noticeRow is a notice in a list, with its counts.
type noticeRow struct {
	loa.Notice
	Title  string
	Counts map[string]int
}

// title is the first line of a notice's text, without its markup, for lists.
func title(n loa.Notice) string {
	line, _, _ := strings.Cut(loa.PlainText(n.Text), "\n")
	if r := []rune(line); len(r) > 90 {
		line = string(r[:90]) + "…"
	}
	return line
}

// visibleNotices is a page of broadcasts the viewer may see, newest first.
func (c *Console) visibleNotices(r *http.Request, v viewer, limit, offset int) ([]noticeRow, error) {
	ctx := r.Context()
	units, err := c.units.Units(ctx)
	if err != nil {
		return nil, err
	}
	var out []noticeRow
	// A leader's page may need several pages of all notices; each is bounded.
	for scanned := 0; len(out) < limit && scanned < 20; scanned++ {
		ns, err := c.sending.RecentNotices(ctx, loa.OriginBroadcast, pageSize, offset+scanned*pageSize)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			// Follow-ups and reminders are shown on their notice's page, not as notices.
			if len(out) < limit && n.Number > 0 && v.may(units, n.Audience.Units) {
				counts, err := c.sending.NoticeCounts(ctx, n.ID)
				if err != nil {
					return nil, err
				}
				out = append(out, noticeRow{Notice: n, Title: title(n), Counts: counts})
			}
		}
		if len(ns) < pageSize || v.Admin {
			break
		}
	}
	return out, nil
}

func (c *Console) overview(w http.ResponseWriter, r *http.Request, v viewer) error {
	ctx := r.Context()
	depth, err := c.sending.QueueDepth(ctx)
	if err != nil {
		return err
	}
	recent, err := c.visibleNotices(r, v, 5, 0)
	if err != nil {
		return err
	}
	pending, err := c.pendingMembers(r, v)
	if err != nil {
		return err
	}
	events, err := c.calendar.Events(ctx, c.Now(), false)
	if err != nil {
		return err
	}
	if len(events) > 5 {
		events = events[:5]
	}
	statuses, err := c.newsroom.SourceStatuses(ctx)
	if err != nil {
		return err
	}
	var failing []loa.SourceStatus
	for _, s := range statuses {
		if s.LastError != "" {
			failing = append(failing, s)
		}
	}
	rate := ""
	if c.SendRate != nil {
		rate = strconv.FormatFloat(c.SendRate(), 'f', 1, 64)
	}
	c.render(w, "overview", v, map[string]any{"Depth": depth, "Rate": rate, "Notices": recent, "Pending": len(pending), "Events": events,
		"Failing": failing, "Loc": c.Location})
	return nil
}

func (c *Console) notices(w http.ResponseWriter, r *http.Request, v viewer) error {
	page := pageOf(r)
	rows, err := c.visibleNotices(r, v, pageSize, page*pageSize)
	if err != nil {
		return err
	}
	c.render(w, "notices", v, map[string]any{"Notices": rows, "Pager": pagerFor(r, page, len(rows) == pageSize), "Loc": c.Location})
	return nil
}

// notice reads a notice the viewer may see; another scope's notice is forbidden, whatever
// the page showed.
func (c *Console) notice(r *http.Request, v viewer) (loa.Notice, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return loa.Notice{}, loa.ErrNotFound
	}
	n, err := c.Notices.Get(r.Context(), noticeActor(v), id)
	if errors.Is(err, noticeroom.ErrForbidden) {
		return n, errForbidden
	}
	return n, err
}

func (c *Console) noticePage(w http.ResponseWriter, r *http.Request, v viewer) error {
	n, err := c.notice(r, v)
	if err != nil {
		return err
	}
	page := pageOf(r)
	report, err := c.sending.ReportTotals(r.Context(), n.ID)
	if err != nil {
		return err
	}
	people, err := c.sending.DeliveriesPage(r.Context(), n.ID, pageSize+1, page*pageSize)
	if err != nil {
		return err
	}
	counts := map[string]int{} // the tiles, summed from the units' rows: one pass over the deliveries
	for _, u := range report {
		counts["total"] += u.Recipients
		counts[loa.DeliverySent] += u.Sent
		counts["acknowledged"] += u.Acknowledged
		counts[loa.DeliveryFailed] += u.Failed
		counts[loa.DeliveryQueued] += u.Pending
	}
	more := len(people) > pageSize
	people = people[:min(pageSize, len(people))]
	c.render(w, "notice", v, map[string]any{"Notice": n, "Title": title(n), "Counts": counts, "Report": report,
		"People": people, "Pager": pagerFor(r, page, more), "Loc": c.Location, "Done": c.flashed(w, r)})
	return nil
}

// noticeCounts feeds the notice page's live counts.
func (c *Console) noticeCounts(w http.ResponseWriter, r *http.Request, v viewer) error {
	n, err := c.notice(r, v)
	if err != nil {
		return err
	}
	counts, err := c.sending.NoticeCounts(r.Context(), n.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(counts)
}

func (c *Console) auditLog(w http.ResponseWriter, r *http.Request, v viewer) error {
	if !v.Admin {
		return errForbidden
	}
	entries, err := c.audits.AuditLog(r.Context(), c.Now().Add(-7*24*time.Hour))
	if err != nil {
		return err
	}
	filter := strings.TrimSpace(r.URL.Query().Get("action"))
	var shown []loa.AuditEntry
	for i := len(entries) - 1; i >= 0 && len(shown) < 500; i-- {
		if filter == "" || strings.HasPrefix(entries[i].Action, filter) {
			shown = append(shown, entries[i])
		}
	}
	c.render(w, "audit", v, map[string]any{"Entries": shown, "Filter": filter, "Loc": c.Location})
	return nil
}
