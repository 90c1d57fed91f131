package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/loa-vn/loa/config"
)

// command is one row of the command table. The usage text, each command's --help, shell
// completion and docs/cli.md are all made from these rows; a command's flags are the ones
// its run function declares (with their defaults), read from it without running anything.
type command struct {
	name    string // one or two words: "serve", "members list"
	args    string // positional arguments as help shows them: "CHAT_ID", "FILE.csv"
	summary string // one line
	group   string // the heading it is listed under
	example string // a real command line, without the leading "loa "
	more    string // further lines of help, when one is not enough
	// reads are what the command reads beside its flags, one "NAME  meaning" per line; a
	// command that opens the database reads databaseReads unless it says otherwise.
	reads []string
	// only narrows the flags shown to these, when one run function serves several commands
	// (events add, events list…) and declares the flags of all of them.
	only []string
	// readOnly: the command changes nothing. Against a SQLite file that does not exist it says
	// so, and how to create one, instead of creating an empty database.
	readOnly bool
	// noDatabase: run is called once, with no database open and no configuration loaded.
	noDatabase bool
	run        func(a *admin, args []string) error
}

// Groups, in the order the usage text lists them.
const (
	groupStart   = "Try it and run it"
	groupPeople  = "Members, units and topics"
	groupNotices = "Notices"
	groupNews    = "News and questions"
	groupEvents  = "Events and reminders"
	groupData    = "Database"
	groupShell   = "This program"
)

// serveReads is what serve needs and reads; every key also has its line in config.example.yaml.
var serveReads = []string{
	"LOA_TELEGRAM_TOKEN           required: the bot's token from @BotFather (telegram.token); never logged",
	"LOA_ADMINS                   Telegram user IDs of the administrators, 111,222 (admins); none: Loa warns and tells the first official how to become one",
	"LOA_HTTP_LISTEN              address of /healthz, /metrics, the webhook, /api/v1 and /console/ (http.listen, default 127.0.0.1:8080)",
	"LOA_HTTP_PUBLIC_URL          the address officials reach, for sign-in and calendar links (http.public_url)",
	"LOA_DATABASE_URL             SQLite file (default loa.db in this folder) or postgres://… (database.dsn)",
	"LOA_DATABASE_DRIVER          sqlite or postgres; a postgres:// URL selects postgres (database.driver)",
	"LOA_TELEGRAM_MODE            polling (default) or webhook (telegram.mode)",
	"LOA_TELEGRAM_WEBHOOK_URL     the public URL Telegram posts updates to, in webhook mode (telegram.webhook.url)",
	"LOA_TELEGRAM_WEBHOOK_SECRET  required in webhook mode: requests without it get 401 (telegram.webhook.secret_token)",
	"LOA_TELEGRAM_API_ENDPOINT    base URL of a self-hosted Bot API server (telegram.api_endpoint)",
	"LOA_API_TOKENS               name:token,… bearer tokens of other systems; none: the API is off (api.tokens)",
	"LOA_TIMEZONE, LOA_LANGUAGE   Asia/Ho_Chi_Minh and vi by default (timezone, language)",
	"LOA_CATALOG_FILE             the unit tree and topics (catalog_file; default: the built-in Chơn Thành sample)",
	"LOA_DELIVERY_RATE, LOA_DELIVERY_LEASE, LOA_DELIVERY_PAID_BROADCAST, LOA_TELEGRAM_POLL_TIMEOUT, LOA_TELEGRAM_REQUEST_TIMEOUT  see docs/configuration.md",
	"LOA_LOG_LEVEL                debug, info (default), warn or error; JSON logs on stderr",
	"GOGC                         the Go collector's target; serve sets 200 unless it is given",
	"--config FILE                a YAML file with the same keys (default loa.yaml when present); variables win over it",
}

// databaseReads is what every command that opens the database reads.
var databaseReads = []string{
	"LOA_DATABASE_URL  SQLite file (default loa.db in this folder) or postgres://…; or database.dsn in --config FILE",
}

// commandTable is every command, in the order help lists them. To add a command, add a row.
// (It is filled in init because help and completion, rows themselves, read it.)
var commandTable []command

func init() { commandTable = commandRows() }

