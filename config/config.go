// Package config reads Loa's YAML configuration, applies LOA_* environment overrides and
// validates it, naming the key that is wrong. Secrets are never part of an error message.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/when"
)

// Config is the whole configuration. config.example.yaml documents every key.
type Config struct {
	Telegram    Telegram       `yaml:"telegram"`
	Database    Database       `yaml:"database"`
	Admins      []int64        `yaml:"admins"`
	Timezone    string         `yaml:"timezone"`
	Language    string         `yaml:"language"`
	HTTP        HTTP           `yaml:"http"`
	Delivery    Delivery       `yaml:"delivery"`
	Reminders   Reminders      `yaml:"reminders"`
	News        News           `yaml:"news"`
	Search      Search         `yaml:"search"`
	API         API            `yaml:"api"`
	Sources     []loa.Source   `yaml:"sources"`
	CatalogFile string         `yaml:"catalog_file"`
	Catalog     *CatalogConfig `yaml:"catalog"`

	// Location is Timezone loaded; Units and Topics are the catalogue, expanded and checked.
	Location *time.Location `yaml:"-"`
	Units    loa.Catalog    `yaml:"-"`
}

// Telegram configures the Bot API connection.
type Telegram struct {
	Token          string        `yaml:"token"`
	APIEndpoint    string        `yaml:"api_endpoint"`
	Mode           string        `yaml:"mode"`
	PollTimeout    time.Duration `yaml:"poll_timeout"`
	RequestTimeout time.Duration `yaml:"request_timeout"`
	Webhook        Webhook       `yaml:"webhook"`
}

// Webhook configures webhook mode; the listener is the HTTP listener.
type Webhook struct {
	URL         string `yaml:"url"`
	Path        string `yaml:"path"`
	SecretToken string `yaml:"secret_token"`
}

// Database selects the backend.
type Database struct {
	Driver string `yaml:"driver"`
	DSN    string `yaml:"dsn"`
}

// HTTP configures the listener for /healthz, /metrics and the webhook.
type HTTP struct {
	Listen string `yaml:"listen"`
	// PublicURL is where people reach the web console, e.g. https://loa.chonthanh.gov.vn;
	// empty: the console's sign-in links point at http://listen (fine on the same machine).
	PublicURL string `yaml:"public_url"`
	// TrustedProxies are the reverse proxies (CIDRs or addresses) whose X-Forwarded-For names
	// the client; from anyone else the header is ignored.
	TrustedProxies []string `yaml:"trusted_proxies"`
	// Proxies is TrustedProxies parsed.
	Proxies []netip.Prefix `yaml:"-"`
	// AuthDelay is how long an address or credential is refused once it has failed five
	// sign-ins or API tokens; each further failure doubles it, up to 15 minutes (0: 1 s).
	AuthDelay time.Duration `yaml:"auth_delay"`
	// Limits of every connection: reading a request, writing an answer, waiting idle between
	// requests; MaxConnections bounds connections at once (0: from the descriptor limit).
	ReadTimeout    time.Duration `yaml:"read_timeout"`
	WriteTimeout   time.Duration `yaml:"write_timeout"`
	IdleTimeout    time.Duration `yaml:"idle_timeout"`
	MaxConnections int           `yaml:"max_connections"`
}

// ConsoleURL is the address sign-in links to the web console start with.
func (h HTTP) ConsoleURL() string {
	if h.PublicURL != "" {
		return strings.TrimRight(h.PublicURL, "/")
	}
	return "http://" + h.Listen
}

// Delivery tunes the sending of notices within Telegram's limits.
type Delivery struct {
	RatePerSecond   float64       `yaml:"rate_per_second"`
	PerChatInterval time.Duration `yaml:"per_chat_interval"`
	GroupInterval   time.Duration `yaml:"group_interval"`
	Concurrency     int           `yaml:"concurrency"`
	Batch           int           `yaml:"batch"`
	MaxAttempts     int           `yaml:"max_attempts"`
	BackoffBase     time.Duration `yaml:"backoff_base"`
	BackoffMax      time.Duration `yaml:"backoff_max"`
	Lease           time.Duration `yaml:"lease"`
	// IdlePoll is how often an idle sender looks for messages that another process (the
	// command line, a second server) queued; its own process wakes it at once.
	IdlePoll time.Duration `yaml:"idle_poll"`
	// PaidBroadcast sends urgent notices with allow_paid_broadcast, up to PaidRate a second,
	// paid in Telegram Stars from the bot's balance.
	PaidBroadcast bool          `yaml:"paid_broadcast"`
	PaidRate      float64       `yaml:"paid_rate_per_second"`
	AckReminder   time.Duration `yaml:"ack_reminder_after"`
}

