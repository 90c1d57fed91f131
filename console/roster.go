package console

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"rsc.io/qr"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/roster"
)

// importMembers imports a members file, an Excel workbook or CSV: every row or none, the
// first bad row named by its line (and its column, for a bad cell). A leader's rows must all be in their scope.
func (c *Console) importMembers(w http.ResponseWriter, r *http.Request, v viewer) error {
	ctx := r.Context()
	file, header, err := r.FormFile("file")
	if err != nil {
		c.flash(w, c.t(v, "con_import_no_file"))
		http.Redirect(w, r, "/console/members", http.StatusSeeOther)
		return nil
	}
	defer file.Close()
	rows, err := roster.Parse(file)
	if err == nil {
		err = c.importWithin(ctx, v, rows)
	}
	var ie *loa.ImportError
	switch {
	case errors.As(err, &ie) && errors.Is(ie.Err, loa.ErrOutsideScope):
		var row loa.MemberImport
		if i := slices.IndexFunc(rows, func(r loa.MemberImport) bool { return r.Line == ie.Line }); i >= 0 {
			row = rows[i]
		}
		c.flash(w, c.t(v, "con_import_outside", header.Filename, ie.Line, itoa(row.ChatID), row.UnitKey))
	case errors.As(err, &ie) && ie.Column != "":
		c.flash(w, c.t(v, "con_import_failed_cell", header.Filename, ie.Line, ie.Column, ie.Err.Error()))
	case errors.As(err, &ie):
		c.flash(w, c.t(v, "con_import_failed", header.Filename, ie.Line, ie.Err.Error()))
	case errors.Is(err, roster.ErrTooLarge):
		c.flash(w, c.t(v, "con_import_too_large", header.Filename, roster.MaxXLSX>>20))
	case errors.Is(err, roster.ErrNotMembersFile):
		c.flash(w, c.t(v, "con_import_not_members", header.Filename))
	case err != nil:
		c.flash(w, c.t(v, "con_import_failed", header.Filename, 0, err.Error()))
	default:
		c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: "members.import", Target: header.Filename, Detail: fmt.Sprintf("%d rows, web console", len(rows)), Allowed: true})
		c.flash(w, c.t(v, "con_imported", len(rows), header.Filename))
	}
	http.Redirect(w, r, "/console/members", http.StatusSeeOther)
	return nil
}

// importWithin imports rows a viewer may write: for a leader, each row's unit and the unit
// the member is in now (checked in the import's transaction) must lie in their scope, so an
// import moves nobody in from elsewhere and decides no other unit's registration.
func (c *Console) importWithin(ctx context.Context, v viewer, rows []loa.MemberImport) error {
	if v.Admin {
		return c.people.ImportMembersChecked(ctx, rows, nil)
	}
	all, err := c.units.Units(ctx)
	if err != nil {
		return err
	}
	tree, m := loa.NewUnitTree(all), v.manager()
	for _, row := range rows { // the file's own mistakes first, before reading any member
		if err := m.CheckMember(tree, nil, row.UnitKey); err != nil {
			return &loa.ImportError{Line: row.Line, Err: err}
		}
	}
	return c.people.ImportMembersChecked(ctx, rows, func(row loa.MemberImport, current *loa.Chat) error {
		return m.CheckMember(tree, current, row.UnitKey)
	})
}

// createInvite makes an invite code for a unit in the viewer's scope and shows its link with
// a QR code to print or show on a screen at a training day.
func (c *Console) createInvite(w http.ResponseWriter, r *http.Request, v viewer) error {
	ctx := r.Context()
	all, err := c.units.Units(ctx)
	if err != nil {
		return err
	}
	key := r.PostFormValue("unit")
	role := r.PostFormValue("role")
	uses, _ := strconv.Atoi(r.PostFormValue("uses"))
	hours, _ := strconv.Atoi(r.PostFormValue("hours"))
	unit, err := c.units.UnitByKey(ctx, key)
	if err != nil || !v.may(all, []string{key}) {
		return errForbidden
	}
	if !loa.ValidRole(role) || role == loa.RoleGroup || uses < 1 || uses > 1000 || hours < 0 || c.BotUsername == "" {
		c.flash(w, c.t(v, "con_invite_bad"))
		http.Redirect(w, r, "/console/members", http.StatusSeeOther)
		return nil
	}
	inv := loa.Invite{Code: loa.NewInviteCode(), UnitID: unit.ID, Role: role, MaxUses: uses, CreatedBy: actor(v)}
	if hours > 0 {
		at := c.Now().Add(time.Duration(hours) * time.Hour)
		inv.ExpiresAt = &at
	}
	if err := c.people.CreateInvite(ctx, inv); err != nil {
		return err
	}
	c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: "invite.create", Target: unit.Key, Detail: role + ", web console", Allowed: true})
	link, group := loa.InviteLinks(c.BotUsername, inv.Code)
	code, err := qr.Encode(link, qr.M)
	if err != nil {
		return err
	}
	c.render(w, "invite", v, map[string]any{"Unit": unit.Name, "Role": role, "Uses": uses, "Link": link, "Group": group, "Expires": inv.ExpiresAt,
		"QR": template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(code.PNG())), "Loc": c.Location})
	return nil
}
