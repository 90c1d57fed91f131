package bot

import (
	"context"
	"fmt"
	"testing"

	"github.com/loa-vn/loa"
)

// invitesKept is membership that keeps the invites created.
type invitesKept struct {
	*memMembers
	created []loa.Invite
}

func (m *invitesKept) CreateInvite(_ context.Context, inv loa.Invite) error {
	m.created = append(m.created, inv)
	return nil
}

// TestBotMemberChangesStayWithAdministrators is the bot's table of the changes to members it
// offers (approving, rejecting, creating invites), each with a target in a commune leader's
// scope and one outside it. In Telegram these are administrators' alone: a leader is refused
// both, in scope or not (their scope's changes are made in the web console), and an
// administrator, whose scope is the whole district, makes both.
func TestBotMemberChangesStayWithAdministrators(t *testing.T) {
	const admin, leader = int64(900), int64(10)
	units := memUnits{units: []loa.Unit{{ID: 1, Key: "tx", Name: "Thị xã", Kind: loa.UnitDistrict},
		{ID: 2, Key: "mt", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, ParentID: ptr(int64(1))},
		{ID: 3, Key: "mt/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, ParentID: ptr(int64(2))},
		{ID: 4, Key: "hl", Name: "Phường Hưng Long", Kind: loa.UnitWard, ParentID: ptr(int64(1))}}}
	pending := func(id, unit int64) loa.Chat {
		return loa.Chat{ID: id, Type: "private", Status: loa.StatusPending, Role: loa.RoleMilitia, UnitID: ptr(unit), Title: "Dân quân", Lang: "vi"}
	}
	for _, by := range []struct {
		name    string
		user    int64
		allowed bool
	}{{"a commune leader", leader, false}, {"an administrator", admin, true}} {
		for _, tc := range []struct {
			action, target, data string
			done                 func(m *invitesKept) bool
		}{
			{"approve", "in the commune", "a:ok:501", func(m *invitesKept) bool {
				c, _ := m.Chat(context.Background(), 501)
				return c.Status == loa.StatusActive
			}},
			{"approve", "in another ward", "a:ok:502", func(m *invitesKept) bool {
				c, _ := m.Chat(context.Background(), 502)
				return c.Status == loa.StatusActive
			}},
			{"reject", "in the commune", "a:no:501", func(m *invitesKept) bool {
				c, _ := m.Chat(context.Background(), 501)
				return c.Status == loa.StatusRejected
			}},
			{"reject", "in another ward", "a:no:502", func(m *invitesKept) bool {
				c, _ := m.Chat(context.Background(), 502)
				return c.Status == loa.StatusRejected
			}},
			{"invite", "into the commune", "iv:r:3:militia", func(m *invitesKept) bool { return len(m.created) == 1 && m.created[0].UnitID == 3 }},
			{"invite", "into another ward", "iv:r:4:militia", func(m *invitesKept) bool { return len(m.created) == 1 && m.created[0].UnitID == 4 }},
		} {
			t.Run(fmt.Sprintf("%s: %s %s", by.name, tc.action, tc.target), func(t *testing.T) {
				b, fake := newHandlerBot(t, admin)
				members := &invitesKept{memMembers: newMembers(pending(501, 3), pending(502, 4),
					loa.Chat{ID: leader, Type: "private", Status: loa.StatusActive, Role: loa.RoleLeader, UnitID: ptr(int64(3)), Title: "Trưởng ban", Lang: "vi"})}
				b.members, b.units, b.audit.Auditor = members, units, &memAudit{}
				if _, err := b.reply(by.user, "Yêu cầu", nil); err != nil {
					t.Fatal(err)
				}
				msg := last(t, fake, by.user)
				b.Handle(context.Background(), press(msg, by.user, tc.data))
				if got := tc.done(members); got != by.allowed {
					t.Errorf("done %v, want %v", got, by.allowed)
				}
			})
		}
	}
}