// News configures article classification.
type News struct {
	// TopicRules replaces the built-in keyword rules: topic key → words matched without
	// regard to diacritics or case.
	TopicRules map[string][]string `yaml:"topic_rules"`
	// PushWithin is how recent a polled article must be to be pushed (default 24h): older
	// ones, and a new source's whole first poll, are stored and searchable but not sent.
	PushWithin time.Duration `yaml:"push_within"`
}

// Search configures answering questions.
type Search struct {
	// Abbreviations replaces the built-in dictionary: abbreviation → what it stands for,
	// used both ways ("CHQS" finds "chỉ huy quân sự" and the reverse).
	Abbreviations map[string]string `yaml:"abbreviations"`
	// Synonyms replaces the built-in groups of phrases meaning the same ("nhập ngũ", "tòng
	// quân", "giao quân"…); a question is also asked with each synonym of its phrases.
	Synonyms [][]string `yaml:"synonyms"`
}

// API configures the HTTP API for other systems.
type API struct {
	Tokens []APIToken `yaml:"tokens"`
}

// APIToken is one client's bearer token, with what it may do (none given: everything) and the
// units it may address (none given: every unit).
type APIToken struct {
	Name   string   `yaml:"name"`
	Token  string   `yaml:"token"`
	Units  []string `yaml:"units"`
	Rights []string `yaml:"rights"`
}

// Reminders tunes the scheduler.
type Reminders struct {
	// MinInterval refuses recurring rules that would fire more often (a typo such as @every 1s).
	MinInterval time.Duration `yaml:"min_interval"`
	// DocumentsAt is the time of day, in the configured time zone, of the reminders of
	// documents' deadlines and of the administrators' digest of overdue tasks.
	DocumentsAt string `yaml:"documents_at"`
}

// DocumentsMinutes is DocumentsAt as minutes after midnight (Validate has checked it).
func (r Reminders) DocumentsMinutes() int {
	m, _ := when.ParseClock(r.DocumentsAt)
	return m
}

// Error names the configuration key that is wrong and why.
type Error struct {
	Key    string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("config: %s: %s", e.Key, e.Reason) }

// Defaults returns the configuration used when no file is given: SQLite in loa.db, polling,
// Vietnamese, Asia/Ho_Chi_Minh, and the sample catalogue: a PTKV of Đồng Nai and its communes.
func Defaults() Config {
	return Config{
		Telegram: Telegram{Mode: "polling", PollTimeout: 30 * time.Second, RequestTimeout: 15 * time.Second,
			Webhook: Webhook{Path: "/telegram/webhook"}},
		Database:  Database{Driver: "sqlite", DSN: "loa.db"},
		Timezone:  "Asia/Ho_Chi_Minh",
		Language:  "vi",
		HTTP:      HTTP{Listen: "127.0.0.1:8080", ReadTimeout: 30 * time.Second, WriteTimeout: time.Minute, IdleTimeout: 2 * time.Minute},
		Reminders: Reminders{MinInterval: loa.DefaultMinRuleInterval, DocumentsAt: "7h00"},
		Delivery: Delivery{RatePerSecond: loa.DefaultRatePerSecond, PerChatInterval: loa.DefaultPerChatInterval,
			GroupInterval: loa.DefaultGroupInterval, Concurrency: loa.DefaultConcurrency, Batch: loa.DefaultBatch,
			MaxAttempts: loa.DefaultAttempts, BackoffBase: loa.DefaultBackoffBase, BackoffMax: loa.DefaultBackoffMax,
			Lease: loa.DefaultLease, IdlePoll: time.Second, PaidRate: loa.DefaultPaidRate},
	}
}

