package texts

// toolCatalog holds what the operator's tools say in a browser: the chat simulator of
// `loa demo`. It is merged into catalog, so the same tests check it.
var toolCatalog = map[string]map[string]string{
	"vi": {
		"sim_title":       "Loa — thử bot trên máy này",
		"sim_intro":       "Chọn người để trò chuyện với bot như trong Telegram; nhiều người cạnh nhau cho thấy thông báo đến và xác nhận quay về. Không có gì rời khỏi máy này.",
		"sim_placeholder": "Nhập tin nhắn hoặc lệnh, ví dụ /start",
		"sim_send":        "Gửi",
		"sim_edited":      "đã sửa",
		"sim_download":    "Tải xuống",
		"sim_paid":        "gửi trả phí",
		"sim_empty":       "Chưa có tin nhắn. Gõ /start để bắt đầu.",
		"sim_other_lang":  "English",
	},
	"en": {
		"sim_title":       "Loa — try the bot on this machine",
		"sim_intro":       "Pick someone and chat with the bot as in Telegram; several people side by side show a notice arriving and the acknowledgements coming back. Nothing leaves this machine.",
		"sim_placeholder": "Type a message or a command, e.g. /start",
		"sim_send":        "Send",
		"sim_edited":      "edited",
		"sim_download":    "Download",
		"sim_paid":        "paid broadcast",
		"sim_empty":       "No messages yet. Type /start to begin.",
		"sim_other_lang":  "Tiếng Việt",
	},
}

func init() {
	for lang, texts := range toolCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
