package texts

// Times typed in the console's forms that do not read: plain text (the page escapes it), in
// the same words as the bot's.
var typedTimeVI = map[string]string{
	"con_time_unreadable": "Loa chưa hiểu «%s» là lúc nào. Đồng chí nhập như «%s», «sáng mai» hoặc «chiều thứ Hai».",
	"con_time_no_day":     "«%s» mới có giờ, chưa có ngày. Đồng chí nhập cả ngày, ví dụ «%s».",
	"con_time_no_hour":    "«%s» mới có ngày, chưa có giờ. Đồng chí nhập cả giờ, ví dụ «%s».",
	"con_time_past":       "%s đã qua. Đồng chí nhập một thời điểm sắp tới, ví dụ «%s».",
	"con_time_year":       "Năm trong «%s» phải từ %d đến %d. Đồng chí nhập như «%s».",
}

var typedTimeEN = map[string]string{
	"con_time_unreadable": "Loa cannot tell when “%s” is. Type it like “%s”, “sáng mai” or “chiều thứ Hai”.",
	"con_time_no_day":     "“%s” gives the hour but not the day. Type both, e.g. “%s”.",
	"con_time_no_hour":    "“%s” gives the day but not the hour. Type both, e.g. “%s”.",
	"con_time_past":       "%s has passed. Type a time to come, e.g. “%s”.",
	"con_time_year":       "The year in “%s” must be between %d and %d. Type it like “%s”.",
}

func init() {
	for k, v := range typedTimeVI {
		catalog["vi"][k] = v
	}
	for k, v := range typedTimeEN {
		catalog["en"][k] = v
	}
}
