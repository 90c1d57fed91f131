package bot

import (
	"context"
	"html"
	"strings"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/notices"
)

// recordingReplier stands in for the documents room: it keeps what it was given.
type recordingReplier struct {
	mu   sync.Mutex
	name string
	data []byte
}

func (r *recordingReplier) Bring(_ context.Context, _ documents.Person, name string, data []byte, _ loa.Media, lang string) (documents.Brought, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.name, r.data = name, data
	return documents.Brought{Reply: "📄 Kế hoạch số 45/KH-UBND <ngày 15/3/2024>: 6 nhiệm vụ cho 5 đơn vị, 3 hạn chót"}, nil
}

func (r *recordingReplier) Send(context.Context, documents.Person, int64) (documents.Sent, error) {
	return documents.Sent{}, documents.ErrForbidden
}

func (r *recordingReplier) CorrectLatest(context.Context, documents.Person, string, string) (documents.Correction, error) {
	return documents.Correction{}, documents.ErrNoDraft
}

func (r *recordingReplier) MarkDone(context.Context, documents.Person, int64, string) (loa.DocumentTask, bool, error) {
	return loa.DocumentTask{}, false, documents.ErrForbidden
}

func documentUpdate(from, chatID int64, fileID, name string, size int) tgbotapi.Update {
	return tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 5, From: &tgbotapi.User{ID: from, FirstName: "Hùng"},
		Chat:     &tgbotapi.Chat{ID: chatID, Type: "private"},
		Document: &tgbotapi.Document{FileID: fileID, FileName: name, FileSize: size}}}
}

// An administrator sends a plan: the bot fetches the file from Telegram (getFile, then the
// file URL) and answers with the preview. A member who is not a leader gets the usual answer
// to a file, and nothing is downloaded for them.
func TestDocumentSentToTheBotIsPreviewed(t *testing.T) {
	b, fake := newHandlerBot(t, 7)
	replier := &recordingReplier{}
	b.opts.Documents, b.opts.FileEndpoint = replier, fake.URL
	b.drafts = noDrafts{}
	b.members = newMembers(loa.Chat{ID: 8, Status: loa.StatusActive, Role: loa.RoleOfficer})
	b.notes = notices.New(senders{members: b.members.(*memMembers)}, notices.Options{Location: b.opts.Location, Now: b.opts.Now})
	b.audit = loa.AuditTrail{Auditor: &memAudit{}, Log: b.log}
	plan := []byte("Số: 45/KH-UBND\nKẾ HOẠCH\n")
	id := fake.PutFile("ke-hoach-45.pdf", plan)

	b.Handle(context.Background(), documentUpdate(7, 7, id, "ke-hoach-45.pdf", len(plan)))
	got := last(t, fake, 7)
	if want := "📄 Kế hoạch số 45/KH-UBND &lt;ngày 15/3/2024&gt;: 6 nhiệm vụ cho 5 đơn vị, 3 hạn chót"; got.Text != want {
		t.Errorf("reply %q, want %q (escaped for HTML)", got.Text, want)
	}
	if replier.name != "ke-hoach-45.pdf" || string(replier.data) != string(plan) {
		t.Errorf("the room got %q with %q", replier.name, replier.data)
	}

	downloads := fake.Calls("file")
	b.Handle(context.Background(), documentUpdate(8, 8, id, "ke-hoach-45.pdf", len(plan)))
	if got := last(t, fake, 8); !strings.Contains(got.Text, T("vi", "not_text")) {
		t.Errorf("an officer's file got %q", got.Text)
	}
	if fake.Calls("file") != downloads {
		t.Error("a file was downloaded for someone not allowed to bring documents")
	}

	// Over the Bot API's download limit: refused without asking Telegram for it.
	b.Handle(context.Background(), documentUpdate(7, 7, id, "big.pdf", 21<<20))
	if got := last(t, fake, 7); got.Text != htmlEscaped(T("vi", "doc_err_too_large")) {
		t.Errorf("a 21 MB file got %q", got.Text)
	}
}

func htmlEscaped(s string) string { return html.EscapeString(s) }

// senders is what the notices room reads to decide who may bring documents: the members, and
// a catalogue with no units.
type senders struct {
	notices.Store // the rest is not used
	members       *memMembers
}

func (s senders) Units(context.Context) ([]loa.Unit, error) { return nil, nil }
func (s senders) Chat(ctx context.Context, id int64) (loa.Chat, error) {
	return s.members.Chat(ctx, id)
}

func (r *recordingReplier) BringPage(ctx context.Context, p documents.Person, _ documents.AlbumPage, name string, data []byte, lang string) (documents.Brought, error) {
	return r.Bring(ctx, p, name, data, loa.Media{}, lang)
}

func (r *recordingReplier) NotePreview(context.Context, int64, int) error { return nil }

func (r *recordingReplier) Cancel(context.Context, documents.Person, int64) error { return nil }
