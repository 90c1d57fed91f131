package when

import (
	"errors"
	"testing"
	"time"
)

func TestParseDayAsDocumentsWriteIt(t *testing.T) {
	plan := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"20/4/2024": "2024-04-20", "20-4-24": "2024-04-20", "20.04.2024": "2024-04-20", "20 / 4": "2024-04-20",
		"ngày 20 tháng 4 năm 2024": "2024-04-20", "20 tháng 4": "2024-04-20", "2024-04-20": "2024-04-20",
		"5/1": "2025-01-05", "15/3": "2024-03-15", "ngay 1 thang 6": "2024-06-01",
	} {
		got, err := ParseDay(in, plan)
		if err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("ParseDay(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "31/4/2024", "20/13/2024", "trước 20/4", "20/4/202", "1/2/3/4", "7h30 20/4", "20/4/1990",
		"29/2"} { // after February 2024, the next 29/2 without a year would be 2025's, which has none {
		if _, err := ParseDay(in, plan); !errors.Is(err, ErrUnreadable) {
			t.Errorf("ParseDay(%q): %v, want ErrUnreadable", in, err)
		}
	}
}
