package notices

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
)

// Get returns an official notice the actor may follow up: its creator, a leader whose scope
// covers its audience, or an administrator. An article push, a reminder or a follow-up is not
// one (loa.ErrNotFound): it has no report and takes no update.
func (s *Service) Get(ctx context.Context, a Actor, id int64) (loa.Notice, error) {
	n, err := s.store.Notice(ctx, id)
	if errors.Is(err, loa.ErrNotFound) || (err == nil && n.Number == 0) {
		return loa.Notice{}, &Problem{Key: "notice_unknown_id", Args: []any{id}, Err: loa.ErrNotFound}
	} else if err != nil {
		return n, err
	}
	if a.Admin || (a.UserID != 0 && n.CreatorUser == a.UserID) {
		return n, nil
	}
	auth, err := s.authorityOf(ctx, a)
	if err != nil && !errors.Is(err, ErrForbidden) {
		return n, err
	}
	if err != nil || !auth.covers(n.Audience) {
		s.audit.Record(ctx, loa.AuditEntry{Actor: a.Name, Action: "notice.follow", Target: strconv.FormatInt(id, 10), Detail: a.Door, Allowed: false})
		return loa.Notice{}, ErrForbidden
	}
	return n, nil
}

// Report is a notice's delivery and acknowledgement, per unit and in total.
type Report struct {
	Notice loa.Notice
	Units  []loa.ReportRow
	Total  loa.ReportRow
	// Groups lists, per group it reached, the members who pressed "✅ Đã nhận".
	Groups []GroupAcks
	// Actions are what may still be done to it: a cancelled notice offers none.
	CanRemind, CanCancel bool
}

// GroupAcks is who in one group acknowledged a notice.
type GroupAcks struct {
	Group string
	Names []string
}

// Report reads a notice's report. A cancelled notice still has one, saying so.
func (s *Service) Report(ctx context.Context, a Actor, id int64) (Report, error) {
	n, err := s.Get(ctx, a, id)
	if err != nil {
		return Report{}, err
	}
	rows, err := s.store.Report(ctx, id)
	if err != nil {
		return Report{}, fmt.Errorf("report of notice %d: %w", id, err)
	}
	r := Report{Notice: n, Units: rows}
	for _, u := range rows {
		r.Total.Recipients += u.Recipients
		r.Total.Sent += u.Sent
		r.Total.Failed += u.Failed
		r.Total.Blocked += u.Blocked
		r.Total.Acknowledged += u.Acknowledged
		r.Total.Pending += u.Pending
		r.Total.Paid += u.Paid
	}
	if n.RequiresAck {
		if r.Groups, err = s.groupAcks(ctx, id); err != nil {
			return Report{}, err
		}
	}
	active := n.Status != loa.NoticeCancelled
	r.CanRemind = active && n.RequiresAck && r.Total.Acknowledged < r.Total.Sent
	r.CanCancel = active
	return r, nil
}

// Remind sends the notice again, asking once more for acknowledgement, to those who received it
// and have not acknowledged it. Pressing twice with nothing changed in between makes one
// reminder, not two.
func (s *Service) Remind(ctx context.Context, a Actor, id int64) (loa.Notice, error) {
	n, err := s.Get(ctx, a, id)
	if err != nil {
		return n, err
	}
	if n.Status == loa.NoticeCancelled {
		return loa.Notice{}, s.cancelled(n)
	}
	r, err := s.remind(ctx, n, a.Name)
	if err != nil {
		return r, err
	}
	s.audit.Record(ctx, loa.AuditEntry{Actor: a.Name, Action: "notice.remind", Target: strconv.FormatInt(id, 10),
		Detail: fmt.Sprintf("%s, %d recipients", a.Door, r.Recipients), Allowed: true})
	s.wake()
	return r, nil
}

// AutoRemind is the dispatcher's one reminder a while after a notice went out; a cancelled
// notice gets none.
func (s *Service) AutoRemind(ctx context.Context, n loa.Notice) (loa.Notice, error) {
	if current, err := s.store.Notice(ctx, n.ID); err != nil || current.Status == loa.NoticeCancelled {
		return loa.Notice{}, err
	}
	return s.remind(ctx, n, "auto-reminder")
}

