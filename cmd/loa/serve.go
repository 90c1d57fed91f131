package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/sync/errgroup"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/bot"
	"github.com/loa-vn/loa/calendar"
	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/console"
	"github.com/loa-vn/loa/delivery"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/scheduler"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/web"
)

// shutdownGrace bounds a clean stop: updates in hand get this long to finish.
const shutdownGrace = 9 * time.Second

func cmdServe(ctx context.Context, configPath string, e env) error {
	cfg, err := config.Load(configPath, e.getenv, true)
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" { // the runtime's own variable, so the operator's value wins
		debug.SetGCPercent(loa.DefaultGCPercent)
	}
	a, err := start(ctx, cfg, newLogger(e.stderr, e.getenv), nil)
	if err != nil {
		return err
	}
	return a.wait()
}

// app is a running `loa serve`.
type app struct {
	Addr string // the HTTP listener's address
	DB   *store.DB
	Bot  *bot.Bot

	Dispatcher *delivery.Dispatcher

	finish func() error
}

// start wires the store, the bot and the HTTP listener and begins receiving updates. It
// returns once the bot is connected; wait blocks until ctx ends and everything has stopped.
// ln, when given, is the listener to serve on (tests bind one before they know the webhook URL).
func start(ctx context.Context, cfg *config.Config, log *slog.Logger, ln net.Listener) (*app, error) {
	db, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	// Sends in flight outlive the stop signal by up to shutdownGrace; apiCancel ends them.
	apiCtx, apiCancel := context.WithCancel(context.WithoutCancel(ctx))
	api, err := telegramClient(apiCtx, cfg)
	if err != nil {
		apiCancel()
		db.Close()
		return nil, err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	auditFailures := prometheus.NewCounter(prometheus.CounterOpts{Name: "loa_audit_failures_total",
		Help: "Audit entries that could not be written (the actions stood)."})
	reg.MustRegister(auditFailures)
	// One notices room behind every door; it wakes the dispatcher, which writes each message
	// with it.
	var dispatcher *delivery.Dispatcher
	notes := notices.New(db, notices.Options{Location: cfg.Location, Logger: log, AuditFailed: auditFailures.Inc,
		Wake: func() { dispatcher.Wake() }})
	sending := deliveryOptions(cfg, log, reg)
	sending.Writer, sending.Reminder = notes, notes
	dispatcher = delivery.New(db, bot.NewMessenger(api), sending)
	docs := newDocuments(db, notes, cfg, log)
	sched := scheduler.New(db, scheduler.Options{Location: cfg.Location, MinInterval: cfg.Reminders.MinInterval, Logger: log, Wake: dispatcher.Wake, Registry: reg,
		Writers: map[string]scheduler.Writer{documents.TasksPrefix: docs, documents.OverduePrefix: docs}})
	index := newSearch(db, cfg)
	if n, err := index.IndexMissing(ctx); err != nil {
		log.Error("indexing stored articles for search failed", "err", err)
	} else if n > 0 {
		log.Info("indexed stored articles for search", "articles", n)
	}
	indexSentDocuments(ctx, db, docs, log)
	consoleURL := cfg.HTTP.ConsoleURL() // the listener's real address once it is bound, without a public URL
	signInLink := func(ctx context.Context, userID int64) (string, error) {
		return loa.NewSignInLink(ctx, db, consoleURL, userID, time.Now())
	}
	feed := &calendar.Feed{Store: db, Secret: calendarSecret(cfg.Telegram.Token), Location: cfg.Location, Now: time.Now, Logger: log}
	calendarLink := func(chatID int64) string { return feed.Link(consoleURL, chatID) }
	b := bot.New(api, db, bot.Options{Admins: cfg.Admins, DefaultLang: cfg.Language, Location: cfg.Location, Logger: log,
		Registry: reg, Planner: sched, Answerer: index, Wake: dispatcher.Wake, AuditFailed: auditFailures.Inc, SignInLink: signInLink, Notices: notes,
		CalendarLink: calendarLink, MiniAppURL: func() string { return consoleURL + console.MiniAppPath },
		NoPublicAddress: !reachableElsewhere(cfg.HTTP),
		Documents:       docs, FileEndpoint: cfg.Telegram.APIEndpoint})
	docs.Uploader = b // a document brought through the API goes to its units with its file
	if err := b.RegisterCommands(); err != nil {
		log.Warn("could not register the command list; the bot works without it", "err", err)
	}

	// Every long-running part of the service; finish waits for them all.
	var parts errgroup.Group
	parts.Go(func() error { return dispatcher.Run(ctx) })
	parts.Go(func() error {
		if err := db.ListenForNotices(ctx, log, dispatcher.Wake); err != nil {
			log.Warn("not listening for other processes' notices; the idle poll finds them", "err", err)
		}
		return nil
	})
	parts.Go(func() error { return sched.Run(ctx) })
	parts.Go(func() error {
		if err := b.LeaderMenus(ctx); err != nil && ctx.Err() == nil {
			log.Warn("could not set the leaders' menus; their commands work without them", "err", err)
		}
		return nil
	})
	parts.Go(func() error {
		if len(cfg.Sources) == 0 {
			return nil
		}
		poller := newsPoller(cfg, db, dispatcher.Wake)
		poller.Metrics, poller.Logger = news.NewPollMetrics(reg), log
		if err := poller.Run(ctx); err != nil {
			log.Error("news polling stopped", "err", err)
		}
		return nil
	})

	webOpts := web.Options{Ping: db.Ping, Gatherer: reg, WebhookPath: cfg.Telegram.Webhook.Path,
		API: &web.API{Documents: docs, Store: db, Clients: cfg.APIClients(), Proxies: cfg.HTTP.Proxies, AuthDelay: cfg.HTTP.AuthDelay, Location: cfg.Location, Wake: dispatcher.Wake, CAPSender: capSender(cfg),
			AuditFailed: auditFailures.Inc, Logger: log, Notices: notes},
		Console: console.New(console.Options{Documents: docs, Store: db, Decisions: b, Uploader: b, Events: sched, Answerer: index, Admins: cfg.Admins, BotToken: cfg.Telegram.Token, Proxies: cfg.HTTP.Proxies, AuthDelay: cfg.HTTP.AuthDelay,
			Secure: strings.HasPrefix(cfg.HTTP.PublicURL, "https://"), Location: cfg.Location, Wake: dispatcher.Wake, Logger: log,
			AuditFailed: auditFailures.Inc, CalendarLink: calendarLink, Sources: cfg.Sources, PollNow: pollNow(cfg, db, dispatcher.Wake),
			BotUsername: b.Username(), SendRate: dispatcher.SendRate, Notices: notes}).Handler(),
		Calendar: feed.Handler()}
	var closeWebhook func()
	if cfg.Telegram.Mode == "webhook" {
		webOpts.Webhook, closeWebhook = b.Webhook(ctx, cfg.Telegram.Webhook.SecretToken)
	}
	if ln == nil {
		if ln, err = net.Listen("tcp", cfg.HTTP.Listen); err != nil {
			apiCancel()
			db.Close()
			return nil, fmt.Errorf("http.listen %s: %w", cfg.HTTP.Listen, err)
		}
	}
	if cfg.HTTP.PublicURL == "" {
		consoleURL = "http://" + ln.Addr().String()
	}
	limits := web.Limits{ReadTimeout: cfg.HTTP.ReadTimeout, WriteTimeout: cfg.HTTP.WriteTimeout, IdleTimeout: cfg.HTTP.IdleTimeout,
		MaxConnections: cfg.HTTP.MaxConnections, Logger: log}
	if limits.MaxConnections == 0 {
		limits.MaxConnections = web.MaxConnections()
	}
	srv := web.NewServer(web.Handler(webOpts), limits)
	go func() {
		if err := srv.Serve(web.Listen(ln, limits)); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http listener stopped", "err", err)
		}
	}()

	if cfg.Telegram.Mode == "webhook" {
		if err := bot.SetWebhook(api, cfg.Telegram.Webhook.URL, cfg.Telegram.Webhook.SecretToken); err != nil {
			srv.Close()
			apiCancel()
			db.Close()
			return nil, err
		}
		parts.Go(func() error {
			<-ctx.Done()
			closeWebhook()
			return nil
		})
	} else {
		parts.Go(func() error {
			if err := b.Poll(ctx, bot.WithContext(api, ctx), cfg.Telegram.PollTimeout); err != nil {
				log.Error("polling failed", "err", err)
			}
			return nil
		})
	}
	if !reachableElsewhere(cfg.HTTP) {
		log.Warn("http.public_url is not set and http.listen is reachable only on this machine: the bot sends no console or calendar links (they would not open on a phone) until http.public_url is set",
			"listen", cfg.HTTP.Listen)
	}
	if len(cfg.Admins) == 0 {
		log.Warn("no administrator is configured: nobody can approve registrations or broadcast; add your Telegram user ID to admins in the config file or LOA_ADMINS (the bot tells the first official who registers their ID)")
	}
	log.Info("loa is serving", "version", version, "bot", "@"+b.Username(), "mode", cfg.Telegram.Mode,
		"database", cfg.Database.Driver, "http", ln.Addr().String(), "admins", len(cfg.Admins))

	a := &app{Addr: ln.Addr().String(), DB: db, Bot: b, Dispatcher: dispatcher}
	a.finish = func() error {
		<-ctx.Done()
		log.Info("stopping")
		grace, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		srv.Shutdown(grace)
		stopped := make(chan struct{})
		go func() { parts.Wait(); close(stopped) }()
		select {
		case <-stopped:
		case <-grace.Done():
			log.Warn("work still in hand at the deadline; abandoning it (unsent deliveries are resent after the lease)")
		}
		apiCancel()
		db.Close()
		log.Info("stopped")
		return nil
	}
	return a, nil
}

