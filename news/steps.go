package news

import (
	"regexp"
	"strings"
)

// A calendar written as steps, each opening with its day and no verb: "Lịch tuyển quân của
// huyện: 19/2: hội trại tòng quân; 20/2: đưa công dân lên tàu; 21/2: lễ giao nhận quân", or
// "10/1 phát lệnh gọi nhập ngũ; 12/1 - 14/1 gặp mặt tân binh". Each step is read as a sentence
// of its own, so that each event takes its own day; the heading before the first day names
// the calendar, not an event.

// stepDayRE is a step's opening day, with its range if any: "19/2:", "ngày 12/1 - 14/1".
var stepDayRE = regexp.MustCompile(`^(?i)(?:(?:sáng|chiều|tối)\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{4})?(?:\s*[-–]\s*\d{1,2}/\d{1,2}(?:/\d{4})?)?\s*:?\s+\S`)

// calendarSteps returns the sentences with each calendar among them split into its steps.
func calendarSteps(sentences []string) []string {
	for i, s := range sentences {
		if strings.Count(s, ";") == 0 || strings.Count(s, "/") < 2 {
			continue
		}
		if steps := splitSteps(s); steps != nil {
			out := append([]string{}, sentences[:i]...)
			out = append(out, steps...)
			return append(out, calendarSteps(sentences[i+1:])...)
		}
	}
	return sentences
}

// splitSteps splits a sentence made of two or more steps that each open with a day, nil when
// it is not one.
func splitSteps(s string) []string {
	parts := strings.Split(strings.TrimRight(s, ". "), ";")
	first := strings.TrimSpace(parts[0])
	// The heading: "Lịch tuyển quân của huyện: 19/2: …" opens the first step after its colon
	// or comma.
	if !stepDayRE.MatchString(first) {
		k := strings.IndexAny(first, ":,")
		if k < 0 || !stepDayRE.MatchString(strings.TrimSpace(first[k+1:])) {
			return nil
		}
		first = strings.TrimSpace(first[k+1:])
	}
	steps := []string{first}
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if !stepDayRE.MatchString(p) {
			return nil // a clause without its day: not a calendar
		}
		steps = append(steps, p)
	}
	if len(steps) < 2 {
		return nil
	}
	return steps
}
