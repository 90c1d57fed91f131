package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A proxy's error page that echoes the requested path, in the forms servers spell it.
func TestTheTokenIsRedactedInEveryForm(t *testing.T) {
	const token = "123456:TESTTOKEN"
	for name, echo := range map[string]string{
		"raw":                "/bot" + token + "/getMe",
		"percent-encoded":    "/bot" + url.QueryEscape(token) + "/getMe",
		"lower-case escape":  "/bot123456%3aTESTTOKEN/getMe",
		"encoded twice":      "/bot123456%253ATESTTOKEN/getMe",
		"every byte escaped": "/bot%31%32%33%34%35%36%3A%54%45%53%54%54%4F%4B%45%4E/getMe",
		"inside a URL":       "upstream https://api.telegram.org/bot" + url.PathEscape(token) + "/getMe?x=1 failed",
		"inside a query":     "https://proxy.example/?next=" + url.QueryEscape("https://api.telegram.org/bot"+token+"/getMe"),
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusNotFound)
				fmt.Fprintf(w, "<html>Not found: %s</html>", echo)
			}))
			defer srv.Close()
			_, err := NewClient(context.Background(), ClientOptions{Token: token, Endpoint: srv.URL, RequestTimeout: 5 * time.Second})
			if err == nil || !errors.Is(err, ErrNotBotAPI) {
				t.Fatalf("error %v, want ErrNotBotAPI", err)
			}
			if text := err.Error(); strings.Contains(text, "TESTTOKEN") || strings.Contains(text, "%54%45") || !strings.Contains(text, "<token>") {
				t.Fatalf("the token leaks or is not marked: %s", text)
			}
		})
	}
}

func TestATransportErrorKeepsItsCauseWithoutTheToken(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	srv.Close() // nothing listens: the call fails in the transport, with the URL in its error
	_, err := NewClient(context.Background(), ClientOptions{Token: "1:secret-token", Endpoint: srv.URL, RequestTimeout: 5 * time.Second})
	var ue *url.Error
	if err == nil || strings.Contains(err.Error(), "secret-token") || !errors.As(err, &ue) {
		t.Fatalf("error %v", err)
	}
}
