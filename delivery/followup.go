package delivery

import (
	"context"

	"github.com/loa-vn/loa"
)

// ButtonClearer removes a message's buttons; the dispatcher uses it on a cancelled notice.
type ButtonClearer interface {
	ClearButtons(ctx context.Context, chatID int64, messageID int) error
}

// originalMessage is the message a follow-up (an update, a re-reminder, a cancellation) answers
// in the chat, so Telegram shows which notice it changes; 0 when there is none.
func (d *Dispatcher) originalMessage(ctx context.Context, n loa.Notice, chatID int64) int {
	if n.RefNotice == nil {
		return 0
	}
	id, ok, err := d.store.MessageIn(ctx, *n.RefNotice, chatID)
	if err != nil || !ok {
		return 0 // the follow-up still goes, as a message of its own
	}
	return id
}

// clearIfCancelled removes the buttons ("Đã nhận") of the original of a cancellation, once the
// cancellation has reached the chat.
func (d *Dispatcher) clearIfCancelled(ctx context.Context, n loa.Notice, chatID int64, original int) {
	clearer, ok := d.msgr.(ButtonClearer)
	if !ok || original == 0 {
		return
	}
	orig, err := d.store.Notice(ctx, *n.RefNotice) // not the cache: the status has just changed
	if err != nil || orig.Status != loa.NoticeCancelled {
		return
	}
	if err := clearer.ClearButtons(ctx, chatID, original); err != nil {
		d.log.Warn("removing a cancelled notice's buttons failed", "chat", chatID, "message", original, "err", err)
	}
}
