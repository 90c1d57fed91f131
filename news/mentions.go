package news

import (
	"regexp"
	"strings"

	"github.com/loa-vn/loa"
)

// Mentions of an event's kind that name no event the article reports, and the mention a day
// or a place belongs to.

// outsideVenues drops the mentions inside a venue's name ("tại thao trường huấn luyện Ban
// CHQS huyện" names no training), unless all are.
func outsideVenues(s string, ms []mention) []mention {
	if len(ms) < 2 || !strings.Contains(s, "tại") {
		return ms
	}
	venues := venueRE.FindAllStringSubmatchIndex(s, -1)
	out := make([]mention, 0, len(ms))
	for _, m := range ms {
		inside := false
		for _, v := range venues {
			if s[v[2]:v[3]] == "tại" && m.pos >= v[4] && m.end <= v[5] {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return ms
	}
	return out
}

// outsideDocuments drops the mentions in a document's subject ("Quyết định số 4807/QĐ-BQP
// ngày 27/9/2025 của Bộ trưởng về giao chỉ tiêu tuyển quân …" hands out no quota that day),
// unless all are.
func outsideDocuments(s string, ms []mention) []mention {
	if len(ms) < 2 || !strings.Contains(s, "về") || !strings.Contains(s, "số") {
		return ms
	}
	out := make([]mention, 0, len(ms))
	for _, m := range ms {
		if !documentSubject(s[:m.pos]) {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return ms
	}
	return out
}

// docNumberRE is a document's number: "số 4807/QĐ-BQP", "số 64/KH-UBND".
var docNumberRE = regexp.MustCompile(`(?i)\bsố\s*\d+/\S+`)

// documentSubject reports whether the text before a mention, since its clause began, numbers a
// document and then says what it is about ("… về").
func documentSubject(before string) bool {
	if k := strings.LastIndexAny(before, ",;"); k >= 0 {
		before = before[k+1:]
	}
	nums := docNumberRE.FindAllStringIndex(before, -1)
	if len(nums) == 0 {
		return false
	}
	return strings.Contains(before[nums[len(nums)-1][1]:], " về ")
}

// nearest is the mention closest to a position of its sentence.
func nearest(ms []mention, pos int) int {
	best, dist := 0, -1
	for i, m := range ms {
		d := pos - m.end
		if pos < m.pos {
			d = m.pos - pos
		}
		if d < 0 {
			d = 0
		}
		if dist < 0 || d < dist {
			best, dist = i, d
		}
	}
	return best
}

// placeOwner is the mention a place belongs to: the nearest, unless a day stands between it
// and the place, the day is not its, and a later mention holds one. "… gọi thanh niên lên
// đường nhập ngũ, sáng ngày 18/02/2019 tại hội trường UBND xã, lãnh đạo xã đã tổ chức gặp mặt
// …": the day and the venue open the clause of the meeting; "tổ chức khám tuyển (từ ngày 22/11
// đến 25/11/2022), tại Trạm Y tế …" holds both itself.
func placeOwner(s string, ms []mention, found []loa.EventCandidate, pos int) int {
	i := nearest(ms, pos)
	if m := ms[i]; m.end <= pos && found[i].Date == "" && dayMonthRE.MatchString(s[m.end:pos]) {
		for j := i + 1; j < len(ms); j++ {
			if ms[j].pos > pos && found[j].Date != "" {
				return j
			}
		}
	}
	return i
}
