package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
)

// maxToken bounds what is hashed and looked up as a token: anything longer is no token of ours.
const maxToken = 512

// client finds the client holding a bearer token: a configured one (compared in constant
// time), else one made with `loa api tokens`, by its hash. loa.ErrNotFound: nobody.
func (a *API) client(ctx context.Context, token string) (loa.APIClient, error) {
	if token == "" || len(token) > maxToken {
		return loa.APIClient{}, loa.ErrNotFound
	}
	var found *loa.APIClient
	for configured, c := range a.Clients {
		if subtle.ConstantTimeCompare([]byte(token), []byte(configured)) == 1 {
			found = &c
		}
	}
	if found != nil {
		return *found, nil
	}
	c, err := a.Store.APIClientByToken(ctx, token)
	if err != nil {
		return c, fmt.Errorf("api client: %w", err)
	}
	return c, nil
}

// tooMany refuses a client that failed too often, saying when to come back.
func tooMany(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	apiError(w, http.StatusTooManyRequests, "too many failed authentications; wait and try again")
}

// permission says why a client may not act on a notice, or "" when it may.
type permission func(c loa.APIClient, n loa.Notice) string

func mayRead(c loa.APIClient, n loa.Notice) string {
	switch {
	case c.May(loa.RightReadAll), c.May(loa.RightRead) && c.Owns(n):
		return ""
	case c.May(loa.RightRead):
		return "this token may read only the notices it created"
	}
	return "this token may not read notices"
}

func mayCancel(c loa.APIClient, n loa.Notice) string {
	switch {
	case c.May(loa.RightCancelAll), c.May(loa.RightCancel) && c.Owns(n):
		return ""
	case c.May(loa.RightCancel):
		return "this token may cancel only the notices it created"
	}
	return "this token may not cancel notices"
}

// mayUpdate: an update is sent to the notice's recipients, so it needs the right to create,
// on the client's own notice; cancel_all reaches every notice.
func mayUpdate(c loa.APIClient, n loa.Notice) string {
	switch {
	case c.May(loa.RightCancelAll), c.May(loa.RightCreate) && c.Owns(n):
		return ""
	case c.May(loa.RightCreate):
		return "this token may update only the notices it created"
	}
	return "this token may not update notices"
}

// outsideScope refuses an audience that reaches past the client's units, and explicit chats
// that are not active members or approved groups inside them; it reports whether it answered.
func (a *API) outsideScope(w http.ResponseWriter, r *http.Request, client loa.APIClient, aud loa.Audience) bool {
	ctx := r.Context()
	units, err := a.Store.Units(ctx)
	if err != nil {
		apiError(w, http.StatusInternalServerError, "could not read the units")
		return true
	}
	reach := newClientScope(client, units)
	if msg := audienceOutside(client, reach, aud); msg != "" {
		apiError(w, http.StatusForbidden, msg)
		return true
	}
	for _, id := range aud.Chats {
		ok, err := a.chatWithin(ctx, client, reach, units, id)
		if err != nil {
			apiError(w, http.StatusInternalServerError, "could not read the chats")
			return true
		}
		if !ok {
			apiError(w, http.StatusUnprocessableEntity, fmt.Sprintf("audience.chats: %d is not an active member or approved group within this token's units", id))
			return true
		}
	}
	return false
}

// audienceOutside says how an audience reaches past a client's units ("" when it does not).
// Every dimension but units reaches the whole district, so a scoped client narrows them with
// units and mode "all".
func audienceOutside(client loa.APIClient, reach clientScope, aud loa.Audience) string {
	if len(client.Units) == 0 {
		return ""
	}
	scope := "this token may address only " + strings.Join(client.Units, ", ")
	others := len(aud.Topics) > 0 || len(aud.Roles) > 0 || len(aud.UnitKinds) > 0
	switch {
	case aud.All:
		return "audience.all: " + scope
	case others && len(aud.Units) == 0:
		return "audience.units: required with topics or roles: " + scope
	case others && aud.Mode == "any":
		return "audience.mode: \"any\" would reach past the units: " + scope
	}
	for _, key := range aud.Units {
		if !reach.mayAddress(key) {
			return fmt.Sprintf("audience.units: %s is outside: %s", key, scope)
		}
	}
	return ""
}

// chatWithin reports whether an explicit chat may be addressed by the client: an active
// member or approved group, in one of its units when it has any.
func (a *API) chatWithin(ctx context.Context, client loa.APIClient, reach clientScope, all []loa.Unit, id int64) (bool, error) {
	c, err := a.Store.Chat(ctx, id)
	if errors.Is(err, loa.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("chat %d: %w", id, err)
	}
	if c.Status != loa.StatusActive {
		return false, nil
	}
	if len(client.Units) == 0 {
		return true, nil
	}
	if c.UnitID == nil {
		return false, nil
	}
	i := slices.IndexFunc(all, func(u loa.Unit) bool { return u.ID == *c.UnitID })
	return i >= 0 && reach.mayAddress(all[i].Key), nil
}

// clientScope is a scoped client seen as the managers of its units: the API applies the same
// rule (loa.Manager) as the console and the bot, once for each unit the token names.
type clientScope struct {
	tree     loa.UnitTree
	managers []loa.Manager
}

// newClientScope reads a client's units from the tree; a unit key the tree lacks (a unit
// removed from the catalogue) reaches nothing.
func newClientScope(client loa.APIClient, all []loa.Unit) clientScope {
	cs := clientScope{tree: loa.NewUnitTree(all)}
	for _, u := range all {
		if slices.Contains(client.Units, u.Key) {
			cs.managers = append(cs.managers, loa.Manager{Scope: u})
		}
	}
	return cs
}

// mayAddress reports whether one of the client's units reaches the unit key.
func (cs clientScope) mayAddress(key string) bool {
	return slices.ContainsFunc(cs.managers, func(m loa.Manager) bool { return m.MayAddress(cs.tree, []string{key}) })
}
