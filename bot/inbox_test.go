package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/tgfake"
)

// helpUpdate is a person typing /help in their private chat, as Telegram posts it.
func helpUpdate(updateID int, chatID int64) []byte {
	body, _ := json.Marshal(map[string]any{"update_id": updateID, "message": map[string]any{
		"message_id": updateID, "date": time.Now().Unix(), "text": "/help",
		"from":     map[string]any{"id": chatID, "is_bot": false, "first_name": "Cán bộ"},
		"chat":     map[string]any{"id": chatID, "type": "private", "first_name": "Cán bộ"},
		"entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 5}}}})
	return body
}

// Updates answered 200 by a process that stops before handling them (as kill -9 would stop
// it) are handled by the next process, each exactly once, one sent twice by Telegram included.
func TestWebhookUpdatesOutliveAStopBeforeHandling(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fake := tgfake.New(t, testToken)
		api, err := NewClient(context.Background(), ClientOptions{Token: testToken, Endpoint: fake.URL, RequestTimeout: 5 * time.Second, PollTimeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		newBot := func() *Bot { return New(api, db, Options{Logger: slog.New(slog.DiscardHandler)}) }
		const secret, chats, each = "s3cret", 10, 3

		// The first process accepts updates and is gone before it handles any: its context has
		// ended, and its Bot API never answers (what it held in memory would never be sent).
		stopped, stop := context.WithCancel(context.Background())
		stop()
		release := make(chan struct{})
		hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/getMe") {
				io.WriteString(w, `{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"Loa","username":"loa_bot"}}`)
				return
			}
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		defer hanging.Close()
		defer close(release)
		deadAPI, err := NewClient(context.Background(), ClientOptions{Token: testToken, Endpoint: hanging.URL, RequestTimeout: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		first, _ := New(deadAPI, db, Options{Logger: slog.New(slog.DiscardHandler)}).Webhook(stopped, secret)
		srv := httptest.NewServer(first)
		post := func(body []byte) int {
			req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		id := 0
		for range each {
			for c := range chats {
				id++
				if code := post(helpUpdate(id, int64(5000+c))); code != http.StatusOK {
					t.Fatalf("update %d answered %d", id, code)
				}
			}
		}
		if code := post(helpUpdate(id, int64(5000+chats-1))); code != http.StatusOK { // Telegram missed the answer and sends it again
			t.Fatalf("the update sent again answered %d", code)
		}
		srv.Close()

		ctx, cancel := context.WithCancel(context.Background())
		_, wait := newBot().Webhook(ctx, secret)
		for c := range chats {
			fake.WaitReplies(t, int64(5000+c), each)
		}
		cancel()
		wait()
		lost, twice := 0, 0
		for c := range chats {
			switch got := len(fake.Messages(int64(5000 + c))); {
			case got < each:
				lost += each - got
			case got > each:
				twice += got - each
			}
		}
		t.Logf("%d updates accepted: %d lost, %d handled twice", chats*each, lost, twice)
		if lost != 0 || twice != 0 || fake.Calls("sendMessage") != chats*each {
			t.Fatalf("%d lost, %d handled twice, %d replies; want each of the %d handled once", lost, twice, fake.Calls("sendMessage"), chats*each)
		}
	})
}

// The poller stores a batch before it moves its offset past it: while the inbox cannot take
// them, Telegram is asked for the same updates again, and once it can each is handled once.
func TestThePollerMovesOnOnlyOnceABatchIsStored(t *testing.T) {
	dsn := "file:" + t.TempDir() + "/loa.db?_pragma=busy_timeout(50)"
	db := storetest.OpenBackend(t, storetest.Backend{Driver: store.SQLite, DSN: dsn})
	fake := tgfake.New(t, testToken)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	api, err := NewClient(ctx, ClientOptions{Token: testToken, Endpoint: fake.URL, RequestTimeout: 5 * time.Second, PollTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	b := New(api, db, Options{Logger: slog.New(slog.DiscardHandler)})
	// Another writer holds SQLite's write lock (a large import): storing fails.
	other := storetest.OpenBackend(t, storetest.Backend{Driver: store.SQLite, DSN: dsn})
	tx, err := other.SQL().Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE units SET sort = sort`); err != nil {
		t.Fatal(err)
	}
	const chats = 5
	for c := range chats {
		fake.SendText(tgfake.User{ID: int64(6000 + c), FirstName: "Cán bộ"}, tgfake.Chat{ID: int64(6000 + c), Type: "private"}, "/help")
	}
	done := make(chan struct{})
	go func() { b.Poll(ctx, WithContext(api, ctx), time.Second); close(done) }()
	fake.WaitCalls(t, "getUpdates", 2) // asked, could not store, asked again
	if n := fake.Calls("sendMessage"); n != 0 {
		t.Fatalf("%d replies before the updates were stored", n)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for c := range chats {
		fake.WaitReplies(t, int64(6000+c), 1)
	}
	cancel()
	<-done
	for c := range chats {
		if got := len(fake.Messages(int64(6000 + c))); got != 1 {
			t.Errorf("chat %d got %d replies", 6000+c, got)
		}
	}
}
