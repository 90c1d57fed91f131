package store_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// seedMembers adds active members: 1 leader + 1 militia in each commune's CHQS, one pending.
func seedMembers(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.SyncCatalog(ctx, testCatalog); err != nil {
		t.Fatal(err)
	}
	add := func(id int64, unit, role, status string, topics ...string) {
		u := mustUnit(t, db, unit)
		if err := db.SaveChat(ctx, loa.Chat{ID: id, Type: "private", Title: fmt.Sprint("member ", id), UnitID: &u.ID, Role: role, Status: status}); err != nil {
			t.Fatal(err)
		}
		if len(topics) > 0 {
			if err := db.Subscribe(ctx, id, topics...); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(1, "xa-minh-thang/chqs", loa.RoleLeader, loa.StatusActive, "dien-tap", "tuyen-quan")
	add(2, "xa-minh-thang/chqs", loa.RoleMilitia, loa.StatusActive, "dien-tap")
	add(3, "xa-minh-lap/chqs", loa.RoleLeader, loa.StatusActive, "tuyen-quan")
	add(4, "xa-minh-lap", loa.RoleOfficer, loa.StatusActive)
	add(5, "xa-minh-thang/chqs", loa.RoleLeader, loa.StatusPending, "dien-tap")
}

func recipients(t *testing.T, db *store.DB, n loa.Notice) []int64 {
	t.Helper()
	ctx := context.Background()
	created, err := db.CreateNotice(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := db.ClaimDeliveries(ctx, "t", 1000, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, d := range ds {
		if d.NoticeID == created.ID {
			ids = append(ids, d.ChatID)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	if created.Recipients != len(ids) {
		t.Errorf("notice says %d recipients, %d deliveries", created.Recipients, len(ids))
	}
	return ids
}

func TestAudienceSelectsEachActiveChatOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedMembers(t, db)
		cases := []struct {
			name string
			a    loa.Audience
			want string
		}{
			{"topic", loa.Audience{Topics: []string{"dien-tap"}}, "[1 2]"},
			{"two topics, chat 1 matches both", loa.Audience{Topics: []string{"dien-tap", "tuyen-quan"}}, "[1 2 3]"},
			{"unit includes sub-units", loa.Audience{Units: []string{"xa-minh-lap"}}, "[3 4]"},
			{"unit and role", loa.Audience{Units: []string{"tx"}, Roles: []string{loa.RoleLeader}}, "[1 3]"},
			{"topic or role", loa.Audience{Topics: []string{"dien-tap"}, Roles: []string{loa.RoleOfficer}, Mode: "any"}, "[1 2 4]"},
			{"explicit chats added", loa.Audience{Topics: []string{"tuyen-quan"}, Chats: []int64{4}}, "[1 3 4]"},
			{"everyone active", loa.Audience{All: true}, "[1 2 3 4]"},
			{"kind of own unit, no sub-units", loa.Audience{UnitKinds: []string{loa.UnitMilitary}}, "[1 2 3]"},
			{"kind of own unit", loa.Audience{UnitKinds: []string{loa.UnitCommune}}, "[4]"},
			{"explicit chat that never registered (an admin)", loa.Audience{Chats: []int64{900}}, "[900]"},
		}
		for _, c := range cases {
			if got := fmt.Sprint(recipients(t, db, loa.Notice{Origin: loa.OriginBroadcast, Text: c.name, Audience: c.a})); got != c.want {
				t.Errorf("%s: recipients %s, want %s", c.name, got, c.want)
			}
		}
	})
}

func TestNoticeWithSameOriginIsCreatedOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedMembers(t, db)
		ctx := context.Background()
		n := loa.Notice{Origin: loa.OriginReminder, OriginRef: "event-7@-24h", Text: "x", Audience: loa.Audience{All: true}}
		a, err := db.CreateNotice(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		b, err := db.CreateNotice(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != b.ID {
			t.Fatalf("second creation made notice %d, first %d", b.ID, a.ID)
		}
		if depth, _ := db.QueueDepth(ctx); depth != 4 {
			t.Fatalf("queue depth %d, want 4 (one per active chat, once)", depth)
		}
	})
}

func TestClaimsNeverOverlapAndUrgentGoesFirst(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedMembers(t, db)
		ctx := context.Background()
		for i := 0; i < 30; i++ {
			db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "n", Audience: loa.Audience{All: true}})
		}
		urgent, _ := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "u", Priority: loa.PriorityUrgent, Audience: loa.Audience{All: true}})
		first, err := db.ClaimDeliveries(ctx, "w0", 4, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range first {
			if d.NoticeID != urgent.ID {
				t.Fatalf("a normal delivery (notice %d) was claimed before the urgent ones", d.NoticeID)
			}
		}
		var mu sync.Mutex
		seen := map[int64]string{}
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				name := fmt.Sprint("w", w+1)
				for {
					ds, err := db.ClaimDeliveries(ctx, name, 7, time.Now())
					if err != nil {
						t.Error(err)
						return
					}
					if len(ds) == 0 {
						return
					}
					mu.Lock()
					for _, d := range ds {
						if other, dup := seen[d.ID]; dup {
							t.Errorf("delivery %d claimed by %s and %s", d.ID, other, name)
						}
						seen[d.ID] = name
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(seen) != 120 {
			t.Fatalf("claimed %d deliveries, want 120", len(seen))
		}
	})
}

