package notices

import (
	"fmt"
	"html"
	"strconv"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
)

// Label is how a notice is named everywhere: "Thông báo số 12" (in lang); before it is created
// (a preview) its number is not known yet.
func Label(lang string, n loa.Notice) string {
	if n.Number == 0 {
		return texts.T(lang, "notice_label_draft")
	}
	return texts.T(lang, "notice_label", n.Number)
}

// SentAt is when a notice goes out: its scheduled time, else when it was created.
func SentAt(n loa.Notice) time.Time {
	if n.SendAt != nil {
		return *n.SendAt
	}
	return n.CreatedAt
}

// Text is the message a notice is sent as. An official notice opens with its heading:
// "📢 Thông báo số 12 — Ban CHQS thị xã, 7h30 15/12/2026", with "Số: 12/TB-BCHQS" where the
// sender has an abbreviation, marked urgent when it is, and as an exercise when it is one, so
// nobody mistakes a drill for a real order. Other notices (articles, reminders, follow-ups)
// carry their own heading in their text.
func (s *Service) Text(n loa.Notice) string {
	if n.Sender == "" || n.Origin != loa.OriginBroadcast || n.RefNotice != nil {
		return n.Text
	}
	key := "notice_heading"
	if n.Priority >= loa.PriorityUrgent {
		key = "notice_heading_urgent"
	}
	at := SentAt(n)
	if at.IsZero() {
		at = s.opts.Now()
	}
	head := texts.T("vi", key, Label("vi", n), html.EscapeString(n.Sender), when.Format(at, s.opts.Location))
	if n.SenderAbbreviation != "" {
		number := "…"
		if n.Number > 0 {
			number = strconv.Itoa(n.Number)
		}
		head += "\n" + texts.T("vi", "notice_reference", number, html.EscapeString(n.SenderAbbreviation))
	}
	if n.Exercise {
		head = texts.T("vi", "notice_exercise") + "\n" + head
	}
	return head + "\n\n" + n.Text
}

// followHeading names the notice a follow-up changes: "Cập nhật Thông báo số 12 — sender, time".
func (s *Service) followHeading(key string, n loa.Notice, at time.Time) string {
	return texts.T("vi", key, Label("vi", n), html.EscapeString(n.Sender), when.Format(at, s.opts.Location))
}

// Message is what one delivery of a notice is sent as: its text with its heading, its link
// buttons, and "✅ Đã nhận" when it asks for acknowledgement (the dispatcher calls it).
func (s *Service) Message(n loa.Notice, deliveryID int64) (string, [][]loa.Button) {
	var rows [][]loa.Button
	for _, b := range n.Buttons {
		rows = append(rows, []loa.Button{b})
	}
	if n.RequiresAck {
		rows = append(rows, []loa.Button{AckButton(deliveryID)})
	}
	return s.Text(n), rows
}

// AckButton is the "✅ Đã nhận" button on one delivery of a notice that asks for
// acknowledgement; the press is recorded against that delivery.
func AckButton(deliveryID int64) loa.Button {
	return loa.Button{Text: texts.T("vi", "ack_button"), Data: fmt.Sprintf("ack:%d", deliveryID)}
}
