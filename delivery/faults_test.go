package delivery_test

import (
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/delivery"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// onLog signals when the dispatcher logs msg: the tests wait on what it reports, not on time.
type onLog struct {
	msg string
	ch  chan struct{}
}

func (h onLog) Enabled(context.Context, slog.Level) bool { return true }
func (h onLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		select {
		case h.ch <- struct{}{}:
		default:
		}
	}
	return nil
}
func (h onLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h onLog) WithGroup(string) slog.Handler      { return h }

const outcomeWriteFailed = "recording delivery outcomes failed; retrying"

// fault is a way to make the database refuse outcome writes for a while.
type fault struct {
	name  string
	open  func(t *testing.T) *store.DB
	begin func(t *testing.T) // the database stops taking writes
	end   func(t *testing.T) // and takes them again
}

// faults are the two seen in the field: PostgreSQL cut off (every connection closed, new ones
// refused, as in a network outage or a server restart), and SQLite kept busy by another
// writer (a large members import) past its busy timeout.
func faults() []fault {
	var proxy *storetest.Proxy
	var dsn string
	var writer *sql.Tx
	return []fault{
		{name: "postgres cut",
			open: func(t *testing.T) *store.DB {
				var b storetest.Backend
				b, proxy = storetest.BehindProxy(t, storetest.NewBackend(t, store.Postgres))
				return storetest.OpenBackend(t, b)
			},
			begin: func(*testing.T) { proxy.Cut() },
			end:   func(*testing.T) { proxy.Restore() }},
		{name: "sqlite busy",
			open: func(t *testing.T) *store.DB {
				// A short busy timeout, so that a write waiting for the other writer fails
				// in milliseconds instead of ten seconds.
				dsn = "file:" + filepath.Join(t.TempDir(), "loa.db") + "?_pragma=busy_timeout(50)"
				return storetest.OpenBackend(t, storetest.Backend{Driver: store.SQLite, DSN: dsn})
			},
			begin: func(t *testing.T) {
				other, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { other.Close() })
				if writer, err = other.Begin(); err != nil { // BEGIN IMMEDIATE: the write lock, held
					t.Fatal(err)
				}
				if _, err := writer.Exec(`UPDATE units SET sort = sort`); err != nil {
					t.Fatal(err)
				}
			},
			end: func(t *testing.T) {
				if err := writer.Commit(); err != nil {
					t.Fatal(err)
				}
			}},
	}
}

// faultRig starts a dispatcher on members recipients with their sends held at the fake Bot
// API, takes the database away while concurrency of them are in flight, answers them, and
// returns once storing their outcomes has failed.
func faultRig(t *testing.T, f fault, members, concurrency int) (*rig, loa.Notice, *delivery.Dispatcher, context.CancelFunc, chan struct{}) {
	t.Helper()
	r := newRig(t, f.open(t), members)
	n := r.notice(loa.Notice{Text: "Lệnh báo động"})
	failed := make(chan struct{}, 1)
	d := r.dispatcher(delivery.Options{Worker: "first", Concurrency: concurrency, Batch: members,
		Logger: slog.New(onLog{msg: outcomeWriteFailed, ch: failed})})
	release := r.fake.Hold("sendMessage")
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { d.Run(ctx); close(stopped) }()
	r.fake.WaitCalls(t, "sendMessage", concurrency)
	f.begin(t)
	release()
	select {
	case <-failed:
	case <-time.After(time.Minute): // only a broken test waits this long
		t.Fatal("no outcome write failed while the database was away")
	}
	// While outcomes cannot be stored, no further message goes out: the sends' slots wait.
	if calls := r.fake.Calls("sendMessage"); calls != concurrency {
		t.Fatalf("%d messages sent while their outcomes could not be stored, want the %d in flight", calls, concurrency)
	}
	return r, n, d, cancel, stopped
}

// tally counts, over the notice's recipients, those who got nothing and the extra messages.
func (r *rig) tally(members int) (lost, duplicated int) {
	for i := 1; i <= members; i++ {
		switch got := len(r.fake.Messages(int64(1000 + i))); {
		case got == 0:
			lost++
		case got > 1:
			duplicated += got - 1
		}
	}
	return lost, duplicated
}

// TestOutcomesAreStoredThroughADatabaseFault: the outcomes answered while the database is away
// are retried until they are stored; nothing is lost, nothing sent twice, nothing left
// "sending".
func TestOutcomesAreStoredThroughADatabaseFault(t *testing.T) {
	t.Parallel()
	for _, f := range faults() {
		t.Run(f.name, func(t *testing.T) {
			if f.name == "postgres cut" && testing.Short() {
				t.Skip("needs PostgreSQL")
			}
			const members, concurrency = 20, 4
			r, n, d, cancel, stopped := faultRig(t, f, members, concurrency)
			f.end(t)
			for {
				recorded := d.Recorded()
				if r.counts(n.ID)[loa.DeliverySent] == members {
					break
				}
				select {
				case <-recorded:
				case <-time.After(time.Minute):
					t.Fatalf("the outcomes were never all stored: %v", r.counts(n.ID))
				}
			}
			cancel()
			<-stopped
			lost, duplicated := r.tally(members)
			t.Logf("%s: %d lost, %d duplicated of %d", f.name, lost, duplicated, members)
			r.eachGotOnce(n, members)
		})
	}
}

// TestARestartWhileTheDatabaseIsAwayResendsOnlyWhatWasInFlight: the service stops while its
// outcomes cannot be stored; a new process, once the database is back and the lease has
// passed, sends everything, repeating at most the sends that were in flight.
func TestARestartWhileTheDatabaseIsAwayResendsOnlyWhatWasInFlight(t *testing.T) {
	t.Parallel()
	for _, f := range faults() {
		t.Run(f.name, func(t *testing.T) {
			if f.name == "postgres cut" && testing.Short() {
				t.Skip("needs PostgreSQL")
			}
			const members, concurrency = 20, 4
			r, n, _, cancel, stopped := faultRig(t, f, members, concurrency)
			cancel() // the service is stopped with its outcomes still unstored
			<-stopped
			f.end(t)
			r.clock.Advance(loa.DefaultLease + time.Second)
			ctx := context.Background()
			if _, err := r.db.RequeueStale(ctx, r.clock.Now().Add(-loa.DefaultLease)); err != nil {
				t.Fatal(err)
			}
			r.drain(r.dispatcher(delivery.Options{Worker: "restarted", Concurrency: concurrency}))
			lost, duplicated := r.tally(members)
			t.Logf("%s, restarted: %d lost, %d duplicated of %d (concurrency %d)", f.name, lost, duplicated, members, concurrency)
			if lost != 0 || duplicated > concurrency {
				t.Fatalf("%d lost, %d duplicated; want none lost and at most the %d in flight", lost, duplicated, concurrency)
			}
			if c := r.counts(n.ID); c[loa.DeliverySent] != members {
				t.Fatalf("counts %v", c)
			}
		})
	}
}
