package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/bot"
	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/roster"
	"github.com/loa-vn/loa/store"
)

// admin is one command's context.
type admin struct {
	ctx        context.Context
	cfg        *config.Config
	configPath string
	db         *store.DB
	e          env
	pass       pass
	// readOnly is set by a command's checking pass when it will change nothing (ingest
	// --dry-run): a SQLite file that does not exist is then not created for it.
	readOnly bool
	// declared is the flag set the run function declared, kept when describing it.
	declared *flag.FlagSet
}

// pass is how far a command's run function goes.
type pass int

const (
	passRun      pass = iota // do the work
	passCheck                // check the arguments, with nothing opened
	passDescribe             // declare the flags and stop: help and docs read them
)

// record writes an administrator's command line action; a failure to write it is reported on
// stderr and the action stands, as everywhere in Loa (loa.AuditTrail).
func (a *admin) record(e loa.AuditEntry) {
	loa.AuditTrail{Auditor: a.db, Log: slog.New(slog.NewTextHandler(a.e.stderr, nil))}.Record(a.ctx, e)
}

// runCommand runs one row of the command table. Its run function gets args with the
// subcommand word (or "") first.
func runCommand(ctx context.Context, c *command, configPath string, args []string, e env) error {
	sub := ""
	if _, s, ok := strings.Cut(c.name, " "); ok {
		sub = s
	}
	args = append([]string{sub}, args...)
	if c.noDatabase {
		return c.run(&admin{ctx: ctx, configPath: configPath, e: e}, args)
	}
	cfg, err := config.Load(configPath, e.getenv, false)
	if err != nil {
		return err
	}
	// The flags first, with nothing open: a typo must not create ./loa.db or migrate a database.
	quiet := env{stdout: io.Discard, stderr: io.Discard, getenv: e.getenv}
	check := &admin{ctx: ctx, cfg: cfg, configPath: configPath, e: quiet, pass: passCheck}
	if err := c.run(check, args); err != nil && !errors.Is(err, errFlagsChecked) {
		return err
	}
	if cfg.Database.Driver == store.SQLite && !strings.HasPrefix(cfg.Database.DSN, "file:") {
		if _, err := os.Stat(cfg.Database.DSN); errors.Is(err, fs.ErrNotExist) {
			switch {
			case check.readOnly:
				// Nothing stored yet: an empty database in memory answers the same, and no
				// file appears because somebody only looked.
				memory := *cfg
				memory.Database.DSN = "file:loa-read-only?mode=memory&cache=shared"
				cfg = &memory
			case c.readOnly:
				return noDatabase(cfg.Database.DSN)
			}
		}
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return c.run(&admin{ctx: ctx, cfg: cfg, configPath: configPath, db: db, e: e}, args)
}

// noDatabase says where Loa looked and how to create the database there.
func noDatabase(path string) error {
	return fmt.Errorf("no database at %s yet; this command only reads one and creates none. "+
		"Create it with `loa migrate` (or by starting `loa serve`) here, or point LOA_DATABASE_URL or --config "+
		"at the database loa serve uses", path)
}

// flags is a command's flag set. When the command is only being described, it is kept so
// that help and docs list what the command declares on it.
func (a *admin) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The mistake is reported in one line by run, with a pointer to --help.
	fs.SetOutput(io.Discard)
	if a.pass == passDescribe {
		a.declared = fs
	}
	return fs
}

