package documents

import (
	"context"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
)

// ReminderDays are how many days before a deadline its unit is reminded.
var ReminderDays = []int{3, 1}

// Prefixes of the keys of the reminders this room writes (the scheduler fires them).
const (
	TasksPrefix   = "tasks:"   // "tasks:<unit>:<day>": a unit's tasks due in 1 or 3 days
	OverduePrefix = "overdue:" // "overdue:<day>": the administrators' overdue digest
)

// DefaultRemindAt is 7h00, when deadline reminders and the overdue digest go out.
const DefaultRemindAt = 7 * 60

func (s *Service) remindAt(day time.Time) time.Time {
	m := DefaultRemindAt
	if s.RemindAt != nil {
		m = *s.RemindAt
	}
	return time.Date(day.Year(), day.Month(), day.Day(), m/60, m%60, 0, 0, s.location())
}

// reminders are the occurrences a sent document's deadlines need: one per unit per day, so a
// unit with three tasks due hears of them in one message; only those still ahead.
func (s *Service) reminders(tasks []loa.DocumentTask) []loa.Occurrence {
	now := s.now()
	seen := map[string]bool{}
	var out []loa.Occurrence
	for _, t := range tasks {
		due, err := time.ParseInLocation(time.DateOnly, t.Deadline, s.location())
		if err != nil || t.DoneAt != nil || t.UnitKey == "" {
			continue
		}
		for _, n := range ReminderDays {
			at := s.remindAt(due.AddDate(0, 0, -n))
			key := TasksPrefix + t.UnitKey + ":" + at.Format(time.DateOnly)
			if !at.After(now) || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, loa.Occurrence{Key: key, DueAt: at, Status: loa.OccurrencePending})
		}
	}
	return out
}

// Upcoming is the next overdue digest, for the scheduler to store: today's until an hour after
// its time (a restart just after it still sends it), else tomorrow's. Its key makes it fire
// once however many processes offer it.
func (s *Service) Upcoming(now time.Time) []loa.Occurrence {
	if len(s.Admins) == 0 || s.Store == nil {
		return nil
	}
	local := now.In(s.location())
	at := s.remindAt(local)
	if now.Sub(at) > time.Hour {
		at = s.remindAt(local.AddDate(0, 0, 1))
	}
	return []loa.Occurrence{{Key: OverduePrefix + at.Format(time.DateOnly), DueAt: at, Status: loa.OccurrencePending}}
}

// Reminder writes the notice an occurrence of this room stands for; ok is false when nothing
// is due any more (every task done, none overdue): nothing is sent.
func (s *Service) Reminder(ctx context.Context, occ loa.Occurrence, now time.Time) (loa.Notice, bool, error) {
	switch {
	case strings.HasPrefix(occ.Key, TasksPrefix):
		rest := strings.TrimPrefix(occ.Key, TasksPrefix)
		i := strings.LastIndex(rest, ":")
		if i < 0 {
			return loa.Notice{}, false, fmt.Errorf("reminder %q: no day", occ.Key)
		}
		return s.unitReminder(ctx, rest[:i], rest[i+1:])
	case strings.HasPrefix(occ.Key, OverduePrefix):
		return s.digest(ctx, strings.TrimPrefix(occ.Key, OverduePrefix))
	}
	return loa.Notice{}, false, fmt.Errorf("reminder %q is not a document's", occ.Key)
}

func (s *Service) unitReminder(ctx context.Context, unit, dayText string) (loa.Notice, bool, error) {
	day, err := time.Parse(time.DateOnly, dayText)
	if err != nil {
		return loa.Notice{}, false, fmt.Errorf("reminder of %s: day %q: %w", unit, dayText, err)
	}
	var deadlines []string
	for _, n := range ReminderDays {
		deadlines = append(deadlines, day.AddDate(0, 0, n).Format(time.DateOnly))
	}
	tasks, err := s.Store.OpenTasksDue(ctx, unit, deadlines)
	if err != nil || len(tasks) == 0 {
		return loa.Notice{}, false, err
	}
	var b strings.Builder
	b.WriteString(texts.T("vi", "dt_reminder_head"))
	var buttons []loa.Button
	for i, t := range tasks {
		due, _ := time.Parse(time.DateOnly, t.Deadline)
		left := int(due.Sub(day).Hours() / 24)
		fmt.Fprintf(&b, "\n%d. %s %s\n   %s", i+1, html.EscapeString(t.Text), texts.T("vi", "dt_task_code", t.ID),
			texts.T("vi", "dt_reminder_due", officialDay(due), left, html.EscapeString(docLabel(t))))
		buttons = append(buttons, loa.Button{Text: texts.T("vi", "dt_done_button", i+1), Data: "dt:" + strconv.FormatInt(t.ID, 10)})
	}
	return loa.Notice{Text: b.String(), Audience: loa.Audience{Units: []string{unit}}, Buttons: buttons}, true, nil
}

