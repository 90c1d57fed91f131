// Package when reads a time as Vietnamese officials type it — "7h30 15/12", "7h sáng
// 15/12/2026", "15/12 7:30", "sáng mai", "chiều thứ Hai", "thứ 2 tuần sau 7h" — and as
// machines write it ("2024-06-10 07:00", RFC 3339). Every entry point (the Telegram dialogues,
// the command line, the HTTP API) uses this one parser. What it cannot place exactly (a day
// without an hour, an hour without a day) is an error that says what to add, never a guess.
package when

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/vntext"
)

var (
	// ErrUnreadable is input that is not a time at all.
	ErrUnreadable = errors.New("not a time")
	// ErrIncomplete is a time missing its day or its hour: ErrNoDay or ErrNoHour.
	ErrIncomplete = errors.New("incomplete time")
	ErrNoDay      = fmt.Errorf("%w: the day is missing", ErrIncomplete)
	ErrNoHour     = fmt.Errorf("%w: the hour is missing", ErrIncomplete)
	// ErrPast is a time typed relative to now ("hôm qua 7h", "8h 3/12" on 4/12) that has
	// passed. Parse returns the time it read with it, so the refusal can show it.
	ErrPast = errors.New("the time has passed")
	// ErrYear is a year outside 2000–2100: a typing error, never read as another date.
	ErrYear = fmt.Errorf("%w: the year is not between %d and %d", ErrUnreadable, MinYear, MaxYear)
)

// The years Loa accepts: anything else is a typing error ("12345-06-07", "15/12/226").
const (
	MinYear = 2000
	MaxYear = 2100
)

// pastWindow is how far back a day typed without a year is still read as this year's, and so
// refused as past; older days are next year's ("5/1" typed in late November).
const pastWindow = 2 // months

// Parts of the day, and the hour each stands for when no hour is given ("sáng mai").
var dayParts = map[string]int{"sang": 7, "trua": 11, "chieu": 14, "toi": 19, "dem": 21}

var (
	isoRE  = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	dateRE = regexp.MustCompile(`\b(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d+))?\b`)
	// "ngày 15 tháng 12", "ngày 15 tháng 12 năm 2026", "15 tháng 12".
	wordDateRE = regexp.MustCompile(`\b(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})(?:\s*nam\s*(\d+))?\b`)
	// A date glued to more digits ("12345-06-07", "1/2/3/4") is not a date Loa can read.
	gluedRE = regexp.MustCompile(`\d{5,}|\d[/.-]\d+[/.-]\d+[/.-]\d`)
	clockRE = regexp.MustCompile(`\b(\d{1,2})\s*(?:h|g|gio|:)\s*(\d{2})?(?:\s*p(?:hut)?)?\b|\b(\d{1,2})\s*(?:h|gio)\b`)
	partRE  = regexp.MustCompile(`\b(?:sang|trua|chieu|toi|dem)\b`)
	weekRE  = regexp.MustCompile(`\b(?:thu\s*(2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|chu\s*nhat|cn)\b`)
)

var weekdays = map[string]time.Weekday{"2": time.Monday, "hai": time.Monday, "3": time.Tuesday, "ba": time.Tuesday,
	"4": time.Wednesday, "tu": time.Wednesday, "5": time.Thursday, "nam": time.Thursday, "6": time.Friday,
	"sau": time.Friday, "7": time.Saturday, "bay": time.Saturday}

