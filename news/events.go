package news

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
)

var (
	// A sentence that only says when and where, before the one that says what: "Chiều ngày
	// 12/1/2022. tại nhà văn hoá thôn Ô Mễ.", "Sáng 24/4, tại Thao trường 559.".
	whenWhereRE = regexp.MustCompile(`^(?i)(?:(?:sáng|chiều|trưa|tối)\s+)?(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?[.,]?\s*(?:tại\s+[^.;]{2,80})?\.?$`)
	rangeRE     = regexp.MustCompile(`(?i)(sáng|chiều|tối)?\s*từ (?:ngày )?(\d{1,2})(?:/(\d{1,2}))?(?:/(\d{4}))? đến (?:hết )?(?:ngày )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?`)
	// Two full days joined by a dash: "26/02 - 27/02/2024", "15/12/2025-16/3/2026". Same groups.
	spanRE = regexp.MustCompile(`(?i)(sáng|chiều|tối)?(?:^|[\s(])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\s*[-–]\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?`)
	// Days joined or ranged before one month: "Ngày 9 và 10/5", "ngày 9, 10/5", "từ ngày 4 - 6/11/2024",
	// "từ 15 đến 17/8", "ngày 3 đến 17/7". Same groups as rangeRE, without a first month and year.
	daysRE = regexp.MustCompile(`(?i)(sáng|chiều|tối)?\s*(?:(?:từ\s+)?ngày\s+|từ\s+|\()(\d{1,2})()()\s*(?:và|,|-|–|đến)\s*(?:(?:hết\s+)?ngày\s+)?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?`)
	// A day: "21/5", "15/12/2025"; findDays reads the words before it.
	dayRE   = regexp.MustCompile(`(\d{1,2})/(\d{1,2})(?:/(\d{4}))?`)
	monthRE = regexp.MustCompile(`(?i)tháng (\d{1,2})/(\d{4})`)
	yearRE  = regexp.MustCompile(`(?i)năm (\d{4})`)
	// A date that belongs to a document: "Quyết định số 12/QĐ-UBND ngày 08/01/2025".
	docDateRE = regexp.MustCompile(`(?i)(?:số\s+\S+|/QĐ-\S+|/NĐ-\S+|/KH-\S+|/CT-\S+)\s+ngày\s+\d{1,2}/\d{1,2}/\d{4}`)
	// "tại <venue>", or "ở" before a venue's proper name ("ở Trạm Y tế xã"; "ở cơ sở" is none).
	venueRE = regexp.MustCompile(`(?:^|\s)(tại|Tại|ở)\s+([^,;.()]+)`)
	// A town or a district as the venue, with its province after a comma: "tại TP. Cam Ranh,
	// tỉnh Khánh Hòa", "tại huyện Bát Xát". The dot of "TP." ends no venue here.
	townVenueRE = regexp.MustCompile(`(?:^|\s)tại\s+((?:TP\.|thành phố|thị xã|huyện|quận)\s*\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}(?:,\s*(?:tỉnh|thành phố|TP\.)\s*\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})?)`)
	// What follows "tại cơ sở 2": ", Trung đoàn bộ binh 750".
	venueTailRE = regexp.MustCompile(`^,\s*(\p{Lu}[^,;.()]{2,60})`)
	// A district or province after a commune's name and a comma, and a venue ending with a
	// commune's name.
	districtTailRE = regexp.MustCompile(`^,\s*((?:huyện|quận|thị xã|thành phố|tỉnh)\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,2})`)
	communeEndRE   = regexp.MustCompile(`(?:xã|phường|thị trấn)\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,2}$`)
	// Whose a venue is, after a comma: a school or a unit.
	ownerRE = regexp.MustCompile(`^(?:Đại học|Học viện|Trường|Sư đoàn|Lữ đoàn|Trung đoàn|Bộ Chỉ huy|Bộ CHQS)\s`)
	// A commune, ward or town named in capitals, in or out of the gazetteer: "xã Vạn Phú".
	localityRE = regexp.MustCompile(`(?:^|[\s,(])(xã|phường|thị trấn|X\.|P\.|TT\.)\s*(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,2})`)
	// The verb of the lead's "Ngày …, <unit> tổ chức <event>" (or "… đăng cai Hội thao", "… đến tặng quà"): the
	// dateline is that event's day.
	// "tổ chức cho xã Hồng Tiến diễn tập": the event held for someone named.
	organisedRE = regexp.MustCompile(`(?i)(?:tổ chức|đăng cai|khai mạc|bế mạc|ra quân|khai giảng|kiểm tra|họp|tiến hành|diễn ra|chủ trì|đến)\s+(?:cho\s+(?:\p{L}+\s+){1,5}?)?(?:\p{L}+\s+){0,2}$`)
	// A sport named, folded: a bare "hội thi" beside it is a sports contest.
	sportRE = regexp.MustCompile(`\b(?:the thao|tdtt|van dong vien|vdv|bong|chay|boi|vo|ban sung|dien kinh|keo co|cau long|co tuong|quan su phoi hop|thao truong|dieu lenh)\b`)
	// A deadline: "trước ngày 30/4", "hạn … ngày": never the day the article reports.
	deadlineRE = regexp.MustCompile(`(?i)(?:trước|hạn[^,.;]{0,30})\s*$`)
)

