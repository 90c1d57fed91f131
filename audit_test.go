package loa_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

func TestALostAuditEntryIsLoggedAndCountedAndTheActionStands(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	var logs bytes.Buffer
	failed := 0
	trail := loa.AuditTrail{Auditor: db, Log: slog.New(slog.NewJSONHandler(&logs, nil)), Failed: func() { failed++ }}
	trail.Record(context.Background(), loa.AuditEntry{Actor: "tg:900", Action: "approve", Target: "501", Allowed: true})
	if failed != 0 {
		t.Fatalf("a written entry counted as lost")
	}
	db.Close() // the database goes away
	trail.Record(context.Background(), loa.AuditEntry{Actor: "tg:900", Action: "approve", Target: "502", Allowed: true})
	if failed != 1 || !strings.Contains(logs.String(), `"target":"502"`) {
		t.Fatalf("a lost entry: counted %d, logged %q", failed, logs.String())
	}
}
