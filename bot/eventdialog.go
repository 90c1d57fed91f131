package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/when"
)

// /sukien walks an administrator through creating an event with reminders:
// kind (buttons) → title → start → place (or skip) → confirm. The draft is stored per chat;
// cancelling at any step deletes it.
var eventKinds = []string{loa.EventDrill, loa.EventShootingContest, loa.EventSportsContest, loa.EventRecruitment,
	loa.EventEnlistment, loa.EventMedicalExam, loa.EventTraining, loa.EventMeeting, loa.EventOther}

func (b *Bot) cmdNewEvent(ctx context.Context, m *tgbotapi.Message, lang string) error {
	allowed := b.isAdmin(m.From.ID) && m.Chat.IsPrivate() && b.opts.Planner != nil
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(m.From), Action: "event.start", Allowed: allowed})
	if !allowed {
		_, err := b.reply(m.Chat.ID, T(lang, "not_admin"), nil)
		return err
	}
	if err := b.drafts.SaveEventDraft(ctx, loa.EventDraft{ChatID: m.Chat.ID, UserID: m.From.ID, Step: "kind"}); err != nil {
		return err
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, k := range eventKinds {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "kind_"+k), "ed:k:"+k)))
	}
	rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_cancel"), "ed:cancel")))
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	_, err := b.reply(m.Chat.ID, T(lang, "ev_ask_kind"), &kb)
	return err
}

