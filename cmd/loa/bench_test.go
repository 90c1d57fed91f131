package main

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

// BenchmarkCommandRoundTrip measures a user's /start to the bot's reply, through the fake Bot
// API (long polling) and the SQLite store: the latency an official sees, less Telegram's own.
func BenchmarkCommandRoundTrip(b *testing.B) {
	h := newBenchHarness(b)
	u := tgfake.User{ID: 700, FirstName: "Bench"}
	chat := tgfake.Private(u)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.fake.SendText(u, chat, "/start")
		if m := h.fake.NextMessage(b, u.ID); !strings.Contains(m.Text, "Chào mừng") {
			b.Fatalf("reply %q", m.Text)
		}
	}
}
