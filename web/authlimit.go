package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/loa-vn/loa"
)

// authFailed counts a failed authentication from r's address and writes one audit row per
// address a minute; it reports whether the address is over its limit (answer 429).
func (a *API) authFailed(ctx context.Context, r *http.Request, now time.Time) (limited bool) {
	addr, limited, attempts := a.failed.Record(r, now)
	if attempts > 0 {
		a.trail().Record(ctx, loa.AuditEntry{Actor: "api:" + addr, Action: "api.auth", Target: r.Method + " " + r.URL.Path,
			Detail: fmt.Sprintf("%d failed attempt(s) in the last minute", attempts), Allowed: false})
	}
	return limited
}
