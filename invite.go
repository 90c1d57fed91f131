package loa

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

// NewInviteCode returns a random code that fits Telegram's start parameter (A-Z, a-z, 0-9, _, -).
func NewInviteCode() string {
	var b [10]byte
	rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}

// InviteLinks returns the deep links that open the bot with an invite code: one for a person,
// one for adding the bot to a group.
func InviteLinks(botUsername, code string) (private, group string) {
	return "https://t.me/" + botUsername + "?start=" + code, "https://t.me/" + botUsername + "?startgroup=" + code
}
