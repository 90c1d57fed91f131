package main

import (
	"cmp"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/when"
)

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, strings.Split(v, ",")...); return nil }

// broadcast queues a notice; a running `loa serve` sends it.
func (a *admin) broadcast(args []string) error {
	fs := a.flags("broadcast")
	var topics, units, roles multi
	fs.Var(&topics, "topic", "topic key (repeatable)")
	fs.Var(&units, "unit", "unit key, includes its sub-units (repeatable)")
	fs.Var(&roles, "role", "leader, officer, militia or group (repeatable)")
	all := fs.Bool("all", false, "every active member")
	anyMode := fs.Bool("any", false, "match any of topic/unit/role instead of all of them")
	ack := fs.Bool("ack", false, "ask recipients to confirm receipt")
	urgent := fs.Bool("urgent", false, "send before queued normal notices")
	exercise := fs.Bool("exercise", false, "mark as exercise (drill) traffic")
	from := fs.String("from", "", "who the notice says it comes from (default: the district's military command in the catalogue)")
	at := fs.String("at", "", `send at a local time, "2024-06-10 07:00" (default now)`)
	text := fs.String("text", "", "the notice text")
	file := fs.String("file", "", "read the notice text from a file")
	dryRun := fs.Bool("dry-run", false, "list the recipients and send nothing")
	update := fs.Int64("update", 0, "send the text as an update of notice ID, to the same recipients")
	retract := fs.Int64("retract", 0, "cancel notice ID: stop what is unsent and tell those who got it (--text gives the reason)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := a.parse(fs, args[1:]); err != nil {
		return err
	}
	if *update != 0 || *retract != 0 {
		return a.followUp(*update, *retract, *text, *urgent)
	}
	if (*text == "") == (*file == "") {
		return fmt.Errorf("%w: give exactly one of --text or --file", errUsage)
	}
	body := *text
	if *file != "" {
		data, err := os.ReadFile(*file)
		if err != nil {
			return err
		}
		body = string(data)
	}
	if strings.TrimSpace(body) == "" {
		return fmt.Errorf("%w: the notice text is empty", errUsage)
	}
	aud := loa.Audience{Topics: topics, Units: units, Roles: roles, All: *all}
	if *anyMode {
		aud.Mode = "any"
	}
	if aud.Empty() {
		return fmt.Errorf("%w: say who receives it: --topic, --unit, --role or --all", errUsage)
	}
	if err := a.checkAudience(aud); err != nil {
		return err
	}
	if *dryRun {
		chats, err := a.db.Recipients(a.ctx, aud)
		if err != nil {
			return err
		}
		if *asJSON {
			return a.printJSON(map[string]any{"recipients": len(chats), "chats": chats})
		}
		for _, c := range chats {
			fmt.Fprintf(a.e.stdout, "%d\t%s\t%s\n", c.ID, c.Role, c.Title)
		}
		fmt.Fprintf(a.e.stdout, "%d recipients; nothing sent (--dry-run)\n", len(chats))
		return nil
	}
	catalogue, err := a.db.Units(a.ctx)
	if err != nil {
		return err
	}
	n := loa.Notice{Origin: loa.OriginBroadcast, Text: loa.BroadcastText(body), RequiresAck: *ack, Exercise: *exercise,
		Sender:   cmp.Or(*from, loa.DefaultSender(catalogue)),
		Audience: aud, CreatedBy: cliActor()}
	if *urgent {
		n.Priority = loa.PriorityUrgent
	}
	if *at != "" {
		when, err := when.Parse(*at, time.Now(), a.cfg.Location)
		if err != nil {
			return fmt.Errorf("%w: --at %v", errUsage, err)
		}
		if !when.After(time.Now()) {
			return fmt.Errorf("%w: --at %s is in the past", errUsage, *at)
		}
		n.SendAt = &when
	}
	n, err = a.db.CreateNotice(a.ctx, n)
	if err != nil {
		return err
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: "broadcast", Target: strconv.FormatInt(n.ID, 10),
		Detail: fmt.Sprintf("%d recipients", n.Recipients), Allowed: true})
	if *asJSON {
		return a.printJSON(map[string]any{"notice_id": n.ID, "recipients": n.Recipients})
	}
	if n.SendAt != nil {
		fmt.Fprintf(a.e.stdout, "notice %d scheduled for %s, %d recipients (cancel with: loa notices cancel %d)\n", n.ID,
			n.SendAt.In(a.cfg.Location).Format("2006-01-02 15:04"), n.Recipients, n.ID)
		return nil
	}
	fmt.Fprintf(a.e.stdout, "notice %d queued for %d recipients\n", n.ID, n.Recipients)
	return nil
}

