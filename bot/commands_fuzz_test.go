package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/tgfake"
)

// fuzzedCommands are the commands that take arguments or answer without starting a dialogue.
var fuzzedCommands = []string{"invite", "moi", "report", "baocao", "capnhat", "update", "subscribe", "theodoi",
	"unsubscribe", "botheodoi", "lang", "ngonngu", "hoi", "ask", "start", "events", "lich", "me", "toi", "help",
	"hengio", "henggio", "topics", "chude", "web", "nosuch"}

// commandArgumentSeeds are arguments officials type, mistype or paste; the last is just over
// a message's 4096 characters.
var commandArgumentSeeds = []string{"", "minh-thang/chqs leader 5 72h", "x y z -1 99999999999999999999", "<b>đậm</b> & \"ngoặc\"",
	"12 Dời sang 8:00", "abc", "vi", "en de", "\u0000", "dien-tap tuyen-quan", "minh-thang militia", strings.Repeat("dài ", 1100)}

// FuzzCommandArguments hands the bot an administrator's commands with arbitrary arguments,
// on a real SQLite store and the fake Bot API: every command gets an answer, and none makes
// the bot panic. One administrator is a registered member, the other not yet.
func FuzzCommandArguments(f *testing.F) {
	for i, args := range commandArgumentSeeds {
		f.Add(uint8(i), args)
	}
	check := commandFuzzer(f)
	f.Fuzz(func(t *testing.T, which uint8, args string) { check(t, which, args) })
}

// BenchmarkCommandArguments measures one typed command end to end in process: the update
// decoded, the bot's checks and store queries on SQLite, and the reply over HTTP to the fake
// Bot API. Fuzzing's executions a second are bounded by it.
func BenchmarkCommandArguments(b *testing.B) {
	check := commandFuzzer(b)
	i := 0
	for b.Loop() {
		check(b, uint8(i), commandArgumentSeeds[i%len(commandArgumentSeeds)])
		i++
	}
}

// commandFuzzer sets up the bot and returns the check of one command with its arguments.
func commandFuzzer(f testing.TB) func(t testing.TB, which uint8, args string) {
	const member, newcomer = int64(900), int64(901)
	ctx := context.Background()
	db := storetest.Open(f, store.SQLite)
	if err := db.SyncCatalog(ctx, loa.Catalog{Units: []loa.CatalogUnit{
		{Key: "chon-thanh", Name: "Thị xã Chơn Thành", Kind: "district"},
		{Key: "minh-thang", Name: "Xã Minh Thắng", Kind: "commune", Parent: "chon-thanh"},
		{Key: "minh-thang/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: "command", Parent: "minh-thang"}},
		Topics: []loa.Topic{{Key: "dien-tap", NameVI: "Diễn tập", NameEN: "Drills"}, {Key: "tuyen-quan", NameVI: "Tuyển quân", NameEN: "Recruitment"}}}); err != nil {
		f.Fatal(err)
	}
	unit, err := db.UnitByKey(ctx, "minh-thang")
	if err != nil {
		f.Fatal(err)
	}
	if err := db.SaveChat(ctx, loa.Chat{ID: member, Type: "private", Status: loa.StatusActive, Lang: "vi", UnitID: &unit.ID,
		Role: "leader", Title: "Nguyễn Văn Hùng"}); err != nil {
		f.Fatal(err)
	}
	fake := tgfake.New(f, testToken)
	api, err := NewClient(ctx, ClientOptions{Token: testToken, Endpoint: fake.URL, RequestTimeout: 5 * time.Second, PollTimeout: time.Second})
	if err != nil {
		f.Fatal(err)
	}
	panics := &panicLog{}
	b := New(api, db, Options{Admins: []int64{member, newcomer}, Logger: slog.New(panics), Answerer: echoAnswerer{},
		SignInLink:   func(context.Context, int64) (string, error) { return "https://loa.example/console/signin/x", nil },
		CalendarLink: func(chatID int64) string { return "https://loa.example/calendar/x.ics" }})
	updateID := 0
	return func(t testing.TB, which uint8, args string) {
		cmd := fuzzedCommands[int(which)%len(fuzzedCommands)]
		from := member
		if int(which)/len(fuzzedCommands)%2 == 1 {
			from = newcomer
		}
		updateID++
		text := strings.TrimSpace("/" + cmd + " " + args)
		u := commandUpdate(t, updateID, from, cmd, text)
		_, before := fake.Totals()
		b.Handle(ctx, u)
		if _, after := fake.Totals(); after == before {
			t.Errorf("/%s %q got no answer", cmd, args)
		}
		if p := panics.take(); p != "" {
			t.Fatalf("/%s %q made the bot panic: %s", cmd, args, p)
		}
	}
}

// commandUpdate is text typed in from's private chat as Telegram delivers it: JSON, so text
// that is not UTF-8 arrives with replacement characters, and a leading /command is marked.
func commandUpdate(t testing.TB, id int, from int64, cmd, text string) tgbotapi.Update {
	user := map[string]any{"id": from, "is_bot": false, "first_name": "Hùng"}
	raw, err := json.Marshal(map[string]any{"update_id": id, "message": map[string]any{
		"message_id": id, "date": time.Now().Unix(), "text": text, "from": user,
		"chat":     map[string]any{"id": from, "type": "private", "first_name": "Hùng"},
		"entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": len("/" + cmd)}}}})
	if err != nil {
		t.Fatal(err)
	}
	var u tgbotapi.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		t.Fatal(err)
	}
	return u
}

// echoAnswerer finds the question itself in a document, so arbitrary text reaches the answer.
type echoAnswerer struct{}

func (echoAnswerer) Answer(_ context.Context, question string, offset, _ int) ([]loa.Answer, bool, error) {
	if offset > 0 {
		return nil, false, nil
	}
	return []loa.Answer{{RowID: 1, Text: question, Title: "Kế hoạch số 45/KH-UBND: " + question, Ordinal: "III.2",
		URL: "https://loa.example/console/documents/7", Published: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), Source: loa.DocumentSource}}, true, nil
}

// panicLog is a log handler that keeps the panics Handle recovered from.
type panicLog struct {
	mu     sync.Mutex
	panics []string
}

func (*panicLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }
func (p *panicLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "panic while handling update" {
		return nil
	}
	var what []string
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "panic" || a.Key == "stack" {
			what = append(what, a.Value.String())
		}
		return true
	})
	p.mu.Lock()
	defer p.mu.Unlock()
	p.panics = append(p.panics, strings.Join(what, "\n"))
	return nil
}
func (p *panicLog) WithAttrs([]slog.Attr) slog.Handler { return p }
func (p *panicLog) WithGroup(string) slog.Handler      { return p }

// take returns the panics since the last call, empty when there were none.
func (p *panicLog) take() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := strings.Join(p.panics, "\n")
	p.panics = nil
	return out
}
