package console

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/when"
)

func (c *Console) events(w http.ResponseWriter, r *http.Request, v viewer) error {
	evs, err := c.Store.Events(r.Context(), c.Now().AddDate(0, 0, -1), false)
	if err != nil {
		return err
	}
	topics, err := c.Store.Topics(r.Context())
	if err != nil {
		return err
	}
	link := ""
	if c.CalendarLink != nil {
		link = c.CalendarLink(v.UserID)
	}
	c.render(w, "events", v, map[string]any{"Events": evs, "Kinds": eventKinds, "Topics": topics, "Loc": c.Location,
		"Example": when.Example(c.Now(), c.Location), "Error": r.URL.Query().Get("error"), "CalendarLink": link})
	return nil
}

var eventKinds = []string{loa.EventDrill, loa.EventShootingContest, loa.EventSportsContest, loa.EventRecruitment,
	loa.EventEnlistment, loa.EventMedicalExam, loa.EventTraining, loa.EventMeeting, loa.EventOther}

// createEvent schedules an event with its reminders; a leader's event reaches their scope.
func (c *Console) createEvent(w http.ResponseWriter, r *http.Request, v viewer) error {
	if c.Planner == nil {
		return errForbidden
	}
	e := loa.Event{Kind: r.PostFormValue("kind"), Title: strings.TrimSpace(r.PostFormValue("title")),
		Place: strings.TrimSpace(r.PostFormValue("place")), CreatedBy: actor(v)}
	if t := r.PostFormValue("topic"); t != "" {
		e.Audience.Topics = []string{t}
	}
	if !v.Admin {
		e.Audience.Units = []string{v.Scope.Key}
	}
	if e.Audience.Empty() {
		e.Audience.All = true
	}
	if offs := strings.TrimSpace(r.PostFormValue("offsets")); offs != "" {
		e.Offsets = strings.Split(strings.ReplaceAll(offs, " ", ""), ",")
	}
	start, err := when.Parse(r.PostFormValue("start"), c.Now(), c.Location)
	if err == nil && !slices.Contains(eventKinds, e.Kind) {
		err = errors.New(c.t(v, "con_need_kind"))
	}
	if err == nil && e.Title == "" {
		err = errors.New(c.t(v, "con_need_title"))
	}
	if err == nil {
		e.Start = start
		e, err = c.Planner.AddEvent(r.Context(), e)
	}
	if err != nil {
		http.Redirect(w, r, "/console/events?error="+url.QueryEscape(err.Error()), http.StatusSeeOther)
		return nil
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "event.add", Target: itoa(e.ID), Detail: e.Title, Allowed: true})
	http.Redirect(w, r, "/console/events#event-"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
	return nil
}
