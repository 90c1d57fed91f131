package documents

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/vntext"
	"github.com/loa-vn/loa/when"
)

var (
	// A deadline's words, then its day as when.ParseDay reads it.
	deadlineRE = regexp.MustCompile(`(?i)(?:hoàn thành\s+)?(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn chót(?:\s+là)?|không muộn hơn|đến hết|xong trước)\s+(?:ngày\s+)?` +
		`(\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?)`)
	monthRE = regexp.MustCompile(`(?i)(?:(?:hoàn thành|xong|thực hiện|tổ chức)\s+)?(trong|trước|chậm nhất|hết|cuối|trong tháng|xong trong)\s+tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?`)
)

// findDeadline reads the first deadline of a task. A date without a year is in the
// document's year, or the next when that day is before the document's date.
func findDeadline(text string, issued time.Time) *Deadline {
	if issued.IsZero() {
		issued = time.Date(time.Now().Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	for _, m := range deadlineRE.FindAllStringSubmatchIndex(text, -1) {
		day, err := when.ParseDay(text[m[2]:m[3]], issued)
		if err != nil {
			continue
		}
		return &Deadline{Phrase: strings.TrimSpace(text[m[0]:m[1]]), Date: day.Format(time.DateOnly)}
	}
	if m := monthRE.FindStringSubmatchIndex(text); m != nil {
		month, _ := strconv.Atoi(text[m[4]:m[5]])
		year := issued.Year()
		if m[6] >= 0 {
			year, _ = strconv.Atoi(text[m[6]:m[7]])
		}
		if month < 1 || month > 12 || year < when.MinYear || year > when.MaxYear {
			return nil
		}
		// "trước tháng 5" is done by the end of April; "trong tháng 5" by the end of May.
		end := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
		if strings.EqualFold(text[m[2]:m[3]], "trước") {
			end = time.Date(year, time.Month(month), 0, 0, 0, 0, 0, time.UTC)
		}
		return &Deadline{Phrase: strings.TrimSpace(text[m[0]:m[1]]), Date: end.Format(time.DateOnly)}
	}
	return nil
}

// addresseeStarts are how the names of agencies and units begin, folded.
var addresseeStarts = []string{"ban ", "phong ", "cong an", "ubnd", "uy ban", "trung tam", "van phong", "hoi ",
	"doan ", "mat tran", "cac ", "trung doi", "benh vien", "chi cuc", "dai ", "truong ", "co quan", "so ",
	"bo chi huy", "bchqs", "thi doan", "huyen doan", "lien doan", "kho bac", "buu dien", "hat ", "doi ",
	"chi huy", "tieu doan", "dan quan", "thi uy", "huyen uy", "dang uy", "cong ty", "ngan hang", "chi nhanh",
	"chu tich", "giam doc", "thu truong", "lanh dao", "quan su", "bch ", "bql", "ban quan ly"}

func looksLikeAddressee(s string) bool {
	if s == "" || len(strings.Fields(s)) > 16 {
		return false
	}
	f := vntext.Fold(s) + " "
	for _, p := range addresseeStarts {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// splitAddressee reads "Ban CHQS thị xã: chủ trì …" as the addressee and the rest.
func splitAddressee(s string) (addressee, rest string, ok bool) {
	head, tail, found := strings.Cut(s, ":")
	if !found {
		return "", "", false
	}
	head = strings.TrimSpace(addresseeLeadRE.ReplaceAllString(strings.TrimSpace(head), ""))
	if !looksLikeAddressee(head) {
		return "", "", false
	}
	return head, strings.TrimSpace(tail), true
}

// taskSection finds the part that assigns the tasks: "III. TỔ CHỨC THỰC HIỆN" (or a part on
// duties); without one, the whole body.
func taskSection(body []string) (lines []string, roman string) {
	start, end := -1, len(body)
	for i, l := range body {
		m := romanRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if start >= 0 {
			end = i
			break
		}
		f := vntext.Fold(m[2])
		if strings.Contains(f, "to chuc thuc hien") || strings.Contains(f, "phan cong") || strings.Contains(f, "trach nhiem") {
			start, roman = i, m[1]
		}
	}
	if start < 0 {
		return body, ""
	}
	return body[start+1 : end], roman
}

func assignments(body []string, issued time.Time) []Assignment {
	lines, roman := taskSection(body)
	var out []Assignment
	var cur *Assignment
	lastNumber := ""
	addTask := func(text string) {
		text = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text), ";."))
		if cur == nil || text == "" {
			return
		}
		cur.Tasks = append(cur.Tasks, Task{Text: text})
	}
	for _, l := range lines {
		f := vntext.Fold(l)
		if strings.HasPrefix(f, "noi nhan") || strings.HasPrefix(f, "tren day la") || romanRE.MatchString(l) {
			break
		}
		if m := numberedRE.FindStringSubmatch(l); m != nil && !bulletRE.MatchString(l) {
			lastNumber = m[1]
			if who, rest, ok := splitAddressee(m[2]); ok {
				out = append(out, Assignment{Section: sectionName(roman, m[1], ""), Addressee: who})
				cur = &out[len(out)-1]
				addTask(rest)
			} else {
				cur = nil // a numbered part on something else ("1. Thời gian")
			}
			continue
		}
		if m := bulletRE.FindStringSubmatch(l); m != nil {
			if who, rest, ok := splitAddressee(m[1]); ok {
				letter := ""
				if strings.Contains(l[:len(l)-len(m[1])], ")") {
					letter = strings.TrimSpace(strings.TrimRight(l[:len(l)-len(m[1])], " )"))
				}
				out = append(out, Assignment{Section: sectionName(roman, lastNumber, letter), Addressee: who})
				cur = &out[len(out)-1]
				addTask(rest)
				continue
			}
			addTask(m[1])
			continue
		}
		// A line of no mark continues the task before it (a PDF wraps long lines).
		if cur != nil && len(cur.Tasks) > 0 {
			last := &cur.Tasks[len(cur.Tasks)-1]
			last.Text = strings.TrimRight(last.Text+" "+strings.TrimRight(l, ";."), " ")
		} else {
			addTask(l)
		}
	}
	kept := out[:0]
	for _, a := range out {
		for i := range a.Tasks {
			a.Tasks[i].Deadline = findDeadline(a.Tasks[i].Text, issued)
		}
		if len(a.Tasks) > 0 {
			kept = append(kept, a)
		}
	}
	return kept
}

func sectionName(roman, number, letter string) string {
	parts := []string{}
	for _, p := range []string{roman, number, letter} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}

var parentheticalRE = regexp.MustCompile(`\s*\((?:để\s+)?(?:b/c|báo cáo|t/h|thực hiện|p/h|phối hợp|biết|chỉ đạo)\)`)

// recipientsAndSigner reads the "Nơi nhận" list and the signer's name below the signature.
func recipientsAndSigner(lines []string) (recipients []string, signer string) {
	from := -1
	for i, l := range lines {
		if strings.HasPrefix(vntext.Fold(l), "noi nhan") {
			from = i
		}
	}
	if from >= 0 {
		for _, l := range lines[from:] {
			if _, after, ok := strings.Cut(l, ":"); ok && strings.HasPrefix(vntext.Fold(l), "noi nhan") {
				l = strings.TrimSpace(after)
			}
			if !strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "+") {
				continue
			}
			r := strings.TrimSpace(strings.TrimLeft(l, "-+ "))
			// An entry ends at its ";": what follows on a photo's line is the signature column.
			r, _, _ = strings.Cut(r, ";")
			r = strings.TrimSpace(strings.TrimRight(parentheticalRE.ReplaceAllString(r, ""), ";.,"))
			f := vntext.Fold(r)
			if r == "" || strings.HasPrefix(f, "luu") || strings.HasPrefix(f, "nhu tren") || strings.HasPrefix(f, "nhu muc") {
				continue
			}
			recipients = append(recipients, r)
		}
	}
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-15; i-- {
		l := strings.TrimSpace(lines[i])
		if _, right, ok := strings.Cut(l, ";"); ok && strings.HasPrefix(l, "-") {
			l = strings.TrimSpace(right) // "- Công an thị xã; Nguyễn Văn An": a photo's two columns on one line
		}
		if personRE.MatchString(l) && !signRE.MatchString(l) {
			return recipients, l
		}
	}
	return recipients, ""
}
