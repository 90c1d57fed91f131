package bot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// instantAPI is a Bot API that answers getUpdates at once with nothing, as some emulators
// do, and setMyCommands with a proxy's HTML error page.
type instantAPI struct {
	mu    sync.Mutex
	polls []time.Time
	more  chan struct{} // receives after every poll
}

func (a *instantAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasSuffix(r.URL.Path, "/getMe"):
		io.WriteString(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"Loa","username":"loa_bot"}}`)
	case strings.HasSuffix(r.URL.Path, "/getUpdates"):
		a.mu.Lock()
		a.polls = append(a.polls, time.Now())
		a.mu.Unlock()
		io.WriteString(w, `{"ok":true,"result":[]}`)
		select {
		case a.more <- struct{}{}:
		default:
		}
	case strings.HasSuffix(r.URL.Path, "/setMyCommands"):
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html><body>502 Bad Gateway</body></html>")
	default:
		io.WriteString(w, `{"ok":true,"result":true}`)
	}
}

func TestAnEmptyAnswerAtOnceDoesNotMakeThePollerSpin(t *testing.T) {
	fake := &instantAPI{more: make(chan struct{}, 1)}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	api, err := NewClient(ctx, ClientOptions{Token: "1:t", Endpoint: srv.URL, RequestTimeout: 5 * time.Second, PollTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	b := &Bot{log: slog.New(slog.DiscardHandler), inbox: storetest.Open(t, store.SQLite), opts: Options{Now: time.Now}}
	done := make(chan struct{})
	go func() { b.Poll(ctx, api, 30*time.Second); close(done) }()
	for {
		<-fake.more
		fake.mu.Lock()
		n := len(fake.polls)
		fake.mu.Unlock()
		if n >= 5 {
			break
		}
	}
	cancel()
	<-done
	fake.mu.Lock()
	defer fake.mu.Unlock()
	// The pauses after the first four empty answers are at least 80+160+320+640 ms (the
	// schedule less its jitter); a spinning poller asks again within a millisecond.
	if spent := fake.polls[4].Sub(fake.polls[0]); spent < 1200*time.Millisecond {
		t.Fatalf("5 polls in %s: the poller spins against a server that answers at once", spent)
	}
}

func TestAnAnswerThatIsNotJSONIsReportedWithItsStatus(t *testing.T) {
	srv := httptest.NewServer(&instantAPI{more: make(chan struct{}, 1)})
	defer srv.Close()
	api, err := NewClient(context.Background(), ClientOptions{Token: "1:secret-token", Endpoint: srv.URL, RequestTimeout: 5 * time.Second, PollTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = api.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "start", Description: "Bắt đầu"}))
	if !errors.Is(err, ErrNotBotAPI) || !strings.Contains(err.Error(), "502 Bad Gateway") || strings.Contains(err.Error(), "secret-token") {
		t.Fatalf("error %v", err)
	}
}