// notices lists scheduled broadcasts or cancels one before it fires.
func (a *admin) notices(args []string) error {
	fs := a.flags("notices " + args[0])
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if args[0] == "cancel" {
		if len(pos) != 1 {
			return fmt.Errorf("%w: notices cancel needs one NOTICE_ID", errUsage)
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return fmt.Errorf("%w: %q is not a notice ID", errUsage, pos[0])
		}
		n, err := a.db.CancelNotice(a.ctx, id)
		if err != nil {
			return err
		}
		a.record(loa.AuditEntry{Actor: cliActor(), Action: "notice.cancel", Target: pos[0], Detail: fmt.Sprintf("%d deliveries cancelled", n), Allowed: true})
		fmt.Fprintf(a.e.stdout, "notice %d cancelled; %d deliveries not sent\n", id, n)
		return nil
	}
	scheduled, err := a.db.ScheduledNotices(a.ctx, time.Now())
	if err != nil {
		return err
	}
	return list(a, *asJSON, scheduled, "ID\tSEND AT\tRECIPIENTS\tBY\tTEXT", func(n loa.Notice) (string, error) {
		text := strings.ReplaceAll(n.Text, "\n", " ")
		return fmt.Sprintf("%d\t%s\t%d\t%s\t%.60s", n.ID, n.SendAt.In(a.cfg.Location).Format("2006-01-02 15:04"), n.Recipients, n.CreatedBy, text), nil
	})
}

// report prints who received and acknowledged a notice, per unit.
func (a *admin) report(args []string) error {
	fs := a.flags("report")
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "print CSV")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: report needs one NOTICE_ID", errUsage)
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %q is not a notice ID", errUsage, pos[0])
	}
	n, err := a.db.Notice(a.ctx, id)
	if err != nil {
		return err
	}
	rows, err := a.db.Report(a.ctx, id)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		return a.printJSON(map[string]any{"notice_id": id, "status": n.Status, "requires_ack": n.RequiresAck, "units": rows})
	case *asCSV:
		people, err := a.db.Deliveries(a.ctx, id)
		if err != nil {
			return err
		}
		_, err = a.e.stdout.Write(loa.ReportCSV(a.cfg.Language, a.cfg.Location, people, rows))
		return err
	}
	if n.Status == loa.NoticeCancelled {
		fmt.Fprintf(a.e.stdout, "notice %d was cancelled\n", id)
	}
	tw := tabwriter.NewWriter(a.e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "UNIT\tRECIPIENTS\tSENT\tPAID\tFAILED\tBLOCKED\tACKNOWLEDGED\tPENDING")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", r.Unit, r.Recipients, r.Sent, r.Paid, r.Failed, r.Blocked, r.Acknowledged, r.Pending)
	}
	tw.Flush()
	if n.RequiresAck {
		for _, r := range rows {
			if len(r.NotAcked) > 0 {
				fmt.Fprintf(a.e.stdout, "not yet acknowledged in %s: %s\n", r.Unit, strings.Join(r.NotAcked, ", "))
			}
		}
	}
	return nil
}

// followUp sends an update or a cancellation of an earlier notice (see loa.FollowUp).
func (a *admin) followUp(update, retract int64, text string, urgent bool) error {
	if update != 0 && retract != 0 {
		return fmt.Errorf("%w: give --update or --retract, not both", errUsage)
	}
	id := update + retract
	by := cliActor()
	n, stopped, err := loa.FollowUp(a.ctx, a.db, id, text, retract != 0, by)
	if err != nil {
		return err
	}
	if urgent && n.ID != 0 && n.Priority != loa.PriorityUrgent {
		fmt.Fprintln(a.e.stderr, "note: --urgent applies to new notices; the update keeps the original's priority")
	}
	action := map[bool]string{true: "notice.update", false: "notice.retract"}[update != 0]
	a.record(loa.AuditEntry{Actor: by, Action: action, Target: strconv.FormatInt(id, 10), Detail: fmt.Sprintf("%d recipients", n.Recipients), Allowed: true})
	if n.ID == 0 {
		fmt.Fprintf(a.e.stdout, "notice %d reached nobody yet; %d unsent deliveries cancelled\n", id, stopped)
		return nil
	}
	fmt.Fprintf(a.e.stdout, "notice %d (about notice %d) queued for %d recipients; %d unsent deliveries cancelled\n", n.ID, id, n.Recipients, stopped)
	return nil
}
