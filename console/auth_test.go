package console

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

func signed(fields url.Values, token string) string {
	var pairs []string
	for k := range fields {
		pairs = append(pairs, k+"="+fields.Get(k))
	}
	sort.Strings(pairs)
	secret := hmac.New(sha256.New, []byte("WebAppData"))
	secret.Write([]byte(token))
	mac := hmac.New(sha256.New, secret.Sum(nil))
	mac.Write([]byte(strings.Join(pairs, "\n")))
	out := url.Values{}
	for k := range fields {
		out.Set(k, fields.Get(k))
	}
	out.Set("hash", hex.EncodeToString(mac.Sum(nil)))
	return out.Encode()
}

func TestCheckInitData(t *testing.T) {
	const token = "123456:TOKEN"
	now := time.Unix(1_800_000_000, 0)
	fields := func(at time.Time, user string) url.Values {
		return url.Values{"auth_date": {strconv.FormatInt(at.Unix(), 10)}, "user": {user}, "query_id": {"AAE"}}
	}
	good := signed(fields(now.Add(-time.Minute), `{"id":501,"first_name":"Nguyễn"}`), token)
	if id, err := CheckInitData(good, token, now, time.Hour); err != nil || id != 501 {
		t.Fatalf("valid initData: %d, %v", id, err)
	}
	for name, c := range map[string]struct {
		data string
		want error
	}{
		"another bot's token":   {signed(fields(now, `{"id":501}`), "999:OTHER"), ErrInitDataSignature},
		"changed after signing": {strings.Replace(good, "501", "900", 1), ErrInitDataSignature},
		"stale":                 {signed(fields(now.Add(-2*time.Hour), `{"id":501}`), token), ErrInitDataStale},
		"no hash":               {"auth_date=1&user=%7B%7D", ErrInitDataMalformed},
		"not a query":           {"%zz", ErrInitDataMalformed},
		"no user":               {signed(url.Values{"auth_date": {strconv.FormatInt(now.Unix(), 10)}}, token), ErrInitDataMalformed},
	} {
		if _, err := CheckInitData(c.data, token, now, time.Hour); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
}
