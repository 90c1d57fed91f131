package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/sheets"
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
	aud := loa.Audience{Topics: topics, Units: units, Roles: roles, All: *all}
	if *anyMode {
		aud.Mode = "any"
	}
	if err := a.checkAudience(aud); err != nil {
		return err // names the flag at fault
	}
	req := notices.Request{Text: body, Audience: aud, Urgent: *urgent, Ack: *ack, Exercise: *exercise, SendAt: *at, From: *from}
	if *dryRun {
		n, err := a.notes().Prepare(a.ctx, a.actor(), req)
		if err != nil {
			return a.refusal(err)
		}
		chats, err := a.db.Recipients(a.ctx, n.Audience)
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
	n, err := a.notes().Create(a.ctx, a.actor(), req)
	if err != nil {
		return a.refusal(err)
	}
	if *asJSON {
		return a.printJSON(map[string]any{"notice_id": n.ID, "number": n.Number, "recipients": n.Recipients})
	}
	label := notices.Label(a.cfg.Language, n)
	if n.SendAt != nil {
		fmt.Fprintf(a.e.stdout, "notice %d scheduled for %s, %d recipients (cancel with: loa notices cancel %d): %s\n", n.ID,
			n.SendAt.In(a.cfg.Location).Format("2006-01-02 15:04"), n.Recipients, n.ID, label)
		return nil
	}
	fmt.Fprintf(a.e.stdout, "notice %d queued for %d recipients: %s\n", n.ID, n.Recipients, label)
	return nil
}

// notes is the notices room on the command line's database.
func (a *admin) notes() *notices.Service {
	return notices.New(a.db, notices.Options{Location: a.cfg.Location, Logger: slog.New(slog.NewTextHandler(a.e.stderr, nil))})
}

// actor is whoever runs the command line: they act for the office, as an administrator.
func (a *admin) actor() notices.Actor {
	return notices.Actor{Name: cliActor(), Admin: true, Door: "cli"}
}

// refusal turns what the notices room refused into a usage error in the configured language
// (exit status 2); other errors pass.
func (a *admin) refusal(err error) error {
	if msg, ok := notices.Refusal(a.cfg.Language, err); ok {
		return fmt.Errorf("%w: %s", errUsage, msg)
	}
	return err
}

// parseNoticeID reads a NOTICE_ID argument.
func parseNoticeID(arg string) (int64, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a notice ID", errUsage, arg)
	}
	return id, nil
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
		id, err := parseNoticeID(pos[0])
		if err != nil {
			return err
		}
		done, err := a.notes().CancelScheduled(a.ctx, a.actor(), id)
		if err != nil {
			return a.refusal(err)
		}
		fmt.Fprintf(a.e.stdout, "notice %d cancelled; %d deliveries not sent: %s\n", id, done.Stopped, notices.Label(a.cfg.Language, done.Notice))
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
	xlsxFile := fs.String("xlsx", "", "write the report to `FILE` as an Excel workbook")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: report needs one NOTICE_ID", errUsage)
	}
	id, err := parseNoticeID(pos[0])
	if err != nil {
		return err
	}
	if *asCSV || *xlsxFile != "" {
		n, tables, err := a.notes().ReportTables(a.ctx, a.actor(), id, a.cfg.Language)
		if err != nil {
			return a.refusal(err)
		}
		if *xlsxFile != "" {
			if err := writeFileAtomically(*xlsxFile, func(w io.Writer) error { return sheets.WriteXLSX(w, tables...) }); err != nil {
				return fmt.Errorf("report of notice %d: %w", id, err)
			}
			fmt.Fprintf(a.e.stderr, "%s written to %s\n", notices.Label(a.cfg.Language, n), *xlsxFile)
		}
		if *asCSV {
			return sheets.WriteCSV(a.e.stdout, tables...)
		}
		return nil
	}
	r, err := a.notes().Report(a.ctx, a.actor(), id)
	if err != nil {
		return a.refusal(err)
	}
	n, rows := r.Notice, r.Units
	if *asJSON {
		return a.printJSON(map[string]any{"notice_id": id, "number": n.Number, "status": n.Status, "requires_ack": n.RequiresAck, "units": rows})
	}
	fmt.Fprintln(a.e.stdout, notices.Label(a.cfg.Language, n))
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

// followUp sends an update or a cancellation of an earlier notice through the notices room.
func (a *admin) followUp(update, retract int64, text string, urgent bool) error {
	if update != 0 && retract != 0 {
		return fmt.Errorf("%w: give --update or --retract, not both", errUsage)
	}
	id := update + retract
	var done notices.Cancelled
	var err error
	if update != 0 {
		done.FollowUp, err = a.notes().Update(a.ctx, a.actor(), id, text)
	} else {
		done, err = a.notes().Cancel(a.ctx, a.actor(), id, text)
	}
	if err != nil {
		return a.refusal(err)
	}
	follow, stopped := done.FollowUp, done.Stopped
	if urgent && follow.ID != 0 && follow.Priority != loa.PriorityUrgent {
		fmt.Fprintln(a.e.stderr, "note: --urgent applies to new notices; the update keeps the original's priority")
	}
	if follow.ID == 0 {
		fmt.Fprintf(a.e.stdout, "notice %d reached nobody yet; %d unsent deliveries cancelled\n", id, stopped)
		return nil
	}
	fmt.Fprintf(a.e.stdout, "notice %d (about notice %d) queued for %d recipients; %d unsent deliveries cancelled\n", follow.ID, id, follow.Recipients, stopped)
	return nil
}

// writeFileAtomically writes a file through a temporary one beside it, renamed into place only
// when whole, so a failure leaves no half-written file under the name asked for.
func writeFileAtomically(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
