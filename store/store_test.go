package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

var testCatalog = loa.Catalog{
	Topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập", NameEN: "Drills", Sort: 1}, {Key: "tuyen-quan", NameVI: "Tuyển quân", Sort: 2}},
	Units: []loa.CatalogUnit{
		{Key: "tx", Name: "Thị xã Chơn Thành", Kind: loa.UnitDistrict},
		{Key: "xa-minh-thang", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, Parent: "tx"},
		{Key: "xa-minh-thang/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, Parent: "xa-minh-thang"},
		{Key: "xa-minh-lap", Name: "Xã Minh Lập", Kind: loa.UnitCommune, Parent: "tx"},
		{Key: "xa-minh-lap/chqs", Name: "Ban CHQS xã Minh Lập", Kind: loa.UnitMilitary, Parent: "xa-minh-lap"},
	},
}

func mustUnit(t *testing.T, db *store.DB, key string) loa.Unit {
	t.Helper()
	u, err := db.UnitByKey(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCatalogEditsKeepMembersAttached(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.SyncCatalog(ctx, testCatalog); err != nil {
			t.Fatal(err)
		}
		lap := mustUnit(t, db, "xa-minh-lap/chqs")
		if err := db.SaveChat(ctx, loa.Chat{ID: 42, Type: "private", Title: "Lê Văn A", UnitID: &lap.ID, Role: loa.RoleLeader, Status: loa.StatusActive}); err != nil {
			t.Fatal(err)
		}
		if err := db.Subscribe(ctx, 42, "dien-tap"); err != nil {
			t.Fatal(err)
		}

		// Reorganisation: Minh Lập is merged into Minh Thắng, which is renamed.
		edited := loa.Catalog{Topics: testCatalog.Topics, Units: []loa.CatalogUnit{
			testCatalog.Units[0],
			{Key: "xa-minh-thang", Name: "Phường Minh Thắng", Kind: loa.UnitWard, Parent: "tx"},
			{Key: "xa-minh-thang/chqs", Name: "Ban CHQS phường Minh Thắng", Kind: loa.UnitMilitary, Parent: "xa-minh-thang"},
			{Key: "xa-minh-lap", Name: "Xã Minh Lập", Kind: loa.UnitCommune, Parent: "tx", Retired: true},
			{Key: "xa-minh-lap/chqs", Name: "Ban CHQS xã Minh Lập", Kind: loa.UnitMilitary, Parent: "xa-minh-lap", MergedInto: "xa-minh-thang/chqs"},
		}}
		if err := db.SyncCatalog(ctx, edited); err != nil {
			t.Fatal(err)
		}
		thang := mustUnit(t, db, "xa-minh-thang/chqs")
		if thang.Name != "Ban CHQS phường Minh Thắng" {
			t.Errorf("rename not applied: %q", thang.Name)
		}
		c, err := db.Chat(ctx, 42)
		if err != nil {
			t.Fatal(err)
		}
		if c.UnitID == nil || *c.UnitID != thang.ID {
			t.Errorf("member of merged unit now in %v, want %d", c.UnitID, thang.ID)
		}
		subs, _ := db.Subscriptions(ctx, 42)
		if len(subs) != 1 || subs[0] != "dien-tap" {
			t.Errorf("subscriptions after merge = %v", subs)
		}
		units, _ := db.Units(ctx)
		for _, u := range units {
			if u.Key == "xa-minh-lap/chqs" || u.Key == "xa-minh-lap" {
				t.Errorf("retired unit %s still listed", u.Key)
			}
		}
		if got := mustUnit(t, db, "xa-minh-lap/chqs"); !got.Retired || got.MergedInto == nil || *got.MergedInto != thang.ID {
			t.Errorf("merged unit not retired into successor: %+v", got)
		}
	})
}

func TestInviteLastUseGoesToOneRacer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.SyncCatalog(ctx, testCatalog)
		u := mustUnit(t, db, "xa-minh-thang/chqs")
		if err := db.CreateInvite(ctx, loa.Invite{Code: "abc", UnitID: u.ID, Role: loa.RoleOfficer, MaxUses: 1, CreatedBy: "test"}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = db.RedeemInvite(ctx, "abc", loa.Chat{ID: int64(100 + i), Type: "private"}, time.Now())
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, loa.ErrInviteUsedUp):
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d racers redeemed a one-use invite", ok)
		}
		active, _ := db.ListChats(ctx, loa.ChatFilter{Status: loa.StatusActive})
		if len(active) != 1 || active[0].Role != loa.RoleOfficer || *active[0].UnitID != u.ID {
			t.Fatalf("active members = %+v", active)
		}
	})
}

