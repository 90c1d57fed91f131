// Package console is the district office's web console, served by `loa serve` under
// /console/: notices with their acknowledgements per unit and person, registrations to
// approve, the calendar of events, and the audit log. People sign in with a one-time link
// the bot sends them (or as a Telegram Mini App); administrators see everything, a unit
// leader only their scope, checked on the server at every request.
package console

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	noticeroom "github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/throttle"
)

//go:embed templates static
var files embed.FS

// Store is what the console reads and changes: the store package implements it on SQLite and
// PostgreSQL. Each page reaches only the part it serves (the Console's fields below).
type Store interface {
	noticeroom.Store
	loa.ConsoleAuth
	loa.Auditor
	directory
	members
	notices
	calendar
	newsroom
}

// directory is the unit tree and the topics.
type directory interface {
	loa.UnitLookup
	Units(ctx context.Context) ([]loa.Unit, error)
	UnitByKey(ctx context.Context, key string) (loa.Unit, error)
	Topics(ctx context.Context) ([]loa.Topic, error)
	UnitMemberCounts(ctx context.Context) (map[int64]int, error)
}

// members is the directory of people and groups, approvals, imports and invites.
type members interface {
	Chat(ctx context.Context, id int64) (loa.Chat, error)
	ListChats(ctx context.Context, f loa.ChatFilter) ([]loa.Chat, error)
	SetChatStatus(ctx context.Context, id int64, status string) error
	ImportMembersChecked(ctx context.Context, rows []loa.MemberImport, check loa.ImportCheck) error
	CreateInvite(ctx context.Context, inv loa.Invite) error
}

// notices is the lists and counts of notices; composing and following them up is the notices
// room's (Options.Notices).
type notices interface {
	Notice(ctx context.Context, id int64) (loa.Notice, error)
	NoticeCounts(ctx context.Context, noticeID int64) (map[string]int, error)
	Report(ctx context.Context, noticeID int64) ([]loa.ReportRow, error)
	ReportTotals(ctx context.Context, noticeID int64) ([]loa.ReportRow, error)
	DeliveriesPage(ctx context.Context, noticeID int64, limit, offset int) ([]loa.DeliveryInfo, error)
	CountRecipients(ctx context.Context, a loa.Audience) (int, error)
	RecentNotices(ctx context.Context, origin string, limit, offset int) ([]loa.Notice, error)
	QueueDepth(ctx context.Context) (int, error)
}

// calendar is the events, the recurring rules and the candidates found in articles.
type calendar interface {
	Events(ctx context.Context, from time.Time, includeCancelled bool) ([]loa.Event, error)
	Event(ctx context.Context, id int64) (loa.Event, error)
	Rules(ctx context.Context) ([]loa.Rule, error)
	SetRulePaused(ctx context.Context, id int64, paused bool) error
	PendingCandidates(ctx context.Context, today string, limit int) ([]loa.EventMention, error)
}

// newsroom is the sources and the articles they brought.
type newsroom interface {
	SourceStatuses(ctx context.Context) ([]loa.SourceStatus, error)
	RecentArticles(ctx context.Context, limit, offset int) ([]loa.Article, error)
	ArticleByID(ctx context.Context, id int64) (loa.Article, error)
}

// Events schedules and cancels events with their reminders (the scheduler does).
type Events interface {
	AddEvent(ctx context.Context, e loa.Event) (loa.Event, error)
	CancelEvent(ctx context.Context, id int64, by string) (loa.Event, error)
	EditEvent(ctx context.Context, e loa.Event, by string) (loa.Event, error)
	ConfirmCandidate(ctx context.Context, candidateID int64, start *time.Time, by string) (loa.Event, error)
}

// Uploader puts a file into a chat in Telegram and returns its file_id (the bot does).
type Uploader interface {
	Upload(ctx context.Context, chatID int64, kind, name string, data []byte) (string, error)
}

// Decisions tells a member the outcome of their registration in Telegram (the bot does).
type Decisions interface {
	NotifyDecision(ctx context.Context, chatID int64) error
}

// UploadTimeout is how long a signed-in person's form may take to arrive (a 20 MB document
// over a slow commune link) and be answered (a large members import), and a report download
// to leave.
const UploadTimeout = 10 * time.Minute

