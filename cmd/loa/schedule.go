package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/scheduler"
	"github.com/loa-vn/loa/when"
)

func (a *admin) scheduler() *scheduler.Scheduler {
	return scheduler.New(a.db, scheduler.Options{Location: a.cfg.Location, MinInterval: a.cfg.Reminders.MinInterval})
}

// nextRun is a rule's next firing as listed: "-" when it is paused or never fires.
func (a *admin) nextRun(s *scheduler.Scheduler, r loa.Rule) (string, error) {
	next, ok, err := s.Next(a.ctx, r)
	if err != nil || !ok {
		return "-", err
	}
	return next.In(a.cfg.Location).Format("2006-01-02 15:04"), nil
}

// audienceFlags registers --topic, --unit, --role and --all.
func audienceFlags(fs *flag.FlagSet) func() loa.Audience {
	var topics, units, roles multi
	fs.Var(&topics, "topic", "topic key (repeatable)")
	fs.Var(&units, "unit", "unit key, includes its sub-units (repeatable)")
	fs.Var(&roles, "role", "leader, officer, militia or group (repeatable)")
	all := fs.Bool("all", false, "every active member")
	return func() loa.Audience { return loa.Audience{Topics: topics, Units: units, Roles: roles, All: *all} }
}

// checkAudience refuses topics, units and roles that do not exist, naming the flag.
func (a *admin) checkAudience(aud loa.Audience) error {
	return flagAudienceError(loa.CheckAudience(a.ctx, a.db, aud))
}

// flagAudienceError names the command-line flag of an audience error; other errors pass.
func flagAudienceError(err error) error {
	var ae *loa.AudienceError
	if !errors.As(err, &ae) {
		return err
	}
	flag := map[string]string{"topics": "--topic", "units": "--unit", "roles": "--role"}[ae.Field]
	list := map[string]string{"topics": "loa topics list", "units": "loa units list", "roles": "leader, officer, militia, group"}[ae.Field]
	return fmt.Errorf("%w: %s %q does not exist (see %s)", errUsage, flag, ae.Value, list)
}

// eventFlags are the fields an event can be given or changed with.
type eventFlags struct {
	kind, title, start, end, place, offsets, notes *string
	audience                                       func() loa.Audience
}

func newEventFlags(fs *flag.FlagSet) eventFlags {
	return eventFlags{
		kind:     fs.String("kind", "", "drill, shooting_contest, sports_contest, recruitment, enlistment, medical_exam, training, meeting, other"),
		title:    fs.String("title", "", "what happens"),
		start:    fs.String("start", "", `local start time, "2024-06-15 07:30"`),
		end:      fs.String("end", "", "local end time (optional)"),
		place:    fs.String("place", "", "where"),
		offsets:  fs.String("offsets", "", "reminders before the start, e.g. 7d,1d,2h,morning (default by kind)"),
		notes:    fs.String("notes", "", "notes shown in reminders"),
		audience: audienceFlags(fs),
	}
}

// apply copies the flags that were set onto e.
func (f eventFlags) apply(fs *flag.FlagSet, e *loa.Event, loc *time.Location) error {
	var err error
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if set["kind"] {
		e.Kind = *f.kind
	}
	if set["title"] {
		e.Title = *f.title
	}
	if set["place"] {
		e.Place = *f.place
	}
	if set["notes"] {
		e.Notes = *f.notes
	}
	if set["offsets"] {
		e.Offsets = strings.Split(*f.offsets, ",")
	}
	if set["start"] {
		if e.Start, err = when.Parse(*f.start, time.Now(), loc); err != nil {
			return fmt.Errorf("%w: --start %v", errUsage, err)
		}
	}
	if set["end"] {
		end, err := when.Parse(*f.end, time.Now(), loc)
		if err != nil {
			return fmt.Errorf("%w: --end %v", errUsage, err)
		}
		e.End = &end
	}
	if aud := f.audience(); !aud.Empty() {
		e.Audience = aud
	}
	return nil
}

