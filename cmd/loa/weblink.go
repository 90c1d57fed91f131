package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/loa-vn/loa"
)

// webLink prints a one-time sign-in link to the web console for a Telegram user: the first
// administrator's first sign-in, before anyone can send /web to the bot.
func (a *admin) webLink(args []string) error {
	fs := a.flags("web link")
	user := fs.Int64("user", 0, "the Telegram user ID to sign in (an administrator or an active unit leader)")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: web link takes no arguments, got %q", errUsage, pos)
	}
	if *user == 0 {
		return fmt.Errorf("%w: web link needs --user ID", errUsage)
	}
	if !slices.Contains(a.cfg.Admins, *user) {
		c, err := a.db.Chat(a.ctx, *user)
		if err != nil {
			return fmt.Errorf("user %d is neither an administrator (admins) nor a registered member: %w", *user, err)
		}
		if _, ok, err := loa.LeaderScope(a.ctx, a.db, c); err != nil || !ok {
			return fmt.Errorf("user %d is neither an administrator (admins) nor an active unit leader; the console would refuse them", *user)
		}
	}
	link, err := loa.NewSignInLink(a.ctx, a.db, a.cfg.HTTP.ConsoleURL(), *user, time.Now())
	if err != nil {
		return err
	}
	a.record(loa.AuditEntry{Actor: cliActor(), Action: "console.link", Target: fmt.Sprint(*user), Allowed: true})
	fmt.Fprintln(a.e.stdout, link)
	return nil
}