// parse accepts flags before, between and after positional arguments ("report 12 --csv"),
// which the flag package alone stops at; it returns the positionals.
//
// In the first, checking pass of a command (no database open yet), a successful parse ends the
// command with errFlagsChecked: a misspelt flag is refused before anything is opened or created.
func (a *admin) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	if a.pass == passDescribe {
		return nil, errDescribed
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() == 0 {
			if a.checking() {
				return nil, errFlagsChecked
			}
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// checking reports whether this is a command's first pass, which only checks its arguments.
func (a *admin) checking() bool { return a.pass == passCheck }

// errFlagsChecked ends a command's checking pass once its flags parsed.
var errFlagsChecked = errors.New("flags checked")

// actor names the person at the terminal in the audit log.
func cliActor() string {
	if u, err := user.Current(); err == nil {
		return "cli:" + u.Username
	}
	return "cli"
}

func (a *admin) printJSON(v any) error {
	enc := json.NewEncoder(a.e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // "<" in a title stays "<" for people and scripts alike
	return enc.Encode(v)
}

type memberRow struct {
	loa.Chat
	Unit   string   `json:"unit"`
	Topics []string `json:"topics"`
}

func (a *admin) membersList(args []string) error {
	fs := a.flags("members list")
	status := fs.String("status", "", "only members with this status (pending, active, rejected, blocked, left)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := a.parse(fs, args[1:]); err != nil {
		return err
	}
	if *status != "" && !loa.ValidStatus(*status) {
		return fmt.Errorf("%w: --status %q is not pending, active, rejected, blocked or left", errUsage, *status)
	}
	chats, err := a.db.ListChats(a.ctx, loa.ChatFilter{Status: *status})
	if err != nil {
		return err
	}
	rows := make([]memberRow, 0, len(chats))
	for _, c := range chats {
		r := memberRow{Chat: c, Topics: []string{}}
		if c.UnitID != nil {
			if u, err := a.db.UnitByID(a.ctx, *c.UnitID); err == nil {
				r.Unit = u.Key
			}
		}
		topics, err := a.db.Subscriptions(a.ctx, c.ID)
		if err != nil {
			return err
		}
		r.Topics = orEmpty(topics)
		rows = append(rows, r)
	}
	return list(a, *asJSON, rows, "CHAT_ID\tSTATUS\tUNIT\tROLE\tNAME\tTOPICS", func(r memberRow) (string, error) {
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s", r.ID, r.Status, r.Unit, r.Role, r.Title, strings.Join(r.Topics, ",")), nil
	})
}

func (a *admin) membersSetStatus(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("%w: members %s needs exactly one CHAT_ID", errUsage, args[0])
	}
	id, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %q is not a chat ID", errUsage, args[1])
	}
	if a.checking() { // no flags: a group's chat ID starts with "-"
		return errFlagsChecked
	}
	status := map[string]string{"approve": loa.StatusActive, "reject": loa.StatusRejected, "block": loa.StatusBlocked}[args[0]]
	if err := a.db.SetChatStatus(a.ctx, id, status); err != nil {
		if errors.Is(err, loa.ErrNotFound) {
			return fmt.Errorf("no member with chat ID %d (see loa members list)", id)
		}
		return err
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: args[0], Target: args[1], Allowed: true})
	fmt.Fprintf(a.e.stdout, "member %d is now %s\n", id, status)
	if args[0] == "block" {
		return nil
	}
	// Tell the member, as an approval in Telegram would.
	if a.cfg.Telegram.Token == "" {
		fmt.Fprintln(a.e.stdout, "not told in Telegram: no telegram.token configured")
		return nil
	}
	b, err := a.telegramBot()
	if err == nil {
		err = b.NotifyDecision(a.ctx, id)
	}
	if err != nil {
		return fmt.Errorf("status saved, but telling the member failed: %w", err)
	}
	fmt.Fprintln(a.e.stdout, "member told in Telegram")
	return nil
}

// telegramBot is the bot as a command-line run uses it: to tell or upload, never to listen.
func (a *admin) telegramBot() (*bot.Bot, error) {
	api, err := telegramClient(a.ctx, a.cfg)
	if err != nil {
		return nil, err
	}
	return bot.New(api, a.db, bot.Options{Admins: a.cfg.Admins, DefaultLang: a.cfg.Language, Location: a.cfg.Location}), nil
}

func (a *admin) membersImport(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("%w: members import needs one FILE (.xlsx or .csv)", errUsage)
	}
	if a.checking() {
		return errFlagsChecked
	}
	f, err := os.Open(args[1])
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := roster.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing imported)", args[1], err)
	}
	if err := a.db.ImportMembers(a.ctx, rows); err != nil {
		return fmt.Errorf("%s: %w (nothing imported)", args[1], err)
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: "members.import", Target: args[1], Detail: strconv.Itoa(len(rows)) + " rows", Allowed: true})
	fmt.Fprintf(a.e.stdout, "imported %d members\n", len(rows))
	return nil
}

func (a *admin) unitsList(args []string) error {
	fs := a.flags("units list")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := a.parse(fs, args[1:]); err != nil {
		return err
	}
	units, err := a.db.Units(a.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return a.printJSON(units)
	}
	children := map[int64][]loa.Unit{}
	var roots []loa.Unit
	for _, u := range units {
		if u.ParentID == nil {
			roots = append(roots, u)
		} else {
			children[*u.ParentID] = append(children[*u.ParentID], u)
		}
	}
	var walk func(us []loa.Unit, depth int)
	walk = func(us []loa.Unit, depth int) {
		for _, u := range us {
			fmt.Fprintf(a.e.stdout, "%s%-28s %s (%s)\n", strings.Repeat("  ", depth), u.Key, u.Name, u.Kind)
			walk(children[u.ID], depth+1)
		}
	}
	walk(roots, 0)
	return nil
}

func (a *admin) topicsList(args []string) error {
	fs := a.flags("topics list")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := a.parse(fs, args[1:]); err != nil {
		return err
	}
	topics, err := a.db.Topics(a.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return a.printJSON(topics)
	}
	for _, t := range topics {
		fmt.Fprintf(a.e.stdout, "%-16s %s / %s\n", t.Key, t.NameVI, t.NameEN)
	}
	return nil
}

