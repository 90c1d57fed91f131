package calendar

import "testing"

// Every chat's link leads back to that chat: private chats, groups and supergroups (negative
// IDs), whatever characters the MAC happens to contain ("-" among them).
func TestEveryLinkLeadsBackToItsChat(t *testing.T) {
	f := &Feed{Secret: []byte("secret")}
	ids := []int64{1, 501, 777000, -1, -501, -1001234567890, 9007199254740993}
	for i := int64(-600); i < 600; i++ {
		ids = append(ids, i*7919, -1001000000000-i)
	}
	for _, id := range ids {
		if got, err := f.chatOf(f.token(id)); err != nil || got != id {
			t.Fatalf("the link of chat %d (%s) leads to %d, %v", id, f.token(id), got, err)
		}
	}
	for _, bad := range []string{"", "-", "501", "501-", "-" + f.token(501)[4:], f.token(501) + "x", "x" + f.token(501)} {
		if _, err := f.chatOf(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
