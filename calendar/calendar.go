// Package calendar serves every member's private iCalendar (RFC 5545) feed: the events of
// their units and topics, with their reminders as alarms, so a phone's calendar app that
// subscribes shows them and drops them when they are cancelled.
package calendar

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
)

// Store is what a feed reads.
type Store interface {
	loa.EventReader
	Chat(ctx context.Context, id int64) (loa.Chat, error)
}

// Feed makes and serves the feeds. A link is the chat's ID and a MAC of it under Secret: no
// table of links, and nobody can guess another chat's.
type Feed struct {
	Store    Store
	Secret   []byte
	Location *time.Location
	Now      func() time.Time
	Logger   *slog.Logger
}

// history is how far back a feed reaches: cancelled and past events stay long enough for
// phones to notice the change.
const history = 30 * 24 * time.Hour

// Link is a chat's private feed address under base (the public address of Loa).
func (f *Feed) Link(base string, chatID int64) string {
	return strings.TrimRight(base, "/") + "/calendar/" + f.token(chatID) + ".ics"
}

func (f *Feed) token(chatID int64) string {
	mac := hmac.New(sha256.New, f.Secret)
	fmt.Fprintf(mac, "calendar:%d", chatID)
	return strconv.FormatInt(chatID, 10) + "-" + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:18])
}

// macLength is the length of a link's MAC: 18 bytes in unpadded base64.
var macLength = base64.RawURLEncoding.EncodedLen(18)

// ErrUnknownFeed answers a link that was not made by Link.
var ErrUnknownFeed = errors.New("no such calendar")

// chatOf checks a token and returns its chat ID.
func (f *Feed) chatOf(token string) (int64, error) {
	// The MAC has a fixed length and the ID may be negative (a group's): split before the
	// MAC, not at the first "-", which is a group ID's sign (and may be inside the MAC).
	sep := len(token) - macLength - 1
	if sep < 1 || token[sep] != '-' {
		return 0, ErrUnknownFeed
	}
	id, err := strconv.ParseInt(token[:sep], 10, 64)
	if err != nil || !hmac.Equal([]byte(f.token(id)), []byte(token)) {
		return 0, ErrUnknownFeed
	}
	return id, nil
}

// Handler serves GET /calendar/{token}.ics.
func (f *Feed) Handler() http.Handler {
	log := f.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /calendar/{file}", func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
		id, err := f.chatOf(token)
		if !ok || err != nil {
			http.NotFound(w, r)
			return
		}
		var buf strings.Builder
		if err := f.Write(r.Context(), &buf, id); errors.Is(err, loa.ErrNotFound) {
			http.NotFound(w, r)
			return
		} else if err != nil {
			log.Error("writing a calendar feed failed", "chat", id, "err", err)
			http.Error(w, "calendar unavailable", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Header().Set("Cache-Control", "private, max-age=300")
		io.WriteString(w, buf.String())
	})
	return mux
}

// Write writes a chat's feed: its events from 30 days ago on, cancelled ones marked so.
func (f *Feed) Write(ctx context.Context, w io.Writer, chatID int64) error {
	c, err := f.Store.Chat(ctx, chatID)
	if err != nil {
		return err
	}
	if c.Status != loa.StatusActive {
		return loa.ErrNotFound // a member who left or was blocked keeps no calendar
	}
	now := f.Now()
	events, err := loa.EventsFor(ctx, f.Store, c, now.Add(-history), true)
	if err != nil {
		return err
	}
	lang := c.Lang
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//Loa//Lich quoc phong an ninh//VI")
	cal.Props.SetText("X-WR-CALNAME", texts.T(lang, "cal_name"))
	cal.Props.SetText("X-WR-TIMEZONE", f.Location.String())
	for _, e := range events {
		cal.Children = append(cal.Children, f.event(e, lang, now).Component)
	}
	return ical.NewEncoder(w).Encode(cal)
}

func (f *Feed) event(e loa.Event, lang string, now time.Time) *ical.Event {
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, fmt.Sprintf("event-%d@loa", e.ID))
	ev.Props.SetDateTime(ical.PropDateTimeStamp, now.UTC())
	ev.Props.SetDateTime(ical.PropLastModified, e.UpdatedAt.UTC())
	ev.Props.SetDateTime(ical.PropDateTimeStart, e.Start.UTC())
	end := e.Start.Add(2 * time.Hour) // a drill or a meeting: the morning, unless told
	if e.End != nil && e.End.After(e.Start) {
		end = *e.End
	}
	ev.Props.SetDateTime(ical.PropDateTimeEnd, end.UTC())
	ev.Props.SetText(ical.PropSummary, e.Title)
	if e.Place != "" {
		ev.Props.SetText(ical.PropLocation, e.Place)
	}
	description := texts.T(lang, "kind_"+e.Kind)
	if e.Notes != "" {
		description += "\n" + e.Notes
	}
	if e.Link != "" && loa.PublicURL(e.Link) {
		description += "\n" + e.Link
	}
	ev.Props.SetText(ical.PropDescription, description)
	if e.Status == loa.EventCancelled {
		ev.SetStatus(ical.EventCancelled)
		return ev // no alarms for what will not happen
	}
	ev.SetStatus(ical.EventConfirmed)
	for _, off := range e.Offsets {
		due, err := loa.ReminderDue(e.Start, off, f.Location)
		if err != nil {
			continue // refused when the event was saved; an old row is not worth a broken feed
		}
		alarm := ical.NewComponent(ical.CompAlarm)
		alarm.Props.SetText(ical.PropAction, "DISPLAY")
		alarm.Props.SetText(ical.PropDescription, e.Title)
		trigger := ical.NewProp(ical.PropTrigger)
		trigger.SetDuration(due.Sub(e.Start))
		alarm.Props.Set(trigger)
		ev.Children = append(ev.Children, alarm)
	}
	return ev
}