func (a *admin) subscribe(args []string) error {
	args = args[1:]
	if len(args) < 2 {
		return fmt.Errorf("%w: subscribe needs CHAT_ID and at least one TOPIC", errUsage)
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %q is not a chat ID", errUsage, args[0])
	}
	if a.checking() {
		return errFlagsChecked
	}
	if _, err := a.db.Chat(a.ctx, id); err != nil {
		return fmt.Errorf("no member with chat ID %d (see loa members list)", id)
	}
	if err := a.db.Subscribe(a.ctx, id, args[1:]...); err != nil {
		if errors.Is(err, loa.ErrNotFound) {
			return fmt.Errorf("%w (see loa topics list)", err)
		}
		return err
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: "subscribe", Target: args[0], Detail: strings.Join(args[1:], ","), Allowed: true})
	fmt.Fprintf(a.e.stdout, "chat %d follows %s\n", id, strings.Join(args[1:], ", "))
	return nil
}

func (a *admin) inviteCreate(args []string) error {
	fs := a.flags("invite create")
	unitKey := fs.String("unit", "", "unit key (see loa units list)")
	role := fs.String("role", "", "leader, officer or militia")
	uses := fs.Int("uses", 1, "how many people may use it")
	expires := fs.Duration("expires", 0, "how long it stays valid, e.g. 72h (0 = no expiry)")
	botName := fs.String("bot", "", "bot username for the link (default: asked from Telegram)")
	if _, err := a.parse(fs, args[1:]); err != nil {
		return err
	}
	unit, err := a.db.UnitByKey(a.ctx, *unitKey)
	if err != nil || unit.Retired {
		return fmt.Errorf("%w: --unit %q is not a unit in service (see loa units list)", errUsage, *unitKey)
	}
	if !loa.ValidRole(*role) || *role == loa.RoleGroup {
		return fmt.Errorf("%w: --role %q is not leader, officer or militia", errUsage, *role)
	}
	if *uses < 1 || *uses > 1000 {
		return fmt.Errorf("%w: --uses must be between 1 and 1000", errUsage)
	}
	if *expires < 0 {
		return fmt.Errorf("%w: --expires must be positive", errUsage)
	}
	name := *botName
	if name == "" {
		if a.cfg.Telegram.Token == "" {
			return fmt.Errorf("%w: give --bot USERNAME or configure telegram.token to build the link", errUsage)
		}
		api, err := telegramClient(a.ctx, a.cfg)
		if err != nil {
			return err
		}
		name = api.Self.UserName
	}
	inv := loa.Invite{Code: loa.NewInviteCode(), UnitID: unit.ID, Role: *role, MaxUses: *uses, CreatedBy: cliActor()}
	if *expires > 0 {
		at := time.Now().Add(*expires)
		inv.ExpiresAt = &at
	}
	if err := a.db.CreateInvite(a.ctx, inv); err != nil {
		return err
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: "invite.create", Target: unit.Key, Detail: *role, Allowed: true})
	private, group := loa.InviteLinks(name, inv.Code)
	fmt.Fprintln(a.e.stdout, private)
	fmt.Fprintln(a.e.stderr, "group link:", group)
	return nil
}

func (a *admin) auditLog(args []string) error {
	fs := a.flags("audit")
	since := fs.String("since", "24h", "how far back: a duration (24h, 168h) or a day (2026-12-01)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := a.parse(fs, args[1:]); err != nil {
		return err
	}
	from, err := parseSince(*since, time.Now(), a.cfg.Location)
	if err != nil {
		return fmt.Errorf("%w: --since %v", errUsage, err)
	}
	entries, err := a.db.AuditLog(a.ctx, from)
	if err != nil {
		return err
	}
	return list(a, *asJSON, entries, "TIME\tACTOR\tACTION\tTARGET\tALLOWED\tDETAIL", func(e loa.AuditEntry) (string, error) {
		return fmt.Sprintf("%s\t%s\t%s\t%s\t%t\t%s", e.At.In(a.cfg.Location).Format("2006-01-02 15:04:05"), e.Actor, e.Action, e.Target, e.Allowed, e.Detail), nil
	})
}

func parseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a duration (24h) nor a day (2026-12-01)", s)
}

// list prints items as JSON (--json; none is [], not null) or as a table whose columns the
// header names, one row per item with its cells separated by tabs.
func list[T any](a *admin, asJSON bool, items []T, header string, row func(T) (string, error)) error {
	if asJSON {
		return a.printJSON(orEmpty(items))
	}
	tw := tabwriter.NewWriter(a.e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, it := range items {
		line, err := row(it)
		if err != nil {
			return err
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

// orEmpty makes a nil list print as [] rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func jsonLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// backup writes a consistent copy of the SQLite database while serve may be running.
func (a *admin) backup(args []string) error {
	fs := a.flags("backup")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: backup needs one FILE to write", errUsage)
	}
	if err := a.db.Backup(a.ctx, pos[0]); err != nil {
		return err
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: "backup", Target: pos[0], Allowed: true})
	fmt.Fprintf(a.e.stdout, "backup written to %s\n", pos[0])
	return nil
}