func commandRows() []command {
	return []command{
		{name: "demo", group: groupStart, summary: "try Loa without a token: a fake Telegram and a chat simulator in the browser, with sample units, members, articles and events",
			example: "demo --dir ./demo-data", noDatabase: true, run: cmdDemo},
		{name: "init", group: groupStart, summary: "write the office's unit catalogue from the national list of provinces, communes and wards (since 1 July 2025)",
			example: `init --province "Đồng Nai" --region "PTKV 1" --communes "Chơn Thành, Minh Hưng, Nha Bích" --out catalog.yaml`, noDatabase: true,
			run: func(a *admin, args []string) error { return cmdInit(a, args[1:], time.Now()) }},
		{name: "serve", group: groupStart, summary: "run the bot (polling or webhook), the web console, the HTTP API, /healthz and /metrics",
			example: "serve   # with LOA_TELEGRAM_TOKEN=123456:ABC… LOA_ADMINS=111111111", reads: serveReads, noDatabase: true,
			run: func(a *admin, args []string) error {
				if a.pass == passDescribe {
					return nil // serve has no flags: it reads its configuration
				}
				if len(args) > 1 {
					return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, args[1:])
				}
				return cmdServe(a.ctx, a.configPath, a.e)
			}},
		{name: "healthcheck", group: groupStart, summary: "exit 0 when a running serve is healthy (the container's HEALTHCHECK)",
			example: "healthcheck --url http://127.0.0.1:8080/healthz", noDatabase: true, run: cmdHealthcheck},
		{name: "web link", group: groupStart, summary: "a one-time sign-in link to the web console, valid 10 minutes",
			example: "web link --user 123456789", run: (*admin).webLink},
		{name: "api tokens", args: "create|list|revoke", group: groupStart,
			summary: "tokens of the HTTP API: create prints one once (only its hash is stored), list, revoke NAME",
			more:    "create --name NAME [--unit KEY]... [--rights create,read,read_all,cancel,cancel_all] (default rights: create,read,cancel; no unit: every unit)",
			example: "api tokens create --name cong-thong-tin --unit dong-nai/nha-bich --rights create,read", run: (*admin).apiTokens},

		{name: "members list", group: groupPeople, summary: "members with their status, unit, role and topics",
			example: "members list --status pending", readOnly: true, run: (*admin).membersList},
		{name: "members approve", args: "CHAT_ID", group: groupPeople, summary: "approve a registration; the member is told in Telegram",
			example: "members approve 123456789", run: (*admin).membersSetStatus},
		{name: "members reject", args: "CHAT_ID", group: groupPeople, summary: "reject a registration; the member is told in Telegram",
			example: "members reject 123456789", run: (*admin).membersSetStatus},
		{name: "members block", args: "CHAT_ID", group: groupPeople, summary: "stop sending to a member",
			example: "members block 123456789", run: (*admin).membersSetStatus},
		{name: "members import", args: "FILE", group: groupPeople, summary: "add or update members from an Excel (.xlsx) or CSV file, all or nothing",
			more:    "Columns chat_id,name,unit,role[,topics,status,lang], in any order under a header; topics split by ; , or spaces.\nA workbook is told by its contents: its first sheet with a chat_id header, else its first sheet, cells read as Excel shows them.\nCSV: UTF-8 with or without Excel's byte-order mark, separated by , or ;. A bad row is reported by its line (and a bad cell by its column) and nothing is stored.",
			example: "members import members.csv", run: (*admin).membersImport},
		{name: "units list", group: groupPeople, summary: "the unit tree",
			example: "units list --json", readOnly: true, run: (*admin).unitsList},
		{name: "topics list", group: groupPeople, summary: "the topics members can follow",
			example: "topics list", readOnly: true, run: (*admin).topicsList},
		{name: "subscribe", args: "CHAT_ID TOPIC...", group: groupPeople, summary: "make a member follow topics",
			example: "subscribe 123456789 dien-tap tuyen-quan", run: (*admin).subscribe},
		{name: "invite create", group: groupPeople, summary: "an invite link that joins a unit with a role, without approval",
			example: "invite create --unit dong-nai/nha-bich/chqs --role leader --uses 5 --expires 72h", run: (*admin).inviteCreate},
		{name: "audit", group: groupPeople, summary: "the audit log: every administrative action and refusal",
			example: "audit --since 2026-12-01", readOnly: true, run: (*admin).auditLog},

		{name: "broadcast", group: groupNotices, summary: "queue a notice for a running serve to send; --update and --retract follow one up",
			more:    "broadcast --update NOTICE_ID --text \"…\"   an update to the same recipients, naming the notice\nbroadcast --retract NOTICE_ID [--text why]   unsent deliveries stop; those who got it are told",
			example: `broadcast --unit dong-nai/nha-bich --role leader --ack --at "7h30 15/12" --text "Kiểm tra sẵn sàng chiến đấu"`, run: (*admin).broadcast},
		{name: "notices list", group: groupNotices, summary: "scheduled notices not yet sent",
			example: "notices list", readOnly: true, run: (*admin).notices},
		{name: "notices cancel", args: "NOTICE_ID", group: groupNotices, summary: "cancel a scheduled notice before it is sent",
			example: "notices cancel 12", run: (*admin).notices},
		{name: "report", args: "NOTICE_ID", group: groupNotices, summary: "per unit: recipients, sent, failed, blocked, acknowledged",
			more:    "--csv prints the report as CSV; --xlsx FILE writes it as an Excel workbook, a sheet of recipients and one of units.",
			example: "report 12 --xlsx bao-cao-12.xlsx", readOnly: true, run: (*admin).report},

		{name: "ingest", args: "FILE|URL...", group: groupNews, summary: "read articles from files or addresses: store and push them, or only show what is extracted",
			more:    "A text file's first line is its title; .html files and URLs are read with the selectors of --source.\n--json prints one object per input: title, published, url, topics, duplicate, directives, events.",
			example: "ingest --dry-run --json news/testdata/corpus/chonthanh-2025-01-20-giao-nhan-quan.txt", run: (*admin).ingest},
		{name: "sources list", group: groupNews, summary: "the configured news sources: last success, last error, articles",
			example: "sources list", readOnly: true, run: (*admin).sources},
		{name: "sources poll", args: "NAME", group: groupNews, summary: "poll one source now",
			example: "sources poll chonthanh", run: (*admin).sources},
		{name: "ask", args: "QUESTION", group: groupNews, summary: "answer a question from the stored directives, as the bot does",
			more:    "--json prints {question, answers: [{text, kind, addressee, speaker, sentence, score, article: {title, url, published}}]}; a task's sentence is the one it was read from.",
			example: `ask --limit 3 "Ban CHQS phải làm gì?"`, readOnly: true, run: (*admin).ask},
		{name: "documents add", args: "FILE...", group: groupNews, summary: "read official documents (PDF, .docx, photos of pages) and preview their tasks per unit and deadlines; with --send, store and send them",
			more: "The units are matched to the catalogue by name (Ban CHQS is Ban Chỉ huy Quân sự; «UBND các xã, phường» is every commune's and ward's UBND).\nPhotos need tesseract with its Vietnamese model. --json prints one object per file: file, kind, pages, preview {document, summary, addressees, recipients, unmapped}, or error and reason; with --send also id, sent_to and not_sent.\nWithout --send nothing is stored or sent. With --send each unit receives the file itself, its own tasks with their deadlines and \"✅ Đã nhận\", and is reminded 3 days and 1 day before each deadline; names matching no unit are listed and not sent. The file is put once into the first administrator's chat through the bot; without telegram.token or admins the units get the text and tasks alone, and the command says so.",
			reads: append(slices.Clone(databaseReads),
				"LOA_TELEGRAM_TOKEN  with --send: the bot's token (telegram.token), to put the file into Telegram; never printed",
				"LOA_ADMINS          with --send: the first administrator's chat keeps the file (admins)"),
			example: "documents add --send ke-hoach-45.pdf", run: (*admin).documentsAdd},
		{name: "documents tasks", args: "ID", group: groupNews, summary: "a sent document's tasks per unit: received, acknowledged, done (with the report), overdue",
			example: "documents tasks 12", readOnly: true, run: (*admin).documentsTasks},

		{name: "events list", group: groupEvents, summary: "coming events with their reminders",
			only: []string{"past", "json"}, example: "events list --past", readOnly: true, run: (*admin).events},
		{name: "events add", group: groupEvents, summary: "an event with reminders before it",
			only:    []string{"kind", "title", "start", "end", "place", "offsets", "notes", "topic", "unit", "role", "all", "json"},
			example: `events add --kind drill --title "Diễn tập KVPT xã Nha Bích" --start "7h30 15/12" --place "UBND xã" --unit dong-nai/nha-bich`,
			run:     (*admin).events},
		{name: "events edit", args: "ID", group: groupEvents, summary: "change an event; those already reminded are told",
			only:    []string{"kind", "title", "start", "end", "place", "offsets", "notes", "topic", "unit", "role", "all", "json"},
			example: `events edit 4 --start "8h 15/12"`, run: (*admin).events},
		{name: "events cancel", args: "ID", group: groupEvents, summary: "cancel an event; those already reminded are told",
			only: []string{"json"}, example: "events cancel 4", run: (*admin).events},
		{name: "events confirm", args: "CANDIDATE_ID", group: groupEvents, summary: "turn an event found in an article into reminders",
			only: []string{"start", "json"}, example: `events confirm 7 --start "7h 20/12"`, run: (*admin).events},
		{name: "events import", args: "FILE.yaml", group: groupEvents, summary: "add the events of a YAML file",
			only: []string{"json"}, example: "events import events.yaml", run: (*admin).events},
		{name: "reminders add", group: groupEvents, summary: "a recurring reminder on a cron rule, in local time",
			only:    []string{"rule", "message", "name", "topic", "unit", "role", "all", "json"},
			example: `reminders add --rule "0 7 * * 1" --message "Giao ban quân sự thứ Hai" --topic chi-dao`, run: (*admin).reminders},
		{name: "reminders list", group: groupEvents, summary: "recurring reminders with their next time",
			only: []string{"json"}, example: "reminders list", readOnly: true, run: (*admin).reminders},
		{name: "reminders pause", args: "ID", group: groupEvents, summary: "stop a recurring reminder for now",
			only: []string{"json"}, example: "reminders pause 2", run: (*admin).reminders},
		{name: "reminders resume", args: "ID", group: groupEvents, summary: "continue a paused reminder from now",
			only: []string{"json"}, example: "reminders resume 2", run: (*admin).reminders},
		{name: "reminders rm", args: "ID", group: groupEvents, summary: "delete a recurring reminder",
			only: []string{"json"}, example: "reminders rm 2", run: (*admin).reminders},

		{name: "migrate", group: groupData, summary: "create or update the database's tables and sync the unit catalogue",
			example: "migrate", run: func(a *admin, _ []string) error {
				if a.checking() {
					return errFlagsChecked
				}
				fmt.Fprintln(a.e.stdout, "migrations applied, catalogue synced")
				return nil
			}},
		{name: "backup", args: "FILE", group: groupData, summary: "a consistent copy of the SQLite database, safe while serve runs",
			example: "backup /var/backups/loa-$(date +%F).db", run: (*admin).backup},
		{name: "copy", group: groupData, summary: "move everything from SQLite into an empty PostgreSQL database",
			example: "copy --to 'postgres://loa@127.0.0.1:5432/loa?sslmode=disable'", run: (*admin).copyTo},

		{name: "version", group: groupShell, summary: "the version, commit and build time (also --version)",
			example: "version", noDatabase: true, run: func(a *admin, _ []string) error {
				fmt.Fprintln(a.e.stdout, versionLine())
				return nil
			}},
		{name: "completion", args: "bash|zsh|fish", group: groupShell, summary: "a shell completion script",
			example: "completion bash > /etc/bash_completion.d/loa   # or: source <(loa completion bash)", noDatabase: true,
			run: func(a *admin, args []string) error {
				if len(args) != 2 {
					return fmt.Errorf("%w: completion needs one of bash, zsh, fish", errUsage)
				}
				return completion(a.e.stdout, args[1])
			}},
		{name: "help", args: "[COMMAND]", group: groupShell, summary: "this text, or one command's help",
			example: "help broadcast", noDatabase: true, run: func(a *admin, args []string) error {
				if len(args) > 1 {
					return commandHelp(a.e.stdout, strings.Join(args[1:], " "))
				}
				fmt.Fprint(a.e.stdout, usageText())
				return nil
			}},
	}
}

