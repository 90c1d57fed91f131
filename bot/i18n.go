package bot

import "github.com/loa-vn/loa/texts"

// T is a sentence of the catalogue in lang, with its parameters filled in.
func T(lang, key string, args ...any) string { return texts.T(lang, key, args...) }
