package texts

// noticeCatalog holds what a notice says and what is said about it, in every door: its
// heading and number, follow-ups, refusals and the bot's confirmations. It is merged into
// catalog, so the same tests check it.
var noticeCatalog = map[string]map[string]string{
	"vi": {
		"notice_label":             "Thông báo số %d",
		"notice_label_draft":       "Thông báo số …",
		"notice_heading":           "📢 <b>%s</b> — %s, %s",
		"notice_heading_urgent":    "🚨 <b>KHẨN · %s</b> — %s, %s",
		"notice_reference":         "Số: %s/TB-%s",
		"notice_exercise":          "🎯 <b>[TẬP LUYỆN – DIỄN TẬP]</b>",
		"notice_remind":            "🔔 <b>Nhắc lại %s</b> — đồng chí vui lòng bấm «Đã nhận».",
		"notice_update":            "🔁 <b>Cập nhật %s</b> — %s, %s",
		"notice_retract":           "❌ <b>Hủy %s</b> — %s, %s",
		"notice_retract_default":   "Thông báo trên không còn hiệu lực.",
		"notice_cancelled_refusal": "Thông báo số %d đã hủy lúc %s.",
		"notice_unknown":           "Không có Thông báo số %d của đơn vị đồng chí trong năm nay.",
		"notice_unknown_id":        "Không có thông báo mã %d (tin bài, lịch nhắc và các cập nhật không phải thông báo).",
		"notice_not_allowed":       "Chỉ người gửi, lãnh đạo đơn vị có phạm vi gồm người nhận, hoặc quản trị viên Loa mới được làm việc này với thông báo.",
		"notice_need_text":         "Thông báo cần có nội dung.",
		"notice_bad_text":          "Nội dung có ký tự không gửi được (ký tự rỗng NUL). Hãy gõ lại.",
		"notice_too_long":          "Nội dung dài quá %d ký tự. Hãy rút gọn.",
		"notice_need_audience":     "Hãy chọn người nhận: chủ đề, đơn vị, chức vụ hoặc tất cả.",
		"notice_bad_mode":          "Cách kết hợp người nhận «%s» không hợp lệ (chỉ «all» hoặc «any»).",
		"notice_bad_audience":      "Không có «%s» trong danh mục chủ đề, đơn vị hay chức vụ.",
		"notice_bad_time":          "Loa chưa hiểu thời gian gửi «%s». Ví dụ: %s.",
		"notice_time_past":         "Thời gian gửi %s đã qua. Ví dụ: %s.",
		"notice_already_sent":      "Thông báo số %d đã đến giờ gửi; muốn hủy, dùng nút «Hủy thông báo này» trong báo cáo.",
		"bc_queued":                "📤 %s đã được xếp hàng gửi cho %d người nhận.",
		"bc_scheduled":             "🕒 %s sẽ được gửi lúc %s cho %d người nhận. Xem và hủy bằng /hengio.",
		"bc_scheduled_item":        "🕒 <b>%s</b>, gửi lúc %s, %d người nhận:",
		"bc_cancel_scheduled":      "✖ Hủy %s",
		"bc_scheduled_cancelled":   "Đã hủy %s. Không có gì được gửi.",
		"report_head":              "📊 <b>Báo cáo %s</b>",
		"report_usage":             "Cách dùng: <code>/baocao số-thông-báo</code>",
		"report_retract_sure":      "⚠️ Bấm lần nữa để hủy %s",
		"update_usage":             "Cách dùng: <code>/capnhat số-thông-báo nội dung cập nhật</code>",
		"update_queued":            "🔁 Cập nhật %s đã được xếp hàng gửi cho %d người nhận.",
		"help_leader":              "\n\n<b>Lãnh đạo đơn vị</b>\n/thongbao — soạn và gửi thông báo trong phạm vi đơn vị\n/baocao số-thông-báo — ai đã nhận, ai đã xác nhận\n/capnhat số nội-dung — gửi cập nhật cho một thông báo\n/huy — hủy thông báo đang soạn",
	},
	"en": {
		"notice_label":             "Notice no. %d",
		"notice_label_draft":       "Notice no. …",
		"notice_heading":           "📢 <b>%s</b> — %s, %s",
		"notice_heading_urgent":    "🚨 <b>URGENT · %s</b> — %s, %s",
		"notice_reference":         "No.: %s/TB-%s",
		"notice_exercise":          "🎯 <b>[EXERCISE – DRILL]</b>",
		"notice_remind":            "🔔 <b>Reminder of %s</b>: please press “Received”.",
		"notice_update":            "🔁 <b>Update of %s</b> — %s, %s",
		"notice_retract":           "❌ <b>%s cancelled</b> — %s, %s",
		"notice_retract_default":   "The notice above no longer applies.",
		"notice_cancelled_refusal": "Notice no. %d was cancelled at %s.",
		"notice_unknown":           "Your unit has no notice no. %d this year.",
		"notice_unknown_id":        "There is no notice with id %d (articles, reminders and updates are not notices).",
		"notice_not_allowed":       "Only the notice's sender, a unit leader whose scope covers its recipients, or a Loa administrator may do this.",
		"notice_need_text":         "A notice needs text.",
		"notice_bad_text":          "The text contains a character no message can carry (NUL). Please type it again.",
		"notice_too_long":          "The text is longer than %d characters. Please shorten it.",
		"notice_need_audience":     "Say who receives it: topics, units, roles or everyone.",
		"notice_bad_mode":          "The audience mode “%s” is not all or any.",
		"notice_bad_audience":      "“%s” is not a topic, unit or role in the catalogue.",
		"notice_bad_time":          "Loa cannot read the send time “%s”. For example: %s.",
		"notice_time_past":         "The send time %s is in the past. For example: %s.",
		"notice_already_sent":      "Notice no. %d is already being sent; to cancel it, use “Cancel this notice” in its report.",
		"bc_queued":                "📤 %s is queued for %d recipients.",
		"bc_scheduled":             "🕒 %s will be sent at %s to %d recipients. See and cancel with /scheduled.",
		"bc_scheduled_item":        "🕒 <b>%s</b>, sending at %s, %d recipients:",
		"bc_cancel_scheduled":      "✖ Cancel %s",
		"bc_scheduled_cancelled":   "%s cancelled. Nothing was sent.",
		"report_head":              "📊 <b>Report of %s</b>",
		"report_usage":             "Usage: <code>/report notice-number</code>",
		"report_retract_sure":      "⚠️ Press again to cancel %s",
		"update_usage":             "Usage: <code>/update notice-number text of the update</code>",
		"update_queued":            "🔁 The update of %s is queued for %d recipients.",
		"help_leader":              "\n\n<b>Unit leaders</b>\n/broadcast — compose and send a notice within your unit\n/report notice-number — who received and acknowledged a notice\n/update number text — send an update of a notice\n/cancel — cancel the notice being composed",
	},
}

func init() {
	for lang, texts := range noticeCatalog {
		for key, text := range texts {
			catalog[lang][key] = text
		}
	}
}