func (a *admin) events(args []string) error {
	fs := a.flags("events " + args[0])
	ef := newEventFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	includeAll := fs.Bool("past", false, "with list: include past and cancelled events")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	s := a.scheduler()
	by := cliActor()
	id := func() (int64, error) {
		if len(pos) != 1 {
			return 0, fmt.Errorf("%w: events %s needs one ID", errUsage, args[0])
		}
		n, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%w: %q is not an ID", errUsage, pos[0])
		}
		return n, nil
	}
	var e loa.Event
	switch args[0] {
	case "list":
		from := time.Now()
		if *includeAll {
			from = time.Time{}
		}
		events, err := a.db.Events(a.ctx, from, *includeAll)
		if err != nil {
			return err
		}
		return list(a, *asJSON, events, "ID\tSTART\tKIND\tTITLE\tPLACE\tREMINDERS\tSTATUS", func(e loa.Event) (string, error) {
			return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s\t%s", e.ID, e.Start.In(a.cfg.Location).Format("2006-01-02 15:04"), e.Kind, e.Title, e.Place, strings.Join(e.Offsets, ","), e.Status), nil
		})
	case "add":
		e.CreatedBy = by
		if err := ef.apply(fs, &e, a.cfg.Location); err != nil {
			return err
		}
		if e.Kind == "" {
			e.Kind = loa.EventOther
		}
		e, err = s.AddEvent(a.ctx, e)
	case "edit":
		n, err := id()
		if err != nil {
			return err
		}
		if e, err = a.db.Event(a.ctx, n); err != nil {
			return err
		}
		if err := ef.apply(fs, &e, a.cfg.Location); err != nil {
			return err
		}
		if e, err = s.EditEvent(a.ctx, e, by); err != nil {
			return flagAudienceError(err)
		}
	case "cancel":
		n, err := id()
		if err != nil {
			return err
		}
		e, err = s.CancelEvent(a.ctx, n, by)
		if err != nil {
			return err
		}
	case "confirm":
		n, err := id()
		if err != nil {
			return err
		}
		var start *time.Time
		if *ef.start != "" {
			t, err := when.Parse(*ef.start, time.Now(), a.cfg.Location)
			if err != nil {
				return fmt.Errorf("%w: --start %v", errUsage, err)
			}
			start = &t
		}
		e, err = s.ConfirmCandidate(a.ctx, n, start, by)
		if err != nil {
			return err
		}
	case "import":
		if len(pos) != 1 {
			return fmt.Errorf("%w: events import needs one FILE.yaml", errUsage)
		}
		return a.importEvents(s, pos[0], by)
	}
	if err := flagAudienceError(err); err != nil {
		return err
	}
	a.record(loa.AuditEntry{Actor: by, Action: "event." + args[0], Target: strconv.FormatInt(e.ID, 10), Detail: e.Title, Allowed: true})
	if *asJSON {
		return a.printJSON(e)
	}
	fmt.Fprintf(a.e.stdout, "event %d %s: %s, %s (%s)\n", e.ID, e.Status, e.Title, e.Start.In(a.cfg.Location).Format("2006-01-02 15:04"), strings.Join(e.Offsets, ","))
	for _, r := range e.Reminders {
		fmt.Fprintf(a.e.stdout, "  reminder %s (%s)\n", r.DueAt.In(a.cfg.Location).Format("2006-01-02 15:04"), r.Offset)
	}
	return nil
}

