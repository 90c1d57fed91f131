package vntext

import "unicode"

// Capitalise writes a phrase found in running text ("lễ giao nhận quân") as a title, with a
// capital first letter.
func Capitalise(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}