// find is the command named by the first one or two words of args, and the words it used.
func find(args []string) (*command, int) {
	if len(args) >= 2 {
		for i := range commandTable {
			if commandTable[i].name == args[0]+" "+args[1] {
				return &commandTable[i], 2
			}
		}
	}
	if len(args) >= 1 {
		for i := range commandTable {
			if commandTable[i].name == args[0] {
				return &commandTable[i], 1
			}
		}
	}
	return nil, 0
}

// firstWords are the commands' first words, in the table's order and each once.
func firstWords() []string {
	var words []string
	for _, c := range commandTable {
		w, _, _ := strings.Cut(c.name, " ")
		if !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	return words
}

// secondWords are the subcommands of a first word: "members" has list, approve…
func secondWords(first string) []string {
	var words []string
	for _, c := range commandTable {
		if w, sub, ok := strings.Cut(c.name, " "); ok && w == first {
			words = append(words, sub)
		}
	}
	return words
}

// flags reads a command's flags from its run function, which declares them with a.flags and
// stops at a.parse before doing anything.
func (c *command) flags() []*flag.Flag {
	a := &admin{ctx: context.Background(), cfg: &config.Config{}, e: env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }},
		pass: passDescribe}
	args := []string{""}
	if _, sub, ok := strings.Cut(c.name, " "); ok {
		args[0] = sub
	}
	_ = c.run(a, args) // it stops at a.parse, or earlier when it takes no flags
	if a.declared == nil {
		return nil
	}
	var out []*flag.Flag
	a.declared.VisitAll(func(f *flag.Flag) {
		if c.only == nil || slices.Contains(c.only, f.Name) {
			out = append(out, f)
		}
	})
	return out
}

