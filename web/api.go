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
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/throttle"
)

// MaxBody bounds a request body of the API.
const MaxBody = 64 << 10

// APIStore is what the HTTP API needs of the store: notices are created and followed up
// through the notices room, and read here.
type APIStore interface {
	notices.Store
	loa.Auditor
	NoticeCounts(ctx context.Context, noticeID int64) (map[string]int, error)
	APIClientByToken(ctx context.Context, token string) (loa.APIClient, error)
}

// API serves /api/v1 for other systems: create notices, read their status and deliveries.
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
	// Notices is the notices room; nil: one on Store.
	Notices *notices.Service
	// Documents keeps and sends official documents; nil: /api/v1/documents answers 404.
	Documents *documents.Service
	// AuthDelay is the throttle's first delay after a failed token (0: throttle.DefaultBase).
	AuthDelay time.Duration

	failed throttle.Throttle
}

// openAPI describes the API; a test checks every response of the end-to-end API tests
// against it.
//
//go:embed openapi.json
var openAPI []byte

func (a *API) routes(mux *http.ServeMux) {
	a.failed.Base = a.AuthDelay // before any request can read it
	if a.Notices == nil {
		a.Notices = notices.New(a.Store, notices.Options{Location: a.Location, Now: a.Now, Wake: a.Wake, Logger: a.Logger,
			AuditFailed: a.AuditFailed})
	}
	mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	mux.HandleFunc("POST /api/v1/notices", a.auth(a.createNotice))
	mux.HandleFunc("GET /api/v1/notices/{id}", a.auth(a.getNotice))
	mux.HandleFunc("DELETE /api/v1/notices/{id}", a.auth(a.cancelNotice))
	mux.HandleFunc("GET /api/v1/notices/{id}/deliveries", a.auth(a.deliveries))
	mux.HandleFunc("GET /api/v1/notices/{id}/cap", a.auth(a.cap))
	mux.HandleFunc("GET /api/v1/notices/{id}/report.csv", a.auth(a.report("csv")))
	mux.HandleFunc("GET /api/v1/notices/{id}/report.xlsx", a.auth(a.report("xlsx")))
	mux.HandleFunc("POST /api/v1/notices/{id}/updates", a.auth(a.updateNotice))
	if a.Documents != nil {
		mux.HandleFunc("POST /api/v1/documents", a.auth(a.createDocument))
		mux.HandleFunc("POST /api/v1/documents/{id}/send", a.auth(a.sendDocument))
		mux.HandleFunc("GET /api/v1/documents/{id}/tasks", a.auth(a.documentTasks))
	}
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

// Unwrap lets http.NewResponseController reach the connection (a report extends its deadline).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

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
	if a.outsideScope(w, r, client, req.Audience) {
		return
	}
	created, err := a.notices().Create(r.Context(), apiActor(client), notices.Request{Text: req.Text, Audience: req.Audience,
		Urgent: req.Urgent, Ack: req.RequiresAck, Exercise: req.Exercise, SendAt: req.SendAt})
	if a.refused(w, r, err, "could not create the notice") {
		return
	}
	apiJSON(w, http.StatusCreated, map[string]any{"id": created.ID, "number": created.Number, "recipients": created.Recipients,
		"status": created.Status, "send_at": created.SendAt})
}

// apiActor is an API client as the notices room knows it: it acts for the office, within
// what its token allows, which the API checks before it asks the room.
func apiActor(client loa.APIClient) notices.Actor {
	return notices.Actor{Name: client.Actor(), Admin: true, Door: "api"}
}

func (a *API) notices() *notices.Service { return a.Notices }

// refused answers a refusal of the notices room, in the words every door uses (Vietnamese,
// or English for a client whose Accept-Language asks for it), or a failure; it reports
// whether it answered.
func (a *API) refused(w http.ResponseWriter, r *http.Request, err error, failed string) bool {
	if err == nil {
		return false
	}
	lang := "vi"
	if strings.HasPrefix(r.Header.Get("Accept-Language"), "en") {
		lang = "en"
	}
	msg, ok := notices.Refusal(lang, err)
	var p *notices.Problem
	if errors.As(err, &p) && p.Field != "" {
		msg = p.Field + ": " + msg
	}
	switch {
	case !ok:
		apiError(w, http.StatusInternalServerError, failed)
	case errors.Is(err, notices.ErrForbidden):
		apiError(w, http.StatusForbidden, msg)
	case errors.Is(err, loa.ErrNotFound):
		apiError(w, http.StatusNotFound, msg)
	case errors.Is(err, loa.ErrNoticeCancelled):
		apiError(w, http.StatusConflict, msg)
	default:
		apiError(w, http.StatusUnprocessableEntity, msg)
	}
	return true
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
// ?reason= becomes the text they see. The request is checked whole before anything changes.
func (a *API) cancelNotice(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	n, ok := a.noticeFor(w, r, client, mayCancel)
	if !ok {
		return
	}
	id := n.ID
	done, err := a.notices().Cancel(r.Context(), apiActor(client), id, r.URL.Query().Get("reason"))
	if a.refused(w, r, err, "could not cancel the notice") {
		return
	}
	out := map[string]any{"id": id, "status": loa.NoticeCancelled, "deliveries_cancelled": done.Stopped, "follow_up": nil}
	if done.FollowUp.ID != 0 {
		out["follow_up"] = map[string]any{"id": done.FollowUp.ID, "recipients": done.FollowUp.Recipients}
	}
	apiJSON(w, http.StatusOK, out)
}

// updateNotice sends {"text": "…"} as an update to the notice's recipients.
func (a *API) updateNotice(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	n, ok := a.noticeFor(w, r, client, mayUpdate)
	if !ok {
		return
	}
	id := n.ID
	var req struct {
		Text string `json:"text"`
	}
	if !decodeJSON(w, r, &req) {
		return
	}
	follow, err := a.notices().Update(r.Context(), apiActor(client), id, req.Text)
	if a.refused(w, r, err, "could not send the update") {
		return
	}
	out := map[string]any{"id": id, "deliveries_cancelled": 0, "follow_up": nil}
	if follow.ID != 0 {
		out["follow_up"] = map[string]any{"id": follow.ID, "recipients": follow.Recipients}
	}
	apiJSON(w, http.StatusOK, out)
}
