package delivery_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/delivery"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

func TestUrgentNoticesGoAsPaidBroadcastsAndFallBackWhenStarsRunOut(t *testing.T) {
	t.Parallel()
	r := newRig(t, storetest.Open(t, store.SQLite), 6)
	r.fake.EnforceLimits(30, time.Second)
	r.fake.EnforcePaidLimits(1000, 4) // the bot can pay for four paid messages
	ctx := context.Background()
	urgent := r.notice(loa.Notice{Text: "Báo động lũ", Priority: loa.PriorityUrgent})
	normal := r.notice(loa.Notice{Text: "Họp giao ban"})
	const admin = 900
	// Real time: the fake enforces Telegram's limits by the wall clock.
	d := delivery.New(r.db, r.msgr, delivery.Options{GlobalRate: 30, PaidRate: 1000, Admins: []int64{admin}})
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	r.fake.WaitText(t, admin, "hết sao Telegram")
	r.waitFor("every delivery to be recorded", func() bool {
		return r.counts(urgent.ID)[loa.DeliverySent] == 6 && r.counts(normal.ID)[loa.DeliverySent] == 6
	})
	paid, free := 0, 0
	for i := 1; i <= 6; i++ {
		for _, m := range r.fake.Messages(int64(1000 + i)) {
			switch {
			case m.Text == "Họp giao ban" && m.Paid:
				t.Fatalf("a normal notice went as a paid broadcast")
			case m.Text == "Báo động lũ" && m.Paid:
				paid++
			case m.Text == "Báo động lũ":
				free++
			}
		}
	}
	if paid != 4 || free != 2 {
		t.Fatalf("urgent notice: %d paid, %d at the free limit; want 4 and 2 (the Stars paid for 4)", paid, free)
	}
	if c := r.counts(urgent.ID); c[loa.DeliverySent] != 6 || c["paid"] != 4 {
		t.Fatalf("urgent counts %v", c)
	}
	if c := r.counts(normal.ID); c[loa.DeliverySent] != 6 || c["paid"] != 0 {
		t.Fatalf("normal counts %v", c)
	}
	told := r.fake.Messages(admin)
	if len(told) != 1 || !strings.Contains(told[0].Text, "hết sao Telegram") {
		t.Fatalf("administrators told %d times: %+v", len(told), told)
	}
	if n := r.fake.TooManyRequests(); n != 0 {
		t.Fatalf("%d answers were 429", n)
	}
}

func TestProgressReportsSpeakTheCreatorsLanguage(t *testing.T) {
	t.Parallel()
	r := newRig(t, storetest.Open(t, store.SQLite), 3)
	const creator = 900
	if err := r.db.SaveChat(context.Background(), loa.Chat{ID: creator, Type: "private", Title: "Admin", Status: loa.StatusActive, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	r.notice(loa.Notice{Text: "Họp giao ban", CreatorChat: creator})
	r.drain(r.dispatcher(delivery.Options{}))
	r.fake.WaitText(t, creator, "Notice no.", "sent: 3/3 recipients")
}