// flagSynopsis is a flag as a command line shows it: "--json", "--unit UNIT".
func flagSynopsis(f *flag.Flag) string {
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return "--" + f.Name
	}
	placeholder, _ := flag.UnquoteUsage(f)
	switch placeholder {
	case "int":
		placeholder = "N"
	case "duration":
		placeholder = "DURATION"
	case "", "string", "value":
		placeholder = strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
	}
	return "--" + f.Name + " " + placeholder
}

// synopsis is the command's one-line form: "members list [--status STATUS] [--json]".
func (c *command) synopsis() string {
	parts := []string{c.name}
	flags := c.flags()
	if len(flags) > 4 { // the list follows under Flags
		parts = append(parts, "[flags]")
	} else {
		for _, f := range flags {
			parts = append(parts, "["+flagSynopsis(f)+"]")
		}
	}
	if c.args != "" {
		parts = append(parts, c.args)
	}
	return strings.Join(parts, " ")
}

// usageText is `loa --help`.
func usageText() string {
	var b strings.Builder
	b.WriteString("Loa — thông tin quốc phòng, an ninh qua Telegram / defence and security news over Telegram\n\n")
	b.WriteString("Usage: loa [--config FILE] COMMAND [ARGS]\n")
	b.WriteString("       loa COMMAND --help     what a command does, its flags and an example\n")
	group := ""
	for _, c := range commandTable {
		if c.group != group {
			group = c.group
			fmt.Fprintf(&b, "\n%s:\n", group)
		}
		name := c.name
		if c.args != "" {
			name += " " + c.args
		}
		if len(name) > 28 {
			fmt.Fprintf(&b, "  %s\n  %-28s  %s\n", name, "", c.summary)
		} else {
			fmt.Fprintf(&b, "  %-28s  %s\n", name, c.summary)
		}
	}
	b.WriteString("\nGlobal flags: --config FILE (default loa.yaml when present), --version, --help.\n")
	b.WriteString("Every configuration key can be set with a LOA_* variable (LOA_TELEGRAM_TOKEN, LOA_DATABASE_URL,\nLOA_ADMINS…): see `loa serve --help` and config.example.yaml.\n")
	return b.String()
}

