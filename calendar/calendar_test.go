package calendar_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/calendar"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// TestFeedReadsInACalendarApp builds a member's feed on both databases and reads it with an
// independent iCalendar parser: the events of their unit and topics (not another unit's), the
// reminders as alarms, a cancelled event marked cancelled; a link for another chat, or a
// changed one, finds nothing.
func TestFeedReadsInACalendarApp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
		if err := db.SyncCatalog(ctx, loa.Catalog{Topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập"}},
			Units: []loa.CatalogUnit{{Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict}, {Key: "mt", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, Parent: "tx"},
				{Key: "mt/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, Parent: "mt"}, {Key: "hl", Name: "Phường Hưng Long", Kind: loa.UnitWard, Parent: "tx"}}}); err != nil {
			t.Fatal(err)
		}
		if err := db.ImportMembers(ctx, []loa.MemberImport{{Line: 1, ChatID: 501, Name: "Nguyễn Văn A", UnitKey: "mt/chqs", Role: loa.RoleLeader, Topics: []string{"dien-tap"}}}); err != nil {
			t.Fatal(err)
		}
		start := time.Date(2026, 12, 15, 7, 30, 0, 0, hcm)
		save := func(e loa.Event) loa.Event {
			e.Start, e.Status, e.UpdatedAt = start, loa.EventScheduled, start.Add(-48*time.Hour)
			saved, err := db.SaveEvent(ctx, e, nil)
			if err != nil {
				t.Fatal(err)
			}
			return saved
		}
		save(loa.Event{Kind: loa.EventDrill, Title: "Diễn tập phòng thủ xã Minh Thắng", Place: "Hội trường UBND xã", Offsets: []string{"1d", "2h"},
			Audience: loa.Audience{Units: []string{"mt"}}})
		cancelled := save(loa.Event{Kind: loa.EventMeeting, Title: "Họp giao ban dân quân", Offsets: []string{"1d"}, Audience: loa.Audience{Topics: []string{"dien-tap"}}})
		cancelled.Status = loa.EventCancelled
		if _, err := db.SaveEvent(ctx, cancelled, nil); err != nil {
			t.Fatal(err)
		}
		save(loa.Event{Kind: loa.EventDrill, Title: "Diễn tập phường Hưng Long", Audience: loa.Audience{Units: []string{"hl"}}})

		feed := &calendar.Feed{Store: db, Secret: []byte("secret"), Location: hcm, Now: func() time.Time { return start.Add(-72 * time.Hour) }}
		srv := httptest.NewServer(feed.Handler())
		defer srv.Close()
		link := feed.Link(srv.URL, 501)
		resp, err := http.Get(link)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("GET %s: %d %s", link, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		cal, err := ics.ParseCalendar(resp.Body)
		if err != nil {
			t.Fatalf("the feed does not parse: %v", err)
		}
		byTitle := map[string]*ics.VEvent{}
		for _, e := range cal.Events() {
			byTitle[e.GetProperty(ics.ComponentPropertySummary).Value] = e
		}
		if len(byTitle) != 2 || byTitle["Diễn tập phường Hưng Long"] != nil {
			t.Fatalf("events in the feed: %v", byTitle)
		}
		drill := byTitle["Diễn tập phòng thủ xã Minh Thắng"]
		if at, err := drill.GetStartAt(); err != nil || !at.Equal(start) {
			t.Fatalf("the drill starts at %v (%v), want %v", at, err, start)
		}
		if loc := drill.GetProperty(ics.ComponentPropertyLocation); loc == nil || loc.Value != "Hội trường UBND xã" {
			t.Fatalf("the drill's place: %+v", loc)
		}
		var triggers []string
		for _, a := range drill.Alarms() {
			triggers = append(triggers, a.GetProperty(ics.ComponentPropertyTrigger).Value)
		}
		if strings.Join(triggers, " ") != "-PT86400S -PT7200S" { // a day and two hours, in seconds as go-ical writes them
			t.Fatalf("the drill's alarms: %q, want one a day and one two hours before", triggers)
		}
		meeting := byTitle["Họp giao ban dân quân"]
		if s := meeting.GetProperty(ics.ComponentPropertyStatus); s == nil || s.Value != "CANCELLED" || len(meeting.Alarms()) != 0 {
			t.Fatalf("the cancelled meeting: status %+v, %d alarms", s, len(meeting.Alarms()))
		}

		for _, bad := range []string{strings.Replace(link, "/501-", "/502-", 1), strings.TrimSuffix(link, ".ics") + "x.ics", srv.URL + "/calendar/501.ics"} {
			if resp, err := http.Get(bad); err != nil || resp.StatusCode != http.StatusNotFound {
				t.Fatalf("GET %s: %v %v, want 404", bad, resp.StatusCode, err)
			}
		}

		// A unit's group chat, as /lich gives its link: the ID is negative.
		group := loa.Chat{ID: -1001234567890, Type: "supergroup", Title: "Ban CHQS xã Minh Thắng", Status: loa.StatusActive, Lang: "vi"}
		if u, err := db.UnitByKey(ctx, "mt/chqs"); err != nil {
			t.Fatal(err)
		} else {
			group.UnitID = &u.ID
		}
		if err := db.SaveChat(ctx, group); err != nil {
			t.Fatal(err)
		}
		resp, err = http.Get(feed.Link(srv.URL, group.ID))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if groupCal, err := ics.ParseCalendar(resp.Body); resp.StatusCode != http.StatusOK || err != nil || len(groupCal.Events()) == 0 {
			t.Fatalf("the group's feed: status %d, %v", resp.StatusCode, err)
		}
	})
}