func TestStaleClaimsReturnAndBlockedChatsStop(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedMembers(t, db)
		ctx := context.Background()
		db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "a", Audience: loa.Audience{Chats: []int64{1, 2}}})
		db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "b", Audience: loa.Audience{Chats: []int64{2}}})
		now := time.Now()
		claimed, _ := db.ClaimDeliveries(ctx, "dead", 1, now)
		if len(claimed) != 1 {
			t.Fatalf("claimed %d", len(claimed))
		}
		if n, _ := db.RequeueStale(ctx, now.Add(-time.Minute)); n != 0 {
			t.Fatalf("a fresh claim was requeued")
		}
		if n, _ := db.RequeueStale(ctx, now.Add(time.Minute)); n != 1 {
			t.Fatalf("requeued %d stale claims, want 1", n)
		}
		again, _ := db.ClaimDeliveries(ctx, "alive", 10, now)
		var toTwo loa.Delivery
		for _, d := range again {
			if d.ID == claimed[0].ID && d.Attempts != 2 {
				t.Errorf("requeued delivery has %d attempts, want 2", d.Attempts)
			}
			if d.ChatID == 2 {
				toTwo = d
			}
		}
		err := db.RecordOutcomes(ctx, "alive", []loa.Outcome{{DeliveryID: toTwo.ID, Status: loa.DeliveryBlocked, Error: "Forbidden: bot was blocked by the user"}}, now)
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := db.Chat(ctx, 2); c.Status != loa.StatusBlocked {
			t.Fatalf("blocked chat status %q", c.Status)
		}
	})
}

