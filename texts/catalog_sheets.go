package texts

// sheetsCatalog holds what Loa says about spreadsheets: members imported from Excel and
// reports downloaded as Excel workbooks. It is merged into catalog, so the same tests check it.
var sheetsCatalog = map[string]map[string]string{
	"vi": {
		"con_import_failed_cell": "Không nhập tệp %s: dòng %d, cột %s: %s. Chưa lưu dòng nào.",
		"con_import_not_members": "Không nhập tệp %s: đây không phải tệp danh sách đọc được. Hãy lưu từ Excel thành tệp .xlsx hoặc CSV. Chưa lưu dòng nào.",
		"con_import_too_large":   "Không nhập tệp %s: tệp quá lớn (tối đa %d MB). Chưa lưu dòng nào.",
		"report_xlsx":            "📊 Tải Excel",
		"report_sheet_people":    "Người nhận",
		"report_sheet_units":     "Theo đơn vị",
	},
	"en": {
		"con_import_failed_cell": "%s not imported: line %d, column %s: %s. Nothing was stored.",
		"con_import_not_members": "%s not imported: it is not a members file Loa can read. Save it from Excel as .xlsx or CSV. Nothing was stored.",
		"con_import_too_large":   "%s not imported: the file is too large (at most %d MB). Nothing was stored.",
		"report_xlsx":            "📊 Excel",
		"report_sheet_people":    "Recipients",
		"report_sheet_units":     "By unit",
	},
}

func init() {
	for lang, texts := range sheetsCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
