package console

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/loa-vn/loa"
)

// unitNode is a unit with its depth in the tree, for indenting lists.
type unitNode struct {
	loa.Unit
	Depth int
}

// unitsUnder lists the units at or under top (every unit when top is nil), in display order,
// each with its depth in the tree.
func unitsUnder(all []loa.Unit, top *loa.Unit) []unitNode {
	byID := make(map[int64]loa.Unit, len(all))
	for _, u := range all {
		byID[u.ID] = u
	}
	var out []unitNode
	for _, u := range all {
		depth, under := 0, top == nil || u.ID == top.ID
		for p := u.ParentID; p != nil; {
			parent, ok := byID[*p]
			if !ok {
				break
			}
			depth++
			under = under || parent.ID == top.ID
			p = parent.ParentID
		}
		if under {
			out = append(out, unitNode{Unit: u, Depth: depth})
		}
	}
	return out
}

// units are the units a viewer reaches: every unit for an administrator, a leader's scope.
func (v viewer) units(all []loa.Unit) []unitNode {
	if v.Admin {
		return unitsUnder(all, nil)
	}
	return unitsUnder(all, &v.Scope)
}

// directory lists members a page at a time, filtered by name, unit, role and status, within
// the viewer's scope.
func (c *Console) directory(w http.ResponseWriter, r *http.Request, v viewer) error {
	ctx := r.Context()
	all, err := c.units.Units(ctx)
	if err != nil {
		return err
	}
	units := v.units(all)
	q := r.URL.Query()
	page := pageOf(r)
	f := loa.ChatFilter{Name: strings.TrimSpace(q.Get("q")), Role: q.Get("role"), Status: q.Get("status"), Topic: q.Get("topic"),
		Limit: pageSize + 1, Offset: page * pageSize}
	if key := q.Get("unit"); key != "" {
		u, err := c.units.UnitByKey(ctx, key)
		if err != nil || !v.may(all, []string{key}) {
			return errForbidden
		}
		for _, sub := range unitsUnder(all, &u) {
			f.UnitIDs = append(f.UnitIDs, sub.ID)
		}
	} else if !v.Admin {
		for _, u := range units {
			f.UnitIDs = append(f.UnitIDs, u.ID)
		}
	}
	chats, err := c.people.ListChats(ctx, f)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, u := range all {
		names[u.ID] = u.Name
	}
	type row struct {
		loa.Chat
		Unit string
	}
	rows := make([]row, 0, len(chats))
	for _, ch := range chats[:min(len(chats), pageSize)] {
		r := row{Chat: ch}
		if ch.UnitID != nil {
			r.Unit = names[*ch.UnitID]
		}
		rows = append(rows, r)
	}
	topics, err := c.units.Topics(ctx)
	if err != nil {
		return err
	}
	c.render(w, "directory", v, map[string]any{"Rows": rows, "Units": units, "Q": f.Name, "Unit": q.Get("unit"), "Role": f.Role,
		"Topic": f.Topic, "Topics": topics,
		"Status": f.Status, "Pager": pagerFor(r, page, len(chats) > pageSize), "Roles": []string{loa.RoleLeader, loa.RoleOfficer, loa.RoleMilitia, loa.RoleGroup},
		"Statuses": []string{loa.StatusActive, loa.StatusPending, loa.StatusBlocked, loa.StatusLeft, loa.StatusRejected}, "Done": c.flashed(w, r)})
	return nil
}

// block stops sending to a member within the viewer's scope.
func (c *Console) block(w http.ResponseWriter, r *http.Request, v viewer) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PostFormValue("chat"), 10, 64)
	if err != nil {
		return loa.ErrNotFound
	}
	ch, err := c.people.Chat(ctx, id)
	if err != nil {
		return err
	}
	all, err := c.units.Units(ctx)
	if err != nil {
		return err
	}
	if !v.mayChange(all, ch) {
		return errForbidden
	}
	if err := c.people.SetChatStatus(ctx, id, loa.StatusBlocked); err != nil {
		return err
	}
	c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: "block", Target: itoa(id), Detail: "web console", Allowed: true})
	c.flash(w, c.t(v, "con_blocked_done", ch.Title))
	http.Redirect(w, r, "/console/directory", http.StatusSeeOther)
	return nil
}

// unitTree shows the units in the viewer's scope with their members.
func (c *Console) unitTree(w http.ResponseWriter, r *http.Request, v viewer) error {
	ctx := r.Context()
	all, err := c.units.Units(ctx)
	if err != nil {
		return err
	}
	counts, err := c.units.UnitMemberCounts(ctx)
	if err != nil {
		return err
	}
	type node struct {
		unitNode
		Members int
	}
	var nodes []node
	for _, n := range v.units(all) {
		nodes = append(nodes, node{unitNode: n, Members: counts[n.ID]})
	}
	c.render(w, "units", v, map[string]any{"Units": nodes})
	return nil
}

// ask answers a question about directives as the bot does.
func (c *Console) ask(w http.ResponseWriter, r *http.Request, v viewer) error {
	question := strings.TrimSpace(r.URL.Query().Get("q"))
	var answers []loa.Answer
	if question != "" && c.Answerer != nil {
		var err error
		if answers, _, err = c.Answerer.Answer(r.Context(), question, 0, 10); err != nil {
			return err
		}
	}
	c.render(w, "ask", v, map[string]any{"Q": question, "Answers": answers, "Loc": c.Location})
	return nil
}

// setLang switches the console's language and goes back where the person was.
func (c *Console) setLang(w http.ResponseWriter, r *http.Request) {
	to := "vi"
	if r.URL.Query().Get("to") == "en" {
		to = "en"
	}
	http.SetCookie(w, &http.Cookie{Name: "loa_lang", Value: to, Path: "/console/", HttpOnly: true, Secure: c.Secure,
		SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600})
	back := r.URL.Query().Get("back")
	if !strings.HasPrefix(back, "/console/") || strings.HasPrefix(back, "//") {
		back = "/console/"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
