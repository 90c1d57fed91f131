package web

import (
	"log"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/netutil"
)

// Limits bound what one connection may hold of the listener, so that slow or idle clients
// cannot exhaust the process's file descriptors and starve /healthz and the webhook.
type Limits struct {
	ReadHeaderTimeout time.Duration // the request line and headers
	ReadTimeout       time.Duration // the whole request, body included
	WriteTimeout      time.Duration // the answer; a streaming handler extends its own
	IdleTimeout       time.Duration // a kept-alive connection between requests
	MaxConnections    int           // served at once; further ones wait to be accepted
	// ErrorEvery is how often one kind of server error (accept errors above all) is logged;
	// the entry counts those since the last one.
	ErrorEvery time.Duration
	Logger     *slog.Logger
}

// NewServer serves h within the limits. Serve it on Listen(ln, limits).
func NewServer(h http.Handler, l Limits) *http.Server {
	if l.ReadHeaderTimeout == 0 {
		l.ReadHeaderTimeout = 10 * time.Second
	}
	if l.Logger == nil {
		l.Logger = slog.Default()
	}
	if l.ErrorEvery <= 0 {
		l.ErrorEvery = time.Minute
	}
	errs := &serverErrors{log: l.Logger, every: l.ErrorEvery, last: map[string]time.Time{}, count: map[string]int{}, later: map[string]bool{}}
	return &http.Server{Handler: h, ReadHeaderTimeout: l.ReadHeaderTimeout, ReadTimeout: l.ReadTimeout,
		WriteTimeout: l.WriteTimeout, IdleTimeout: l.IdleTimeout, ErrorLog: log.New(errs, "", 0)}
}

// Listen bounds the connections a listener hands out at once.
func Listen(ln net.Listener, l Limits) net.Listener {
	if l.MaxConnections <= 0 {
		return ln
	}
	return netutil.LimitListener(ln, l.MaxConnections)
}

// MaxConnections is the default bound of connections: three quarters of the descriptor limit
// (the rest for the database, Telegram and files), at most 10,000.
func MaxConnections() int {
	return min(max(descriptorLimit()*3/4, 64), 10_000)
}

// serverErrors receives net/http's own error lines and logs each kind through slog at most
// once a period, with how many there were: a descriptor shortage makes thousands of accept
// errors a second, which must neither flood the log nor leave it as plain text. Those held
// back are logged when their period ends, even if no other error follows.
type serverErrors struct {
	log   *slog.Logger
	every time.Duration
	mu    sync.Mutex
	last  map[string]time.Time
	count map[string]int
	held  map[string]string // the last line held back, by kind
	later map[string]bool   // a timer will log what is held back
}

func (s *serverErrors) Write(p []byte) (int, error) {
	line := strings.TrimSpace(string(p))
	kind := "http server error"
	switch {
	case strings.HasPrefix(line, "http: Accept error"):
		kind = "http accept error"
	case strings.Contains(line, "TLS handshake error"):
		kind = "http TLS handshake error"
	case strings.Contains(line, "panic serving"):
		kind = "http handler panicked"
	}
	now := time.Now()
	s.mu.Lock()
	s.count[kind]++
	n := 0
	if now.Sub(s.last[kind]) >= s.every {
		n, s.count[kind], s.last[kind] = s.count[kind], 0, now
	} else if !s.later[kind] {
		s.later[kind] = true
		time.AfterFunc(s.last[kind].Add(s.every).Sub(now), func() { s.logHeld(kind) })
	}
	if s.held == nil {
		s.held = map[string]string{}
	}
	s.held[kind] = line
	s.mu.Unlock()
	if n > 0 {
		s.log.Error(kind, "count", n, "period", s.every.String(), "last", line)
	}
	return len(p), nil
}

// logHeld logs the errors of a kind held back since its last entry.
func (s *serverErrors) logHeld(kind string) {
	s.mu.Lock()
	n, line := s.count[kind], s.held[kind]
	s.count[kind], s.later[kind], s.last[kind] = 0, false, time.Now()
	s.mu.Unlock()
	if n > 0 {
		s.log.Error(kind, "count", n, "period", s.every.String(), "last", line)
	}
}
