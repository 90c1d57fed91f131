package texts

// placeCatalog holds how places read in what Loa extracts from articles: a commune or district
// named before 1 July 2025 with the units that took it in.
var placeCatalog = map[string]map[string]string{
	"vi": {
		"place_now": "%s (nay là %s)",
	},
	"en": {
		"place_now": "%s (now %s)",
	},
}

func init() {
	for lang, texts := range placeCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