type mention struct {
	kind string
	pos  int // byte offset in the sentence
	end  int
}

// ExtractEvents finds event candidates sentence by sentence. Dates, months, years and places
// attach to the nearest event mention in the same sentence; mentions of the same kind merge.
// The dateline (the first body sentence's date) is when the article's own meeting happened, not
// an event date, unless the lead says the event is held then ("Ngày …, <unit> tổ chức <event>").
// Places come from the gazetteer of communes and wards, from any "xã/phường/thị trấn X" and
// from "tại <venue>".
func ExtractEvents(paragraphs []string, published time.Time, gazetteer []string) []loa.EventCandidate {
	return extractEvents("", paragraphs, published, gazetteer, nil)
}

// extractEvents is ExtractEvents with the page's title, whose year ("… dân quân tại chỗ năm
// 2024") is the first the article names, and the country's places, when there are any.
func extractEvents(pageTitle string, paragraphs []string, published time.Time, gazetteer []string, national *Places) []loa.EventCandidate {
	// A day without a year ("Ngày 21/5") is in the year that puts it nearest the publication
	// date, else in the year its sentence names ("năm 2018"), else that of the nearest full date
	// before it, else the first year the article names; failing all the year stays unknown
	// (0), never year 1.
	publishedYear, lastFull := 0, 0
	if !published.IsZero() {
		publishedYear = published.Year()
	}
	var firstNamed yearRule
	for _, p := range slices.Concat([]string{pageTitle}, paragraphs) {
		if firstNamed = sentenceYear(p); len(firstNamed.named) != 0 {
			firstNamed.named = firstNamed.named[:1]
			break
		}
	}
	foldedGazetteer := make([][2]string, len(gazetteer))
	for i, g := range gazetteer {
		foldedGazetteer[i] = [2]string{g, vntext.Fold(g)}
	}
	within := national.within(published, gazetteer)
	var events []loa.EventCandidate
	byKind := map[string]int{}
	seenShooting, seenKnowledge := false, false
	for pi, p := range paragraphs {
		heading := "" // "Chiều ngày 12/1/2022. tại nhà văn hoá thôn Ô Mễ.": the next sentence's day and place
		for si, raw := range calendarSteps(loa.Sentences(p)) {
			folded := vntext.Fold(raw)
			if heading != "" && anyKeyword(folded) {
				raw = heading + " " + raw
				folded = vntext.Fold(raw)
			}
			heading = ""
			if !anyKeyword(folded) {
				// No event here: a full date gives later days their year, and a range that
				// starts on the day of the event just named is how long it lasts ("Sáng 17/6,
				// … khai mạc lớp bồi dưỡng …. Từ ngày 17 đến 19/6, 43 học viên …").
				if !strings.ContainsAny(raw, "0123456789") {
					continue
				}
				s := dateForms(raw)
				if len(raw) <= 160 && whenWhereRE.MatchString(s) {
					heading = raw
				}
				if len(events) > 0 && events[len(events)-1].EndDate == "" && events[len(events)-1].Date != "" {
					last := &events[len(events)-1]
					span := []loa.EventCandidate{{}}
					years := yearRule{published: published, named: []int{last.Year}}
					attachDates(s, []mention{{}}, span, years, false)
					if span[0].Date == last.Date && span[0].EndDate != "" {
						last.EndDate = span[0].EndDate
					}
				}
				if full := fullDateRE.FindAllStringSubmatch(s, -1); len(full) > 0 {
					lastFull = atoi(full[len(full)-1][3])
				}
				continue
			}
			s := dateForms(raw)
			if s != raw {
				folded = vntext.Fold(s)
			}
			years := firstNamed
			if lastFull != 0 {
				years = yearRule{named: []int{lastFull}}
			}
			if !published.IsZero() {
				years = yearRule{} // the publication date before the article's other years
			}
			years.published = published
			if strings.ContainsAny(s, "0123456789") {
				if named := sentenceYear(s); len(named.named) != 0 {
					years.named, years.intake, years.tet = named.named, named.intake, named.tet
				}
				if full := fullDateRE.FindAllStringSubmatch(s, -1); len(full) > 0 {
					lastFull = atoi(full[len(full)-1][3])
					if len(years.named) == 0 && published.IsZero() {
						// "Trong hai ngày 20 và 21/12, … (22/12/1944 – 22/12/2018)": an undated
						// page's day takes the year of the full date its own sentence ends on.
						years.named = []int{lastFull}
					}
				}
			}
			defaultYear := firstOf(publishedYear, first(years.named))
			all := findMentions(s, folded)
			for _, m := range all {
				seenShooting = seenShooting || m.kind == loa.EventShootingContest
				// "Hội thi pháp luật về Dân quân tự vệ" names a contest of knowledge, even in a
				// plan's subject, which is no event of its own.
				seenKnowledge = seenKnowledge || m.kind == loa.EventOther && strings.HasPrefix(vntext.Fold(s[m.pos:m.end]), "hoi thi")
			}
			mentions := outsideDocuments(s, outsideVenues(s, all))
			if len(mentions) == 0 {
				continue
			}
			found := make([]loa.EventCandidate, len(mentions))
			for i, m := range mentions {
				kind := m.kind
				if kind == "contest" {
					// A bare "hội thi" is the contest the article named before: its shooting
					// contest, its contest of knowledge; else a sports contest where the sentence
					// names a sport, and a contest of skill ("hội thi bí thư chi bộ giỏi") where
					// it does not.
					switch {
					case seenShooting:
						kind = loa.EventShootingContest
					case seenKnowledge:
						kind = loa.EventOther
					case sportRE.MatchString(folded):
						kind = loa.EventSportsContest
					default:
						kind = loa.EventOther
					}
				}
				mentions[i].kind = kind
				found[i] = loa.EventCandidate{Kind: kind, Title: title(s, m)}
			}
			// The lead's dateline opens its first sentence ("Ngày 16-8, …", "(QNO) - Sáng nay
			// 20.12, …"); a date further on is an event's.
			// A date after the first event named ("Hội thao diễn ra ngày 12/4") is that event's.
			dateline := pi == 0 && si == 0 && leadDate(s) && dayMonthRE.FindStringIndex(s)[0] < mentions[0].pos
			attachDates(s, mentions, found, years, dateline)
			for _, pl := range places(s, folded, foldedGazetteer, within) {
				if awardedTo(s, pl.pos) {
					continue
				}
				i := placeOwner(s, mentions, found, pl.pos)
				found[i].Places = appendUnique(found[i].Places, pl.name)
			}
			for _, e := range found {
				if e.Year == 0 {
					e.Year = defaultYear
				}
				// Mentions of one kind are one event, unless both name different days: the
				// "lễ ra quân" on 12/12 and the "đợt cao điểm" from 15/12 are two.
				if k, ok := byKind[e.Kind]; ok && (events[k].Date == "" || e.Date == "" || events[k].Date == e.Date) {
					events[k] = merge(events[k], e)
					continue
				} else if ok {
					byKind[e.Kind] = len(events)
				}
				if _, ok := byKind[e.Kind]; !ok {
					byKind[e.Kind] = len(events)
				}
				events = append(events, e)
			}
		}
	}
	// Training mentions without a day or month are too common ("mở các lớp bồi dưỡng") to be
	// worth a reminder.
	out := events[:0]
	for _, e := range events {
		if (e.Kind == loa.EventTraining || e.Kind == loa.EventMeeting || e.Kind == loa.EventOther) && e.Date == "" && e.Month == 0 {
			continue
		}
		out = append(out, e)
	}
	return out
}