// importEvents reads a YAML list of events; one bad entry stops the import before anything is
// saved.
func (a *admin) importEvents(s *scheduler.Scheduler, path, by string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var rows []struct {
		Kind    string   `yaml:"kind"`
		Title   string   `yaml:"title"`
		Start   string   `yaml:"start"`
		End     string   `yaml:"end"`
		Place   string   `yaml:"place"`
		Offsets []string `yaml:"offsets"`
		Notes   string   `yaml:"notes"`
		Topics  []string `yaml:"topics"`
		Units   []string `yaml:"units"`
		Roles   []string `yaml:"roles"`
	}
	if err := yaml.Unmarshal(data, &rows); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var events []loa.Event
	for i, r := range rows {
		e := loa.Event{Kind: r.Kind, Title: r.Title, Place: r.Place, Offsets: r.Offsets, Notes: r.Notes, CreatedBy: by,
			Audience: loa.Audience{Topics: r.Topics, Units: r.Units, Roles: r.Roles}}
		if e.Kind == "" {
			e.Kind = loa.EventOther
		}
		if e.Start, err = when.Parse(r.Start, time.Now(), a.cfg.Location); err != nil {
			return fmt.Errorf("%s: entry %d (%s): start %v; nothing imported", path, i+1, r.Title, err)
		}
		if r.End != "" {
			end, err := when.Parse(r.End, time.Now(), a.cfg.Location)
			if err != nil {
				return fmt.Errorf("%s: entry %d (%s): end %v; nothing imported", path, i+1, r.Title, err)
			}
			e.End = &end
		}
		if e.Title == "" {
			return fmt.Errorf("%s: entry %d has no title; nothing imported", path, i+1)
		}
		if !e.Start.After(time.Now()) {
			return fmt.Errorf("%s: entry %d (%s) starts in the past; nothing imported", path, i+1, r.Title)
		}
		events = append(events, e)
	}
	for _, e := range events {
		saved, err := s.AddEvent(a.ctx, e)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", path, e.Title, err)
		}
		fmt.Fprintf(a.e.stdout, "event %d: %s, %s\n", saved.ID, saved.Title, saved.Start.In(a.cfg.Location).Format("2006-01-02 15:04"))
	}
	a.record(loa.AuditEntry{Actor: by, Action: "event.import", Target: path, Detail: strconv.Itoa(len(events)) + " events", Allowed: true})
	return nil
}

func (a *admin) reminders(args []string) error {
	fs := a.flags("reminders " + args[0])
	spec := fs.String("rule", "", `cron rule in local time: "0 7 * * 1" (Mondays 07:00) or @daily`)
	message := fs.String("message", "", "the reminder text")
	name := fs.String("name", "", "a short name")
	audience := audienceFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	s := a.scheduler()
	by := cliActor()
	switch args[0] {
	case "add":
		r, err := s.AddRule(a.ctx, loa.Rule{Name: *name, Spec: *spec, Message: *message, Audience: audience(), CreatedBy: by})
		if err := flagAudienceError(err); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		a.record(loa.AuditEntry{Actor: by, Action: "reminder.add", Target: strconv.FormatInt(r.ID, 10), Detail: r.Spec, Allowed: true})
		next, err := a.nextRun(s, r)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.e.stdout, "reminder %d: %q, next %s\n", r.ID, r.Spec, next)
		return nil
	case "list":
		rules, err := a.db.Rules(a.ctx)
		if err != nil {
			return err
		}
		return list(a, *asJSON, rules, "ID\tRULE\tNEXT\tPAUSED\tNAME\tMESSAGE", func(r loa.Rule) (string, error) {
			next, err := a.nextRun(s, r)
			return fmt.Sprintf("%d\t%s\t%s\t%t\t%s\t%s", r.ID, r.Spec, next, r.Paused, r.Name, r.Message), err
		})
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: reminders %s needs one ID", errUsage, args[0])
	}
	n, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %q is not an ID", errUsage, pos[0])
	}
	switch args[0] {
	case "pause", "resume":
		err = a.db.SetRulePaused(a.ctx, n, args[0] == "pause")
	case "rm":
		err = a.db.DeleteRule(a.ctx, n)
	}
	if err != nil {
		return err
	}
	a.record(loa.AuditEntry{Actor: by, Action: "reminder." + args[0], Target: pos[0], Allowed: true})
	fmt.Fprintf(a.e.stdout, "reminder %d: %s done\n", n, args[0])
	return nil
}
