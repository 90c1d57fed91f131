package texts

// scanCatalog holds what Loa says about scanned PDFs and photos of several pages.
var scanCatalog = map[string]map[string]string{
	"vi": {
		"doc_err_render":     "Tệp PDF này là bản quét, nhưng máy chủ chưa cài chương trình chuyển trang thành ảnh (pdftoppm) nên chưa đọc được. Đồng chí gửi ảnh chụp từng trang, hoặc báo quản trị viên cài đặt.",
		"doc_err_scan_pages": "Bản quét có quá nhiều trang để nhận dạng chữ một lần (nhận dạng mỗi trang mất nhiều giây). Đồng chí gửi riêng các trang có nhiệm vụ và nơi nhận.",
	},
	"en": {
		"doc_err_render":     "This PDF is a scan, but the program that turns its pages into images (pdftoppm) is not installed on the server, so it cannot be read yet. Send photos of each page, or ask an administrator to install it.",
		"doc_err_scan_pages": "The scan has too many pages to recognise at once (each page takes seconds). Send only the pages with the tasks and addressees.",
	},
}

func init() {
	for lang, texts := range scanCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
