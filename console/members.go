package console

import (
	"net/http"
	"strconv"

	"github.com/loa-vn/loa"
)

// pendingMember is a registration waiting for a decision.
type pendingMember struct {
	loa.Chat
	Unit string
}

// pendingMembers lists registrations waiting, those in a leader's scope only for a leader.
func (c *Console) pendingMembers(r *http.Request, v viewer) ([]pendingMember, error) {
	ctx := r.Context()
	chats, err := c.people.ListChats(ctx, loa.ChatFilter{Status: loa.StatusPending})
	if err != nil {
		return nil, err
	}
	units, err := c.units.Units(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]loa.Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}
	var out []pendingMember
	for _, ch := range chats {
		if ch.UnitID == nil {
			continue
		}
		if v.mayChange(units, ch) {
			out = append(out, pendingMember{Chat: ch, Unit: byID[*ch.UnitID].Name})
		}
	}
	return out, nil
}

func (c *Console) members(w http.ResponseWriter, r *http.Request, v viewer) error {
	pending, err := c.pendingMembers(r, v)
	if err != nil {
		return err
	}
	all, err := c.units.Units(r.Context())
	if err != nil {
		return err
	}
	c.render(w, "members", v, map[string]any{"Pending": pending, "Done": c.flashed(w, r),
		"Units": v.units(all), "Roles": []string{loa.RoleLeader, loa.RoleOfficer, loa.RoleMilitia}})
	return nil
}

// decide approves or rejects the chosen registrations; each is checked against the viewer's
// scope again, whatever the form held.
func (c *Console) decide(w http.ResponseWriter, r *http.Request, v viewer) error {
	ctx := r.Context()
	status := map[string]string{"approve": loa.StatusActive, "reject": loa.StatusRejected}[r.PostFormValue("decision")]
	if status == "" {
		return errForbidden
	}
	pending, err := c.pendingMembers(r, v)
	if err != nil {
		return err
	}
	allowed := map[int64]bool{}
	for _, p := range pending {
		allowed[p.ID] = true
	}
	decided := 0
	for _, raw := range r.PostForm["chat"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || !allowed[id] {
			c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: "console." + r.PostFormValue("decision"), Target: raw, Allowed: false})
			continue
		}
		if err := c.people.SetChatStatus(ctx, id, status); err != nil {
			return err
		}
		decided++
		c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: map[string]string{loa.StatusActive: "approve", loa.StatusRejected: "reject"}[status],
			Target: raw, Detail: "web console", Allowed: true})
		if c.Decisions != nil {
			if err := c.Decisions.NotifyDecision(ctx, id); err != nil {
				c.Logger.Warn("telling a member the decision failed; it stands", "chat", id, "err", err)
			}
		}
	}
	c.flash(w, c.t(v, "con_decided", strconv.Itoa(decided)))
	http.Redirect(w, r, "/console/members", http.StatusSeeOther)
	return nil
}