func (s *Service) remind(ctx context.Context, n loa.Notice, by string) (loa.Notice, error) {
	chats, err := s.store.Unacknowledged(ctx, n.ID)
	if err != nil || len(chats) == 0 {
		return loa.Notice{}, err
	}
	ref := n.ID
	return s.store.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, OriginRef: fmt.Sprintf("%s%d:%d", loa.RefRemind, n.ID, len(chats)),
		Text: texts.T("vi", "notice_remind", Label("vi", n)) + "\n\n" + n.Text, RequiresAck: true,
		Priority: n.Priority, Audience: loa.Audience{Chats: chats}, CreatedBy: by, RefNotice: &ref})
}

// Update sends text as an update of the notice to those it reached or is reaching, as a reply
// naming it ("Cập nhật Thông báo số 12").
func (s *Service) Update(ctx context.Context, a Actor, id int64, text string) (loa.Notice, error) {
	text = strings.TrimSpace(text)
	if err := CheckText(text, false); err != nil {
		return loa.Notice{}, err
	}
	n, err := s.Get(ctx, a, id)
	if err != nil {
		return n, err
	}
	if n.Status == loa.NoticeCancelled {
		return loa.Notice{}, s.cancelled(n)
	}
	chats, err := s.reached(ctx, id)
	if err != nil {
		return loa.Notice{}, err
	}
	var follow loa.Notice
	if len(chats) > 0 {
		now := s.opts.Now()
		follow, err = s.store.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast,
			OriginRef: fmt.Sprintf("%s%d:%d", loa.RefUpdate, n.ID, now.UnixNano()),
			Text:      s.followHeading("notice_update", n, now) + "\n\n" + html.EscapeString(text),
			Audience:  loa.Audience{Chats: chats}, RefNotice: &n.ID, CreatedBy: a.Name, Priority: n.Priority})
		if err != nil {
			return follow, fmt.Errorf("update notice %d: %w", id, err)
		}
	}
	s.audit.Record(ctx, loa.AuditEntry{Actor: a.Name, Action: "notice.update", Target: strconv.FormatInt(id, 10),
		Detail: fmt.Sprintf("%s, %d recipients", a.Door, follow.Recipients), Allowed: true})
	s.wake()
	return follow, nil
}

// Cancelled is what a cancellation did.
type Cancelled struct {
	Notice   loa.Notice // the notice, now cancelled
	FollowUp loa.Notice // the cancellation sent to those who had it; zero when nobody had it yet
	Stopped  int        // deliveries that will not be sent
}

// Cancel stops a notice: what is not sent yet never goes (a scheduled notice cancelled before
// its time reaches nobody), and those who got it are told, naming it ("Hủy Thông báo số 12"),
// with the reason when one is given. Its buttons stop working everywhere.
func (s *Service) Cancel(ctx context.Context, a Actor, id int64, reason string) (Cancelled, error) {
	reason = strings.TrimSpace(reason)
	if reason != "" {
		var p *Problem
		if err := CheckText(reason, false); errors.As(err, &p) {
			p.Field = "reason"
			return Cancelled{}, p
		}
	}
	n, err := s.Get(ctx, a, id)
	if err != nil {
		return Cancelled{}, err
	}
	if n.Status == loa.NoticeCancelled {
		return Cancelled{}, s.cancelled(n)
	}
	stopped, err := s.store.CancelNotice(ctx, id)
	if err != nil {
		return Cancelled{}, fmt.Errorf("cancel notice %d: %w", id, err)
	}
	out := Cancelled{Notice: n, Stopped: stopped}
	out.Notice.Status = loa.NoticeCancelled
	s.audit.Record(ctx, loa.AuditEntry{Actor: a.Name, Action: "notice.cancel", Target: strconv.FormatInt(id, 10),
		Detail: fmt.Sprintf("%s, %d deliveries stopped", a.Door, stopped), Allowed: true})
	// Those whose delivery is in flight get the notice all the same, so they are told too; the
	// queued ones were stopped above and are no longer pending.
	chats, err := s.reached(ctx, id)
	if err != nil || len(chats) == 0 {
		return out, err
	}
	if reason == "" {
		reason = texts.T("vi", "notice_retract_default")
	}
	// A notice is cancelled once, so the cancellation's reference is the notice's alone.
	out.FollowUp, err = s.store.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, OriginRef: fmt.Sprintf("%s%d", loa.RefCancel, n.ID),
		Text:     s.followHeading("notice_retract", n, s.opts.Now()) + "\n\n" + html.EscapeString(reason),
		Audience: loa.Audience{Chats: chats}, RefNotice: &n.ID, CreatedBy: a.Name, Priority: loa.PriorityUrgent})
	if err != nil {
		return out, fmt.Errorf("tell the recipients of notice %d it is cancelled: %w", id, err)
	}
	s.wake()
	return out, nil
}

