package web

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/throttle"
	"github.com/loa-vn/loa/when"
)

// MaxBody bounds a request body of the API.
const MaxBody = 64 << 10

// APIStore is what the HTTP API needs of the store.
type APIStore interface {
	loa.Notices
	loa.Auditor
	Topics(ctx context.Context) ([]loa.Topic, error)
	UnitByKey(ctx context.Context, key string) (loa.Unit, error)
	Units(ctx context.Context) ([]loa.Unit, error)
	Chat(ctx context.Context, id int64) (loa.Chat, error)
	APIClientByToken(ctx context.Context, token string) (loa.APIClient, error)
	DeliveriesAfter(ctx context.Context, noticeID int64, afterChat *int64, limit int) ([]loa.DeliveryInfo, error)
}

// API serves /api/v1 for other systems: create notices, read their status and deliveries.
// A client reaches what its token allows (loa.APIClient): tokens made with `loa api tokens`
// are found in the store by their hash, configured ones in Clients.
type API struct {
	Store    APIStore
	Clients  map[string]loa.APIClient // configured bearer token → its client
	Proxies  []netip.Prefix           // reverse proxies whose X-Forwarded-For names the client
	Location *time.Location
	Wake     func()
	Now      func() time.Time
	// AuditFailed counts an audit entry that could not be written; may be nil.
	AuditFailed func()
	Logger      *slog.Logger
	// CAPSender is the sender named in CAP documents (default "loa").
	CAPSender string

	failed throttle.Throttle
}

// openAPI describes the API; a test checks every response of the end-to-end API tests
// against it.
//
//go:embed openapi.json
var openAPI []byte

func (a *API) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	mux.HandleFunc("POST /api/v1/notices", a.auth(a.createNotice))
	mux.HandleFunc("GET /api/v1/notices/{id}", a.auth(a.getNotice))
	mux.HandleFunc("DELETE /api/v1/notices/{id}", a.auth(a.cancelNotice))
	mux.HandleFunc("GET /api/v1/notices/{id}/deliveries", a.auth(a.deliveries))
	mux.HandleFunc("GET /api/v1/notices/{id}/cap", a.auth(a.cap))
	mux.HandleFunc("POST /api/v1/notices/{id}/updates", a.auth(a.updateNotice))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		apiError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
}

func apiError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func apiJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

type handler func(w http.ResponseWriter, r *http.Request, client loa.APIClient)

// auth finds the client of the bearer token and names it for the audit log. A client that
// failed too often is refused before its token is even looked at, whatever it sends.
func (a *API) auth(next handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		got, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		attempt := throttle.Attempt{Addr: throttle.ClientAddr(r, a.Proxies), Credential: got, Trail: a.trail(),
			Entry: loa.AuditEntry{Actor: "api:", Action: "api.auth", Target: r.Method + " " + r.URL.Path}}
		if wait := a.failed.Refused(r.Context(), attempt, a.now()); wait > 0 {
			tooMany(w, wait)
			return
		}
		client, err := a.client(r.Context(), got)
		if errors.Is(err, loa.ErrNotFound) {
			a.failed.Fail(r.Context(), attempt, a.now())
			w.Header().Set("WWW-Authenticate", `Bearer realm="loa"`)
			apiError(w, http.StatusUnauthorized, "missing or invalid bearer token")
			return
		} else if err != nil {
			apiError(w, http.StatusInternalServerError, "could not check the token")
			return
		}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next(rec, r, client)
		// A refused or failed request is logged with the client that made it, never its token.
		if rec.status >= 400 && a.Logger != nil {
			level := slog.LevelWarn
			if rec.status >= 500 {
				level = slog.LevelError
			}
			a.Logger.Log(r.Context(), level, "api request not served", "client", client.Name, "method", r.Method, "path", r.URL.Path, "status", rec.status)
		}
	}
}