// Parse reads s as a moment in loc. A day without a year is this year's when it is today, to
// come, or less than two months past (then refused with ErrPast), else next year's; a weekday
// is the next such day ("tuần sau" the one in the following week). A time typed relative to
// now that has passed ("hôm qua 7h", "sáng nay" at noon) is returned with ErrPast.
func Parse(s string, now time.Time, loc *time.Location) (time.Time, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return time.Time{}, fmt.Errorf("%w: empty", ErrUnreadable)
	}
	if t, err := time.Parse(time.RFC3339, in); err == nil {
		return t, checkYear(t.In(loc).Year(), in)
	}
	now = now.In(loc)
	f := strings.Join(strings.Fields(vntext.Fold(in)), " ")
	if gluedRE.MatchString(f) {
		return time.Time{}, fmt.Errorf("%q: %w", in, ErrYear)
	}
	if m := isoRE.FindStringSubmatch(f); m != nil {
		return iso(m, in, loc)
	}

	// The day: a date, a weekday, or yesterday/today/tomorrow.
	var day time.Time
	haveDay, relative := false, true
	rest := f
	m := dateRE.FindStringSubmatchIndex(f)
	if m == nil {
		m = wordDateRE.FindStringSubmatchIndex(f)
	}
	if m != nil {
		d, mo := atoi(f[m[2]:m[3]]), atoi(f[m[4]:m[5]])
		year := now.Year()
		if m[6] >= 0 {
			relative = false
			var err error
			if year, err = writtenYear(f[m[6]:m[7]], in); err != nil {
				return time.Time{}, err
			}
		}
		if relative {
			year = yearOf(d, mo, now)
		}
		day = time.Date(year, time.Month(mo), d, 0, 0, 0, 0, loc)
		if day.Day() != d || day.Month() != time.Month(mo) || mo < 1 {
			return time.Time{}, fmt.Errorf("%w: %q has no day %d/%d", ErrUnreadable, in, d, mo)
		}
		haveDay = true
		rest = f[:m[0]] + " " + f[m[1]:]
	} else if m := weekRE.FindStringSubmatch(f); m != nil {
		want := time.Sunday
		if m[1] != "" {
			want = weekdays[m[1]]
		}
		ahead := (int(want) - int(now.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7 // "thứ Hai" said on a Monday is next Monday
		}
		if nextWeek(f) {
			ahead = daysToNextMonday(now) + (int(want)+6)%7
		}
		day = startOfDay(now).AddDate(0, 0, ahead)
		haveDay = true
		rest = weekRE.ReplaceAllString(f, " ")
	} else if strings.Contains(f, "dau tuan") && nextWeek(f) {
		day, haveDay = startOfDay(now).AddDate(0, 0, daysToNextMonday(now)), true // "đầu tuần sau": its Monday
	} else if strings.Contains(f, "hom qua") {
		day, haveDay = startOfDay(now).AddDate(0, 0, -1), true
	} else if strings.Contains(f, "ngay mai") || strings.Contains(f, " mai") || strings.HasPrefix(f, "mai") {
		day, haveDay = startOfDay(now).AddDate(0, 0, 1), true
	} else if strings.Contains(f, "hom nay") || strings.Contains(f, "nay") {
		day, haveDay = startOfDay(now), true
	}

	// The hour: a clock, or a part of the day.
	hour, minute, haveClock := 0, 0, false
	if m := clockRE.FindStringSubmatch(rest); m != nil {
		if m[1] != "" {
			hour, minute = atoi(m[1]), atoi(m[2])
		} else {
			hour = atoi(m[3])
		}
		haveClock = true
	}
	part := partRE.FindString(rest)
	switch {
	case haveClock && (part == "chieu" || part == "toi" || part == "dem") && hour < 12:
		hour += 12 // "3h chiều" is 15:00
	case !haveClock && part != "":
		hour, haveClock = dayParts[part], true
	}
	if haveClock && (hour > 24 || minute > 59 || (hour == 24 && minute > 0)) {
		return time.Time{}, fmt.Errorf("%w: %q: %d:%02d is not a time of day", ErrUnreadable, in, hour, minute)
	}
	switch {
	case !haveDay && !haveClock:
		return time.Time{}, fmt.Errorf("%w: %q", ErrUnreadable, in)
	case !haveDay:
		return time.Time{}, fmt.Errorf("%q: %w", in, ErrNoDay)
	case !haveClock:
		return time.Time{}, fmt.Errorf("%q: %w", in, ErrNoHour)
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, loc)
	if relative && t.Before(now) {
		return t, fmt.Errorf("%q (%s): %w", in, Format(t, loc), ErrPast)
	}
	return t, nil
}