// Load reads path (empty: loa.yaml when present, else defaults only), applies the
// environment and validates. needToken is false for admin subcommands that never talk to Telegram.
func Load(path string, env func(string) string, needToken bool) (*Config, error) {
	cfg := Defaults()
	explicit := path != ""
	if path == "" {
		path = "loa.yaml"
	}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true) // a misspelt key is an error, not silently ignored
		// An empty file decodes to io.EOF: it simply sets no keys.
		if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
			if key, line, ok := unknownKey(data, reflect.TypeOf(cfg)); ok {
				return nil, &Error{Key: key, Reason: fmt.Sprintf("unknown key (%s, line %d); config.example.yaml lists every key", path, line)}
			}
			return nil, fmt.Errorf("config: %s: %w", path, err)
		}
	case explicit || !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("config: read %s: %w", path, err)
	}
	if err := applyEnv(&cfg, env); err != nil {
		return nil, err
	}
	if err := cfg.validate(needToken); err != nil {
		return nil, err
	}
	return &cfg, nil
}

func applyEnv(c *Config, env func(string) string) error {
	set := func(key string, dst *string) {
		if v := env(key); v != "" {
			*dst = v
		}
	}
	set("LOA_TELEGRAM_TOKEN", &c.Telegram.Token)
	set("LOA_TELEGRAM_API_ENDPOINT", &c.Telegram.APIEndpoint)
	set("LOA_TELEGRAM_MODE", &c.Telegram.Mode)
	set("LOA_TELEGRAM_WEBHOOK_URL", &c.Telegram.Webhook.URL)
	set("LOA_TELEGRAM_WEBHOOK_SECRET", &c.Telegram.Webhook.SecretToken)
	set("LOA_DATABASE_DRIVER", &c.Database.Driver)
	if v := env("LOA_DATABASE_URL"); v != "" {
		c.Database.DSN = v
		if env("LOA_DATABASE_DRIVER") == "" && (strings.HasPrefix(v, "postgres://") || strings.HasPrefix(v, "postgresql://")) {
			c.Database.Driver = "postgres"
		}
	}
	set("LOA_TIMEZONE", &c.Timezone)
	set("LOA_LANGUAGE", &c.Language)
	set("LOA_HTTP_LISTEN", &c.HTTP.Listen)
	set("LOA_HTTP_PUBLIC_URL", &c.HTTP.PublicURL)
	if v := env("LOA_HTTP_TRUSTED_PROXIES"); v != "" {
		c.HTTP.TrustedProxies = strings.Split(v, ",")
	}
	set("LOA_CATALOG_FILE", &c.CatalogFile)
	if v := env("LOA_DELIVERY_PAID_BROADCAST"); v != "" {
		paid, err := strconv.ParseBool(v)
		if err != nil {
			return &Error{Key: "LOA_DELIVERY_PAID_BROADCAST", Reason: fmt.Sprintf("%q is not true or false", v)}
		}
		c.Delivery.PaidBroadcast = paid
	}
	for _, d := range []struct {
		key string
		dst *time.Duration
	}{{"LOA_TELEGRAM_POLL_TIMEOUT", &c.Telegram.PollTimeout}, {"LOA_TELEGRAM_REQUEST_TIMEOUT", &c.Telegram.RequestTimeout},
		{"LOA_DELIVERY_LEASE", &c.Delivery.Lease}, {"LOA_HTTP_AUTH_DELAY", &c.HTTP.AuthDelay}} {
		if v := env(d.key); v != "" {
			dur, err := time.ParseDuration(v)
			if err != nil {
				return &Error{Key: d.key, Reason: fmt.Sprintf("%q is not a duration such as 30s", v)}
			}
			*d.dst = dur
		}
	}
	if v := env("LOA_DELIVERY_RATE"); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return &Error{Key: "LOA_DELIVERY_RATE", Reason: fmt.Sprintf("%q is not a number of messages per second", v)}
		}
		c.Delivery.RatePerSecond = r
	}
	if v := env("LOA_API_TOKENS"); v != "" {
		c.API.Tokens = nil
		for _, pair := range strings.Split(v, ",") {
			name, token, ok := strings.Cut(strings.TrimSpace(pair), ":")
			if !ok {
				return &Error{Key: "LOA_API_TOKENS", Reason: "want name:token pairs separated by commas (values not shown)"}
			}
			c.API.Tokens = append(c.API.Tokens, APIToken{Name: name, Token: token})
		}
	}
	if v := env("LOA_ADMINS"); v != "" {
		c.Admins = nil
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return &Error{Key: "LOA_ADMINS", Reason: fmt.Sprintf("%q is not a Telegram user ID (a number)", f)}
			}
			c.Admins = append(c.Admins, id)
		}
	}
	return nil
}