// docLabel names a task's document briefly: "45/KH-UBND", else its title.
func docLabel(t loa.OpenTask) string {
	if t.Number != "" {
		return t.Number
	}
	if t.Title != "" {
		return t.Title
	}
	return texts.T("vi", "doc_type_other")
}

// digest is the administrators' one message of the tasks overdue on day, by document and unit.
func (s *Service) digest(ctx context.Context, dayText string) (loa.Notice, bool, error) {
	if len(s.Admins) == 0 {
		return loa.Notice{}, false, nil
	}
	tasks, err := s.Store.OverdueTasks(ctx, dayText)
	if err != nil || len(tasks) == 0 {
		return loa.Notice{}, false, err
	}
	names, err := s.unitNames(ctx)
	if err != nil {
		return loa.Notice{}, false, err
	}
	day, _ := time.Parse(time.DateOnly, dayText)
	var b strings.Builder
	b.WriteString(texts.T("vi", "dt_digest_head", officialDay(day), len(tasks)))
	var doc int64
	unit := ""
	for _, t := range tasks {
		if t.DocumentID != doc {
			doc, unit = t.DocumentID, ""
			b.WriteString("\n\n📄 <b>" + html.EscapeString(docLabel(t)) + "</b>")
			if t.Number != "" && t.Title != "" {
				b.WriteString(" — " + html.EscapeString(t.Title))
			}
		}
		if t.UnitKey != unit {
			unit = t.UnitKey
			b.WriteString("\n• " + html.EscapeString(names[unit]) + ":")
		}
		due, _ := time.Parse(time.DateOnly, t.Deadline)
		b.WriteString("\n   – " + html.EscapeString(t.Text) + " " + texts.T("vi", "dt_overdue_since", officialDay(due)))
	}
	return loa.Notice{Text: b.String(), Audience: loa.Audience{Chats: s.Admins}}, true, nil
}

func (s *Service) unitNames(ctx context.Context) (map[string]string, error) {
	units, err := s.Units.Units(ctx)
	if err != nil {
		return nil, fmt.Errorf("unit names: %w", err)
	}
	out := make(map[string]string, len(units))
	for _, u := range units {
		out[u.Key] = u.Name
	}
	return out, nil
}

// MaxReport is the longest report a done mark may carry.
const MaxReport = 500

// MarkDone records a task done by the person, with an optional one-line report: an
// administrator may mark any task, a leader those of the units in their scope. first is false
// when it was marked before (its first mark stands; a report given now replaces the old one).
func (s *Service) MarkDone(ctx context.Context, p Person, taskID int64, report string) (loa.DocumentTask, bool, error) {
	if s.Store == nil || s.Issuer == nil {
		return loa.DocumentTask{}, false, fmt.Errorf("task %d: documents are not kept here", taskID)
	}
	report = strings.Join(strings.Fields(report), " ")
	if utf8.RuneCountInString(report) > MaxReport || loa.CheckText(report) != nil {
		return loa.DocumentTask{}, false, ErrBadReport
	}
	t, err := s.Store.DocumentTask(ctx, taskID)
	if err != nil {
		return t, false, err
	}
	if t.UnitKey == "" {
		return t, false, fmt.Errorf("task %d was sent to no unit: %w", taskID, loa.ErrNotFound)
	}
	if err := s.mayAddress(ctx, p, []string{t.UnitKey}); err != nil {
		return t, false, err
	}
	return s.Store.MarkTaskDone(ctx, taskID, p.Name, report, s.now())
}

// ErrBadReport refuses a report longer than MaxReport or holding a NUL character.
var ErrBadReport = fmt.Errorf("report longer than %d characters or unreadable", MaxReport)
