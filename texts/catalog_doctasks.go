package texts

// docTaskCatalog holds what Loa says about a document's sending and its tasks: the preview's
// buttons, each unit's tasks, deadline reminders, done marks and the overdue digest.
var docTaskCatalog = map[string]map[string]string{
	"vi": {
		"dt_send":             "📤 Gửi",
		"dt_cancel":           "✖ Hủy",
		"dt_your_tasks":       "Nhiệm vụ của đơn vị đồng chí:",
		"dt_section":          "(mục %s)",
		"dt_before":           "trước %s",
		"dt_for_information":  "Văn bản gửi đơn vị đồng chí để biết và thực hiện.",
		"dt_done_hint":        "Chỉ huy đơn vị bấm «Xong» dưới từng nhiệm vụ khi hoàn thành.",
		"dt_done_button":      "✔ Xong nhiệm vụ %d",
		"dt_send_forbidden":   "Đồng chí không gửi được văn bản này: chỉ quản trị viên, hoặc chỉ huy có quyền với mọi đơn vị nhận, mới gửi được.",
		"dt_already_sent":     "Văn bản này đã được gửi rồi.",
		"dt_no_units":         "Văn bản không khớp đơn vị nào trong danh mục nên không có nơi để gửi.",
		"dt_unknown_document": "Không tìm thấy văn bản này (có thể đã bị hủy).",
		"dt_sent":             "📤 Đã gửi %s tới %d đơn vị.",
		"dt_not_sent":         "⚠️ Không gửi cho (chưa khớp đơn vị nào): %s",
		"dt_cancelled":        "Đã hủy, văn bản không được gửi.",
		"dt_sending_failed":   "Gửi chưa xong do lỗi máy chủ; đồng chí bấm «Gửi» lại, đơn vị đã nhận sẽ không nhận hai lần.",
		"dt_reminder_head":    "⏰ <b>Nhắc hạn nhiệm vụ của đơn vị đồng chí</b>",
		"dt_reminder_due":     "hạn %s (còn %d ngày) — văn bản %s",
		"dt_digest_head":      "⚠️ <b>Nhiệm vụ quá hạn chưa hoàn thành</b> (đến %s): %d nhiệm vụ",
		"dt_overdue_since":    "(hạn %s)",
		"dt_done_ok":          "Đã ghi nhận hoàn thành.",
		"dt_done_already":     "Nhiệm vụ này đã được ghi hoàn thành trước đó.",
		"dt_done_forbidden":   "Chỉ chỉ huy đơn vị hoặc quản trị viên mới ghi hoàn thành được.",
		"dt_done_label":       "✅ Đã hoàn thành nhiệm vụ %d",
		"dt_report_prompt":    "Đã ghi hoàn thành: «%s» (mã %d). Đồng chí có thể trả lời tin nhắn này bằng một dòng báo cáo kết quả (không bắt buộc).",
		"dt_report_saved":     "Đã lưu báo cáo của nhiệm vụ mã %d.",
		"dt_bad_report":       "Báo cáo chỉ một dòng, tối đa 500 ký tự.",
	},
	"en": {
		"dt_send":             "📤 Send",
		"dt_cancel":           "✖ Cancel",
		"dt_your_tasks":       "Your unit's tasks:",
		"dt_section":          "(part %s)",
		"dt_before":           "by %s",
		"dt_for_information":  "The document is sent to your unit for information and action.",
		"dt_done_hint":        "The unit's leader presses «Done» under each task once it is done.",
		"dt_done_button":      "✔ Task %d done",
		"dt_send_forbidden":   "You cannot send this document: only an administrator, or a leader over every unit it goes to, can.",
		"dt_already_sent":     "This document has already been sent.",
		"dt_no_units":         "The document matches no unit of the catalogue, so there is nowhere to send it.",
		"dt_unknown_document": "This document was not found (it may have been cancelled).",
		"dt_sent":             "📤 Sent %s to %d units.",
		"dt_not_sent":         "⚠️ Not sent to (matching no unit): %s",
		"dt_cancelled":        "Cancelled: the document was not sent.",
		"dt_sending_failed":   "Sending did not finish because of a server error; press «Send» again, no unit receives it twice.",
		"dt_reminder_head":    "⏰ <b>Deadlines of your unit's tasks</b>",
		"dt_reminder_due":     "due %s (%d days left) — document %s",
		"dt_digest_head":      "⚠️ <b>Overdue tasks not done</b> (as of %s): %d tasks",
		"dt_overdue_since":    "(due %s)",
		"dt_done_ok":          "Recorded as done.",
		"dt_done_already":     "This task was already recorded as done.",
		"dt_done_forbidden":   "Only the unit's leader or an administrator can mark a task done.",
		"dt_done_label":       "✅ Task %d done",
		"dt_report_prompt":    "Recorded as done: «%s» (no. %d). You may reply to this message with a one-line report (optional).",
		"dt_report_saved":     "The report of task no. %d is saved.",
		"dt_bad_report":       "A report is one line of at most 500 characters.",
	},
}

func init() {
	for lang, texts := range docTaskCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
