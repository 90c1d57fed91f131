package texts

// conversationCatalog holds how Loa talks back: full times with their weekday, reminders that
// fire, menus per scope, short answers to small talk. It is merged into catalog, so the same
// tests check it.
var conversationCatalog = map[string]map[string]string{
	"vi": {
		"push_more_tasks":       "(và %d nhiệm vụ khác trong bài)",
		"push_topics":           "🏷 Thuộc chủ đề đồng chí theo dõi: %s",
		"split_continued":       "<i>(tiếp)</i>",
		"pending_change":        "✏️ Sửa đơn vị, chức vụ",
		"admin_registered":      "✅ Đồng chí là quản trị viên nên đã được kích hoạt ngay.",
		"request_corrected":     "Người gửi đã sửa yêu cầu này; hãy duyệt theo tin nhắn mới nhất.",
		"ask_none_again":        "Cũng không tìm thấy «%s».",
		"small_talk_thanks":     "Dạ, không có gì ạ.",
		"weekday_0":             "Chủ nhật",
		"weekday_1":             "Thứ Hai",
		"weekday_2":             "Thứ Ba",
		"weekday_3":             "Thứ Tư",
		"weekday_4":             "Thứ Năm",
		"weekday_5":             "Thứ Sáu",
		"weekday_6":             "Thứ Bảy",
		"reminder_starts_at":    "Sự kiện bắt đầu lúc %s",
		"reminders_none":        "không nhắc (sự kiện đã bắt đầu)",
		"reminder_at_once":      "ngay bây giờ",
		"links_no_address":      "Loa chưa có địa chỉ mở được từ điện thoại nên chưa gửi liên kết. Đề nghị quản trị viên hệ thống khai báo địa chỉ công khai của Loa.",
		"events_calendar_group": "\n\n📅 Lịch chung của đơn vị (thêm vào ứng dụng lịch trên điện thoại): %s",
	},
	"en": {
		"push_more_tasks":       "(and %d more tasks in the article)",
		"push_topics":           "🏷 Under a topic you follow: %s",
		"split_continued":       "<i>(continued)</i>",
		"pending_change":        "✏️ Change unit or role",
		"admin_registered":      "✅ You are an administrator, so you are active at once.",
		"request_corrected":     "The sender corrected this request; decide on the newest message.",
		"ask_none_again":        "Nothing found for “%s” either.",
		"small_talk_thanks":     "You are welcome.",
		"weekday_0":             "Sunday",
		"weekday_1":             "Monday",
		"weekday_2":             "Tuesday",
		"weekday_3":             "Wednesday",
		"weekday_4":             "Thursday",
		"weekday_5":             "Friday",
		"weekday_6":             "Saturday",
		"reminder_starts_at":    "The event starts at %s",
		"reminders_none":        "no reminder (the event has started)",
		"reminder_at_once":      "right now",
		"links_no_address":      "Loa has no address a phone can open yet, so it sends no link. The system administrator must set Loa's public address (http.public_url).",
		"events_calendar_group": "\n\n📅 The unit's shared calendar (add it to a phone's calendar app): %s",
	},
}

func init() {
	for lang, texts := range conversationCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
