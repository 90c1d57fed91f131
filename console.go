package loa

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Console sign-in and sessions: a one-time link, sent in Telegram, becomes a session cookie.
const (
	SignInLinkTTL = 10 * time.Minute
	SessionTTL    = 12 * time.Hour
)

// ErrLinkUsed refuses a sign-in link that was used, has expired or never existed; the three
// are one error so that a guesser learns nothing.
var ErrLinkUsed = errors.New("the sign-in link was used or has expired")

// ConsoleSession is a signed-in person in the web console.
type ConsoleSession struct {
	UserID    int64     `db:"user_id"`
	CSRF      string    `db:"csrf"`
	CreatedAt time.Time `db:"created_at"`
	ExpiresAt time.Time `db:"expires_at"`
}

// ConsoleAuth keeps sign-in links and sessions; secrets are passed in and stored hashed.
type ConsoleAuth interface {
	CreateSignInLink(ctx context.Context, token string, userID int64, expires time.Time) error
	// UseSignInLink spends a link once; it returns the user it was for, or ErrLinkUsed.
	UseSignInLink(ctx context.Context, token string, now time.Time) (userID int64, err error)
	CreateSession(ctx context.Context, id string, s ConsoleSession) error
	// Session returns a live session, or ErrNotFound when it is unknown or expired.
	Session(ctx context.Context, id string, now time.Time) (ConsoleSession, error)
	DeleteSession(ctx context.Context, id string) error
	// UseInitData spends a Mini App's initData once, by its hash, keeping the hash until
	// expires; a replay gets ErrLinkUsed.
	UseInitData(ctx context.Context, hash string, expires, now time.Time) error
}

// NewSignInLink makes a one-time sign-in link to the web console at base (its public
// address) for a Telegram user; `/web` in the bot and `loa web link` both call it.
func NewSignInLink(ctx context.Context, auth ConsoleAuth, base string, userID int64, now time.Time) (string, error) {
	token, err := RandomSecret()
	if err != nil {
		return "", err
	}
	if err := auth.CreateSignInLink(ctx, token, userID, now.Add(SignInLinkTTL)); err != nil {
		return "", err
	}
	return strings.TrimRight(base, "/") + "/console/signin?token=" + token, nil
}

// RandomSecret is 32 random bytes, URL-safe: sign-in tokens, session IDs, CSRF tokens.
func RandomSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random secret: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
