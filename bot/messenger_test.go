package bot

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/tgfake"
)

func TestSplitHTMLKeepsPartsValidAndOrdered(t *testing.T) {
	sentence := "Ban CHQS thị xã chủ trì tổ chức diễn tập chiến đấu trong khu vực phòng thủ năm 2024. "
	text := "<b>Tiêu đề &amp; nội dung</b>\n\n<i>" + strings.Repeat(sentence, 80) + "</i>\n\n" + strings.Repeat("😀 "+sentence, 40)
	parts := SplitHTML(text, MaxMessage)
	if len(parts) < 3 {
		t.Fatalf("%d parts", len(parts))
	}
	var plain strings.Builder
	for i, p := range parts {
		if n := utf16Len(p); n > MaxMessage {
			t.Fatalf("part %d has %d UTF-16 units", i, n)
		}
		if err := tgfake.CheckHTML(p); err != nil {
			t.Fatalf("part %d: %v\n%s", i, err, p[:200])
		}
		if i > 0 && !strings.HasSuffix(strings.TrimSpace(tgfake.PlainText(parts[i-1])), ".") && !strings.HasSuffix(strings.TrimSpace(tgfake.PlainText(parts[i-1])), "nội dung") {
			t.Errorf("part %d does not end at a sentence or paragraph", i-1)
		}
		plain.WriteString(tgfake.PlainText(p))
	}
	want := strings.Count(tgfake.PlainText(text), "phòng thủ")
	if got := strings.Count(plain.String(), "phòng thủ"); got != want {
		t.Fatalf("%d of %d sentences survived the split", got, want)
	}
	if short := SplitHTML("ngắn <b>gọn</b>", MaxMessage); len(short) != 1 || short[0] != "ngắn <b>gọn</b>" {
		t.Fatalf("a short text was changed: %q", short)
	}
}

func TestClassifyTelegramErrors(t *testing.T) {
	// The dispatcher's decisions hang on these kinds; the fake's answers are Telegram's words.
	cases := []struct {
		f    tgfake.Failure
		kind string
	}{
		{tgfake.TooManyRequests, "rate_limited"},
		{tgfake.Blocked, "blocked"},
		{tgfake.ChatNotFound, "not_found"},
		{tgfake.ServerError, "retry"},
		{tgfake.Failure{Code: 400, Description: "Bad Request: group chat was upgraded to a supergroup chat", MigrateTo: -100}, "migrated"},
		{tgfake.Failure{Code: 400, Description: "Bad Request: can't parse entities"}, "rejected"},
	}
	fake := tgfake.New(t, "1:classify")
	api, err := NewClient(t.Context(), ClientOptions{Token: "1:classify", Endpoint: fake.URL, RequestTimeout: 2e9, PollTimeout: 1e9})
	if err != nil {
		t.Fatal(err)
	}
	m := NewMessenger(api)
	for _, c := range cases {
		fake.Fail("sendMessage", 0, c.f)
		_, err := m.Send(t.Context(), loa.OutMessage{ChatID: 7, Text: "x"})
		if got := loa.AsSendError(err); err == nil || got.Kind != c.kind {
			t.Errorf("%d %q: %v, want kind %q", c.f.Code, c.f.Description, err, c.kind)
		}
	}
}

// A document's photographed pages go as albums of at most ten photos, in order, then the text
// with its buttons (an album takes none); a retry skips the parts already sent.
func TestPagesGoAsOneAlbum(t *testing.T) {
	fake := tgfake.New(t, "1:album")
	api, err := NewClient(t.Context(), ClientOptions{Token: "1:album", Endpoint: fake.URL, RequestTimeout: 2e9, PollTimeout: 1e9})
	if err != nil {
		t.Fatal(err)
	}
	m := NewMessenger(api)
	var ids []string
	for i := 1; i <= 11; i++ {
		ids = append(ids, "PAGE"+string(rune('A'-1+i)))
	}
	msg := loa.OutMessage{ChatID: 5, Text: "📄 Kế hoạch số 45/KH-UBND", Media: loa.Media{Kind: loa.MediaPhotos, FileID: strings.Join(ids, " ")},
		Buttons: [][]loa.Button{{{Text: "✅ Đã nhận", Data: "ack:1"}}}}
	sent, err := m.Send(t.Context(), msg)
	if err != nil || len(sent) != 3 {
		t.Fatalf("sent %v, %v; want an album of ten, a photo, the text", sent, err)
	}
	got := fake.Messages(5)
	if len(got) != 12 || got[0].Method != "sendMediaGroup" || got[9].FileID != "PAGEJ" || got[10].Method != "sendPhoto" || got[10].FileID != "PAGEK" {
		t.Fatalf("messages: %+v", got)
	}
	if text := got[11]; text.Method != "sendMessage" || text.Text != msg.Text || len(text.Buttons) != 1 || sent[0] != got[0].ID {
		t.Fatalf("the text: %+v (ids %v)", text, sent)
	}
	fake.Fail("sendMediaGroup", 0, tgfake.Failure{Code: 400, Description: "Bad Request: wrong number of media in the album"})
	if _, err := m.Send(t.Context(), msg); err == nil {
		t.Fatal("a refused album went unnoticed")
	}
	msg.SkipParts = 1
	if _, err := m.Send(t.Context(), msg); err != nil || len(fake.Messages(5)) != 14 {
		t.Fatalf("a retry past the album: %v, %d messages", err, len(fake.Messages(5)))
	}
}
