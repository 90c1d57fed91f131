package texts

// reliabilityCatalog holds what Loa says when a door refuses a change outside the actor's
// scope. It is merged into catalog, so the same tests check it.
var reliabilityCatalog = map[string]map[string]string{
	"vi": {
		"con_import_outside": "Không nhập tệp %s: dòng %d: thành viên %s hoặc đơn vị %s nằm ngoài phạm vi đồng chí quản lý. Chưa lưu dòng nào.",
	},
	"en": {
		"con_import_outside": "%s not imported: line %d: member %s or unit %s is outside the units you manage. Nothing was stored.",
	},
}

func init() {
	for lang, texts := range reliabilityCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
