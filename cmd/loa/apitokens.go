package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/loa-vn/loa"
)

// apiTokens manages the HTTP API's clients in the database: create prints the token once
// (only its hash is stored), list shows names, units and rights, revoke ends a token at once.
func (a *admin) apiTokens(args []string) error {
	verb := ""
	if len(args) > 1 {
		verb = args[1]
	}
	switch verb {
	case "create":
		return a.apiTokenCreate(args[2:])
	case "list":
		fs := a.flags("api tokens list")
		asJSON := fs.Bool("json", false, "print JSON")
		if pos, err := a.parse(fs, args[2:]); err != nil {
			return err
		} else if len(pos) > 0 {
			return fmt.Errorf("%w: api tokens list takes no arguments, got %q", errUsage, pos)
		}
		return a.apiTokenList(*asJSON)
	case "revoke":
		pos, err := a.parse(a.flags("api tokens revoke"), args[2:])
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return fmt.Errorf("%w: api tokens revoke needs one NAME", errUsage)
		}
		if err := a.db.RevokeAPIToken(a.ctx, pos[0], time.Now()); errors.Is(err, loa.ErrNotFound) {
			return fmt.Errorf("no live token named %q (loa api tokens list)", pos[0])
		} else if err != nil {
			return err
		}
		a.record(loa.AuditEntry{Actor: cliActor(), Action: "api.token.revoke", Target: pos[0], Allowed: true})
		fmt.Fprintf(a.e.stdout, "token %q revoked: its next request is refused\n", pos[0])
		return nil
	}
	if a.pass == passDescribe {
		// Help and docs describe the flags of create, the one of the three that has them.
		return a.apiTokenCreate(nil)
	}
	return fmt.Errorf("%w: api tokens needs one of: create, list, revoke", errUsage)
}

// listFlag gathers a flag given several times, each possibly a comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func (a *admin) apiTokenCreate(args []string) error {
	fs := a.flags("api tokens create")
	name := fs.String("name", "", "the client's name, shown in the audit log as api:NAME")
	var units, rights listFlag
	fs.Var(&units, "unit", "a unit key it may address, with its sub-units (repeat or separate by commas; none: every unit)")
	fs.Var(&rights, "rights", "what it may do: "+strings.Join(loa.APIRights, ",")+" (default create,read,cancel)")
	pos, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: api tokens create takes no arguments, got %q", errUsage, pos)
	}
	if *name == "" || strings.ContainsAny(*name, " ,:") {
		return fmt.Errorf("%w: api tokens create needs --name NAME (no spaces, commas or colons)", errUsage)
	}
	if len(rights) == 0 {
		rights = listFlag{loa.RightCreate, loa.RightRead, loa.RightCancel}
	}
	if err := loa.CheckAPIRights(rights); err != nil {
		return fmt.Errorf("%w: --rights: %v", errUsage, err)
	}
	for _, t := range a.cfg.API.Tokens {
		if t.Name == *name {
			return fmt.Errorf("a token named %q is in the configuration file (api.tokens); choose another name", *name)
		}
	}
	for _, key := range units {
		if _, err := a.db.UnitByKey(a.ctx, key); err != nil {
			return fmt.Errorf("--unit %s: not a unit (loa units list): %w", key, err)
		}
	}
	token, err := loa.RandomSecret()
	if err != nil {
		return err
	}
	token = "loa_" + token
	c := loa.APIClient{Name: *name, Units: slices.Compact(slices.Sorted(slices.Values(units))), Rights: rights, CreatedAt: time.Now()}
	if err := a.db.CreateAPIToken(a.ctx, c, token); errors.Is(err, loa.ErrConflict) {
		return fmt.Errorf("a token named %q exists (revoked ones keep their names); choose another name", *name)
	} else if err != nil {
		return err
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: "api.token.create", Target: *name,
		Detail: "units " + scopeText(c.Units) + "; rights " + strings.Join(c.Rights, ","), Allowed: true})
	fmt.Fprintln(a.e.stdout, token)
	fmt.Fprintf(a.e.stderr, "the token of %q is shown this once: only its hash is stored\n", *name)
	return nil
}

func (a *admin) apiTokenList(asJSON bool) error {
	stored, err := a.db.APIClients(a.ctx)
	if err != nil {
		return err
	}
	var all []loa.APIClient
	for _, c := range a.cfg.APIClients() {
		all = append(all, c)
	}
	slices.SortFunc(all, func(x, y loa.APIClient) int { return strings.Compare(x.Name, y.Name) })
	all = append(all, stored...)
	if asJSON {
		if all == nil {
			all = []loa.APIClient{}
		}
		return a.printJSON(all)
	}
	tw := tabwriter.NewWriter(a.e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tUNITS\tRIGHTS\tSTATE")
	for _, c := range all {
		state := "created " + c.CreatedAt.Local().Format("2006-01-02 15:04")
		switch {
		case c.Configured:
			state = "configuration file"
		case c.RevokedAt != nil:
			state = "revoked " + c.RevokedAt.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Name, scopeText(c.Units), strings.Join(c.Rights, ","), state)
	}
	return tw.Flush()
}

func scopeText(units []string) string {
	if len(units) == 0 {
		return "all"
	}
	return strings.Join(units, ",")
}
