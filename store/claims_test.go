package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// The heartbeat renews every claim a process holds while the same process records the
// outcomes of some of them: the renewal must never wait on a row an outcome write holds, or
// the two can lock the same rows in opposite orders and PostgreSQL aborts one as a deadlock
// (40P01). The test builds that interleaving step by step: a third transaction holds the
// middle row, the renewal takes the first and waits on it, the outcome write takes the last
// and waits on the first; when the middle row is released the renewal would need the last.
func TestRenewingClaimsNeverDeadlocksWithOutcomeWrites(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("needs PostgreSQL; -short runs the SQLite half alone")
	}
	ctx := context.Background()
	b := storetest.NewBackend(t, store.Postgres)
	db := storetest.OpenBackend(t, b)
	seedMembers(t, db)
	if _, err := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, Text: "a", Audience: loa.Audience{Chats: []int64{1, 2, 3}}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	claimed, err := db.ClaimDeliveries(ctx, "w", 10, start)
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claimed %d: %v", len(claimed), err)
	}
	first, middle, last := claimed[0].ID, claimed[1].ID, claimed[2].ID

	raw, err := sqlx.Open("postgres", b.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	blocker, err := raw.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer blocker.Rollback()
	var blockerPID int
	if err := blocker.GetContext(ctx, &blockerPID, `SELECT pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	if _, err := blocker.ExecContext(ctx, `SELECT id FROM deliveries WHERE id = $1 FOR UPDATE`, middle); err != nil {
		t.Fatal(err)
	}

	renewed := make(chan error, 1)
	go func() {
		renewed <- db.RenewClaims(ctx, "w", []int64{last, middle, first}, start.Add(time.Minute))
	}()
	renewal, renewDone, renewErr := waitBlockedOrDone(t, raw, blockerPID, renewed)

	recorded := make(chan error, 1)
	go func() {
		// A retry written first, then the sent one: the order the outcome write locks them in.
		recorded <- db.RecordOutcomes(ctx, "w", []loa.Outcome{
			{DeliveryID: last, Status: loa.DeliveryQueued, Retry: start.Add(time.Hour), Error: "429"},
			{DeliveryID: first, Status: loa.DeliverySent, MessageIDs: "7"},
		}, start)
	}()
	holder := blockerPID
	if !renewDone {
		holder = renewal
	}
	_, recordDone, recordErr := waitBlockedOrDone(t, raw, holder, recorded)
	if err := blocker.Rollback(); err != nil {
		t.Fatal(err)
	}
	if !renewDone {
		renewErr = <-renewed
	}
	if !recordDone {
		recordErr = <-recorded
	}
	if renewErr != nil || recordErr != nil {
		t.Fatalf("renewal: %v; outcomes: %v", renewErr, recordErr)
	}

	ds, err := db.Deliveries(ctx, claimed[0].NoticeID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{first: loa.DeliverySent, middle: loa.DeliverySending, last: loa.DeliveryQueued}
	for _, d := range ds {
		if d.Status != want[d.ID] {
			t.Errorf("delivery %d is %q, want %q", d.ID, d.Status, want[d.ID])
		}
	}
	// Nothing is sent twice: the one claim still held is not taken over, and only the retry
	// is claimable once it is due.
	if n, _ := db.RequeueStale(ctx, start.Add(-time.Minute)); n != 0 {
		t.Errorf("requeued %d claims that are still held", n)
	}
	again, err := db.ClaimDeliveries(ctx, "x", 10, start.Add(2*time.Hour))
	if err != nil || len(again) != 1 || again[0].ID != last {
		t.Errorf("claimed again %+v: %v", again, err)
	}
}

// waitBlockedOrDone waits until a backend waits on a lock held by the backend holder, and
// returns its pid; or until done reports first, and returns true and its error.
func waitBlockedOrDone(t *testing.T, raw *sqlx.DB, holder int, done <-chan error) (int, bool, error) {
	t.Helper()
	for {
		select {
		case err := <-done:
			return 0, true, err
		default:
		}
		var pids []int
		if err := raw.Select(&pids, `SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, holder); err != nil {
			t.Fatal(err)
		}
		if len(pids) > 0 {
			return pids[0], false, nil
		}
		time.Sleep(2 * time.Millisecond) // the pace of polling for the event, not a margin
	}
}

// An idle dispatcher on SQLite polls without taking the write lock: while another process
// holds it, a claim with nothing due answers at once instead of waiting its turn, and never
// keeps a command's write waiting.
func TestIdleClaimTakesNoWriteLock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := storetest.NewMigratedBackend(t, store.SQLite)
	db, err := store.Open(ctx, store.SQLite, "file:"+b.DSN+"?_pragma=busy_timeout(50)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := sqlx.Open("sqlite", b.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	if got, err := db.ClaimDeliveries(ctx, "w", 10, time.Now()); err != nil || len(got) != 0 {
		t.Fatalf("idle claim while another holds the write lock: %d claimed, %v", len(got), err)
	}
}