func eventCancelKeyboard(lang string, skip bool) *tgbotapi.InlineKeyboardMarkup {
	row := []tgbotapi.InlineKeyboardButton{tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_cancel"), "ed:cancel")}
	if skip {
		row = append([]tgbotapi.InlineKeyboardButton{tgbotapi.NewInlineKeyboardButtonData(T(lang, "ev_skip"), "ed:skip")}, row...)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(row)
	return &kb
}

// onEventDraftMessage takes the typed title, start time or place; it reports whether the
// message belonged to an event draft.
func (b *Bot) onEventDraftMessage(ctx context.Context, m *tgbotapi.Message, lang string) (bool, error) {
	d, err := b.drafts.EventDraft(ctx, m.Chat.ID)
	if errors.Is(err, loa.ErrNotFound) || (err == nil && d.UserID != m.From.ID) {
		return false, nil
	} else if err != nil {
		return true, err
	}
	text := strings.TrimSpace(m.Text)
	switch d.Step {
	case "title":
		if text == "" {
			_, err := b.reply(m.Chat.ID, T(lang, "ev_ask_title"), eventCancelKeyboard(lang, false))
			return true, err
		}
		d.Title, d.Step = text, "start"
		if err := b.drafts.SaveEventDraft(ctx, d); err != nil {
			return true, err
		}
		_, err := b.reply(m.Chat.ID, T(lang, "ev_ask_start", when.Example(b.opts.Now(), b.opts.Location)), eventCancelKeyboard(lang, false))
		return true, err
	case "start":
		start, problem := b.readTime(text, lang)
		if problem != "" {
			_, err := b.reply(m.Chat.ID, problem, eventCancelKeyboard(lang, false))
			return true, err
		}
		d.Start, d.Step = &start, "place"
		if d.CandidateID != nil {
			return true, b.eventConfirm(ctx, d, lang) // the article named the place
		}
		if err := b.drafts.SaveEventDraft(ctx, d); err != nil {
			return true, err
		}
		_, err = b.reply(m.Chat.ID, T(lang, "ev_ask_place"), eventCancelKeyboard(lang, true))
		return true, err
	case "place":
		d.Place = text
		return true, b.eventConfirm(ctx, d, lang)
	}
	return false, nil
}

// eventRefusal says in lang why an event cannot be scheduled at that time.
func eventRefusal(lang string, err error) string {
	switch {
	case errors.Is(err, loa.ErrEventPast):
		return T(lang, "event_refused_past")
	case errors.Is(err, loa.ErrMorningAfter):
		return T(lang, "event_refused_morning")
	case errors.Is(err, loa.ErrConflict):
		return T(lang, "event_already")
	}
	return T(lang, "event_refused_other")
}

// offsetNames says reminder offsets as people do: "7 ngày, 1 ngày, 2 giờ, sáng hôm đó".
func offsetNames(lang string, offsets []string) string {
	var out []string
	for _, off := range offsets {
		if off == "morning" {
			out = append(out, T(lang, "offset_morning"))
			continue
		}
		n, unit := off[:len(off)-1], off[len(off)-1:]
		out = append(out, T(lang, "offset_"+unit, n))
	}
	return strings.Join(out, ", ")
}

// reminderTimes lists when reminders will fire, in full, one a line: exactly what the
// scheduler planned, so an official is never promised a reminder that cannot come.
func (b *Bot) reminderTimes(lang string, plan []loa.Occurrence) string {
	if len(plan) == 0 {
		return T(lang, "reminders_none")
	}
	var lines []string
	for _, o := range plan {
		if o.Offset == loa.OffsetNow {
			lines = append(lines, "\n• "+T(lang, "reminder_at_once"))
			continue
		}
		lines = append(lines, "\n• "+when.Long(o.DueAt, b.opts.Location, lang))
	}
	return strings.Join(lines, "")
}

// topicLabels lists topics by name, or says everyone when there are none.
func (b *Bot) topicLabels(ctx context.Context, lang string, keys []string) string {
	if len(keys) == 0 {
		return T(lang, "bc_everyone")
	}
	names, _ := b.topicNameList(ctx, lang, keys) // a confirmation without names is still one
	return strings.Join(names, ", ")
}

func (b *Bot) eventConfirm(ctx context.Context, d loa.EventDraft, lang string) error {
	d.Step = "confirm"
	if err := b.drafts.SaveEventDraft(ctx, d); err != nil {
		return err
	}
	place := d.Place
	if place == "" {
		place = "—"
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(T(lang, "ev_save"), "ed:save"), tgbotapi.NewInlineKeyboardButtonData(T(lang, "bc_cancel"), "ed:cancel")))
	reminders := offsetNames(lang, loa.DefaultOffsets[d.Kind])
	if plan, err := b.opts.Planner.PlanReminders(loa.Event{Kind: d.Kind, Title: d.Title, Start: *d.Start, Place: d.Place}); err == nil {
		reminders = b.reminderTimes(lang, plan)
	}
	_, err := b.reply(d.ChatID, T(lang, "ev_confirm", T(lang, "kind_"+d.Kind), esc(d.Title), when.Long(*d.Start, b.opts.Location, lang),
		esc(place), reminders, b.topicLabels(ctx, lang, loa.DefaultTopics[d.Kind])), &kb)
	return err
}

// onEventDraftButton handles "ed:" buttons.
func (b *Bot) onEventDraftButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string, parts []string) error {
	chatID := q.Message.Chat.ID
	d, err := b.drafts.EventDraft(ctx, chatID)
	if errors.Is(err, loa.ErrNotFound) || (err == nil && d.UserID != q.From.ID) {
		b.answer(q.ID, T(lang, "stale_button"), false)
		return nil
	} else if err != nil {
		return err
	}
	if !b.adminPress(ctx, q, lang, "event.dialogue", parts[0]) {
		return b.drafts.DeleteEventDraft(ctx, chatID)
	}
	b.answer(q.ID, "", false)
	switch {
	case parts[0] == "cancel":
		if err := b.drafts.DeleteEventDraft(ctx, chatID); err != nil {
			return err
		}
		return b.edit(chatID, q.Message.MessageID, T(lang, "bc_cancelled"), nil)
	case parts[0] == "k" && len(parts) == 2 && d.Step == "kind" && loa.DefaultOffsets[parts[1]] != nil:
		d.Kind, d.Step = parts[1], "title"
		if err := b.drafts.SaveEventDraft(ctx, d); err != nil {
			return err
		}
		return b.edit(chatID, q.Message.MessageID, T(lang, "ev_ask_title"), eventCancelKeyboard(lang, false))
	case parts[0] == "skip" && d.Step == "place":
		return b.eventConfirm(ctx, d, lang)
	case parts[0] == "save" && d.Step == "confirm":
		var e loa.Event
		if d.CandidateID != nil {
			e, err = b.opts.Planner.ConfirmCandidate(ctx, *d.CandidateID, d.Start, actor(q.From))
		} else {
			e, err = b.opts.Planner.AddEvent(ctx, loa.Event{Kind: d.Kind, Title: d.Title, Start: *d.Start, Place: d.Place, CreatedBy: actor(q.From)})
		}
		if err != nil {
			// Back to the time: the reason is almost always a start that does not fit.
			d.Step = "start"
			if serr := b.drafts.SaveEventDraft(ctx, d); serr != nil {
				return serr
			}
			_, rerr := b.reply(chatID, T(lang, "event_refused_why", eventRefusal(lang, err)), eventCancelKeyboard(lang, false))
			return rerr
		}
		if err := b.drafts.DeleteEventDraft(ctx, chatID); err != nil {
			return err
		}
		b.audit.Record(ctx, loa.AuditEntry{Actor: actor(q.From), Action: "event.add", Target: strconv.FormatInt(e.ID, 10), Detail: e.Title, Allowed: true})
		return b.edit(chatID, q.Message.MessageID, T(lang, "event_scheduled", e.ID, esc(e.Title), when.Long(e.Start, b.opts.Location, lang),
			b.reminderTimes(lang, e.Reminders)), nil)
	}
	return nil
}
