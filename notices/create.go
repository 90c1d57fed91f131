package notices

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/when"
)

// Request is a notice as a person composes it, whichever door they use.
type Request struct {
	Text     string // plain text as typed; "<", ">" and "&" arrive as typed
	Audience loa.Audience
	Urgent   bool // goes before queued normal notices
	Ack      bool // asks for "✅ Đã nhận"
	Exercise bool // marked as a drill, so nobody mistakes it for a real order
	// SendAt is a send time as typed ("7h30 15/12", RFC 3339…); At one already read (the bot's
	// dialogue reads it at its own step) wins over it. Neither: now.
	SendAt string
	At     *time.Time
	Media  loa.Media
	// From names the sender instead of the usual rule; only administrators may (the command
	// line's --from).
	From string
	// CreatorChat is the chat that watches the sending's progress (the bot's dialogue).
	CreatorChat int64
	// Buttons go under the notice, before "✅ Đã nhận" (a document's tasks' "done" buttons).
	Buttons []loa.Button
	// Ref makes creation idempotent: a second request of the same Ref returns the notice the
	// first created (a document sent again to a unit reaches it once).
	Ref string
}

// Prepare checks a request and makes the notice it would create, storing nothing: a preview
// shows it, and Create sends it. A leader's notice with no unit goes to their scope; one
// reaching outside it is refused (ErrForbidden) and audited.
func (s *Service) Prepare(ctx context.Context, a Actor, req Request) (loa.Notice, error) {
	auth, err := s.authorityOf(ctx, a)
	if errors.Is(err, ErrForbidden) {
		s.audit.Record(ctx, loa.AuditEntry{Actor: a.Name, Action: "broadcast", Detail: a.Door, Allowed: false})
		return loa.Notice{}, err
	} else if err != nil {
		return loa.Notice{}, err
	}
	text := strings.TrimSpace(req.Text)
	if err := CheckText(text, req.Media.Kind != ""); err != nil {
		return loa.Notice{}, err
	}
	aud := req.Audience
	if !auth.admin && len(aud.Units) == 0 {
		aud.Units = []string{auth.scope.Key}
	}
	if err := s.checkAudience(ctx, aud); err != nil {
		return loa.Notice{}, err
	}
	if !auth.covers(aud) {
		s.audit.Record(ctx, loa.AuditEntry{Actor: a.Name, Action: "broadcast", Target: strings.Join(aud.Units, ","),
			Detail: a.Door + ": outside scope", Allowed: false})
		return loa.Notice{}, ErrForbidden
	}
	now := s.opts.Now()
	at := req.At
	if at == nil && strings.TrimSpace(req.SendAt) != "" {
		t, err := when.Parse(req.SendAt, now, s.opts.Location)
		if err != nil {
			return loa.Notice{}, invalid("send_at", "notice_bad_time", req.SendAt, when.Example(now, s.opts.Location))
		}
		at = &t
	}
	if at != nil && !at.After(now) {
		return loa.Notice{}, invalid("send_at", "notice_time_past", when.Format(*at, s.opts.Location), when.Example(now, s.opts.Location))
	}
	if req.From != "" && !auth.admin {
		return loa.Notice{}, ErrForbidden
	}
	n := loa.Notice{Origin: loa.OriginBroadcast, Text: html.EscapeString(text), RequiresAck: req.Ack, Exercise: req.Exercise,
		Audience: aud, SendAt: at, Media: req.Media, CreatorChat: req.CreatorChat, CreatedBy: a.Name, CreatorUser: a.UserID,
		CreatedAt: now, Buttons: req.Buttons, OriginRef: req.Ref}
	if req.Urgent {
		n.Priority = loa.PriorityUrgent
	}
	sender, series := s.sender(auth, req.From)
	n.Sender, n.SenderAbbreviation = sender.Name, sender.Abbreviation
	n.Series = series + ":" + strconv.Itoa(SentAt(n).In(s.opts.Location).Year())
	return n, nil
}

// Create checks a request, creates the notice with its official number, audits it and wakes
// the dispatcher.
func (s *Service) Create(ctx context.Context, a Actor, req Request) (loa.Notice, error) {
	n, err := s.Prepare(ctx, a, req)
	if err != nil {
		return n, err
	}
	created, err := s.store.CreateNotice(ctx, n)
	if err != nil {
		return created, fmt.Errorf("create notice: %w", err)
	}
	s.audit.Record(ctx, loa.AuditEntry{Actor: a.Name, Action: "broadcast", Target: strconv.FormatInt(created.ID, 10),
		Detail: fmt.Sprintf("%s, %s, %d recipients", a.Door, Label("vi", created), created.Recipients), Allowed: true})
	s.wake()
	return created, nil
}

// CountRecipients is how many active members an audience reaches now; a leader's audience
// with no unit is their scope, and one outside it reaches nobody they may send to (0).
func (s *Service) CountRecipients(ctx context.Context, a Actor, aud loa.Audience) (int, error) {
	auth, err := s.authorityOf(ctx, a)
	if errors.Is(err, ErrForbidden) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	if !auth.admin && len(aud.Units) == 0 {
		aud.Units = []string{auth.scope.Key}
	}
	if aud.Empty() || !auth.covers(aud) || s.checkAudience(ctx, aud) != nil {
		return 0, nil
	}
	return s.store.CountRecipients(ctx, aud)
}

