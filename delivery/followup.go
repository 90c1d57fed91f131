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
	if !d.isCancelled(ctx, *n.RefNotice) {
		return
	}
	if err := clearer.ClearButtons(ctx, chatID, original); err != nil {
		d.log.Warn("removing a cancelled notice's buttons failed", "chat", chatID, "message", original, "err", err)
	}
}

// isCancelled reports whether a notice is cancelled. Not from the notice cache: the status may
// have changed since it was loaded. A cancellation is final, so it is remembered, and a
// cancellation sent to 10,000 chats reads the original once, not 10,000 times.
func (d *Dispatcher) isCancelled(ctx context.Context, id int64) bool {
	d.mu.Lock()
	known := d.cancelled[id]
	d.mu.Unlock()
	if known {
		return true
	}
	orig, err := d.store.Notice(ctx, id)
	if err != nil || orig.Status != loa.NoticeCancelled {
		return false
	}
	d.mu.Lock()
	if len(d.cancelled) > 1000 {
		d.cancelled = map[int64]bool{}
	}
	d.cancelled[id] = true
	d.mu.Unlock()
	return true
}