func TestRenewedClaimsStayAndLostClaimsRecordNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedMembers(t, db)
		ctx := context.Background()
		db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "a", Audience: loa.Audience{Chats: []int64{1, 2}}})
		start := time.Now()
		mine, _ := db.ClaimDeliveries(ctx, "a", 1, start)
		// "a" is still sending two minutes later and renews its claim: not stale.
		if err := db.RenewClaims(ctx, "a", start.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.RequeueStale(ctx, start.Add(time.Minute)); n != 0 {
			t.Fatalf("a renewed claim was requeued (%d)", n)
		}
		// Its lease lapses after all; "b" takes the delivery over.
		if n, _ := db.RequeueStale(ctx, start.Add(3*time.Minute)); n != 1 {
			t.Fatalf("requeued %d, want 1", n)
		}
		theirs, _ := db.ClaimDeliveries(ctx, "b", 10, start.Add(3*time.Minute))
		if len(theirs) != 2 {
			t.Fatalf("b claimed %d", len(theirs))
		}
		// "a" finally hears back: its outcome no longer counts.
		db.RecordOutcomes(ctx, "a", []loa.Outcome{{DeliveryID: mine[0].ID, Status: loa.DeliveryFailed, Error: "late"}}, start)
		ds, _ := db.Deliveries(ctx, mine[0].NoticeID)
		for _, d := range ds {
			if d.Status != loa.DeliverySending || d.LastError != "" {
				t.Fatalf("a lost claim's outcome was recorded: %+v", d.Delivery)
			}
		}
		var outcomes []loa.Outcome
		for _, d := range theirs {
			outcomes = append(outcomes, loa.Outcome{DeliveryID: d.ID, Status: loa.DeliverySent, MessageIDs: "9"})
		}
		db.RecordOutcomes(ctx, "b", outcomes, start)
		if counts, _ := db.NoticeCounts(ctx, mine[0].NoticeID); counts[loa.DeliverySent] != 2 {
			t.Fatalf("counts %v", counts)
		}
	})
}

func TestAcknowledgeOnceAndReport(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedMembers(t, db)
		ctx := context.Background()
		n, _ := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "ack", RequiresAck: true, Audience: loa.Audience{Units: []string{"tx"}}})
		ds, _ := db.ClaimDeliveries(ctx, "w", 10, time.Now())
		var outcomes []loa.Outcome
		for _, d := range ds {
			outcomes = append(outcomes, loa.Outcome{DeliveryID: d.ID, Status: loa.DeliverySent, MessageIDs: "7"})
		}
		db.RecordOutcomes(ctx, "w", outcomes, time.Now())
		var one loa.Delivery
		for _, d := range ds {
			if d.ChatID == 1 {
				one = d
			}
		}
		t1 := time.Date(2024, 6, 10, 7, 0, 0, 0, time.UTC)
		if _, first, err := db.Acknowledge(ctx, one.ID, 1, t1); err != nil || !first {
			t.Fatalf("first ack: %v %v", first, err)
		}
		d, first, _ := db.Acknowledge(ctx, one.ID, 1, t1.Add(time.Hour))
		if first || d.AckAt == nil || !d.AckAt.Equal(t1) {
			t.Fatalf("second ack changed the time: %v first=%v", d.AckAt, first)
		}
		if _, _, err := db.Acknowledge(ctx, one.ID, 2, t1); err == nil {
			t.Fatal("a chat acknowledged another chat's delivery")
		}
		rows, err := db.Report(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]loa.ReportRow{}
		for _, r := range rows {
			got[r.Unit] = r
		}
		thang := got["Ban CHQS xã Minh Thắng"]
		if thang.Recipients != 2 || thang.Sent != 2 || thang.Acknowledged != 1 || len(thang.NotAcked) != 1 || thang.NotAcked[0] != "member 2 (2)" {
			t.Fatalf("report row: %+v (all: %+v)", thang, rows)
		}
		counts, _ := db.NoticeCounts(ctx, n.ID)
		if counts["total"] != 4 || counts["sent"] != 4 || counts["acknowledged"] != 1 {
			t.Fatalf("counts: %v", counts)
		}
	})
}

