package console

import (
	"net/http"
	"strconv"

	"github.com/loa-vn/loa"
)

// sourceRow is a configured source with what its polls did.
type sourceRow struct {
	loa.Source
	Status loa.SourceStatus
}

// news shows the sources with their last success and error, and the articles stored.
func (c *Console) news(w http.ResponseWriter, r *http.Request, v viewer) error {
	ctx := r.Context()
	statuses, err := c.newsroom.SourceStatuses(ctx)
	if err != nil {
		return err
	}
	byName := map[string]loa.SourceStatus{}
	for _, s := range statuses {
		byName[s.Name] = s
	}
	var sources []sourceRow
	for _, s := range c.Sources {
		sources = append(sources, sourceRow{Source: s, Status: byName[s.Name]})
	}
	page := pageOf(r)
	articles, err := c.newsroom.RecentArticles(ctx, pageSize+1, page*pageSize)
	if err != nil {
		return err
	}
	c.render(w, "news", v, map[string]any{"Sources": sources, "Articles": articles[:min(len(articles), pageSize)],
		"Pager": pagerFor(r, page, len(articles) > pageSize), "Loc": c.Location, "Done": c.flashed(w, r), "CanPoll": v.Admin && c.PollNow != nil})
	return nil
}

// article shows one article with the directives and events found in it.
func (c *Console) article(w http.ResponseWriter, r *http.Request, v viewer) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return loa.ErrNotFound
	}
	a, err := c.newsroom.ArticleByID(r.Context(), id)
	if err != nil {
		return err
	}
	c.render(w, "article", v, map[string]any{"A": a, "Loc": c.Location, "SafeURL": loa.PublicURL(a.URL)})
	return nil
}

// pollNow polls a source at once (administrators only) and says what it found.
func (c *Console) pollNow(w http.ResponseWriter, r *http.Request, v viewer) error {
	if !v.Admin || c.PollNow == nil {
		return errForbidden
	}
	name := r.PathValue("name")
	known := false
	for _, s := range c.Sources {
		known = known || s.Name == name
	}
	if !known {
		return loa.ErrNotFound
	}
	found, err := c.PollNow(r.Context(), name)
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "sources.poll", Target: name, Allowed: true})
	if err != nil {
		c.flash(w, c.t(v, "con_poll_failed", name, err.Error()))
	} else {
		c.flash(w, c.t(v, "con_polled", name, found))
	}
	http.Redirect(w, r, "/console/news", http.StatusSeeOther)
	return nil
}
