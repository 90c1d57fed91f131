package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/loa-vn/loa"
)

// Pages of GET /api/v1/notices/{id}/deliveries.
const (
	DefaultDeliveriesPage = 100
	MaxDeliveriesPage     = 1000
)

// deliveries answers one page of a notice's deliveries, in chat order: ?limit= (at most
// MaxDeliveriesPage) and ?cursor= from the previous page's next_cursor, which is null on the
// last page. A page is read by the (notice, chat) index, so a notice of a million recipients
// costs what one of a thousand does.
func (a *API) deliveries(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	limit := DefaultDeliveriesPage
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxDeliveriesPage {
			apiError(w, http.StatusBadRequest, fmt.Sprintf("limit: %q is not a number from 1 to %d", v, MaxDeliveriesPage))
			return
		}
		limit = n
	}
	var after *int64
	if v := r.URL.Query().Get("cursor"); v != "" {
		chat, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			apiError(w, http.StatusBadRequest, fmt.Sprintf("cursor: %q is not a cursor this API gave", v))
			return
		}
		after = &chat
	}
	n, ok := a.noticeFor(w, r, client, mayRead)
	if !ok {
		return
	}
	// One more than asked says whether another page follows.
	ds, err := a.Store.DeliveriesAfter(r.Context(), n.ID, after, limit+1)
	if err != nil {
		apiError(w, http.StatusInternalServerError, "could not read deliveries")
		return
	}
	var next *string
	if len(ds) > limit {
		ds = ds[:limit]
		cursor := strconv.FormatInt(ds[limit-1].ChatID, 10)
		next = &cursor
	}
	if ds == nil {
		ds = []loa.DeliveryInfo{}
	}
	apiJSON(w, http.StatusOK, map[string]any{"deliveries": ds, "next_cursor": next})
}
