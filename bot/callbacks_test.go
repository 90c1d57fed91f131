package bot

import (
	"strings"
	"testing"
)

func TestEveryButtonTheBotMakesHasAKnownShape(t *testing.T) {
	for _, data := range []string{"r:a:12:0", "r:l:12:3", "r:u:5", "r:r:5:militia", "a:ok:123", "a:no:-100123", "a:ok:123:5:militia", "a:no:-100123:5:group", "t:dien-tap",
		"bc:cancel", "bc:all", "bc:t:tuyen-quan", "bc:r:leader", "bc:page:2", "bc:u:5:1", "bc:o:urgent", "bc:x:33", "bc:send",
		"ed:k:shooting_contest", "ed:save", "rp:X:33", "rp:c:33", "ask:7:3", "ev:c:9", "ack:1234", "ackd:1234", "noop"} {
		if !validCallback(data) {
			t.Errorf("%q refused", data)
		}
	}
	for _, data := range []string{"bc:u:5", "bc:u", "r:a", "r:r:5:group", "a:ok", "a:ok:x", "rp:r", "ask:1", "ev:c:", "ack:",
		"bc:u:5:1:9", "t:", "x", "", "r:a:99999999999999999999:0", "bc:o:all", "ed:k:DROP TABLE"} {
		if validCallback(data) {
			t.Errorf("%q accepted", data)
		}
	}
}

// FuzzCallbackShapes checks that any data the router accepts has the fields its handler
// reads: every accepted press splits into two to four non-empty fields.
func FuzzCallbackShapes(f *testing.F) {
	for _, seed := range []string{"bc:u:5", "bc:u:5:0", "r:r:1", "a:ok", "rp:r", "ask::", "ev:c", "ack:x", ":::", "t:", "noop"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		if !validCallback(data) || data == "noop" {
			return
		}
		parts := strings.Split(data, ":")
		if len(parts) < 2 || len(parts) > 4 {
			t.Fatalf("%q accepted with %d fields", data, len(parts))
		}
		for _, p := range parts {
			if p == "" {
				t.Fatalf("%q accepted with an empty field", data)
			}
		}
	})
}

func TestSectionsAreNumberedNotNamedLikeWeekdays(t *testing.T) {
	for in, want := range map[string]string{"Thứ ba": "Mục 3", "Thứ nhất": "Mục 1", "Một là": "Mục 1", "Mười là": "Mục 10", "2.": "2.", "(3)": "(3)"} {
		if got := sectionLabel("vi", in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
