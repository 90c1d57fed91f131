package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// TestAPITokens: a token is found by its value while live, not once revoked; names are unique;
// only the hash is stored.
func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		c := loa.APIClient{Name: "portal", Units: []string{"minh-thang"}, Rights: []string{loa.RightCreate, loa.RightRead}, CreatedAt: now}
		if err := db.CreateAPIToken(ctx, c, "secret-token-0123456789"); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAPIToken(ctx, c, "another-token-0123456789"); !errors.Is(err, loa.ErrConflict) {
			t.Fatalf("a second token of one name: %v", err)
		}
		got, err := db.APIClientByToken(ctx, "secret-token-0123456789")
		if err != nil || got.Name != "portal" || !slices.Equal(got.Units, c.Units) || !got.May(loa.RightRead) || got.May(loa.RightReadAll) {
			t.Fatalf("by token: %+v %v", got, err)
		}
		var stored int
		db.SQL().Get(&stored, db.SQL().Rebind(`SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?`), "secret-token-0123456789")
		if stored != 0 {
			t.Fatal("the token is stored as it is")
		}
		if _, err := db.APIClientByToken(ctx, "wrong-token-0123456789"); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("a wrong token: %v", err)
		}
		if err := db.RevokeAPIToken(ctx, "portal", now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.APIClientByToken(ctx, "secret-token-0123456789"); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("a revoked token: %v", err)
		}
		if err := db.RevokeAPIToken(ctx, "portal", now); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("revoked twice: %v", err)
		}
		list, err := db.APIClients(ctx)
		if err != nil || len(list) != 1 || list[0].RevokedAt == nil {
			t.Fatalf("list: %+v %v", list, err)
		}
	})
}

// TestInitDataSignsInOnce: one Mini App initData is spent once, even by requests racing with
// it; after its expiry its hash is forgotten.
func TestInitDataSignsInOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		var wg sync.WaitGroup
		results := make(chan error, 4)
		for range 4 {
			wg.Add(1)
			go func() { defer wg.Done(); results <- db.UseInitData(ctx, "h1", now.Add(time.Minute), now) }()
		}
		wg.Wait()
		close(results)
		used := 0
		for err := range results {
			if err == nil {
				used++
			} else if !errors.Is(err, loa.ErrLinkUsed) {
				t.Fatal(err)
			}
		}
		if used != 1 {
			t.Fatalf("one initData signed in %d times", used)
		}
		if err := db.UseInitData(ctx, "h2", now.Add(time.Minute), now); err != nil {
			t.Fatal(err)
		}
	})
}
