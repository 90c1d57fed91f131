// Package web serves Loa's HTTP endpoints: /healthz, /metrics, the Telegram webhook, the
// HTTP API, and mounts the web console.
package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Options says what the listener serves.
type Options struct {
	Ping        func(context.Context) error // database check for /healthz
	HealthLimit time.Duration               // how long /healthz waits for Ping; 0: 2 s
	Gatherer    prometheus.Gatherer
	WebhookPath string
	Webhook     http.Handler // nil in polling mode
	API         *API         // nil: no /api/v1
	Console     http.Handler // the web console under /console/; nil: none
	Calendar    http.Handler // members' iCalendar feeds under /calendar/; nil: none
}

// Handler returns the router.
func Handler(o Options) http.Handler {
	mux := http.NewServeMux()
	health := newHealthCheck(o.Ping, o.HealthLimit)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if err := health.check(r.Context()); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]string{"status": "unhealthy", "database": "unreachable"})
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"status": "ok", "database": "ok"})
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(o.Gatherer, promhttp.HandlerOpts{}))
	if o.Webhook != nil {
		mux.Handle(o.WebhookPath, o.Webhook)
	}
	if o.Console != nil {
		mux.Handle("/console/", o.Console)
		mux.Handle("GET /{$}", http.RedirectHandler("/console/", http.StatusSeeOther))
	}
	if o.Calendar != nil {
		mux.Handle("GET /calendar/", o.Calendar)
	}
	if o.API != nil {
		o.API.routes(mux)
	}
	return mux
}