// Options configures the console.
type Options struct {
	Store     Store
	Decisions Decisions
	Uploader  Uploader     // attachments of notices composed here
	Events    Events       // creates and cancels events with their reminders
	Answerer  loa.Answerer // the Hỏi đáp page; nil: it finds nothing
	Admins    []int64
	BotToken  string // checks the signature of a Mini App's initData; never logged
	// Proxies are the reverse proxies whose X-Forwarded-For names the client, for the throttle
	// of failed sign-ins.
	Proxies []netip.Prefix
	// AuthDelay is the throttle's first delay after a failed sign-in (0: throttle.DefaultBase).
	AuthDelay time.Duration
	Secure    bool // the public address is https: cookies are Secure
	Location  *time.Location
	Wake      func() // starts sending a new notice at once
	// Notices is the notices room; nil: one on Store.
	Notices *noticeroom.Service
	Now     func() time.Time
	Logger  *slog.Logger
	// AuditFailed counts an audit entry that could not be written; may be nil.
	AuditFailed func()
	// Documents follows official documents' tasks per unit; nil: no documents pages.
	Documents Documents
	// CalendarLink is a member's private iCalendar address; nil: none shown.
	CalendarLink func(chatID int64) string
	// Sources are the configured news sources; PollNow polls one at once and says how many
	// new articles it stored (nil: no button).
	Sources []loa.Source
	// SendRate is the messages sent per second over the last minute; nil: not shown.
	SendRate func() float64
	// BotUsername builds invite links (t.me/<bot>?start=CODE).
	BotUsername string
	PollNow     func(ctx context.Context, source string) (newArticles int, err error)
}

// Console serves the pages.
type Console struct {
	Options
	// The parts of Options.Store, one per concern: a page uses only its own.
	sessions loa.ConsoleAuth
	audits   loa.Auditor
	units    directory
	people   members
	sending  notices
	calendar calendar
	newsroom newsroom

	pages  map[string]*template.Template
	failed *throttle.Throttle
	audit  loa.AuditTrail
}

// New parses the embedded templates.
func New(o Options) *Console {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Notices == nil && o.Store != nil {
		o.Notices = noticeroom.New(o.Store, noticeroom.Options{Location: o.Location, Now: o.Now, Wake: o.Wake, Logger: o.Logger,
			AuditFailed: o.AuditFailed})
	}
	c := &Console{Options: o, sessions: o.Store, audits: o.Store, units: o.Store, people: o.Store, sending: o.Store,
		calendar: o.Store, newsroom: o.Store, pages: map[string]*template.Template{}, failed: &throttle.Throttle{Proxies: o.Proxies, Base: o.AuthDelay}}
	c.audit = loa.AuditTrail{Auditor: c.audits, Log: o.Logger, Failed: o.AuditFailed}
	names, _ := fs.Glob(files, "templates/*.html")
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if base == "layout" || base == "partials" {
			continue
		}
		c.pages[base] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/partials.html", name))
	}
	return c
}

// MiniAppPath is where Telegram opens the console as a Mini App.
const MiniAppPath = "/console/app"

