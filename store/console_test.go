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

// TestSignInLinksAndSessions: a link signs in once, even when two requests race with it, and
// not after it expires; a session ends when it expires or is signed out.
func TestSignInLinksAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		if err := db.CreateSignInLink(ctx, "tok-1", 900, now.Add(loa.SignInLinkTTL)); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		results := make(chan error, 4)
		for range 4 {
			wg.Add(1)
			go func() { defer wg.Done(); _, err := db.UseSignInLink(ctx, "tok-1", now); results <- err }()
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
			t.Fatalf("one link signed in %d times", used)
		}
		db.CreateSignInLink(ctx, "tok-2", 900, now.Add(time.Minute))
		if _, err := db.UseSignInLink(ctx, "tok-2", now.Add(2*time.Minute)); !errors.Is(err, loa.ErrLinkUsed) {
			t.Fatalf("an expired link: %v", err)
		}
		if err := db.CreateSession(ctx, "sess", loa.ConsoleSession{UserID: 900, CSRF: "c", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if s, err := db.Session(ctx, "sess", now); err != nil || s.UserID != 900 || s.CSRF != "c" {
			t.Fatalf("a live session: %+v %v", s, err)
		}
		if _, err := db.Session(ctx, "sess", now.Add(2*time.Hour)); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("an expired session: %v", err)
		}
		db.DeleteSession(ctx, "sess")
		if _, err := db.Session(ctx, "sess", now); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("a signed-out session: %v", err)
		}
	})
}