// CheckText refuses text no notice may carry: none (unless a photo or file carries the
// notice), a NUL character, or more than MaxText characters.
func CheckText(text string, hasMedia bool) error {
	switch {
	case text == "" && !hasMedia:
		return invalid("text", "notice_need_text")
	case loa.CheckText(text) != nil:
		return invalid("text", "notice_bad_text")
	case utf8.RuneCountInString(text) > MaxText:
		return invalid("text", "notice_too_long", MaxText)
	}
	return nil
}

func (s *Service) checkAudience(ctx context.Context, aud loa.Audience) error {
	if aud.Empty() {
		return invalid("audience", "notice_need_audience")
	}
	if aud.Mode != "" && aud.Mode != "all" && aud.Mode != "any" {
		return invalid("audience", "notice_bad_mode", aud.Mode)
	}
	var ae *loa.AudienceError
	if err := loa.CheckAudience(ctx, s.store, aud); errors.As(err, &ae) {
		return invalid("audience", "notice_bad_audience", ae.Value)
	} else if err != nil {
		return err
	}
	return nil
}

// sender is who a notice says it comes from, and the series it is numbered in: a leader's
// scope, an administrator's own unit, else the district's military command of the catalogue
// (or, from the command line, the sender it names).
func (s *Service) sender(auth authority, from string) (loa.Unit, string) {
	switch {
	case from != "":
		for _, u := range auth.units {
			if u.Name == from || u.Key == from {
				return u, "unit:" + u.Key
			}
		}
		return loa.Unit{Name: from}, "from:" + from
	case !auth.admin:
		return auth.scope, "unit:" + auth.scope.Key
	case auth.own != nil:
		return *auth.own, "unit:" + auth.own.Key
	}
	u := defaultSender(auth.units)
	return u, "unit:" + u.Key
}

// defaultSender is the district's military command: the military unit right under the top of
// the tree, else the top itself.
func defaultSender(units []loa.Unit) loa.Unit {
	var top *loa.Unit
	for i, u := range units {
		if u.ParentID == nil && top == nil {
			top = &units[i]
		}
	}
	if top == nil {
		return loa.Unit{}
	}
	for _, u := range units {
		if u.Kind == loa.UnitMilitary && u.ParentID != nil && *u.ParentID == top.ID {
			return u
		}
	}
	return *top
}

// Find is the notice a person means by the number they read in its heading: "12" (or
// "12/TB-BCHQS") this year, in the series they issue in, else the one notice of that number
// they may follow up. Two such notices of other units are told apart by their reference.
func (s *Service) Find(ctx context.Context, a Actor, typed string) (loa.Notice, error) {
	numberText, abbreviation, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(typed), "#"), "/")
	abbreviation = strings.TrimPrefix(strings.ToUpper(abbreviation), "TB-")
	number, err := strconv.Atoi(numberText)
	if err != nil || number <= 0 {
		return loa.Notice{}, invalid("number", "notice_bad_number", typed)
	}
	auth, err := s.authorityOf(ctx, a)
	if errors.Is(err, ErrForbidden) {
		s.audit.Record(ctx, loa.AuditEntry{Actor: a.Name, Action: "notice.follow", Target: typed, Detail: a.Door, Allowed: false})
		return loa.Notice{}, err
	} else if err != nil {
		return loa.Notice{}, err
	}
	year := s.opts.Now().In(s.opts.Location).Year()
	found, err := s.store.NoticesNumbered(ctx, number, year)
	if err != nil {
		return loa.Notice{}, err
	}
	_, own := s.sender(auth, "")
	var mayFollow []loa.Notice
	for _, n := range found {
		if abbreviation != "" && !strings.EqualFold(n.SenderAbbreviation, abbreviation) {
			continue
		}
		if n.Series == own+":"+strconv.Itoa(year) {
			return n, nil
		}
		if a.Admin || (a.UserID != 0 && n.CreatorUser == a.UserID) || auth.covers(n.Audience) {
			mayFollow = append(mayFollow, n)
		}
	}
	switch len(mayFollow) {
	case 0:
		return loa.Notice{}, &Problem{Key: "notice_unknown", Args: []any{number}, Err: loa.ErrNotFound}
	case 1:
		return mayFollow[0], nil
	}
	var refs []string
	for _, n := range mayFollow {
		refs = append(refs, Reference(n)+" ("+n.Sender+")")
	}
	return loa.Notice{}, invalid("number", "notice_ambiguous", number, strings.Join(refs, "; "))
}

// Reference is how a notice is typed to tell it from another unit's of the same number:
// "12/TB-BCHQS", or "12" when its sender has no abbreviation.
func Reference(n loa.Notice) string {
	if n.SenderAbbreviation == "" {
		return strconv.Itoa(n.Number)
	}
	return strconv.Itoa(n.Number) + "/TB-" + n.SenderAbbreviation
}
