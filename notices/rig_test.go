package notices_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// The room is tested on a real SQLite store (the numbering and the refusals are the store's
// and the room's together), with a clock the test moves.

var hcm = func() *time.Location {
	l, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		panic(err)
	}
	return l
}()

var catalog = loa.Catalog{
	Topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập", NameEN: "Drills"}},
	Units: []loa.CatalogUnit{
		{Key: "tx", Name: "Thị xã Chơn Thành", Kind: loa.UnitDistrict},
		{Key: "ban-chqs-tx", Name: "Ban CHQS thị xã", Kind: loa.UnitMilitary, Parent: "tx", Abbreviation: "BCHQS"},
		{Key: "xa-a", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, Parent: "tx"},
		{Key: "xa-a/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, Parent: "xa-a"},
		{Key: "xa-a/dq", Name: "Trung đội dân quân xã Minh Thắng", Kind: loa.UnitMilitia, Parent: "xa-a"},
		{Key: "xa-b", Name: "Xã Minh Lập", Kind: loa.UnitCommune, Parent: "tx"},
		{Key: "xa-b/chqs", Name: "Ban CHQS xã Minh Lập", Kind: loa.UnitMilitary, Parent: "xa-b"},
	},
}

// People: a leader and a militiaman in Minh Thắng, a leader in Minh Lập, an administrator
// registered in Minh Lập's command and one not registered at all.
var (
	leaderA   = notices.Actor{Name: "tg:10", UserID: 10, Door: "bot"}
	militiaA  = notices.Actor{Name: "tg:11", UserID: 11, Door: "bot"}
	leaderB   = notices.Actor{Name: "tg:20", UserID: 20, Door: "bot"}
	adminInB  = notices.Actor{Name: "tg:30", UserID: 30, Admin: true, Door: "console"}
	admin     = notices.Actor{Name: "tg:99", UserID: 99, Admin: true, Door: "bot"}
	system    = notices.Actor{Name: "api:portal", Admin: true, Door: "api"}
	toCommune = loa.Audience{Units: []string{"xa-a"}}
)

type rig struct {
	t   *testing.T
	db  *store.DB
	svc *notices.Service
	mu  sync.Mutex
	now time.Time
}

func newRig(t *testing.T) *rig {
	t.Helper()
	r := &rig{t: t, db: storetest.Open(t, store.SQLite), now: time.Date(2026, 12, 4, 12, 18, 0, 0, hcm)}
	r.db.SetClock(r.clock)
	ctx := context.Background()
	if err := r.db.SyncCatalog(ctx, catalog); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		id         int64
		unit, role string
	}{{10, "xa-a/chqs", loa.RoleLeader}, {11, "xa-a/dq", loa.RoleMilitia}, {20, "xa-b/chqs", loa.RoleLeader}, {30, "xa-b/chqs", loa.RoleOfficer}} {
		u, err := r.db.UnitByKey(ctx, m.unit)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.db.SaveChat(ctx, loa.Chat{ID: m.id, Type: "private", Title: m.unit, UnitID: &u.ID, Role: m.role, Status: loa.StatusActive}); err != nil {
			t.Fatal(err)
		}
	}
	r.svc = notices.New(r.db, notices.Options{Location: hcm, Now: r.clock})
	return r
}

func (r *rig) clock() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.now
}

func (r *rig) set(t time.Time) {
	r.mu.Lock()
	r.now = t
	r.mu.Unlock()
}

// create issues a notice to Minh Thắng that asks for acknowledgement.
func (r *rig) create(a notices.Actor, req notices.Request) loa.Notice {
	r.t.Helper()
	if req.Text == "" {
		req.Text = "Kiểm tra quân số"
	}
	if req.Audience.Empty() {
		req.Audience = toCommune
	}
	req.Ack = true
	n, err := r.svc.Create(context.Background(), a, req)
	if err != nil {
		r.t.Fatalf("create as %s: %v", a.Name, err)
	}
	return n
}

// sendAll marks every due delivery sent, as the dispatcher would.
func (r *rig) sendAll() {
	r.t.Helper()
	ctx := context.Background()
	ds, err := r.db.ClaimDeliveries(ctx, "w", 1000, r.clock().Add(time.Minute))
	if err != nil {
		r.t.Fatal(err)
	}
	var out []loa.Outcome
	for _, d := range ds {
		out = append(out, loa.Outcome{DeliveryID: d.ID, Status: loa.DeliverySent, MessageIDs: "1"})
	}
	if err := r.db.RecordOutcomes(ctx, "w", out, r.clock()); err != nil {
		r.t.Fatal(err)
	}
}

func (r *rig) notice(id int64) loa.Notice {
	r.t.Helper()
	n, err := r.db.Notice(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}
