package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

// fuzzedCommands are the commands that take arguments or answer without starting a dialogue.
var fuzzedCommands = []string{"invite", "moi", "report", "baocao", "capnhat", "update", "subscribe", "theodoi",
	"unsubscribe", "lang", "ngonngu", "hoi", "ask", "start", "events", "lich", "me", "help", "hengio", "henggio", "topics", "xong", "done", "nosuch"}

// An administrator's commands with odd arguments, through the fake Bot API to a real loa
// serve: every one gets an answer, and none makes the bot panic. The bot's FuzzCommandArguments
// fuzzes the arguments in-process, thousands a second; this runs its kinds of input end to end.
func TestCommandArgumentsEndToEnd(t *testing.T) {
	h := newHarness(t, "sqlite", nil)
	admin := tgfake.Private(adminUser)
	seeds := []string{"", "minh-thang/chqs leader 5 72h", "x y z -1 99999999999999999999", "<b>đậm</b> & \"ngoặc\"",
		"12 Dời sang 8:00", "abc", "vi", "en de", "\u0000", strings.Repeat("dài ", 1100)} // the last just over a message's 4096
	for i, cmd := range fuzzedCommands { // every command, every kind of argument
		args := seeds[i%len(seeds)]
		last := 0
		for _, m := range h.fake.Messages(adminUser.ID) {
			last = max(last, m.ID)
		}
		h.fake.SendText(adminUser, admin, strings.TrimSpace("/"+cmd+" "+args))
		h.fake.WaitMessage(t, adminUser.ID, fmt.Sprintf("an answer to /%s %q", cmd, args), func(m tgfake.Message) bool {
			return m.ID > last
		})
	}
	if logs := h.logs.String(); strings.Contains(logs, "panic while handling update") {
		t.Fatalf("the bot panicked:\n%s", logs)
	}
}