// Handler routes /console/….
func (c *Console) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /console/static/", http.StripPrefix("/console/", http.FileServerFS(files)))
	mux.HandleFunc("GET /console/signin", c.signInPage)
	mux.HandleFunc("POST /console/signin", c.signIn)
	mux.HandleFunc("GET "+MiniAppPath, c.miniAppPage)
	mux.HandleFunc("POST "+MiniAppPath, c.miniAppSignIn)
	mux.HandleFunc("POST /console/signout", c.page(c.signOut))
	mux.HandleFunc("GET /console/{$}", c.page(c.overview))
	mux.HandleFunc("GET /console/notices", c.page(c.notices))
	mux.HandleFunc("GET /console/notices/new", c.page(c.composeForm))
	mux.HandleFunc("POST /console/notices", c.page(c.composeSubmit))
	mux.HandleFunc("GET /console/notices/{id}", c.page(c.noticePage))
	mux.HandleFunc("GET /console/notices/{id}/counts", c.page(c.noticeCounts))
	mux.HandleFunc("GET /console/notices/{id}/csv", c.page(c.noticeReport("csv")))
	mux.HandleFunc("GET /console/notices/{id}/xlsx", c.page(c.noticeReport("xlsx")))
	mux.HandleFunc("POST /console/notices/{id}/{action}", c.page(c.noticeAction))
	mux.HandleFunc("GET /console/members", c.page(c.members))
	mux.HandleFunc("POST /console/members/decide", c.page(c.decide))
	mux.HandleFunc("POST /console/members/import", c.page(c.importMembers))
	mux.HandleFunc("POST /console/invites", c.page(c.createInvite))
	mux.HandleFunc("GET /console/events", c.page(c.events))
	mux.HandleFunc("POST /console/events", c.page(c.createEvent))
	mux.HandleFunc("POST /console/events/{id}/cancel", c.page(c.cancelEvent))
	mux.HandleFunc("GET /console/events/{id}/edit", c.page(c.editEventForm))
	mux.HandleFunc("POST /console/events/{id}", c.page(c.editEvent))
	mux.HandleFunc("GET /console/notices/count", c.page(c.recipientCount))
	mux.HandleFunc("POST /console/rules/{id}/{action}", c.page(c.pauseRule))
	mux.HandleFunc("POST /console/candidates/{id}", c.page(c.confirmCandidate))
	mux.HandleFunc("GET /console/audit", c.page(c.auditLog))
	mux.HandleFunc("GET /console/documents", c.page(c.documentList))
	mux.HandleFunc("GET /console/documents/{id}", c.page(c.documentPage))
	mux.HandleFunc("GET /console/documents/{id}/xlsx", c.page(c.documentTable))
	mux.HandleFunc("POST /console/documents", c.page(c.documentUpload))
	mux.HandleFunc("POST /console/documents/{id}/send", c.page(c.documentSend))
	mux.HandleFunc("GET /console/directory", c.page(c.directory))
	mux.HandleFunc("POST /console/directory/block", c.page(c.block))
	mux.HandleFunc("GET /console/units", c.page(c.unitTree))
	mux.HandleFunc("GET /console/ask", c.page(c.ask))
	mux.HandleFunc("GET /console/news", c.page(c.news))
	mux.HandleFunc("GET /console/news/{id}", c.page(c.article))
	mux.HandleFunc("POST /console/news/poll/{name}", c.page(c.pollNow))
	mux.HandleFunc("GET /console/lang", c.setLang)
	return securityHeaders(mux)
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' https://telegram.org; img-src 'self' data:; frame-ancestors https://web.telegram.org 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer") // a sign-in link never leaks to another site
		next.ServeHTTP(w, r)
	})
}

// viewer is the signed-in person and what they may reach.
type viewer struct {
	UserID int64
	Name   string
	Admin  bool
	Scope  loa.Unit // for a leader
	CSRF   string
	Lang   string
	Path   string // where the language switch comes back to
}

// manager is the viewer as the scope rule sees them.
func (v viewer) manager() loa.Manager { return loa.Manager{Admin: v.Admin, Scope: v.Scope} }

// may reports whether the viewer reaches every one of these units (administrators reach all).
func (v viewer) may(all []loa.Unit, units []string) bool {
	return v.manager().MayAddress(loa.NewUnitTree(all), units)
}

// mayChange reports whether the viewer may change this member where they are (loa.Manager).
func (v viewer) mayChange(all []loa.Unit, member loa.Chat) bool {
	return v.manager().CheckMember(loa.NewUnitTree(all), &member, "") == nil
}

type pageHandler func(w http.ResponseWriter, r *http.Request, v viewer) error

// errForbidden answers 403 with the reason in the viewer's language.
var errForbidden = errors.New("forbidden")

const sessionCookie = "loa_session"

