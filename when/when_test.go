package when

import (
	"errors"
	"testing"
	"time"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

// now is Saturday 28/11/2026, 9h15 in Hồ Chí Minh time.
var now = time.Date(2026, 11, 28, 9, 15, 0, 0, hcm)

func TestTimesAsOfficialsWriteThem(t *testing.T) {
	for in, want := range map[string]string{
		"7h30 15/12":                    "2026-12-15 07:30",
		"7h sáng 15/12/2026":            "2026-12-15 07:00",
		"7h sang 15/12/2026":            "2026-12-15 07:00",
		"15/12 7:30":                    "2026-12-15 07:30",
		"07:30 15/12/2026":              "2026-12-15 07:30",
		"15/12/2026 07:30":              "2026-12-15 07:30",
		"15-12-2026 7g30":               "2026-12-15 07:30",
		"3h chiều 15/12":                "2026-12-15 15:00",
		"sáng mai":                      "2026-11-29 07:00",
		"chiều mai 2h":                  "2026-11-29 14:00",
		"chiều thứ Hai":                 "2026-11-30 14:00",
		"thứ 2 tuần sau 7h":             "2026-11-30 07:00",
		"thu 7 tuan sau 8h":             "2026-12-05 08:00",
		"chủ nhật 7h":                   "2026-11-29 07:00",
		"7h30 ngày mai":                 "2026-11-29 07:30",
		"2024-06-10 07:00":              "2024-06-10 07:00",
		"2024-06-30 24:00":              "2024-07-01 00:00",
		"2026-12-15T07:30":              "2026-12-15 07:30",
		"2026-12-15T07:30:00Z":          "2026-12-15 14:30",
		"7h 5/1":                        "2027-01-05 07:00", // 5 January has passed this year
		"20/3/27 8h":                    "2027-03-20 08:00",
		"7h30 ngày 15 tháng 12":         "2026-12-15 07:30",
		"ngay 15 thang 12 nam 2026 14h": "2026-12-15 14:00",
		"tối nay":                       "2026-11-28 19:00",
		"trưa mai":                      "2026-11-29 11:00",
		"8h đầu tuần sau":               "2026-11-30 08:00",
		"7h 10/1":                       "2027-01-10 07:00", // more than two months past: next year's
	} {
		got, err := Parse(in, now, hcm)
		if err != nil || got.In(hcm).Format("2006-01-02 15:04") != want {
			t.Errorf("%q: %s %v, want %s", in, got.In(hcm).Format("2006-01-02 15:04"), err, want)
		}
	}
}

func TestWhatCannotBePlacedIsAskedBack(t *testing.T) {
	for in, want := range map[string]error{
		"7h30":                 ErrIncomplete, // which day?
		"15/12":                ErrIncomplete, // what hour?
		"2026-12-15":           ErrIncomplete,
		"thứ Hai":              ErrIncomplete,
		"họp giao ban":         ErrUnreadable,
		"":                     ErrUnreadable,
		"31/2 7h":              ErrUnreadable,
		"25h 15/12":            ErrUnreadable,
		"2026-02-30 07:00":     ErrUnreadable,
		"đầu tuần sau":         ErrNoHour,
		"hôm qua":              ErrNoHour,
		"12345-06-07 08:00":    ErrYear,
		"1999-06-07 08:00":     ErrYear,
		"2101-01-01T07:00:00Z": ErrYear,
		"7h 15/12/1999":        ErrYear,
		"7h 15/12/226":         ErrYear,
		"7h 1/2/3/4":           ErrUnreadable,
	} {
		if _, err := Parse(in, now, hcm); !errors.Is(err, want) {
			t.Errorf("%q: %v, want %v", in, err, want)
		}
	}
}

// A day typed without a year that has just passed is refused as past, shown back in full: it
// never silently becomes next year's.
func TestRecentPastIsRefusedNotMovedToNextYear(t *testing.T) {
	dayAfter := time.Date(2026, 12, 4, 10, 0, 0, 0, hcm) // Friday 04/12/2026
	for in, want := range map[string]string{
		"8h 3/12":    "Thứ Năm 03/12/2026, 8h00",
		"8h 20/10":   "Thứ Ba 20/10/2026, 8h00",
		"hôm qua 7h": "Thứ Năm 03/12/2026, 7h00",
		"sáng nay":   "Thứ Sáu 04/12/2026, 7h00",
		"7h 4/12":    "Thứ Sáu 04/12/2026, 7h00",
	} {
		got, err := Parse(in, dayAfter, hcm)
		if !errors.Is(err, ErrPast) || Long(got, hcm, "vi") != want {
			t.Errorf("%q: %s %v, want %s refused as past", in, Long(got, hcm, "vi"), err, want)
		}
	}
	newYear := time.Date(2027, 1, 4, 10, 0, 0, 0, hcm)
	if got, err := Parse("8h 31/12", newYear, hcm); !errors.Is(err, ErrPast) || Long(got, hcm, "vi") != "Thứ Năm 31/12/2026, 8h00" {
		t.Errorf("31/12 typed on 4/1: %s %v, want last year's, refused as past", Long(got, hcm, "vi"), err)
	}
	if got, err := Parse("8h 29/2", newYear, hcm); err != nil || got.Year() != 2028 {
		t.Errorf("29/2 typed in 2027: %s %v, want 2028's", got, err)
	}
	if got, err := Parse("8h 3/12", now, hcm); err != nil || Long(got, hcm, "vi") != "Thứ Năm 03/12/2026, 8h00" {
		t.Errorf("a day ahead: %s %v", got, err)
	}
	if got := Long(time.Date(2026, 12, 15, 7, 30, 0, 0, hcm), hcm, "en"); got != "Tuesday 15/12/2026, 7h30" {
		t.Errorf("Long in English: %q", got)
	}
}

func TestFormatAndExample(t *testing.T) {
	if got := Format(time.Date(2026, 12, 15, 7, 30, 0, 0, hcm), hcm); got != "7h30 15/12/2026" {
		t.Errorf("Format: %q", got)
	}
	if got := Format(time.Date(2026, 12, 15, 14, 0, 0, 0, hcm), hcm); got != "14h 15/12/2026" {
		t.Errorf("Format on the hour: %q", got)
	}
	ex := Example(now, hcm)
	if got, err := Parse(ex, now, hcm); err != nil || !got.After(now) {
		t.Errorf("the example %q is not a future time: %s %v", ex, got, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"7h30 15/12", "sáng mai", "thứ 2 tuần sau 7h", "2024-06-30 24:00", "99/99/9999 99h", "h:/", "7h30 ngày 15 tháng 12", "hôm qua 7h", "12345-06-07 08:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s, now, hcm)
		if err == nil && got.IsZero() {
			t.Fatalf("%q parsed to the zero time", s)
		}
		if (err == nil || errors.Is(err, ErrPast)) && (got.Year() < MinYear || got.Year() > MaxYear) {
			t.Fatalf("%q parsed to %s, outside %d–%d", s, got, MinYear, MaxYear)
		}
	})
}
