package web

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	_ "github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus"
)

// A database server that accepts connections and never answers (a network hang): /healthz
// must still answer 503 within its limit, and again while the first check hangs.
func TestHealthzAnswers503WhileTheDatabaseHangs(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c // held open, never answered
		}
	}()
	defer func() {
		ln.Close()
		for len(accepted) > 0 {
			(<-accepted).Close()
		}
	}()
	addr := ln.Addr().(*net.TCPAddr)
	db, err := sql.Open("postgres", fmt.Sprintf("host=127.0.0.1 port=%d user=x dbname=x sslmode=disable connect_timeout=600", addr.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv := httptest.NewServer(Handler(Options{Ping: db.PingContext, HealthLimit: 100 * time.Millisecond, Gatherer: prometheus.NewRegistry()}))
	defer srv.Close()
	// The client's own limit only keeps a failing test from hanging forever; the check is that
	// an answer comes at all while the database still has not answered.
	client := &http.Client{Timeout: time.Minute}
	for i := range 2 {
		resp, err := client.Get(srv.URL + "/healthz")
		if err != nil {
			t.Fatalf("check %d: %v", i+1, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("check %d: status %d, want 503", i+1, resp.StatusCode)
		}
	}
	select {
	case <-accepted: // the database was reached and is still hanging
	default:
		t.Fatal("the check never reached the hanging database")
	}
}

func TestHealthzAnswersOKWhenTheDatabaseAnswers(t *testing.T) {
	srv := httptest.NewServer(Handler(Options{Ping: func(context.Context) error { return nil }, Gatherer: prometheus.NewRegistry()}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
}
