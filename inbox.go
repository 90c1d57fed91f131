package loa

// InboxUpdate is a Telegram update as it was received, kept in the inbox until it is handled:
// Body is the update's JSON, ChatID the chat whose updates it is ordered with.
type InboxUpdate struct {
	UpdateID int64  `db:"update_id"`
	ChatID   int64  `db:"chat_id"`
	Body     string `db:"body"`
}