// anyKeyword reports whether a folded sentence may mention an event: cheaper than finding where.
// A keyword findMentions takes starts a word, so only the keywords whose first word a word of
// the sentence is are tried there, rather than each keyword against the whole sentence.
func anyKeyword(folded string) bool {
	for i := 0; i < len(folded); {
		if !isLetterByte(folded[i]) {
			i++
			continue
		}
		j := i
		for j < len(folded) && isLetterByte(folded[j]) {
			j++
		}
		for _, phrase := range keywordsByFirstWord[folded[i:j]] {
			if strings.HasPrefix(folded[i:], phrase) {
				return true
			}
		}
		i = j
	}
	return false
}

// keywordsByFirstWord are the event keywords by their first word: "hoi" → "hoi thao", "hoi nghi", ….
var keywordsByFirstWord = func() map[string][]string {
	out := map[string][]string{}
	for _, kw := range eventKeywords {
		first := kw.phrase
		if k := strings.IndexFunc(first, func(r rune) bool { return r < utf8.RuneSelf && !isLetterByte(byte(r)) }); k >= 0 {
			first = first[:k]
		}
		out[first] = append(out[first], kw.phrase)
	}
	return out
}()

func findMentions(s, folded string) []mention {
	// Folding keeps one rune per rune of NFC text, so rune positions line up.
	if utf8.RuneCountInString(s) != utf8.RuneCountInString(folded) {
		return nil
	}
	offsets := make([]int, 0, len(s)+1) // byte offset in s of each rune
	for i := range s {
		offsets = append(offsets, i)
	}
	offsets = append(offsets, len(s))
	taken := make([]bool, len(folded))
	var ms []mention
	for _, kw := range eventKeywords {
		for from := 0; ; {
			k := strings.Index(folded[from:], kw.phrase)
			if k < 0 {
				break
			}
			i, j := from+k, from+k+len(kw.phrase)
			from = j
			if slices.Contains(taken[i:j], true) || (i > 0 && isLetterByte(folded[i-1])) || (j < len(folded) && isLetterByte(folded[j])) {
				continue // a keyword listed before holds these words: "lễ ra quân huấn luyện" is the training's
			}
			ri := utf8.RuneCountInString(folded[:i])
			if want, ok := spelled[kw.phrase]; ok && strings.ToLower(s[offsets[ri]:offsets[ri+len(kw.phrase)]]) != want {
				continue
			}
			for x := i; x < j; x++ {
				taken[x] = true
			}
			ms = append(ms, mention{kind: kw.kind, pos: offsets[ri], end: offsets[ri+len(kw.phrase)]})
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].pos < ms[j].pos })
	return ms
}

