package news

import "strings"

// A directive written as prose often chains several tasks with commas: "Ban giám khảo chấp
// hành nghiêm quy chế, điều lệ, làm việc với tinh thần trách nhiệm, …, chấm chính xác từng
// điểm bắn". Each task is an item of its own, so that a question about one finds it alone and
// the list a unit receives reads one task a line. A list's item is kept whole: its writer
// chose where it ends.

// minTaskWords is the fewest words a task split off needs; a shorter piece ("vận động",
// "bảo đảm an toàn") stays with the task before it.
const minTaskWords = 6

// splitTasks splits an item where a comma or "và" is followed by a verb that opens a task, unless
// the words before the comma are a verb too: "tập trung lãnh đạo, chỉ đạo các Ban ngành" and
// "tuyên truyền, vận động nhân dân" are verbs sharing one object, one task.
func splitTasks(item string) []string {
	if !strings.Contains(item, ",") && !strings.Contains(item, " và ") || strings.Count(item, " ") < 2*minTaskWords-1 {
		return []string{item}
	}
	w := foldWords(item, maxSentence)
	var starts []int
	depth := 0        // inside brackets or quotes nothing is split
	seg, last := 0, 0 // where the current comma's segment and the current task start
	coverb := false   // the segment is a verb sharing the object of the verb before it
	prevBare := false // and the one before it was a verb alone
	for i := 1; i < len(w.raw); i++ {
		prev := w.raw[i-1]
		depth += strings.Count(prev, "(") + strings.Count(prev, "“") - strings.Count(prev, ")") - strings.Count(prev, "”")
		// A task starts after a comma, or at "và" ("rà soát … và phát lệnh gọi …").
		// "tiến hành" after "và" carries out what the clause began: "rà soát … và tiến hành họp …" is one task.
		and := w.folded[i] == "va" && i+1 < len(w.raw) && !strings.HasSuffix(prev, ",") && !(i+2 < len(w.folded) && w.folded[i+1] == "tien" && w.folded[i+2] == "hanh")
		if depth != 0 || !strings.HasSuffix(prev, ",") && !and || and && bareVerbBefore(w.raw, i) {
			continue
		}
		segment := w.folded[seg:i]
		wasCoverb := coverb
		seg, coverb = i, false
		if !wasCoverb {
			prevBare = false
		}
		verbAt := i
		if and {
			verbAt = i + 1
		}
		n := predicateSet.at(w.folded, verbAt)
		if n == 0 || verbAt+n < len(w.folded) && nounAfter[w.folded[verbAt+n]] {
			continue // "các văn bản, hướng dẫn mới của Trung ương": a thing, not a task
		}
		if (endsWithVerb(segment) || doneHow(segment)) && !wasCoverb ||
			wasCoverb && bareVerb(segment) && (prevBare || bareVerb(nextSegment(w, i))) {
			// "lãnh đạo, chỉ đạo các Ban ngành", "phối hợp chặt chẽ, triển khai đồng bộ các
			// biện pháp …": one task; so is a run of three verbs alone ("lãnh đạo, chỉ đạo,
			// kiểm tra, rà soát chặt chẽ mọi công tác"), where two ("tuyên truyền, vận động,
			// bảo đảm 100% công dân …") may be a task of their own.
			coverb, prevBare = true, bareVerb(segment)
			continue
		}
		if !hasVerb(w.folded[last:i]) {
			continue // "Ban CHQS huyện là cơ quan thường trực, chủ trì …": no task before the comma
		}
		starts = append(starts, i)
		last = i
	}
	if len(starts) == 0 {
		return []string{item}
	}
	var out []string
	from := 0
	for _, s := range append(starts, len(w.raw)) {
		piece := strings.Join(w.raw[from:s], " ")
		if from > 0 && w.folded[from] == "va" && s-from > 1 {
			piece = strings.Join(w.raw[from+1:s], " ") // "và phát lệnh …" reads "phát lệnh …"
		}
		if s-from < minTaskWords && len(out) > 0 {
			out[len(out)-1] += " " + piece
		} else {
			out = append(out, piece)
		}
		from = s
	}
	if len(out) > 1 && len(strings.Fields(out[0])) < minTaskWords {
		out[1] = out[0] + " " + out[1]
		out = out[1:]
	}
	for i := range out {
		out[i] = strings.TrimRight(out[i], ",")
	}
	return out
}

// bareVerb reports whether a segment between commas is a verb alone: "chỉ đạo", "kiểm tra".
func bareVerb(folded []string) bool { return len(folded) <= 3 && endsWithVerb(folded) }

// nextSegment is the words from i to the next comma, or to the end.
func nextSegment(w proseWords, i int) []string {
	for j := i; j < len(w.raw); j++ {
		if strings.HasSuffix(w.raw[j], ",") {
			return w.folded[i : j+1]
		}
	}
	return w.folded[i:]
}

// bareVerbBefore reports whether the clause before the "và" at word i is one word alone, a
// verb sharing the object of the verb after it: "các bước như: nắm và quản lý nguồn thanh niên"
// is one task. Two words may be a list's last noun ("miễn, hoãn NVQS và phát lệnh …").
func bareVerbBefore(raw []string, i int) bool { return afterBreak(raw, i-1) }

// doneHow reports whether a short segment is a verb and how it is done, with no object of its
// own: "phối hợp chặt chẽ" shares the object of the verb after it.
func doneHow(folded []string) bool {
	if len(folded) < 3 || len(folded) > 4 || predicateSet.at(folded, 0) == 0 {
		return false
	}
	return mannerSet.at(folded, len(folded)-2) == 2
}

// nounAfter are words after a task's verb that make it a thing: "hướng dẫn mới", "kiểm tra
// của".
var nounAfter = map[string]bool{"moi": true, "cua": true}

var mannerSet = newPhraseSet([]string{"chat che", "kip thoi", "dong bo", "nghiem tuc", "hieu qua", "thuong xuyen", "quyet liet", "sau sat"})

// hasVerb reports whether words hold a verb of the task verbs.
func hasVerb(folded []string) bool {
	for k := range folded {
		if predicateSet.at(folded, k) > 0 && !(k > 0 && folded[k-1] == "thuong" && folded[k] == "truc") {
			return true
		}
	}
	return false
}

// endsWithVerb reports whether words end with a verb of the task verbs ("lãnh đạo",
// "tuyên truyền"), not counting the "trực" of "thường trực".
func endsWithVerb(folded []string) bool {
	for k := max(0, len(folded)-3); k < len(folded); k++ {
		if n := predicateSet.at(folded, k); n > 0 && k+n == len(folded) && !(k > 0 && folded[k-1] == "thuong" && folded[k] == "truc") {
			return true
		}
	}
	return false
}
