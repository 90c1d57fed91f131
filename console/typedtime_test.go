package console

import (
	"strings"
	"testing"
	"time"
)

// A time typed in a form that does not read is refused in the official's language, saying
// what is missing, never with the parser's English.
func TestTypedTimeRefusalsSpeakTheViewersLanguage(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 15, 12, 0, 0, 0, hcm)
	c := &Console{Options: Options{Location: hcm, Now: func() time.Time { return now }}}
	cases := []struct{ typed, vi, en string }{
		{"abc", "Loa chưa hiểu «abc» là lúc nào", "cannot tell when “abc” is"},
		{"7h30", "chưa có ngày", "not the day"},
		{"16/12", "chưa có giờ", "not the hour"},
		{"hôm qua 7h", "7h 14/12/2026 đã qua", "has passed"},
		{"7h30 15/12/2150", "phải từ 2000 đến 2100", "between 2000 and 2100"},
	}
	for _, tc := range cases {
		for lang, want := range map[string]string{"vi": tc.vi, "en": tc.en} {
			_, err := c.typedTime(viewer{Lang: lang}, tc.typed)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s %q: %v, want %q", lang, tc.typed, err, want)
			}
		}
		_, err := c.typedTime(viewer{Lang: "vi"}, tc.typed)
		for _, english := range []string{"not a time", "incomplete", "missing", "passed", "year"} {
			if err != nil && strings.Contains(err.Error(), english) {
				t.Errorf("vi %q says %q in English: %v", tc.typed, english, err)
			}
		}
	}
	if at, err := c.typedTime(viewer{Lang: "vi"}, "7h30 16/12"); err != nil || !at.Equal(time.Date(2026, 12, 16, 7, 30, 0, 0, hcm)) {
		t.Errorf("a good time: %v %v", at, err)
	}
}