// spelled are keywords that fold together with other words: "họp" (to meet) and "hợp" (in
// "phối hợp").
var spelled = map[string]string{"hop": "họp"}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80 }

// title is the mention up to "năm YYYY" when close, else to the end of its clause.
func title(s string, m mention) string {
	rest := s[m.pos:]
	if loc := yearRE.FindStringIndex(rest); loc != nil && loc[1] <= 120 && !strings.ContainsAny(rest[:loc[0]], ";") {
		return strings.TrimSpace(rest[:loc[1]])
	}
	end := len(rest)
	for _, stop := range []string{";", ". ", " đạt ", " bảo đảm ", " tại ", " từ ngày", " vào ", " dự kiến", " diễn ra", " và "} {
		if k := strings.Index(rest, stop); k > 0 && k < end {
			end = k
		}
	}
	return strings.TrimRight(strings.TrimSpace(rest[:end]), ".")
}

// venueNouns start a venue written in lower case, folded.
var venueNouns = []string{"san van dong", "tram y te", "nha van hoa", "hoi truong", "tru so", "thao truong", "truong ban",
	"nha thi dau", "quang truong", "trung tam", "benh vien", "co so ", "san ", "nha truyen thong", "truong "}

type place struct {
	name string
	pos  int
}

// occasions are what "tại" may be followed by that is no place: "Tại Hội nghị", "Tại Lễ kết
// nạp", "tại buổi gặp mặt".
// venueStops are the words that end a venue: what happens there, or who does it.
var venueStops = []string{" tập trung", " bảo đảm", " với ", " cho ", " diễn ra", " tổ chức", " khai mạc", " được ", " đã ", " sẽ "}

