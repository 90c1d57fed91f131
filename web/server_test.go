package web_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/loa-vn/loa/web"
)

// TestSlowClientsDoNotStarveHealthz: a crowd of clients that send half a request, a trickle of
// a body, or nothing after their first request, on loopback, many times the connection limit:
// the server closes each of them within its timeouts, and /healthz still answers.
func TestSlowClientsDoNotStarveHealthz(t *testing.T) {
	limits := web.Limits{ReadHeaderTimeout: 100 * time.Millisecond, ReadTimeout: 300 * time.Millisecond, WriteTimeout: time.Second,
		IdleTimeout: 300 * time.Millisecond, MaxConnections: 8, Logger: slog.New(slog.DiscardHandler)}
	mux := http.NewServeMux()
	mux.Handle("/", web.Handler(web.Options{Ping: func(context.Context) error { return nil }, Gatherer: prometheus.NewRegistry()}))
	mux.HandleFunc("POST /upload", func(w http.ResponseWriter, r *http.Request) { io.Copy(io.Discard, r.Body) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := web.NewServer(mux, limits)
	go srv.Serve(web.Listen(ln, limits))
	defer srv.Close()
	addr := ln.Addr().String()

	// The bound of every wait below: far beyond the timeouts, so only a server that never
	// closes a connection reaches it.
	const bound = 30 * time.Second
	openings := []string{
		"GET /healthz HTTP/1.1\r\nHost: loa\r\n",                                   // headers never finished
		"POST /upload HTTP/1.1\r\nHost: loa\r\nContent-Length: 1000000\r\n\r\nabc", // a body that stops
		"GET /healthz HTTP/1.1\r\nHost: loa\r\n\r\n",                               // answered, then idle
	}
	var wg sync.WaitGroup
	closed := make(chan error, 3*limits.MaxConnections)
	for i := range 3 * limits.MaxConnections {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.Write([]byte(openings[i%3])); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn.SetReadDeadline(time.Now().Add(bound))
			_, err := io.Copy(io.Discard, conn) // until the server closes it
			closed <- err
		}()
	}
	client := &http.Client{Timeout: bound}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("/healthz among slow clients: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"ok"`) {
		t.Fatalf("/healthz: %d %s", resp.StatusCode, body)
	}
	wg.Wait()
	close(closed)
	for err := range closed {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatal("a slow client's connection was held open past every timeout")
		}
	}
}

// TestAcceptErrorsAreLoggedOncePerPeriod: a storm of accept errors (descriptors exhausted) is
// logged through slog a few times with counts that add up to every error, the last of them
// when its period ends even though no error follows; not a plain-text line each.
func TestAcceptErrorsAreLoggedOncePerPeriod(t *testing.T) {
	records := make(chan slog.Record, 1000)
	srv := web.NewServer(http.NotFoundHandler(), web.Limits{ErrorEvery: 50 * time.Millisecond, Logger: slog.New(recordHandler(records))})
	for range 1000 {
		srv.ErrorLog.Printf("http: Accept error: accept tcp 127.0.0.1:8080: accept4: too many open files; retrying in 5ms")
	}
	var total, entries int64
	for total < 1000 {
		select {
		case r := <-records:
			entries++
			if r.Message != "http accept error" {
				t.Fatalf("logged as %q", r.Message)
			}
			r.Attrs(func(a slog.Attr) bool {
				if a.Key == "count" {
					total += a.Value.Int64()
				}
				return true
			})
		case <-time.After(30 * time.Second): // a bound, far past the period
			t.Fatalf("%d entries counting %d of 1000 accept errors", entries, total)
		}
	}
	if total != 1000 || entries > 100 {
		t.Fatalf("1000 accept errors logged in %d entries counting %d", entries, total)
	}
}

// recordHandler hands every log record to a channel.
type recordHandler chan slog.Record

func (h recordHandler) Enabled(context.Context, slog.Level) bool      { return true }
func (h recordHandler) Handle(_ context.Context, r slog.Record) error { h <- r; return nil }
func (h recordHandler) WithAttrs([]slog.Attr) slog.Handler            { return h }
func (h recordHandler) WithGroup(string) slog.Handler                 { return h }
