package loa

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"
)

// What an API client may do. A client reads and cancels its own notices; the "_all" rights
// reach every notice, whoever created it (the console, the bot, another client).
const (
	RightCreate    = "create"     // create notices, and send updates to its own
	RightRead      = "read"       // read its own notices and their deliveries
	RightReadAll   = "read_all"   // read every notice
	RightCancel    = "cancel"     // cancel its own notices
	RightCancelAll = "cancel_all" // cancel or update any notice
)

// APIRights lists every right, in the order they are shown; a client with all of them is what
// a configured token without rights is.
var APIRights = []string{RightCreate, RightRead, RightReadAll, RightCancel, RightCancelAll}

// APIClient is another system holding an API token: its name, the units it may address (none:
// every unit) and what it may do.
type APIClient struct {
	Name      string     `json:"name"`
	Units     []string   `json:"units"`
	Rights    []string   `json:"rights"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	// Configured clients come from the configuration file; the others from the database.
	Configured bool `json:"configured,omitempty"`
}

// May reports whether the client holds a right.
func (c APIClient) May(right string) bool { return slices.Contains(c.Rights, right) }

// Actor is the client as the audit log and a notice's creator name it.
func (c APIClient) Actor() string { return "api:" + c.Name }

// Owns reports whether the client created a notice.
func (c APIClient) Owns(n Notice) bool { return n.CreatedBy == c.Actor() }

// CheckAPIRights refuses a right that is not one of APIRights, and an empty list.
func CheckAPIRights(rights []string) error {
	if len(rights) == 0 {
		return fmt.Errorf("no rights given: choose from %v", APIRights)
	}
	for _, r := range rights {
		if !slices.Contains(APIRights, r) {
			return fmt.Errorf("%q is not a right: choose from %v", r, APIRights)
		}
	}
	return nil
}

// APITokens keeps API tokens in the database, hashed: a dump of it cannot call the API.
type APITokens interface {
	// CreateAPIToken stores a new client with its token; ErrConflict when the name is taken.
	CreateAPIToken(ctx context.Context, c APIClient, token string) error
	// APIClientByToken finds the live client holding a token; ErrNotFound when it is unknown
	// or revoked.
	APIClientByToken(ctx context.Context, token string) (APIClient, error)
	// APIClients lists every client, revoked ones included.
	APIClients(ctx context.Context) ([]APIClient, error)
	// RevokeAPIToken ends a client's token; ErrNotFound when there is no live one of that name.
	RevokeAPIToken(ctx context.Context, name string, now time.Time) error
}

// HashToken is what is stored of an API token: its SHA-256, in hex.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
