package when

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/vntext"
)

// ParseClock reads a time of day alone, as a setting gives it ("7h00", "7h", "07:00",
// "18h30"), as minutes after midnight.
func ParseClock(s string) (int, error) {
	f := strings.TrimSpace(vntext.Fold(s))
	m := clockRE.FindStringSubmatch(f)
	if m == nil || m[0] != f {
		return 0, fmt.Errorf("%w: %q is not a time of day such as 7h00", ErrUnreadable, s)
	}
	hour, minute := m[1], m[2]
	if hour == "" {
		hour = m[3]
	}
	h, _ := strconv.Atoi(hour)
	mi := 0
	if minute != "" {
		mi, _ = strconv.Atoi(minute)
	}
	if h > 23 || mi > 59 {
		return 0, fmt.Errorf("%w: %q is not a time of day", ErrUnreadable, s)
	}
	return h*60 + mi, nil
}
