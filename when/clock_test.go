package when

import (
	"errors"
	"testing"
)

func TestParseClock(t *testing.T) {
	for in, want := range map[string]int{"7h00": 420, "7h": 420, "07:00": 420, "18h30": 1110, " 0h05 ": 5, "7 giờ": 420} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "25h", "7h61", "sáng", "7h30 15/12", "7"} {
		if _, err := ParseClock(in); !errors.Is(err, ErrUnreadable) {
			t.Errorf("ParseClock(%q): %v, want ErrUnreadable", in, err)
		}
	}
}