// stopsVenue reports whether text holds one of venueStops.
func stopsVenue(text string) bool {
	return slices.ContainsFunc(venueStops, func(stop string) bool { return strings.Contains(text+" ", stop) })
}

var occasions = []string{"hoi nghi", "le ", "buoi ", "cuoc ", "dot ", "hoi thao", "hoi thi", "dai hoi", "chuong trinh", "ngay hoi"}

// places finds communes and wards ("xã Minh Thắng, Quang Minh" names two) and venues after
// "tại" ("tại Trung tâm Y tế thị xã").
func places(s, folded string, gazetteer [][2]string, national placesWithin) []place {
	var out []place
	var venues [][]int
	if strings.Contains(s, "tại") || strings.Contains(s, "Tại") || strings.Contains(s, "ở ") {
		venues = venueRE.FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range venues {
		v := strings.TrimSpace(s[m[4]:m[5]])
		if s[m[2]:m[3]] == "ở" && !unicode.IsUpper([]rune(v + " ")[0]) {
			continue
		}
		// The venue ends before what happens there: "tại Nhà Văn hoá huyện diễn ra lễ …".
		for _, stop := range venueStops {
			if k := strings.Index(v+" ", stop); k > 0 { // "… xã Định An đã diễn ra": a stop may end it
				v = v[:k]
			}
		}
		// Venues are proper names ("Trung tâm Y tế thị xã") or start with a venue's noun ("sân
		// vận động huyện", "nhà văn hóa ấp 3"); "tại khu vực…" or "tại địa phương" are not.
		fv := vntext.Fold(strings.ToLower(v))
		lowerVenue := slices.ContainsFunc(venueNouns, func(n string) bool { return strings.HasPrefix(fv, n) })
		if first := []rune(v); len(first) >= 6 && (unicode.IsUpper(first[0]) || lowerVenue) && !slices.ContainsFunc(occasions, func(o string) bool { return strings.HasPrefix(fv, o) }) {
			// "tại cơ sở 2, Trung đoàn bộ binh 750": the part names whose it is after a comma.
			// So does a school's or unit's name: "tại Trung tâm GDQP-AN, Đại học Quốc gia …".
			if m[5] < len(s) && s[m[5]] == ',' && len(v) == len(strings.TrimSpace(s[m[4]:m[5]])) {
				// A unit that then does something ("tại Trung đoàn 121, Bộ CHQS tỉnh đã khai mạc …")
				// is the sentence's subject, not the venue's owner.
				if next := venueTailRE.FindStringSubmatch(s[m[5]:]); next != nil && (strings.HasPrefix(fv, "co so ") || ownerRE.MatchString(next[1])) && !stopsVenue(next[1]) {
					v += ", " + next[1]
				} else if next := districtTailRE.FindStringSubmatch(s[m[5]:]); next != nil && communeEndRE.MatchString(v) {
					v += ", " + next[1] // "tại xã Quế Nham, huyện Tân Yên": the commune's district
				}
			}
			// "tại Trung tâm Huấn luyện quân sự quốc gia 4 (Hà Nội)": the bracket says where it
			// is; a commune or ward in it ("(xã Nha Bích)") is a place of its own.
			if rest := strings.TrimLeft(s[m[5]:], " "); len(v) == len(strings.TrimSpace(s[m[4]:m[5]])) && strings.HasPrefix(rest, "(") {
				if k := strings.IndexByte(rest, ')'); k > 2 && k <= 80 && !strings.ContainsAny(rest[:k], ";.") && !localityRE.MatchString(rest[:k]) {
					v += " " + rest[:k+1]
				}
			}
			out = append(out, place{name: v, pos: m[4]})
		}
	}
	if townVenueNamed(s) {
		for _, m := range townVenueRE.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, place{name: s[m[2]:m[3]], pos: m[2]})
		}
	}
	toByte := func(foldedByte int) int {
		return len(string([]rune(s)[:utf8.RuneCountInString(folded[:foldedByte])]))
	}
	if national.places != nil {
		out = append(out, national.find(s)...)
		gazetteer = nil // the country's places hold the office's
	}
	for _, kind := range [][2]string{{"xã", "xa"}, {"phường", "phuong"}} {
		for _, g := range gazetteer {
			idx := strings.Index(folded, kind[1]+" "+g[1])
			if idx < 0 {
				continue
			}
			out = append(out, place{name: kind[0] + " " + g[0], pos: toByte(idx)})
			// "xã Minh Thắng, Quang Minh": bare names right after share the prefix.
			after := idx + len(kind[1]+" "+g[1])
			for {
				matched := false
				for _, other := range gazetteer {
					if prefix := ", " + other[1]; strings.HasPrefix(folded[after:], prefix) {
						out = append(out, place{name: kind[0] + " " + other[0], pos: toByte(after)})
						after += len(prefix)
						matched = true
						break
					}
				}
				if !matched {
					break
				}
			}
		}
	}
	var localities [][]int
	// Any capitalised words after "xã" are a guess the country's list, when there is one, makes
	// needless: "phường Lê Văn Thành" is the ward's chairman.
	if national.places == nil && (strings.Contains(folded, "xa") || strings.Contains(folded, "phuong") || strings.Contains(folded, "tran") || strings.Contains(s, ".")) {
		localities = localityRE.FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range localities {
		if before := strings.TrimSpace(s[:m[2]]); strings.HasSuffix(strings.ToLower(before), "thị") {
			continue // "thị xã Chơn Thành" is the town, not a commune
		}
		name := s[m[2]:m[3]] + " " + s[m[4]:m[5]]
		if !slices.ContainsFunc(out, func(p place) bool { return p.name == name || p.pos == m[2] }) {
			out = append(out, place{name: name, pos: m[2]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// townVenueNamed reports whether s may hold a town or a district as a venue: cheaper than
// townVenueRE, which most sentences would fail.
func townVenueNamed(s string) bool {
	for _, t := range []string{"tại TP.", "tại thành phố", "tại thị xã", "tại huyện", "tại quận"} {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// merge folds a later mention of the same event into the first: a range beats a single day,
// a day beats a month, and places accumulate.
func merge(a, b loa.EventCandidate) loa.EventCandidate {
	switch {
	case a.Date == "" && b.Date != "", a.EndDate == "" && b.EndDate != "":
		a.Date, a.EndDate, a.TimeOfDay, a.Year, a.Month = b.Date, b.EndDate, b.TimeOfDay, b.Year, b.Month
	case a.Date == "" && a.Month == 0 && b.Month != 0:
		a.Month, a.Year = b.Month, b.Year
	}
	for _, p := range b.Places {
		a.Places = appendUnique(a.Places, p)
	}
	return a
}
