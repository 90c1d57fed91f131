package texts

// The glossary settles the words officials could read two ways; glossary_test.go holds every
// Vietnamese text in the catalogue to it.
const (
	// Delivered is a message that reached the chat ("Đã gửi lúc 7h30 15/12/2026").
	Delivered = "Đã gửi"
	// Acknowledged is an official who pressed the acknowledgement button.
	Acknowledged = "Đã xác nhận"
	// AckButton is the acknowledgement button's label, and means nothing else: never "delivered".
	AckButton = "Đã nhận"
	// ExerciseMark heads a training message; it must not read like the drill topic "Diễn tập".
	ExerciseMark = "🎯 [TẬP LUYỆN]"
	// TimeExample is the one way times are written, the CSV included: hours, "h", minutes, day.
	TimeExample = "7h30 15/12/2026"
	// Group ("nhóm") is a Telegram group chat only; an audience has parts (topics, units, roles).
	Group = "nhóm"
)
