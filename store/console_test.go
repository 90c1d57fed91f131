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

// The console's news list holds the portals' articles, not the official documents kept so that
// they answer questions: those have their own pages.
func TestNewsListLeavesOutDocuments(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, a := range []loa.Article{
			{Source: "portal", URL: "https://portal.example/1", Title: "Tin", Body: "B", ContentHash: "h1", Published: time.Now(), Topics: []string{}},
			{Source: loa.DocumentSource, URL: "document:1", GUID: "document:1", Title: "Kế hoạch số 45/KH-UBND", Body: "B", ContentHash: "document:1", Published: time.Now(), Topics: []string{}},
		} {
			if _, _, err := db.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		list, err := db.RecentArticles(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Title != "Tin" {
			t.Errorf("news list %+v, want the portal's article alone", list)
		}
	})
}
