package when

import (
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/vntext"
)

// ParseDay reads a day alone, as documents write dates and deadlines: "20/4/2024", "20-4-24",
// "20/4", "ngày 20 tháng 4 năm 2024", "2024-04-20". A day without a year is the first such day
// on or after ref's day (a deadline "trước 5/1" in a plan of 15/12 is next January's). The
// day comes back at midnight UTC: it names a date, not a moment.
func ParseDay(s string, ref time.Time) (time.Time, error) {
	in := strings.TrimSpace(s)
	f := strings.Join(strings.Fields(vntext.Fold(in)), " ")
	f = strings.TrimPrefix(f, "ngay ")
	if gluedRE.MatchString(f) {
		return time.Time{}, fmt.Errorf("%q: %w", in, ErrYear)
	}
	var d, mo, year int
	var yearDigits string
	if m := isoRE.FindStringSubmatch(f); m != nil && m[4] == "" {
		mo, d, yearDigits = atoi(m[2]), atoi(m[3]), m[1]
	} else {
		m := dateRE.FindStringSubmatchIndex(f)
		if m == nil {
			m = wordDateRE.FindStringSubmatchIndex(f)
		}
		if m == nil || m[0] != 0 || m[1] != len(f) {
			return time.Time{}, fmt.Errorf("%w: %q is not a day such as 20/4/2024", ErrUnreadable, in)
		}
		d, mo = atoi(f[m[2]:m[3]]), atoi(f[m[4]:m[5]])
		if m[6] >= 0 {
			yearDigits = f[m[6]:m[7]]
		}
	}
	if yearDigits == "" {
		year = ref.Year()
		if day := time.Date(year, time.Month(mo), d, 0, 0, 0, 0, time.UTC); day.Before(time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)) {
			year++
		}
		if err := checkYear(year, in); err != nil {
			return time.Time{}, err
		}
	} else {
		var err error
		if year, err = writtenYear(yearDigits, in); err != nil {
			return time.Time{}, err
		}
	}
	day := time.Date(year, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || day.Day() != d || day.Month() != time.Month(mo) {
		return time.Time{}, fmt.Errorf("%w: %q has no day %d/%d", ErrUnreadable, in, d, mo)
	}
	return day, nil
}