var (
	tokenShape  = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)
	secretShape = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

func (c *Config) validate(needToken bool) error {
	if needToken {
		switch {
		case c.Telegram.Token == "":
			return &Error{Key: "telegram.token", Reason: "required: set it in the config file or LOA_TELEGRAM_TOKEN"}
		case !tokenShape.MatchString(c.Telegram.Token):
			return &Error{Key: "telegram.token", Reason: "not a bot token of the form 123456:ABC… from @BotFather (value not shown)"}
		}
	}
	if e := c.Telegram.APIEndpoint; e != "" {
		u, err := url.Parse(e)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &Error{Key: "telegram.api_endpoint", Reason: fmt.Sprintf("%q is not a base URL such as http://127.0.0.1:8081", e)}
		}
	}
	switch c.Telegram.Mode {
	case "polling":
	case "webhook":
		u, err := url.Parse(c.Telegram.Webhook.URL)
		if c.Telegram.Webhook.URL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return &Error{Key: "telegram.webhook.url", Reason: "webhook mode needs the public https URL Telegram posts updates to"}
		}
		if !secretShape.MatchString(c.Telegram.Webhook.SecretToken) {
			return &Error{Key: "telegram.webhook.secret_token", Reason: "webhook mode needs a secret of 1–256 characters A-Z, a-z, 0-9, _ or - (value not shown)"}
		}
		if !strings.HasPrefix(c.Telegram.Webhook.Path, "/") {
			return &Error{Key: "telegram.webhook.path", Reason: "must start with /"}
		}
	default:
		return &Error{Key: "telegram.mode", Reason: fmt.Sprintf("%q is not polling or webhook", c.Telegram.Mode)}
	}
	if c.Telegram.PollTimeout < time.Second || c.Telegram.PollTimeout > 50*time.Second {
		return &Error{Key: "telegram.poll_timeout", Reason: "must be between 1s and 50s"}
	}
	if c.Telegram.RequestTimeout < time.Second {
		return &Error{Key: "telegram.request_timeout", Reason: "must be at least 1s"}
	}
	switch c.Database.Driver {
	case "sqlite", "postgres":
	default:
		return &Error{Key: "database.driver", Reason: fmt.Sprintf("%q is not sqlite or postgres", c.Database.Driver)}
	}
	if c.Database.DSN == "" {
		return &Error{Key: "database.dsn", Reason: "required: a file path for sqlite, a postgres:// URL for postgres"}
	}
	if scheme, _, ok := strings.Cut(c.Database.DSN, "://"); ok {
		switch {
		case scheme != "postgres" && scheme != "postgresql" && scheme != "file":
			return &Error{Key: "database.dsn", Reason: fmt.Sprintf("%s:// is not supported: give a SQLite file path or a postgres:// URL", scheme)}
		case scheme != "file" && c.Database.Driver != "postgres":
			return &Error{Key: "database.driver", Reason: "the DSN is a postgres:// URL; set database.driver: postgres"}
		}
	}
	for i, a := range c.Admins {
		if a <= 0 {
			return &Error{Key: fmt.Sprintf("admins[%d]", i), Reason: "a Telegram user ID is a positive number"}
		}
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return &Error{Key: "timezone", Reason: fmt.Sprintf("%q is not an IANA time zone such as Asia/Ho_Chi_Minh", c.Timezone)}
	}
	c.Location = loc
	if c.Language != "vi" && c.Language != "en" {
		return &Error{Key: "language", Reason: fmt.Sprintf("%q is not vi or en", c.Language)}
	}
	for i, t := range c.API.Tokens {
		if t.Name == "" || len(t.Token) < 16 {
			return &Error{Key: fmt.Sprintf("api.tokens[%d]", i), Reason: "needs a name and a token of at least 16 characters (value not shown)"}
		}
	}
	if err := c.Delivery.validate(); err != nil {
		return err
	}
	// The heartbeat keeps a live claim, but a lease shorter than the slowest batch would still
	// hand a process's work to another the moment a heartbeat is late.
	rounds := time.Duration((c.Delivery.Batch + c.Delivery.Concurrency - 1) / c.Delivery.Concurrency)
	if worst := rounds * c.Telegram.RequestTimeout; c.Delivery.Lease < worst {
		return &Error{Key: "delivery.lease", Reason: fmt.Sprintf("%s is shorter than the slowest batch (%d rounds of telegram.request_timeout %s = %s)",
			c.Delivery.Lease, rounds, c.Telegram.RequestTimeout, worst)}
	}
	if c.Reminders.MinInterval < time.Second {
		return &Error{Key: "reminders.min_interval", Reason: "must be at least 1s"}
	}
	if _, err := when.ParseClock(c.Reminders.DocumentsAt); err != nil {
		return &Error{Key: "reminders.documents_at", Reason: "want a time of day such as 7h00"}
	}
	if u, err := url.Parse(c.HTTP.PublicURL); c.HTTP.PublicURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		return &Error{Key: "http.public_url", Reason: "want an http:// or https:// address, e.g. https://loa.example.gov.vn"}
	}
	if c.HTTP.Listen == "" {
		return &Error{Key: "http.listen", Reason: "required, e.g. 127.0.0.1:8080"}
	}
	if err := c.HTTP.validate(); err != nil {
		return err
	}
	cat, err := c.loadCatalog()
	if err != nil {
		return err
	}
	c.Units = cat
	if err := c.validateAPIScopes(); err != nil {
		return err
	}
	return c.validateNews()
}

