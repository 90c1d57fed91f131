package documents

import (
	"regexp"
	"strings"
	"time"

	"github.com/loa-vn/loa/vntext"
	"github.com/loa-vn/loa/when"
)

// Document is what Loa found in an official document.
type Document struct {
	Number      string       `json:"number"`      // "45/KH-UBND"
	Type        string       `json:"type"`        // "KẾ HOẠCH", as written
	TypeKey     string       `json:"type_key"`    // "ke-hoach"
	Place       string       `json:"place"`       // "Chơn Thành"
	Date        string       `json:"date"`        // "2024-03-15", empty when not found
	Issuer      string       `json:"issuer"`      // "ỦY BAN NHÂN DÂN THỊ XÃ CHƠN THÀNH"
	Title       string       `json:"title"`       // "Tổ chức diễn tập khu vực phòng thủ năm 2024"
	Signer      string       `json:"signer"`      // "Nguyễn Văn An"
	Recipients  []string     `json:"recipients"`  // the "Nơi nhận" list, as written
	Assignments []Assignment `json:"assignments"` // tasks per addressee
}

// Assignment is one numbered part that gives an addressee its tasks ("1. Ban CHQS thị xã:").
type Assignment struct {
	Section   string `json:"section"` // "III.1"
	Addressee string `json:"addressee"`
	Tasks     []Task `json:"tasks"`
}

// Task is one item of an assignment, with its deadline when it names one.
type Task struct {
	Text     string    `json:"text"`
	Deadline *Deadline `json:"deadline,omitempty"`
}

// Deadline is a date a task must be done by: "trước ngày 20/4/2024" is 2024-04-20, "hoàn
// thành trong tháng 5" the last day of May of the document's year.
type Deadline struct {
	Phrase string `json:"phrase"`
	Date   string `json:"date"` // YYYY-MM-DD
}

// Due is the deadline's day.
func (d Deadline) Due() time.Time {
	t, _ := time.Parse(time.DateOnly, d.Date)
	return t
}

// Tasks counts the tasks of every addressee.
func (d Document) Tasks() int {
	n := 0
	for _, a := range d.Assignments {
		n += len(a.Tasks)
	}
	return n
}

// Deadlines counts the tasks that have a deadline.
func (d Document) Deadlines() int {
	n := 0
	for _, a := range d.Assignments {
		for _, t := range a.Tasks {
			if t.Deadline != nil {
				n++
			}
		}
	}
	return n
}

// types are the document types of Decree 30's annex, by their folded heading.
var types = map[string]string{
	"ke hoach": "ke-hoach", "chi thi": "chi-thi", "cong van": "cong-van", "thong bao": "thong-bao",
	"quyet dinh": "quyet-dinh", "huong dan": "huong-dan", "cong dien": "cong-dien", "bao cao": "bao-cao",
	"chuong trinh": "chuong-trinh", "phuong an": "phuong-an", "to trinh": "to-trinh", "nghi quyet": "nghi-quyet",
}

// typeCodes read the type from the number when the heading was not read: "45/KH-UBND".
var typeCodes = map[string]string{
	"KH": "ke-hoach", "CT": "chi-thi", "TB": "thong-bao", "QĐ": "quyet-dinh", "QD": "quyet-dinh",
	"HD": "huong-dan", "CĐ": "cong-dien", "BC": "bao-cao", "CTr": "chuong-trinh", "PA": "phuong-an",
	"TTr": "to-trinh", "NQ": "nghi-quyet",
}