// page checks the session on every request, and the CSRF token on every change, before the
// handler runs; a person who is no longer an administrator or leader is signed out.
func (c *Console) page(h pageHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		cookie, err := r.Cookie(sessionCookie)
		if err != nil {
			c.redirectToSignIn(w, r)
			return
		}
		s, err := c.sessions.Session(ctx, cookie.Value, c.Now())
		if errors.Is(err, loa.ErrNotFound) {
			c.redirectToSignIn(w, r)
			return
		} else if err != nil {
			c.fail(w, r, err)
			return
		}
		v, ok, err := c.viewerFor(ctx, s.UserID)
		if err != nil {
			c.fail(w, r, err)
			return
		}
		if !ok {
			c.sessions.DeleteSession(ctx, cookie.Value)
			c.redirectToSignIn(w, r)
			return
		}
		v.CSRF = s.CSRF
		v.Lang = lang(r)
		v.Path = r.URL.RequestURI()
		if r.Method == http.MethodPost {
			// A signed-in person's upload may be slower than the listener's read timeout
			// allows strangers, and a large members import longer to store than its write
			// timeout: these deadlines are theirs alone.
			rc := http.NewResponseController(w)
			rc.SetReadDeadline(time.Now().Add(UploadTimeout))
			rc.SetWriteDeadline(time.Now().Add(UploadTimeout))
			r.Body = http.MaxBytesReader(w, r.Body, 20<<20) // a notice's photo or document fits
			if s.CSRF == "" || subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(s.CSRF)) != 1 {
				c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: "console.csrf", Target: r.URL.Path, Allowed: false})
				c.errorPage(w, r, v, http.StatusForbidden, texts.T(v.Lang, "con_csrf"))
				return
			}
		}
		switch err := h(w, r, v); {
		case err == nil:
		case errors.Is(err, errForbidden):
			c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: "console.forbidden", Target: r.Method + " " + r.URL.Path, Allowed: false})
			c.errorPage(w, r, v, http.StatusForbidden, texts.T(v.Lang, "con_forbidden"))
		case errors.Is(err, loa.ErrNotFound):
			c.errorPage(w, r, v, http.StatusNotFound, texts.T(v.Lang, "con_not_found"))
		default:
			c.fail(w, r, err)
		}
	}
}

// viewerFor says whether a Telegram user may use the console: an administrator, or an active
// leader within their scope.
func (c *Console) viewerFor(ctx context.Context, userID int64) (viewer, bool, error) {
	v := viewer{UserID: userID, Admin: slices.Contains(c.Admins, userID)}
	chat, err := c.people.Chat(ctx, userID)
	if errors.Is(err, loa.ErrNotFound) {
		return v, v.Admin, nil
	} else if err != nil {
		return v, false, err
	}
	v.Name = chat.Title
	if v.Admin {
		return v, true, nil
	}
	scope, ok, err := loa.LeaderScope(ctx, c.units, chat)
	v.Scope = scope
	return v, ok, err
}

func actor(v viewer) string {
	if v.Name != "" {
		return "web:" + v.Name + " (tg:" + itoa(v.UserID) + ")"
	}
	return "web:tg:" + itoa(v.UserID)
}

func lang(r *http.Request) string {
	if c, err := r.Cookie("loa_lang"); err == nil && c.Value == "en" {
		return "en"
	}
	if r.URL.Query().Get("lang") == "en" {
		return "en"
	}
	return "vi"
}

func (c *Console) redirectToSignIn(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || strings.HasSuffix(r.URL.Path, "/counts") {
		http.Error(w, texts.T(lang(r), "con_signed_out"), http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusUnauthorized)
	c.render(w, "signin", viewer{Lang: lang(r)}, map[string]any{"Message": texts.T(lang(r), "con_signed_out")})
}

func (c *Console) fail(w http.ResponseWriter, r *http.Request, err error) {
	c.Logger.Error("console request failed", "path", r.URL.Path, "err", err)
	http.Error(w, texts.T(lang(r), "internal_error"), http.StatusInternalServerError)
}

func (c *Console) errorPage(w http.ResponseWriter, r *http.Request, v viewer, status int, msg string) {
	w.WriteHeader(status)
	c.render(w, "error", v, map[string]any{"Message": msg})
}

// render executes a page with the layout; data is the page's own.
func (c *Console) render(w http.ResponseWriter, name string, v viewer, data map[string]any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	if data == nil {
		data = map[string]any{}
	}
	data["V"] = v
	data["Lang"] = v.Lang
	if err := c.pages[name].Execute(w, data); err != nil {
		c.Logger.Error("rendering a console page failed", "page", name, "err", err)
	}
}