// yearOf places a day typed without a year: in the year where it is less than two months
// past (31/12 typed on 4/1 is last year's, and so refused as past), else where it comes next.
func yearOf(d, mo int, now time.Time) int {
	today := startOfDay(now)
	for _, y := range []int{now.Year() - 1, now.Year()} {
		day := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, now.Location())
		if day.Day() == d && day.Before(today) && day.After(today.AddDate(0, -pastWindow, 0)) {
			return y
		}
	}
	for y := now.Year(); ; y++ {
		// 29/2 comes next in a leap year; an impossible day is refused by the caller.
		day := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, now.Location())
		if !day.Before(today) && (day.Day() == d || y > now.Year()+4) {
			return y
		}
	}
}

func nextWeek(f string) bool {
	return strings.Contains(f, "tuan sau") || strings.Contains(f, "tuan toi")
}

// daysToNextMonday counts the days from now's day to the Monday of the following week.
func daysToNextMonday(now time.Time) int { return 7 - (int(now.Weekday())+6)%7 }

// checkYear refuses a year outside MinYear–MaxYear.
// writtenYear reads a year as officials write it: two digits are this century's, four are
// as written, and either must fall within MinYear and MaxYear.
func writtenYear(digits, in string) (int, error) {
	year := atoi(digits)
	switch len(digits) {
	case 2:
		year += 2000
	case 4:
	default:
		return 0, fmt.Errorf("%q: %w", in, ErrYear)
	}
	return year, checkYear(year, in)
}

func checkYear(year int, in string) error {
	if year < MinYear || year > MaxYear {
		return fmt.Errorf("%q: %w", in, ErrYear)
	}
	return nil
}

// iso reads "2024-06-10 07:00"; "24:00" is midnight at the end of the day.
func iso(m []string, in string, loc *time.Location) (time.Time, error) {
	y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if err := checkYear(y, in); err != nil {
		return time.Time{}, err
	}
	if m[4] == "" {
		return time.Time{}, fmt.Errorf("%q: %w", in, ErrNoHour)
	}
	h, mi, sec := atoi(m[4]), atoi(m[5]), atoi(m[6])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc)
	if t.Day() != d || t.Month() != time.Month(mo) || h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi > 0 || sec > 0)) {
		return time.Time{}, fmt.Errorf("%w: %q is not a date and time", ErrUnreadable, in)
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc), nil
}

// Format writes t as officials write it: "7h30 15/12/2026" (hours without a leading zero,
// minutes only when not on the hour).
func Format(t time.Time, loc *time.Location) string {
	return FormatShort(t, loc) + t.In(loc).Format("/2006")
}

// FormatShort is a time in this year's short form, as officials say it: "7h30 15/12".
func FormatShort(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	clock := strconv.Itoa(t.Hour()) + "h"
	if t.Minute() != 0 {
		clock += fmt.Sprintf("%02d", t.Minute())
	}
	return clock + " " + t.Format("02/01")
}

// Long writes t in full, as confirmations show it back: "Thứ Năm 03/12/2026, 8h00".
func Long(t time.Time, loc *time.Location, lang string) string {
	t = t.In(loc)
	return fmt.Sprintf("%s %s, %dh%02d", texts.T(lang, "weekday_"+strconv.Itoa(int(t.Weekday()))), t.Format("02/01/2006"), t.Hour(), t.Minute())
}

// Example is a time to show in a prompt: tomorrow at 7h30, so it is never in the past.
func Example(now time.Time, loc *time.Location) string {
	d := now.In(loc).AddDate(0, 0, 1)
	return "7h30 " + d.Format("02/01")
}

func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