// reached lists the chats a notice was sent to or is still being sent to: a follow-up goes to
// all of them.
func (s *Service) reached(ctx context.Context, id int64) ([]int64, error) {
	deliveries, err := s.store.Deliveries(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("deliveries of notice %d: %w", id, err)
	}
	var chats []int64
	for _, d := range deliveries {
		if d.Status == loa.DeliverySent || d.Status == loa.DeliveryQueued || d.Status == loa.DeliverySending {
			chats = append(chats, d.ChatID)
		}
	}
	return chats, nil
}

// Acknowledge records userID's press of "✅ Đã nhận" on a delivery to chatID; each person's
// first press counts, so in a group every member who pressed is known. A cancelled notice
// takes none: the refusal says when it was cancelled.
func (s *Service) Acknowledge(ctx context.Context, deliveryID, chatID, userID int64, name string) (loa.Acknowledgement, error) {
	a, err := s.store.AcknowledgeBy(ctx, deliveryID, chatID, userID, name, s.opts.Now())
	if errors.Is(err, loa.ErrNoticeCancelled) {
		n, nerr := s.store.NoticeOfDelivery(ctx, deliveryID, chatID)
		if nerr != nil {
			return a, err
		}
		return a, s.cancelled(n)
	}
	return a, err
}

// AckTime is when a person acknowledged, as officials write it.
func (s *Service) AckTime(a loa.Acknowledgement) string { return when.Format(a.At, s.opts.Location) }

// CancelScheduled cancels a notice still waiting for its time, so nothing is sent to anyone;
// one already sending is refused (its report's cancel tells those who got it).
func (s *Service) CancelScheduled(ctx context.Context, a Actor, id int64) (Cancelled, error) {
	n, err := s.Get(ctx, a, id)
	if err != nil {
		return Cancelled{}, err
	}
	if n.Status == loa.NoticeCancelled {
		return Cancelled{}, s.cancelled(n)
	}
	if n.SendAt == nil || !n.SendAt.After(s.opts.Now()) {
		return Cancelled{}, &Problem{Key: "notice_already_sent", Args: []any{n.Number}, Err: ErrInvalid}
	}
	return s.Cancel(ctx, a, id, "")
}

// Refuse is the refusal of anything done to a cancelled notice, for a door that checks before
// asking (a confirmation step).
func (s *Service) Refuse(n loa.Notice) error { return s.cancelled(n) }

// groupAcks names who pressed "✅ Đã nhận" in each group a notice reached, groups by title.
func (s *Service) groupAcks(ctx context.Context, id int64) ([]GroupAcks, error) {
	byChat, err := s.store.GroupAcknowledgements(ctx, id)
	if err != nil || len(byChat) == 0 {
		return nil, err
	}
	var out []GroupAcks
	for chat, names := range byChat {
		title := strconv.FormatInt(chat, 10)
		if c, err := s.store.Chat(ctx, chat); err == nil && c.Title != "" {
			title = c.Title
		}
		out = append(out, GroupAcks{Group: title, Names: names})
	}
	slices.SortFunc(out, func(a, b GroupAcks) int { return strings.Compare(a.Group, b.Group) })
	return out, nil
}
