package news

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

func TestFailingSourceBacksOff(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	p := &Poller{Ingester: Ingester{Store: db}}
	if wait := p.backoff(ctx, "portal"); wait > 0 {
		t.Fatalf("a source never polled waits %s", wait)
	}
	// Three failures in a row: the next poll waits 4 minutes from the last attempt.
	for i := 0; i < 3; i++ {
		db.RecordPoll(ctx, "portal", time.Now(), errors.New("HTTP 503"), "", "", 0)
	}
	if wait := p.backoff(ctx, "portal"); wait < 3*time.Minute || wait > 4*time.Minute {
		t.Fatalf("after 3 failures the source waits %s, want about 4 min", wait)
	}
	db.RecordPoll(ctx, "portal", time.Now(), nil, "", "", 1)
	if wait := p.backoff(ctx, "portal"); wait > 0 {
		t.Fatalf("a recovered source still waits %s", wait)
	}
}