// sendAll claims and records every queued delivery as sent, as the dispatcher would.
func sendAll(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	ds, err := db.ClaimDeliveries(ctx, "w", 1000, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []loa.Outcome
	for _, d := range ds {
		outcomes = append(outcomes, loa.Outcome{DeliveryID: d.ID, Status: loa.DeliverySent, MessageIDs: "1"})
	}
	if err := db.RecordOutcomes(ctx, "w", outcomes, time.Now()); err != nil {
		t.Fatal(err)
	}
}

func deliveryTo(t *testing.T, db *store.DB, noticeID, chatID int64) loa.DeliveryInfo {
	t.Helper()
	ds, _ := db.Deliveries(context.Background(), noticeID)
	for _, d := range ds {
		if d.ChatID == chatID {
			return d
		}
	}
	t.Fatalf("notice %d has no delivery to %d", noticeID, chatID)
	return loa.DeliveryInfo{}
}

func TestAnAcknowledgementCountsForTheNoticeItAnswers(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedMembers(t, db)
		ctx := context.Background()
		orig, _ := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Xác nhận quân số", RequiresAck: true, Audience: loa.Audience{Chats: []int64{1, 2}}})
		sendAll(t, db)
		reminder, _ := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Nhắc lại thông báo", RequiresAck: true,
			RefNotice: &orig.ID, Audience: loa.Audience{Chats: []int64{2}}})
		sendAll(t, db)
		// Chat 2 presses "Đã nhận" on the re-reminder: the original notice counts it.
		if _, first, err := db.Acknowledge(ctx, deliveryTo(t, db, reminder.ID, 2).ID, 2, time.Now()); err != nil || !first {
			t.Fatalf("acknowledging the reminder: first %v, %v", first, err)
		}
		if d := deliveryTo(t, db, orig.ID, 2); d.AckAt == nil {
			t.Fatal("the acknowledgement of a re-reminder did not count for the original notice")
		}
		if _, first, _ := db.Acknowledge(ctx, deliveryTo(t, db, orig.ID, 2).ID, 2, time.Now()); first {
			t.Fatal("a second press counted again")
		}
		// Once the notice is cancelled, a press records nothing.
		if _, err := db.CancelNotice(ctx, orig.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Acknowledge(ctx, deliveryTo(t, db, orig.ID, 1).ID, 1, time.Now()); !errors.Is(err, loa.ErrNoticeCancelled) {
			t.Fatalf("a press on a cancelled notice: %v", err)
		}
		if d := deliveryTo(t, db, orig.ID, 1); d.AckAt != nil {
			t.Fatal("a press on a cancelled notice was recorded")
		}
	})
}

// In a group each member's press counts once, for the notice a re-reminder follows; the
// report names who pressed, in order.
func TestEachPersonInAGroupAcknowledgesOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seedMembers(t, db)
		const group = int64(-7)
		orig, err := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Kiểm tra", RequiresAck: true, Audience: loa.Audience{Chats: []int64{group}}})
		if err != nil {
			t.Fatal(err)
		}
		sendAll(t, db)
		reminder, err := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "Nhắc lại", RequiresAck: true,
			Audience: loa.Audience{Chats: []int64{group}}, RefNotice: &orig.ID})
		if err != nil {
			t.Fatal(err)
		}
		sendAll(t, db)
		t0 := time.Date(2026, 12, 15, 0, 30, 0, 0, time.UTC)
		for i, c := range []struct {
			delivery, user int64
			name           string
			first          bool
			count          int
			at             time.Time
		}{
			{deliveryTo(t, db, orig.ID, group).ID, 41, "Hùng", true, 1, t0},
			{deliveryTo(t, db, reminder.ID, group).ID, 42, "Lan", true, 2, t0.Add(time.Minute)},
			{deliveryTo(t, db, orig.ID, group).ID, 41, "Hùng", false, 2, t0},
		} {
			a, err := db.AcknowledgeBy(ctx, c.delivery, group, c.user, c.name, t0.Add(time.Duration(i)*time.Minute))
			if err != nil || a.First != c.first || a.Count != c.count || !a.At.Equal(c.at) {
				t.Fatalf("press %d: %+v %v", i+1, a, err)
			}
		}
		names, err := db.GroupAcknowledgements(ctx, orig.ID)
		if err != nil || strings.Join(names[group], ",") != "Hùng,Lan" {
			t.Fatalf("who pressed: %v %v", names, err)
		}
	})
}
