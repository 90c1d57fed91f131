package bot

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

// FuzzSplitHTML: whatever the text, every part fits a message, and a text that is valid
// Telegram HTML splits into parts that are each valid.
func FuzzSplitHTML(f *testing.F) {
	// Seeds just over the smallest limit (1024) split, and stay small enough to fuzz fast.
	for _, seed := range []string{"<b>đậm</b> thường", "<i>" + strings.Repeat("x", 1100) + "</i>", strings.Repeat("Ban CHQS <b>xã</b> &amp; phường. ", 40), "a &amp; b <a href=\"https://x.vn\">liên kết</a>", "<b>mở", "😀😀😀"} {
		f.Add(seed, 0)
	}
	f.Fuzz(func(t *testing.T, text string, limit int) {
		// A few parts' worth exercises every cut; longer inputs only made each run, and the
		// minimizing of each new input, slow (tens of runs a second instead of thousands).
		if len(text) > 3*MaxMessage {
			t.Skip()
		}
		limit = 1024 + abs(limit)%(MaxMessage-1023) // a caption's limit up to a message's
		valid := tgfake.CheckHTML(text) == nil
		for i, p := range SplitHTML(text, limit) {
			if n := utf16Len(p); n > limit {
				t.Fatalf("part %d has %d UTF-16 units, limit %d", i, n, limit)
			}
			if valid {
				if err := tgfake.CheckHTML(p); err != nil {
					t.Fatalf("part %d of valid HTML is invalid: %v\n%q", i, err, p)
				}
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