func (d Delivery) validate() error {
	switch {
	case d.RatePerSecond < 0:
		return &Error{Key: "delivery.rate_per_second", Reason: "must be 0 (no limit, for self-hosted test servers only) or positive; Telegram allows 30"}
	case d.PerChatInterval < 0 || d.GroupInterval < 0:
		return &Error{Key: "delivery.per_chat_interval", Reason: "intervals cannot be negative"}
	case d.Concurrency < 1 || d.Concurrency > 256:
		return &Error{Key: "delivery.concurrency", Reason: "must be between 1 and 256"}
	case d.Batch < 1 || d.Batch > 1000:
		return &Error{Key: "delivery.batch", Reason: "must be between 1 and 1000"}
	case d.MaxAttempts < 1:
		return &Error{Key: "delivery.max_attempts", Reason: "must be at least 1"}
	case d.BackoffBase <= 0 || d.BackoffMax < d.BackoffBase:
		return &Error{Key: "delivery.backoff_base", Reason: "must be positive and not above delivery.backoff_max"}
	case d.IdlePoll <= 0:
		return &Error{Key: "delivery.idle_poll", Reason: "must be positive, such as 1s"}
	case d.Lease < time.Second:
		return &Error{Key: "delivery.lease", Reason: "must be at least 1s"}
	case d.PaidBroadcast && (d.PaidRate <= 0 || d.PaidRate > 1000):
		return &Error{Key: "delivery.paid_rate_per_second", Reason: "must be between 1 and 1000 (Telegram's limit for paid broadcasts)"}
	}
	return nil
}

// APIClients maps each configured bearer token to its client.
func (c *Config) APIClients() map[string]loa.APIClient {
	out := map[string]loa.APIClient{}
	for _, t := range c.API.Tokens {
		client := loa.APIClient{Name: t.Name, Units: t.Units, Rights: t.Rights, Configured: true}
		if len(client.Rights) == 0 {
			client.Rights = loa.APIRights
		}
		if client.Units == nil {
			client.Units = []string{}
		}
		out[t.Token] = client
	}
	return out
}
