package news

import (
	"strings"

	"github.com/loa-vn/loa"
)

// Obligations written without a trigger: an agency that "cần", "phải" or "có trách nhiệm" do
// something, opening the sentence or a clause (see opensClause).

// obligations reads "…, HĐNVQS xã cần tập trung …": an agency after a comma (or opening the
// sentence) that "cần", "phải" or "có trách nhiệm" do something ("Các cơ quan, đơn vị … có
// trách nhiệm động viên, giáo dục …").
func (r *proseReader) obligations(s string) []loa.Directive {
	if !strings.Contains(s, " cần ") && !strings.Contains(s, " phải ") && !strings.Contains(s, " có trách nhiệm ") {
		return nil
	}
	w := foldWords(s, 200)
	for j := 1; j < len(w.raw); j++ {
		lw := strings.ToLower(w.raw[j])
		responsible := lw == "có" && j+2 < len(w.folded) && w.folded[j+1] == "trach" && w.folded[j+2] == "nhiem"
		if lw != "cần" && lw != "phải" && !responsible || j+1 < len(w.folded) && w.folded[j+1] == "thiet" {
			continue // "cần thiết" is needed, not a need
		}
		for k := j - 1; k >= 0 && k >= j-maxAddresseeLen; k-- {
			if strings.HasSuffix(w.raw[k], ";") {
				break // an addressee never runs across a clause
			}
			if !opensClause(w, k) {
				continue
			}
			if agencyStarts.at(w.folded, k) == 0 && localityStarts.at(w.folded, k) == 0 {
				continue
			}
			if w.reportAt(j-1) || j-k > maxAddresseeLen {
				break
			}
			k = listStart(w, k, j)
			r.addressee = strings.TrimRight(strings.Join(w.raw[k:j], " "), ",;:")
			return r.clauses(strings.Join(w.raw[k:], " "), false)
		}
	}
	return nil
}

// opensClause reports whether word k opens the sentence or a clause: after a comma, a colon, a
// semicolon, or a speaker's verb ("bà … nhấn mạnh các thanh niên lên đường nhập ngũ cần …").
func opensClause(w proseWords, k int) bool {
	if afterBreak(w.raw, k) {
		return true
	}
	if k < 2 {
		return false
	}
	switch w.folded[k-2] + " " + w.folded[k-1] {
	case "nhan manh", "cho rang", "luu y":
		return true
	}
	return false
}

// afterBreak reports whether word k opens the text or follows a comma, a colon, a semicolon
// or an ellipsis ("… nghề nghiệp … Những công dân đến tuổi … cần …").
func afterBreak(raw []string, k int) bool {
	return k == 0 || k > 0 && (strings.HasSuffix(raw[k-1], ",") || strings.HasSuffix(raw[k-1], ":") || strings.HasSuffix(raw[k-1], ";") || strings.HasSuffix(raw[k-1], "…"))
}

// listStart widens the agency at word k to the list of agencies it ends, each after a comma
// or opening the sentence: "các phòng, ban, Trung tâm cần …", "Các cơ quan, đơn vị, tổ chức
// kinh tế, xã hội, đoàn thể các cấp … có trách nhiệm …". j is the obligation's word.
func listStart(w proseWords, k, j int) int {
	best := k
	for i := k - 1; i >= 0 && j-i <= maxAddresseeLen; i-- {
		if i > 0 && !strings.HasSuffix(w.raw[i-1], ",") {
			continue
		}
		if agencyStarts.at(w.folded, i) == 0 || eventNamed(w.folded[i:]) {
			continue
		}
		if prefix := strings.Join(w.raw[i:k], " "); strings.Contains(prefix, ";") || mayTrigger(prefix) || !shortItems(prefix) {
			break
		}
		best = i
	}
	return best
}

// shortItems reports whether a comma-separated list is of names, each a few words long, as a
// list of agencies is ("Các cơ quan, đơn vị, tổ chức kinh tế, xã hội"), not of clauses.
func shortItems(list string) bool {
	for _, item := range strings.Split(list, ",") {
		if len(strings.Fields(item)) > 4 {
			return false
		}
	}
	return true
}

// localityStarts are places asked as a whole after a comma: "thời gian tới, huyện Phú Bình
// cần quan tâm …".
var localityStarts = newPhraseSet([]string{"huyen", "xa", "phuong", "tinh", "thi xa", "thanh pho", "thi tran"})
