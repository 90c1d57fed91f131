package texts

// searchCatalog holds what the answers to questions say of a sentence quoted from an article.
// It is merged into catalog, so the same tests check it.
var searchCatalog = map[string]map[string]string{
	"vi": {
		"ask_passage": "Trích bài viết",
	},
	"en": {
		"ask_passage": "From the article",
	},
}

func init() {
	for lang, texts := range searchCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