var (
	numberRE        = regexp.MustCompile(`(?i)\bSố\s*:?\s*(\d+[\p{L}\d]*(?:/\d{4})?/[\p{L}\d.\-/&]*[\p{L}\d])`)
	placeRE         = regexp.MustCompile(`((?:\p{Lu}[\p{L}]*\s+){0,3}\p{Lu}[\p{L}]*)\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	romanRE         = regexp.MustCompile(`^([IVX]{1,4})\s*[.\-–]\s*(.+)$`)
	numberedRE      = regexp.MustCompile(`^(\d{1,2})\s*[.)]\s*(.+)$`)
	bulletRE        = regexp.MustCompile(`^(?:[-–—+•*·]|[a-zđ]\s*\)|\d{1,2}\.\d{1,2}\.?)\s*(.*)$`)
	mottoRE         = regexp.MustCompile(`(?i)CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|^[-_*=\s]+$`)
	signRE          = regexp.MustCompile(`^(?:KT\.|TM\.|TL\.|TUQ\.|Q\.|CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG|PHÓ TRƯỞNG|CHỈ HUY TRƯỞNG|BÍ THƯ|\(Đã ký\)|\(ký)`)
	personRE        = regexp.MustCompile(`^(?:\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}*$`)
	addresseeLeadRE = regexp.MustCompile(`(?i)^(?:giao(?:\s+cho)?|đề\s+nghị|yêu\s+cầu|phân\s+công)\s+`)
)

// Parse reads the parts of an official document from its text, one paragraph a line. It
// never fails: what is not found stays empty, and the preview says so.
func Parse(text string) Document {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	var d Document
	typeLine := -1
	head := []string{}
	for i, line := range lines {
		if d.Number == "" {
			if m := numberRE.FindStringSubmatchIndex(line); m != nil {
				d.Number = line[m[2]:m[3]]
				before := strings.TrimSpace(mottoRE.ReplaceAllString(line[:m[0]], ""))
				if before != "" {
					head = append(head, before)
				}
				d.Issuer = strings.Join(head, " ")
				line = line[m[1]:]
			} else if i < 8 {
				if h := strings.TrimSpace(mottoRE.ReplaceAllString(line, "")); h != "" && isUpper(h) {
					head = append(head, h)
				}
			}
		}
		if d.Date == "" {
			if m := placeRE.FindStringSubmatch(line); m != nil {
				if day, err := when.ParseDay(m[2]+"/"+m[3]+"/"+m[4], time.Time{}); err == nil {
					d.Place, d.Date = strings.TrimSpace(m[1]), day.Format(time.DateOnly)
				}
			}
		}
		if typeLine < 0 && i < 30 {
			if key, ok := types[strings.Join(strings.Fields(vntext.Fold(line)), " ")]; ok {
				d.Type, d.TypeKey, typeLine = line, key, i
			}
		}
	}
	if d.TypeKey == "" {
		d.TypeKey, d.Type = typeFromNumber(d.Number)
	}
	d.Title = title(lines, typeLine)
	body := lines
	if typeLine >= 0 {
		body = lines[typeLine+1:]
	}
	issued, _ := time.Parse(time.DateOnly, d.Date)
	d.Assignments = assignments(body, issued)
	d.Recipients, d.Signer = recipientsAndSigner(lines)
	return d
}

func typeFromNumber(number string) (key, name string) {
	_, code, ok := strings.Cut(number, "/")
	if !ok {
		return "", ""
	}
	first, _, hasIssuer := strings.Cut(code, "-")
	if key, ok := typeCodes[first]; ok && hasIssuer {
		return key, ""
	}
	// "123/UBND-VP" names no type: the issuer's code and its office, an official letter.
	return "cong-van", ""
}

func title(lines []string, typeLine int) string {
	var parts []string
	start := typeLine + 1
	if typeLine < 0 {
		// An official letter has no type heading; its subject line is "V/v …".
		for i, l := range lines {
			if i > 15 {
				break
			}
			if f := vntext.Fold(l); strings.HasPrefix(f, "v/v") || strings.HasPrefix(f, "ve viec") {
				return strings.TrimSpace(l)
			}
		}
		return ""
	}
	for i := start; i < len(lines) && i < start+3; i++ {
		l := lines[i]
		f := vntext.Fold(l)
		if mottoRE.MatchString(l) || romanRE.MatchString(l) || strings.HasPrefix(f, "can cu") ||
			strings.HasPrefix(f, "thuc hien") || strings.HasPrefix(f, "kinh gui") || strings.HasSuffix(l, ";") ||
			strings.Trim(l, "-_=*. ") == "" {
			break
		}
		// A title has no full stop: a sentence or a lead-in after a first title line is the body.
		if len(parts) > 0 && (strings.HasSuffix(l, ".") || strings.HasSuffix(l, ":")) {
			break
		}
		parts = append(parts, l)
	}
	return strings.Join(parts, " ")
}

func isUpper(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}