func (a *app) wait() error {
	return a.finish()
}

// pollNow polls one configured source at once, for the console's button.
func pollNow(cfg *config.Config, db *store.DB, wake func()) func(ctx context.Context, name string) (int, error) {
	return func(ctx context.Context, name string) (int, error) {
		for _, src := range cfg.Sources {
			if src.Name == name {
				res, err := newsPoller(cfg, db, wake).Poll(ctx, src)
				return res.New, err
			}
		}
		return 0, fmt.Errorf("source %q is not configured", name)
	}
}

// reachableElsewhere reports whether links to this Loa open on another machine: it has a public
// URL, or listens on a named address that is neither loopback nor "every interface".
func reachableElsewhere(h config.HTTP) bool {
	if h.PublicURL != "" {
		return true
	}
	host, _, err := net.SplitHostPort(h.Listen)
	if err != nil || host == "" || host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !(ip.IsLoopback() || ip.IsUnspecified())
}

// capSender names this Loa in CAP documents: loa@ its public host, or plain "loa".
func capSender(cfg *config.Config) string {
	if u, err := url.Parse(cfg.HTTP.PublicURL); err == nil && u.Host != "" {
		return "loa@" + u.Hostname()
	}
	return "loa"
}

// calendarSecret keys the members' calendar links. It is derived from the bot token, so a new
// token (after a leak) also retires every calendar link.
func calendarSecret(token string) []byte {
	mac := hmac.New(sha256.New, []byte(token))
	mac.Write([]byte("loa calendar links"))
	return mac.Sum(nil)
}

func deliveryOptions(cfg *config.Config, log *slog.Logger, reg prometheus.Registerer) delivery.Options {
	d := cfg.Delivery
	rate := d.RatePerSecond
	if rate == 0 {
		rate = -1 // configured as "no limit"
	}
	paid := 0.0
	if d.PaidBroadcast {
		paid = d.PaidRate
	}
	return delivery.Options{GlobalRate: rate, PaidRate: paid, Admins: cfg.Admins, PerChatInterval: d.PerChatInterval, GroupInterval: d.GroupInterval,
		Concurrency: d.Concurrency, Batch: d.Batch, MaxAttempts: d.MaxAttempts, BackoffBase: d.BackoffBase,
		BackoffMax: d.BackoffMax, Lease: d.Lease, Idle: d.IdlePoll, AckReminder: d.AckReminder, Logger: log, Metrics: delivery.NewMetrics(reg)}
}
