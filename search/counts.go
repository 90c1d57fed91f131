package search

import (
	"slices"
	"strings"
)

// countNear is how many words after a number may name what it counts: "1 đoàn từ 28 - 30
// cán bộ", "2.800 thanh niên ưu tú".
const countNear = 4

// carriesCount reports whether a normalised row holds a number that counts: not a year, not
// a day ("24 4", "ngày 12"), and, when the question names what it counts, followed closely by
// that noun (any word for people when it counts people).
func carriesCount(body, noun string) bool {
	words := strings.Fields(body)
	for i := 0; i < len(words); i++ {
		w := words[i]
		if numberWords[w] && noun != "" && i+1 < len(words) {
			// "hai đơn vị", "ba nội dung": a number in words counts what follows it.
			next := " " + strings.Join(words[i+1:min(len(words), i+3)], " ") + " "
			if noun == "nguoi" && slices.ContainsFunc(humanNouns, func(h string) bool { return strings.HasPrefix(next, " "+h+" ") }) ||
				strings.HasPrefix(next, " "+noun+" ") {
				return true
			}
			continue
		}
		if !isNumber(w) {
			continue
		}
		// A day and month, with its year: "24 4", "ngày 15 12 2025"; a range of counts ("28
		// 30") goes on.
		pair := i+1 < len(words) && isNumber(words[i+1]) && len(w) <= 2 && len(words[i+1]) <= 2 && atoi(words[i+1]) <= 12 && atoi(w) <= 31
		if pair && !(i > 0 && notCountAfter[words[i-1]]) && countedNext(words[i+2:], noun) {
			// "08/8 thanh niên", "9/9 xã, phường": so many of so many, no day ("ngày 08/8,
			// thanh niên …" is one).
			pair = false
			i++
		}
		total := i > 1 && words[i-1] == "so" && words[i-2] == "tong" // "tổng số 450 vận động viên"
		// "tới 38%" folds like "tối 38", but no evening's day or hour is past 31.
		upTo := i > 0 && partOfDay[words[i-1]] && atoi(w) > 31
		if i > 0 && notCountAfter[words[i-1]] && !total && !upTo || pair {
			if pair || i+1 < len(words) && isNumber(words[i+1]) && len(words[i+1]) <= 2 && atoi(words[i+1]) <= 12 {
				i++ // its month
			}
			if i+1 < len(words) && isNumber(words[i+1]) && len(words[i+1]) == 4 {
				i++ // its year
			}
			continue
		}
		if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
			continue // a year
		}
		if noun == "" {
			return true
		}
		window := " " + strings.Join(words[i+1:min(len(words), i+1+countNear)], " ") + " "
		if noun == "nguoi" && slices.ContainsFunc(groupNouns, func(g string) bool { return strings.HasPrefix(window, " "+g+" ") }) {
			continue // "2 tiểu đội dân quân" counts squads, not people
		}
		if noun == "nguoi" {
			if i+1 < len(words) && (words[i+1] == "quan" || words[i+1] == "nu" || words[i+1] == "nam" && menCounted(words[i+2:])) {
				return true // "110 quân", "968 nam công dân"
			}
			for _, h := range humanNouns {
				if strings.Contains(window, " "+h+" ") {
					return true
				}
			}
			continue
		}
		if strings.Contains(window, " "+noun+" ") {
			return true
		}
	}
	return false
}

// countedNext reports whether words open with what a count counts: the noun asked, people,
// or groups and places.
func countedNext(words []string, noun string) bool {
	next := " " + strings.Join(words[:min(2, len(words))], " ") + " "
	starts := func(w string) bool { return strings.HasPrefix(next, " "+w+" ") }
	return noun != "" && noun != "nguoi" && starts(noun) || slices.ContainsFunc(humanNouns, starts) || slices.ContainsFunc(groupNouns, starts)
}

// groupNouns are groups and places a number before people's words counts instead of them.
var groupNouns = []string{"tieu doi", "trung doi", "dai doi", "tieu doan", "doi", "don vi", "co quan", "xa", "phuong", "thon", "to", "lop", "khoa", "dot", "cum"}

// menCounted reports whether the words after "N nam" make it a count of men ("968 nam công
// dân", "10 nam, 5 nữ"), not of years ("sơ kết 01 năm hoạt động").
func menCounted(after []string) bool {
	if len(after) == 0 {
		return false
	}
	if after[0] == "nu" || after[0] == "va" || isNumber(after[0]) && !yearTerm.MatchString(after[0]) {
		return true
	}
	next := " " + strings.Join(after[:min(2, len(after))], " ") + " "
	return slices.ContainsFunc(humanNouns, func(h string) bool { return strings.HasPrefix(next, " "+h+" ") })
}

// notCountAfter are words after which a number is a day, a time, a document's or a round's,
// not a count.
var notCountAfter = map[string]bool{"ngay": true, "thang": true, "nam": true, "sang": true, "chieu": true, "toi": true,
	"so": true, "lan": true, "khu": true, "bai": true, "vuc": true, "khoa": true, "qk": true, "dot": true, "vong": true, "doan": true}

// partOfDay are the words of notCountAfter that name a time of day.
var partOfDay = map[string]bool{"sang": true, "chieu": true, "toi": true}

// numberWords are numbers written in words that fold to no other common word.
var numberWords = map[string]bool{"hai": true, "ba": true, "bon": true, "chin": true, "muoi": true, "hang": true}

func isNumber(w string) bool { return w != "" && strings.Trim(w, "0123456789") == "" }

func atoi(w string) int {
	n := 0
	for _, r := range w {
		n = n*10 + int(r-'0')
	}
	return n
}
