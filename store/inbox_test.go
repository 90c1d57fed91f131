package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// The inbox hands out a chat's updates one at a time and in order, other chats' meanwhile;
// an update stored twice is handled once; one whose process died while handling it is given
// up, not handled again, and its chat goes on.
func TestTheInboxKeepsEachChatsOrder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		a, b := int64(-100), int64(200) // a group and a person
		up := func(id, chat int64) loa.InboxUpdate { return loa.InboxUpdate{UpdateID: id, ChatID: chat, Body: `{}`} }
		if err := db.StoreUpdates(ctx, []loa.InboxUpdate{up(1, a), up(2, a), up(3, b), up(4, a)}, now); err != nil {
			t.Fatal(err)
		}
		if err := db.StoreUpdates(ctx, []loa.InboxUpdate{up(1, a)}, now); err != nil { // sent again by Telegram
			t.Fatal(err)
		}
		claim := func(want int64) {
			t.Helper()
			u, ok, err := db.ClaimUpdate(ctx, "w", now)
			if err != nil || (want == 0) == ok || (ok && u.UpdateID != want) {
				t.Fatalf("claimed %d %v %v, want %d", u.UpdateID, ok, err, want)
			}
		}
		claim(1)
		claim(3) // chat a's next waits for update 1
		claim(0)
		if err := db.FinishUpdate(ctx, 1, now); err != nil {
			t.Fatal(err)
		}
		claim(2)
		// The process handling 2 dies; after the stale limit 2 is given up and 4 goes on.
		if n, err := db.TidyInbox(ctx, now.Add(time.Minute), now.Add(-time.Hour)); err != nil || n != 2 { // 2 and 3
			t.Fatalf("gave up %d %v", n, err)
		}
		claim(4)
		claim(0)
		if err := db.StoreUpdates(ctx, []loa.InboxUpdate{up(2, a)}, now); err != nil {
			t.Fatal(err)
		}
		claim(0) // a given-up update stored again is still not handled twice
	})
}
