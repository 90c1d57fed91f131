package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// BenchmarkChat reads one chat, the query every update starts with: on SQLite its statement
// is prepared once and reused.
func BenchmarkChat(b *testing.B) {
	ctx := context.Background()
	db := storetest.Open(b, store.SQLite)
	if err := db.SaveChat(ctx, loa.Chat{ID: 5, Type: "private", Status: loa.StatusActive, Lang: "vi"}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Chat(ctx, 5); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPreparedStatementsUnderContention runs more writers than the pool has connections, each
// writing in a transaction with queries first met there: none may wait for a connection that
// a writer waiting for the lock holds, and a missing row still reads as loa.ErrNotFound.
func TestPreparedStatementsUnderContention(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if err := db.SyncCatalog(ctx, loa.Catalog{Topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập", NameEN: "Drills"}}}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := int64(1000 + i)
				for range 10 {
					if err := db.SaveChat(ctx, loa.Chat{ID: id, Type: "private", Status: loa.StatusActive, Lang: "vi"}); err != nil {
						errs <- err
						return
					}
					if err := db.Subscribe(ctx, id, "dien-tap"); err != nil {
						errs <- err
						return
					}
					if topics, err := db.Subscriptions(ctx, id); err != nil || len(topics) != 1 {
						errs <- fmt.Errorf("chat %d follows %v (%v), want dien-tap", id, topics, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if _, err := db.Chat(ctx, 999); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("a chat never saved: got %v, want loa.ErrNotFound", err)
		}
	})
}
