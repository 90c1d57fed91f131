package news

import (
	"regexp"
	"strings"

	"github.com/loa-vn/loa"
)

// A body's duties as a rule or a decree lists them: "Ban Chỉ huy Phòng thủ dân sự cấp xã có
// các nhiệm vụ sau:", "Ban CHQS cấp xã thực hiện các chức năng, nhiệm vụ sau:", "Công an xã
// có nhiệm vụ:", "Nhiệm vụ của Ban Chỉ huy Phòng thủ dân sự cấp xã:". The lines after it are the body's tasks, with list markers or without: then
// each line opens with its verb ("Tham mưu …", "Tổ chức, chỉ huy …").

// dutyIntroRE is the owner before "có (các) nhiệm vụ (sau):" and its variants.
var dutyIntroRE = regexp.MustCompile(`(?i)^(.{3,240}?)\s+(?:có|thực hiện)\s+(?:các\s+|những\s+)?(?:chức năng,?\s*(?:và\s+)?)?nhiệm vụ(?:\s+(?:cụ thể|chủ yếu|chính))?(?:\s+(?:như\s+)?sau)?\s*:$`)

// dutyOfRE names the owner after the duties: "Nhiệm vụ của Ban Chỉ huy Phòng thủ dân sự cấp
// xã:", "quy định nhiệm vụ, quyền hạn của Tổ giúp việc Ban chỉ đạo, như sau:".
var dutyOfRE = regexp.MustCompile(`(?i)nhiệm vụ(?:,\s*quyền hạn)?\s+của\s+(.{3,160}?)\s*,?\s*(?:(?:cụ thể\s+)?như\s+s[aạ]u|gồm(?:\s+có)?)?\s*:$`)

// dutyOwner is the agency whose duties a paragraph introduces, "" when it introduces none.
// What leads up to the agency ("Theo đó, …") is dropped at a comma; commas inside the agency
// ("Ban CHQS xã, phường") stay, the longest agency being tried first.
func dutyOwner(p string) string {
	p = strings.TrimSpace(p)
	if m := dutyOfRE.FindStringSubmatch(p); m != nil {
		return agencyPhrase(m[1])
	}
	m := dutyIntroRE.FindStringSubmatch(p)
	if m == nil {
		return ""
	}
	head := m[1]
	for {
		if a := agencyPhrase(head); a != "" {
			return a
		}
		k := strings.Index(head, ", ")
		if k < 0 {
			return ""
		}
		head = strings.TrimSpace(head[k+2:])
	}
}

// duties reads the tasks after a duty intro from paragraph i: a marked list (as a trigger's
// list is read), or lines that each open with a verb. It returns the next paragraph to read.
func duties(paragraphs []string, i int, owner string) ([]loa.Directive, int) {
	if i >= len(paragraphs) {
		return nil, i
	}
	if isListLine(paragraphs[i]) {
		return listSections(paragraphs, i, owner)
	}
	d := loa.Directive{Ordinal: "-", Addressee: owner}
	for ; i < len(paragraphs) && startsWithVerb(paragraphs[i]) && !strings.HasSuffix(paragraphs[i], ":"); i++ {
		d.Items = append(d.Items, strings.TrimSpace(paragraphs[i]))
	}
	if len(d.Items) == 0 {
		return nil, i
	}
	return []loa.Directive{d}, i
}