// commandHelp prints one command's help: what it does, its flags with their defaults, what it
// reads and an example. A first word alone ("events") lists its commands.
func commandHelp(w io.Writer, name string) error {
	words := strings.Fields(name)
	c, used := find(words)
	if c == nil || used != len(words) {
		subs := secondWords(name)
		if len(subs) == 0 {
			if len(words) == 0 {
				return fmt.Errorf("%w: help for which command?", errUsage)
			}
			return unknownCommand(words[0], words[1:])
		}
		fmt.Fprintf(w, "Usage: loa [--config FILE] %s SUBCOMMAND …\n\n", name)
		for _, sub := range subs {
			c, _ := find([]string{name, sub})
			fmt.Fprintf(w, "  %-28s  %s\n", c.name, c.summary)
		}
		fmt.Fprintf(w, "\nloa %s SUBCOMMAND --help for one of them.\n", name)
		return nil
	}
	fmt.Fprintf(w, "Usage: loa [--config FILE] %s\n\n%s.\n", c.synopsis(), upperFirst(c.summary))
	if c.more != "" {
		fmt.Fprintf(w, "\n%s\n", c.more)
	}
	if flags := c.flags(); len(flags) > 0 {
		fmt.Fprintf(w, "\nFlags:\n")
		for _, f := range flags {
			_, usage := flag.UnquoteUsage(f)
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "0s" {
				usage += " (default " + f.DefValue + ")"
			}
			fmt.Fprintf(w, "  %-20s  %s\n", flagSynopsis(f), usage)
		}
	}
	if reads := c.reading(); len(reads) > 0 {
		fmt.Fprintf(w, "\nReads:\n")
		for _, r := range reads {
			fmt.Fprintf(w, "  %s\n", r)
		}
	}
	fmt.Fprintf(w, "\nExample:\n  loa %s\n", c.example)
	return nil
}

// reading is what the command reads beside its flags.
func (c *command) reading() []string {
	if c.reads == nil && !c.noDatabase {
		return databaseReads
	}
	return c.reads
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// errDescribed ends a run function once it has declared its flags, when only they are wanted.
var errDescribed = errors.New("flags described")