// statusRecorder remembers the status a handler answered.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// noticeRequest is the body of POST /api/v1/notices.
type noticeRequest struct {
	Text        string       `json:"text"`
	Audience    loa.Audience `json:"audience"`
	Urgent      bool         `json:"urgent"`
	RequiresAck bool         `json:"requires_ack"`
	Exercise    bool         `json:"exercise"`
	SendAt      string       `json:"send_at"` // RFC 3339, or "2024-06-10 07:00" in local time
}

// decodeJSON reads a request body of exactly one JSON object into dst, answering the client
// itself when the body is not that; it reports whether dst was filled.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) bool {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		apiError(w, http.StatusUnsupportedMediaType, "send JSON with Content-Type: application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		var extra json.RawMessage
		if err = dec.Decode(&extra); errors.Is(err, io.EOF) {
			return true
		}
		if err == nil {
			err = errors.New("more than one JSON value in the body")
		}
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", MaxBody))
		return false
	}
	apiError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
	return false
}

func (a *API) createNotice(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	if !client.May(loa.RightCreate) {
		apiError(w, http.StatusForbidden, "this token may not create notices")
		return
	}
	var req noticeRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	n, err := a.validate(r.Context(), req)
	if err != nil {
		apiError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if a.outsideScope(w, r, client, req.Audience) {
		return
	}
	n.CreatedBy = client.Actor()
	created, err := a.Store.CreateNotice(r.Context(), n)
	if errors.Is(err, loa.ErrInvalidText) {
		apiError(w, http.StatusUnprocessableEntity, "text: "+err.Error())
		return
	}
	if err != nil {
		apiError(w, http.StatusInternalServerError, "could not create the notice")
		return
	}
	a.trail().Record(r.Context(), loa.AuditEntry{Actor: client.Actor(), Action: "broadcast", Target: strconv.FormatInt(created.ID, 10),
		Detail: fmt.Sprintf("%d recipients", created.Recipients), Allowed: true})
	if a.Wake != nil {
		a.Wake()
	}
	apiJSON(w, http.StatusCreated, map[string]any{"id": created.ID, "recipients": created.Recipients, "status": created.Status, "send_at": created.SendAt})
}

func (a *API) validate(ctx context.Context, req noticeRequest) (loa.Notice, error) {
	text := strings.TrimSpace(req.Text)
	switch {
	case text == "":
		return loa.Notice{}, errors.New("text: required")
	case loa.CheckText(text) != nil:
		return loa.Notice{}, fmt.Errorf("text: %w", loa.CheckText(text))
	case len([]rune(text)) > 20000:
		return loa.Notice{}, errors.New("text: longer than 20000 characters")
	case req.Audience.Empty():
		return loa.Notice{}, errors.New("audience: say who receives it (topics, units, roles, chats or all)")
	case req.Audience.Mode != "" && req.Audience.Mode != "all" && req.Audience.Mode != "any":
		return loa.Notice{}, fmt.Errorf("audience.mode: %q is not all or any", req.Audience.Mode)
	}
	var ae *loa.AudienceError
	if err := loa.CheckAudience(ctx, a.Store, req.Audience); errors.As(err, &ae) {
		return loa.Notice{}, fmt.Errorf("audience.%w", err)
	} else if err != nil {
		return loa.Notice{}, err
	}
	units, err := a.Store.Units(ctx)
	if err != nil {
		return loa.Notice{}, err
	}
	n := loa.Notice{Origin: loa.OriginBroadcast, Text: loa.BroadcastText(text), RequiresAck: req.RequiresAck, Audience: req.Audience,
		Exercise: req.Exercise, Sender: loa.DefaultSender(units)}
	if req.Urgent {
		n.Priority = loa.PriorityUrgent
	}
	if req.SendAt != "" {
		at, err := when.Parse(req.SendAt, a.now(), a.Location)
		if err != nil {
			return n, fmt.Errorf("send_at: %w (RFC 3339, \"2006-01-02 15:04\" or \"7h30 15/12\")", err)
		}
		if !at.After(a.now()) {
			return n, fmt.Errorf("send_at: %s is in the past", req.SendAt)
		}
		n.SendAt = &at
	}
	return n, nil
}

func (a *API) trail() loa.AuditTrail {
	return loa.AuditTrail{Auditor: a.Store, Log: a.Logger, Failed: a.AuditFailed}
}

func (a *API) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// noticeFor reads the notice of the path if the client may act on it as may says; otherwise
// it answers the client itself.
func (a *API) noticeFor(w http.ResponseWriter, r *http.Request, client loa.APIClient, may permission) (loa.Notice, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		apiError(w, http.StatusBadRequest, fmt.Sprintf("%q is not a notice id", r.PathValue("id")))
		return loa.Notice{}, false
	}
	n, err := a.Store.Notice(r.Context(), id)
	if errors.Is(err, loa.ErrNotFound) {
		apiError(w, http.StatusNotFound, fmt.Sprintf("no notice %d", id))
		return n, false
	} else if err != nil {
		apiError(w, http.StatusInternalServerError, "could not read the notice")
		return n, false
	}
	if refusal := may(client, n); refusal != "" {
		apiError(w, http.StatusForbidden, refusal)
		return n, false
	}
	return n, true
}

