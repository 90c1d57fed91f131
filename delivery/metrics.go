package delivery

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the delivery counters on /metrics.
type Metrics struct {
	outcomes *prometheus.CounterVec
	retried  prometheus.Counter
	// outcomeRetries counts failed attempts to store outcomes, each retried until it commits.
	outcomeRetries prometheus.Counter
	tooMany        prometheus.Counter
	depth          prometheus.Gauge
	paid           prometheus.Counter
}

// NewMetrics creates the delivery metrics and registers them on reg when it is not nil.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loa_deliveries_total",
			Help: "Delivery attempts by outcome: sent, failed, blocked, queued (to retry)."}, []string{"outcome"}),
		retried: prometheus.NewCounter(prometheus.CounterOpts{Name: "loa_delivery_retries_total",
			Help: "Deliveries scheduled for another attempt after a 5xx, timeout or network error."}),
		outcomeRetries: prometheus.NewCounter(prometheus.CounterOpts{Name: "loa_delivery_outcome_write_retries_total",
			Help: "Failed attempts to store delivery outcomes (database unreachable or busy); each is retried until it commits."}),
		tooMany: prometheus.NewCounter(prometheus.CounterOpts{Name: "loa_telegram_429_total",
			Help: "Too Many Requests answers from Telegram."}),
		depth: prometheus.NewGauge(prometheus.GaugeOpts{Name: "loa_delivery_queue_depth",
			Help: "Deliveries queued or being sent, as last seen."}),
		paid: prometheus.NewCounter(prometheus.CounterOpts{Name: "loa_deliveries_paid_total",
			Help: "Messages sent as paid broadcasts (allow_paid_broadcast, paid in Telegram Stars)."}),
	}
	if reg != nil {
		reg.MustRegister(m.outcomes, m.retried, m.outcomeRetries, m.tooMany, m.depth, m.paid)
	}
	return m
}
