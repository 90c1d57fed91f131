package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/vntext"
	"github.com/loa-vn/loa/when"
)

// cmdEvents answers /events (/lich): the upcoming events that concern the member's unit, role
// or topics, soonest first. In a group these are the group's, with the group's own calendar
// feed: never a member's private link, which the whole group would read.
func (b *Bot) cmdEvents(ctx context.Context, m *tgbotapi.Message, lang string) error {
	c, err := b.activeChat(ctx, m.Chat.ID)
	if err != nil {
		return b.replyNotActive(m.Chat.ID, lang, err)
	}
	events, err := loa.EventsFor(ctx, b.calendar, c, b.opts.Now(), false)
	if err != nil {
		return err
	}
	var sb strings.Builder
	n := 0
	for _, e := range events {
		n++
		if n > 15 {
			break
		}
		fmt.Fprintf(&sb, "\n\n<b>%s</b>\n🗓 %s", esc(e.Title), when.Long(e.Start, b.opts.Location, lang))
		if e.Place != "" {
			fmt.Fprintf(&sb, "\n📍 %s", esc(e.Place))
		}
	}
	if n == 0 {
		_, err := b.reply(m.Chat.ID, T(lang, "events_none"), nil)
		return err
	}
	switch {
	case b.opts.CalendarLink == nil:
	case b.opts.NoPublicAddress:
		sb.WriteString("\n\n" + T(lang, "links_no_address"))
	case !m.Chat.IsPrivate():
		sb.WriteString(T(lang, "events_calendar_group", esc(b.opts.CalendarLink(c.ID))))
	default:
		sb.WriteString(T(lang, "events_calendar", esc(b.opts.CalendarLink(c.ID))))
	}
	_, err = b.reply(m.Chat.ID, T(lang, "events_head")+sb.String(), nil)
	return err
}

// onConfirmCandidate handles "ev:c:<candidate>": an admin turns an event found in an article
// into scheduled reminders.
func (b *Bot) onConfirmCandidate(ctx context.Context, q *tgbotapi.CallbackQuery, lang, idText string) error {
	if !b.adminPress(ctx, q, lang, "event.confirm", idText) {
		return nil
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || b.opts.Planner == nil {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	}
	c, _, err := b.calendar.EventCandidate(ctx, id)
	if errors.Is(err, loa.ErrNotFound) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if err != nil {
		return err
	}
	events, err := b.calendar.Events(ctx, time.Time{}, false)
	if err != nil {
		return err
	}
	for _, e := range events {
		if e.CandidateID != nil && *e.CandidateID == id {
			b.answer(q.ID, T(lang, "event_already"), true)
			return nil
		}
	}
	// An article gives a day, rarely an hour: the administrator says when it starts, through
	// the event dialogue, instead of Loa choosing 7h30 silently.
	d := loa.EventDraft{ChatID: q.Message.Chat.ID, UserID: q.From.ID, Step: "start", Kind: c.Kind, Title: vntext.Capitalise(c.Title),
		Place: strings.Join(c.Places, "; "), CandidateID: &id}
	if err := b.drafts.SaveEventDraft(ctx, d); err != nil {
		return err
	}
	b.answer(q.ID, "", false)
	example := when.Example(b.opts.Now(), b.opts.Location)
	day := T(lang, "ev_day_unknown")
	if t, err := time.ParseInLocation("2006-01-02", c.Date, b.opts.Location); err == nil {
		day = t.Format("02/01/2006")
		example = "7h30 " + day
	}
	_, err = b.reply(q.Message.Chat.ID, T(lang, "ev_candidate_start", esc(d.Title), day, example), eventCancelKeyboard(lang, false))
	return err
}