func (a *API) getNotice(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	n, ok := a.noticeFor(w, r, client, mayRead)
	if !ok {
		return
	}
	counts, err := a.Store.NoticeCounts(r.Context(), n.ID)
	if err != nil {
		apiError(w, http.StatusInternalServerError, "could not count deliveries")
		return
	}
	apiJSON(w, http.StatusOK, map[string]any{"id": n.ID, "origin": n.Origin, "status": n.Status, "created_at": n.CreatedAt,
		"send_at": n.SendAt, "recipients": n.Recipients, "requires_ack": n.RequiresAck, "counts": counts, "created_by": n.CreatedBy})
}

// cancelNotice stops what is unsent and tells those who already got the notice; the optional
// ?reason= becomes the text they see.
func (a *API) cancelNotice(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	a.followUp(w, r, client, r.URL.Query().Get("reason"), true)
}

// updateNotice sends {"text": "…"} as an update to the notice's recipients.
func (a *API) updateNotice(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	var req struct {
		Text string `json:"text"`
	}
	if !decodeJSON(w, r, &req) {
		return
	}
	if strings.TrimSpace(req.Text) == "" {
		apiError(w, http.StatusUnprocessableEntity, "text: required")
		return
	}
	if err := loa.CheckText(req.Text); err != nil {
		apiError(w, http.StatusUnprocessableEntity, "text: "+err.Error())
		return
	}
	a.followUp(w, r, client, req.Text, false)
}

func (a *API) followUp(w http.ResponseWriter, r *http.Request, client loa.APIClient, text string, retract bool) {
	may := mayUpdate
	if retract {
		may = mayCancel
	}
	n, ok := a.noticeFor(w, r, client, may)
	if !ok {
		return
	}
	follow, stopped, err := loa.FollowUp(r.Context(), a.Store, n.ID, text, retract, client.Actor())
	if err != nil {
		apiError(w, http.StatusInternalServerError, "could not send the follow-up")
		return
	}
	action := map[bool]string{true: "notice.retract", false: "notice.update"}[retract]
	a.trail().Record(r.Context(), loa.AuditEntry{Actor: client.Actor(), Action: action, Target: strconv.FormatInt(n.ID, 10), Allowed: true})
	if a.Wake != nil {
		a.Wake()
	}
	out := map[string]any{"id": n.ID, "deliveries_cancelled": stopped, "follow_up": nil}
	if retract {
		out["status"] = loa.NoticeCancelled
	}
	if follow.ID != 0 {
		out["follow_up"] = map[string]any{"id": follow.ID, "recipients": follow.Recipients}
	}
	apiJSON(w, http.StatusOK, out)
}