func TestInviteExpiredAndUnknown(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.SyncCatalog(ctx, testCatalog)
		u := mustUnit(t, db, "tx")
		exp := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
		db.CreateInvite(ctx, loa.Invite{Code: "old", UnitID: u.ID, Role: loa.RoleLeader, MaxUses: 5, ExpiresAt: &exp, CreatedBy: "test"})
		if _, err := db.RedeemInvite(ctx, "old", loa.Chat{ID: 1, Type: "private"}, exp.Add(time.Second)); !errors.Is(err, loa.ErrInviteExpired) {
			t.Errorf("expired invite: %v", err)
		}
		if _, err := db.RedeemInvite(ctx, "nope", loa.Chat{ID: 1, Type: "private"}, exp); !errors.Is(err, loa.ErrNotFound) {
			t.Errorf("unknown invite: %v", err)
		}
		if _, err := db.Chat(ctx, 1); !errors.Is(err, loa.ErrNotFound) {
			t.Errorf("refused invite left a chat behind: %v", err)
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.SyncCatalog(ctx, testCatalog)
		rows := []loa.MemberImport{
			{Line: 2, ChatID: 1, Name: "A", UnitKey: "xa-minh-thang/chqs", Role: loa.RoleLeader, Topics: []string{"dien-tap"}},
			{Line: 3, ChatID: 2, Name: "B", UnitKey: "xa-khong-co", Role: loa.RoleLeader},
		}
		err := db.ImportMembers(ctx, rows)
		var ie *loa.ImportError
		if !errors.As(err, &ie) || ie.Line != 3 {
			t.Fatalf("bad row error = %v, want line 3", err)
		}
		if chats, _ := db.ListChats(ctx, loa.ChatFilter{}); len(chats) != 0 {
			t.Fatalf("half-imported: %d chats saved", len(chats))
		}
		rows[1].UnitKey = "xa-minh-lap/chqs"
		rows[1].Topics = []string{"tuyen-quan", "dien-tap"}
		if err := db.ImportMembers(ctx, rows); err != nil {
			t.Fatal(err)
		}
		subs, _ := db.Subscriptions(ctx, 2)
		if len(subs) != 2 || subs[0] != "dien-tap" {
			t.Fatalf("subscriptions = %v, want topic order dien-tap, tuyen-quan", subs)
		}
	})
}

func TestReimportKeepsStatusAndLanguageAndRefusesWhatCannotBe(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.SyncCatalog(ctx, testCatalog)
		row := loa.MemberImport{Line: 2, ChatID: 1, Name: "A", UnitKey: "xa-minh-thang/chqs", Role: loa.RoleLeader}
		if err := db.ImportMembers(ctx, []loa.MemberImport{row}); err != nil {
			t.Fatal(err)
		}
		db.SetChatStatus(ctx, 1, loa.StatusBlocked)
		db.SetChatLang(ctx, 1, "en")
		row.Name, row.Role = "Nguyễn Văn A", loa.RoleOfficer
		if err := db.ImportMembers(ctx, []loa.MemberImport{row}); err != nil {
			t.Fatal(err)
		}
		c, _ := db.Chat(ctx, 1)
		if c.Status != loa.StatusBlocked || c.Lang != "en" || c.Title != "Nguyễn Văn A" || c.Role != loa.RoleOfficer {
			t.Fatalf("after re-import: %+v", c)
		}
		row.Status = loa.StatusActive
		db.ImportMembers(ctx, []loa.MemberImport{row})
		if c, _ := db.Chat(ctx, 1); c.Status != loa.StatusActive || c.Lang != "en" {
			t.Fatalf("a status column was not applied: %+v", c)
		}
		for _, bad := range [][]loa.MemberImport{
			{row, {Line: 3, ChatID: 1, Name: "B", UnitKey: "xa-minh-thang/chqs", Role: loa.RoleLeader}},
			{{Line: 4, ChatID: 5, Name: "C", UnitKey: "xa-minh-thang/chqs", Role: loa.RoleGroup}},
			{{Line: 5, ChatID: -5, Name: "G", UnitKey: "xa-minh-thang/chqs", Role: loa.RoleLeader}},
		} {
			var ie *loa.ImportError
			if err := db.ImportMembers(ctx, bad); !errors.As(err, &ie) || ie.Line != bad[len(bad)-1].Line {
				t.Errorf("rows %+v: %v", bad, err)
			}
		}
	})
}

func TestAuditLogSince(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t0 := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
		db.Audit(ctx, loa.AuditEntry{At: t0, Actor: "tg:1", Action: "approve", Allowed: false})
		db.Audit(ctx, loa.AuditEntry{At: t0.Add(time.Hour), Actor: "cli", Action: "invite.create", Allowed: true})
		got, err := db.AuditLog(ctx, t0.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Action != "invite.create" || !got[0].Allowed {
			t.Fatalf("audit since = %+v", got)
		}
	})
}

func TestTwoProcessesSavingOneArticleStoreItOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := loa.Article{URL: "https://portal.example/1", Title: "T", Body: "B", ContentHash: "h1", Published: time.Now(), Topics: []string{}}
		var wg sync.WaitGroup
		news := make([]bool, 6)
		errs := make([]error, 6)
		for i := range news {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, news[i], errs[i] = db.SaveArticle(ctx, a)
			}()
		}
		wg.Wait()
		n := 0
		for i := range news {
			if errs[i] != nil {
				t.Fatalf("racer %d: %v", i, errs[i])
			}
			if news[i] {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d racers saw the article as new, want 1", n)
		}
	})
}
