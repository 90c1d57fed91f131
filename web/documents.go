package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
)

// maxUpload bounds a document's upload: the largest file the documents room reads, and the
// form around it.
const maxUpload = documents.DefaultMaxBytes + 1<<20

func apiPerson(client loa.APIClient) documents.Person {
	return documents.Person{Name: client.Actor(), Admin: true, Door: "api"}
}

func apiLang(r *http.Request) string {
	if strings.HasPrefix(r.Header.Get("Accept-Language"), "en") {
		return "en"
	}
	return "vi"
}

// createDocument reads an uploaded document (multipart field "file"), keeps it as a draft and
// answers its preview with its id; a file that cannot be read is refused with the reason and
// nothing is kept.
func (a *API) createDocument(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	if !client.May(loa.RightCreate) {
		apiError(w, http.StatusForbidden, "this token may not bring documents")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	f, header, err := r.FormFile("file")
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("upload larger than %d bytes", maxUpload))
			return
		}
		apiError(w, http.StatusBadRequest, "send the document as multipart/form-data in the field \"file\"")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, documents.DefaultMaxBytes+1))
	if err != nil {
		apiError(w, http.StatusBadRequest, "could not read the upload")
		return
	}
	lang := apiLang(r)
	brought, err := a.Documents.Bring(r.Context(), apiPerson(client), filepath.Base(header.Filename), data, loa.Media{}, lang)
	if err != nil {
		apiError(w, http.StatusInternalServerError, "could not keep the document")
		return
	}
	if brought.Document == nil {
		apiError(w, http.StatusUnprocessableEntity, brought.Reply)
		return
	}
	a.trail().Record(r.Context(), loa.AuditEntry{Actor: client.Actor(), Action: "document.preview",
		Target: strconv.FormatInt(brought.Document.ID, 10), Detail: "api: " + header.Filename, Allowed: true})
	apiJSON(w, http.StatusCreated, map[string]any{"id": brought.Document.ID, "status": brought.Document.Status,
		"units": nonNil(brought.Document.Units()), "preview": brought.Preview, "text": brought.Reply})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func documentID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		apiError(w, http.StatusBadRequest, fmt.Sprintf("%q is not a document id", r.PathValue("id")))
		return 0, false
	}
	return id, true
}

// documentUnread answers a document that could not be read: 404 when there is none.
func documentUnread(w http.ResponseWriter, id int64, err error) {
	if errors.Is(err, loa.ErrNotFound) {
		apiError(w, http.StatusNotFound, fmt.Sprintf("no document %d", id))
		return
	}
	apiError(w, http.StatusInternalServerError, "could not read the document")
}

// sendDocument sends a kept document to its units; a token limited to some units sends only
// documents addressed within them.
func (a *API) sendDocument(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	if !client.May(loa.RightCreate) {
		apiError(w, http.StatusForbidden, "this token may not send documents")
		return
	}
	id, ok := documentID(w, r)
	if !ok {
		return
	}
	d, err := a.Documents.Store.Document(r.Context(), id)
	if err != nil {
		documentUnread(w, id, err)
		return
	}
	if units := d.Units(); len(units) > 0 && a.outsideScope(w, r, client, loa.Audience{Units: units}) {
		return
	}
	sent, err := a.Documents.Send(r.Context(), apiPerson(client), id)
	if msg, refused := documents.SendRefusal(apiLang(r), err); refused {
		status := http.StatusUnprocessableEntity
		switch {
		case errors.Is(err, documents.ErrAlreadySent):
			status = http.StatusConflict
		case errors.Is(err, documents.ErrForbidden):
			status = http.StatusForbidden
		case errors.Is(err, loa.ErrNotFound):
			status = http.StatusNotFound
		}
		apiError(w, status, msg)
		return
	} else if err != nil {
		apiError(w, http.StatusInternalServerError, "could not send the document")
		return
	}
	a.trail().Record(r.Context(), loa.AuditEntry{Actor: client.Actor(), Action: "document.send", Target: strconv.FormatInt(id, 10),
		Detail: fmt.Sprintf("api, %d units", len(sent.Notices)), Allowed: true})
	out := map[string]int64{}
	keys := []string{}
	for key, n := range sent.Notices {
		out[key] = n.ID
		keys = append(keys, key)
	}
	slices.Sort(keys)
	apiJSON(w, http.StatusOK, map[string]any{"id": id, "status": loa.DocumentSent, "sent_to": keys, "notices": out,
		"not_sent": nonNil(sent.Unmapped)})
}

// documentTasks is a document's tasks per unit: received, acknowledged, done, overdue. A
// token reads every document with read_all, those it brought with read; one limited to some
// units sees only those units.
func (a *API) documentTasks(w http.ResponseWriter, r *http.Request, client loa.APIClient) {
	id, ok := documentID(w, r)
	if !ok {
		return
	}
	p, err := a.Documents.Progress(r.Context(), apiPerson(client), id)
	if err != nil {
		documentUnread(w, id, err)
		return
	}
	switch {
	case client.May(loa.RightReadAll):
	case client.May(loa.RightRead) && p.Document.BroughtBy == client.Actor():
	case client.May(loa.RightRead):
		apiError(w, http.StatusForbidden, "this token may read only the documents it brought")
		return
	default:
		apiError(w, http.StatusForbidden, "this token may not read documents")
		return
	}
	if len(client.Units) > 0 {
		units, err := a.Store.Units(r.Context())
		if err != nil {
			apiError(w, http.StatusInternalServerError, "could not read the units")
			return
		}
		reach := newClientScope(client, units)
		kept := p.Units[:0]
		for _, u := range p.Units {
			if reach.mayAddress(u.Key) {
				kept = append(kept, u)
			}
		}
		p.Units = kept
	}
	if p.Units == nil {
		p.Units = []documents.UnitProgress{}
	}
	apiJSON(w, http.StatusOK, p)
}
