package texts

// docSearchCatalog holds how an answer taken from a sent document names it, as officials cite
// one: the document, then the section the task stands in.
var docSearchCatalog = map[string]map[string]string{
	"vi": {
		"docsearch_source":   "Theo %s, mục %s:",
		"docsearch_source0":  "Theo %s:",
		"docsearch_deadline": "hạn chót %s",
	},
	"en": {
		"docsearch_source":   "According to %s, section %s:",
		"docsearch_source0":  "According to %s:",
		"docsearch_deadline": "deadline %s",
	},
}

func init() {
	for lang, texts := range docSearchCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
