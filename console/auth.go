package console

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/throttle"
)

// signInPage shows a button that spends the link: a link preview or a mail scanner that only
// fetches it signs nobody in.
func (c *Console) signInPage(w http.ResponseWriter, r *http.Request) {
	c.render(w, "signin", viewer{Lang: lang(r)}, map[string]any{"Token": r.URL.Query().Get("token")})
}

func (c *Console) signIn(w http.ResponseWriter, r *http.Request) {
	now := c.Now()
	token := r.PostFormValue("token")
	attempt := c.signInAttempt(r, token, "link")
	if wait := c.failed.Refused(r.Context(), attempt, now); wait > 0 {
		c.tooMany(w, r, wait)
		return
	}
	userID, err := c.sessions.UseSignInLink(r.Context(), token, now)
	if errors.Is(err, loa.ErrLinkUsed) {
		c.signInFailed(w, r, attempt)
		return
	} else if err != nil {
		c.fail(w, r, err)
		return
	}
	c.startSession(w, r, userID, "link")
}

// signInAttempt describes a sign-in for the throttle: the address and the secret presented.
func (c *Console) signInAttempt(r *http.Request, secret, how string) throttle.Attempt {
	return c.failed.Attempt(r, secret, c.audit, loa.AuditEntry{Actor: "web:", Action: "console.signin", Target: how})
}

// signInFailed counts a failed sign-in against the address and the secret; the throttle
// audits them once a window.
func (c *Console) signInFailed(w http.ResponseWriter, r *http.Request, attempt throttle.Attempt) {
	c.failed.Fail(r.Context(), attempt, c.Now())
	c.refuseSignIn(w, r, http.StatusUnauthorized, "con_link_used")
}

// tooMany refuses a client that failed too often, whatever it sent, saying when to return.
func (c *Console) tooMany(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	c.refuseSignIn(w, r, http.StatusTooManyRequests, "con_too_many")
}

func (c *Console) refuseSignIn(w http.ResponseWriter, r *http.Request, status int, key string) {
	w.WriteHeader(status)
	c.render(w, "signin", viewer{Lang: lang(r)}, map[string]any{"Message": texts.T(lang(r), key)})
}

// startSession signs a Telegram user in, if they may use the console.
func (c *Console) startSession(w http.ResponseWriter, r *http.Request, userID int64, how string) {
	ctx := r.Context()
	v, ok, err := c.viewerFor(ctx, userID)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: "console.signin", Target: how, Allowed: ok})
	if !ok {
		c.refuseSignIn(w, r, http.StatusForbidden, "con_not_allowed")
		return
	}
	id, err1 := loa.RandomSecret()
	csrf, err2 := loa.RandomSecret()
	if err := errors.Join(err1, err2); err != nil {
		c.fail(w, r, err)
		return
	}
	now := c.Now()
	if err := c.sessions.CreateSession(ctx, id, loa.ConsoleSession{UserID: userID, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(loa.SessionTTL)}); err != nil {
		c.fail(w, r, err)
		return
	}
	sameSite := http.SameSiteLaxMode
	if how == "miniapp" && c.Secure {
		// Telegram Web and Desktop show a Mini App in a frame of their own site, where a Lax
		// cookie is not sent; the CSRF tokens guard the forms either way.
		sameSite = http.SameSiteNoneMode
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/console/", HttpOnly: true, Secure: c.Secure,
		SameSite: sameSite, MaxAge: int(loa.SessionTTL / time.Second)})
	http.Redirect(w, r, "/console/", http.StatusSeeOther)
}

func (c *Console) signOut(w http.ResponseWriter, r *http.Request, v viewer) error {
	if cookie, err := r.Cookie(sessionCookie); err == nil {
		if err := c.sessions.DeleteSession(r.Context(), cookie.Value); err != nil {
			return err
		}
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "console.signout", Allowed: true})
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/console/", HttpOnly: true, Secure: c.Secure, MaxAge: -1})
	http.Redirect(w, r, "/console/signin", http.StatusSeeOther)
	return nil
}

// miniAppPage is what the "🖥 Quản trị" button opens inside Telegram: Telegram's script hands
// the page its initData, which the page posts back to sign in.
func (c *Console) miniAppPage(w http.ResponseWriter, r *http.Request) {
	c.render(w, "app", viewer{Lang: lang(r)}, nil)
}

// miniAppSignIn signs in with a Mini App's initData once: it is accepted for as long as a
// sign-in link is, and a replay of the same data is refused like a used link.
func (c *Console) miniAppSignIn(w http.ResponseWriter, r *http.Request) {
	now := c.Now()
	initData := r.PostFormValue("init_data")
	attempt := c.signInAttempt(r, initData, "miniapp")
	if wait := c.failed.Refused(r.Context(), attempt, now); wait > 0 {
		c.tooMany(w, r, wait)
		return
	}
	userID, err := CheckInitData(initData, c.BotToken, now, loa.SignInLinkTTL)
	if err != nil {
		c.Logger.Info("a Mini App sign-in was refused", "err", err, "addr", r.RemoteAddr)
		c.signInFailed(w, r, attempt)
		return
	}
	// The signature covers every field, hash included: the hash names this initData.
	values, _ := url.ParseQuery(initData)
	err = c.sessions.UseInitData(r.Context(), "miniapp:"+values.Get("hash"), now.Add(loa.SignInLinkTTL+time.Minute), now)
	if errors.Is(err, loa.ErrLinkUsed) {
		c.Logger.Info("a Mini App sign-in was refused", "err", "initData used before", "addr", r.RemoteAddr)
		c.signInFailed(w, r, attempt)
		return
	} else if err != nil {
		c.fail(w, r, err)
		return
	}
	c.startSession(w, r, userID, "miniapp")
}

// Errors of CheckInitData.
var (
	ErrInitDataSignature = errors.New("initData: the signature does not match the bot token")
	ErrInitDataStale     = errors.New("initData: auth_date is too old")
	ErrInitDataMalformed = errors.New("initData: malformed")
)

// CheckInitData validates a Telegram Mini App's initData as Telegram documents: the hash is
// HMAC-SHA256 of the other fields, sorted and joined by newlines, keyed with
// HMAC-SHA256("WebAppData", bot token); auth_date must be within maxAge. It returns the user's ID.
func CheckInitData(initData, botToken string, now time.Time, maxAge time.Duration) (int64, error) {
	values, err := url.ParseQuery(initData)
	if err != nil || values.Get("hash") == "" {
		return 0, ErrInitDataMalformed
	}
	var pairs []string
	for k, vs := range values {
		if k != "hash" && len(vs) == 1 {
			pairs = append(pairs, k+"="+vs[0])
		}
	}
	sort.Strings(pairs)
	secret := hmac.New(sha256.New, []byte("WebAppData"))
	secret.Write([]byte(botToken))
	mac := hmac.New(sha256.New, secret.Sum(nil))
	mac.Write([]byte(strings.Join(pairs, "\n")))
	got, err := hex.DecodeString(values.Get("hash"))
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		return 0, ErrInitDataSignature
	}
	authDate, err := strconv.ParseInt(values.Get("auth_date"), 10, 64)
	if err != nil {
		return 0, ErrInitDataMalformed
	}
	if age := now.Sub(time.Unix(authDate, 0)); age > maxAge || age < -time.Minute {
		return 0, ErrInitDataStale
	}
	var user struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(values.Get("user")), &user); err != nil || user.ID == 0 {
		return 0, ErrInitDataMalformed
	}
	return user.ID, nil
}
