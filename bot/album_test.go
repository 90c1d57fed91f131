package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/notices"
)

// albumKeeper stands in for the documents room's albums (joined for real in the documents
// package): the pages of a group make one document, with the preview message noted.
type albumKeeper struct {
	scriptedKeeper
	mu      sync.Mutex
	pages   map[string][]int // group: message ids
	preview int
	closed  bool
}

func (k *albumKeeper) BringPage(_ context.Context, _ documents.Person, page documents.AlbumPage, _ string, _ []byte, _ string) (documents.Brought, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return documents.Brought{Reply: T("vi", "doc_album_closed")}, nil
	}
	k.pages[page.Group] = append(k.pages[page.Group], page.MessageID)
	n := len(k.pages[page.Group])
	d := loa.OfficialDocument{ID: 5, MediaGroup: page.Group, PreviewMessage: k.preview,
		Addressees: []loa.DocumentAddressee{{Name: "Ban CHQS xã Minh Thắng", UnitKey: "xa-a"}}}
	var tasks []string
	for i := 1; i <= n; i++ {
		tasks = append(tasks, fmt.Sprintf("Nhiệm vụ của trang %d", i))
	}
	reply := "📄 Kế hoạch số 45/KH-UBND\n" + strings.Join(tasks, "\n") + "\n" + T("vi", "doc_album_pages", n)
	return documents.Brought{Reply: reply, Document: &d, Pages: n, Joined: n > 1}, nil
}

func (k *albumKeeper) NotePreview(_ context.Context, id int64, messageID int) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.preview = messageID
	return nil
}

func (k *albumKeeper) Send(ctx context.Context, p documents.Person, id int64) (documents.Sent, error) {
	k.mu.Lock()
	k.closed = true
	k.mu.Unlock()
	return k.scriptedKeeper.Send(ctx, p, id)
}

func photoUpdate(msgID int, group, fileID string) tgbotapi.Update {
	return tgbotapi.Update{Message: &tgbotapi.Message{MessageID: msgID, From: &tgbotapi.User{ID: 7, FirstName: "Hùng"},
		Chat: &tgbotapi.Chat{ID: 7, Type: "private"}, MediaGroupID: group,
		Photo: []tgbotapi.PhotoSize{{FileID: fileID + "-small", FileSize: 10}, {FileID: fileID, FileSize: 20}}}}
}

// Three photos sent together are one document: one preview, edited as each page joins to
// show every page's tasks and "3 trang", the send buttons kept on it; one press sends it; a
// photo of the album after that gets a clear answer and no new preview.
func TestAlbumIsOnePreviewEditedPageByPage(t *testing.T) {
	b, fake := newHandlerBot(t, 7)
	keeper := &albumKeeper{pages: map[string][]int{}}
	b.opts.Documents, b.opts.FileEndpoint = keeper, fake.URL
	b.drafts = noDrafts{}
	b.members = newMembers(loa.Chat{ID: 7, Status: loa.StatusActive, Role: loa.RoleOfficer})
	b.notes = notices.New(senders{members: b.members.(*memMembers)}, notices.Options{Location: b.opts.Location, Now: b.opts.Now})
	b.audit = loa.AuditTrail{Auditor: &memAudit{}, Log: b.log}
	for i := 1; i <= 3; i++ {
		id := fake.PutFile(fmt.Sprintf("trang-%d.jpg", i), []byte("\xff\xd8\xff page"))
		b.Handle(context.Background(), photoUpdate(100+i, "album-1", id))
	}
	msgs := fake.Messages(7)
	if len(msgs) != 1 {
		t.Fatalf("%d messages for one album, want one preview: %+v", len(msgs), msgs)
	}
	preview := msgs[0]
	for _, want := range []string{"Nhiệm vụ của trang 1", "Nhiệm vụ của trang 3", "gồm 3 trang"} {
		if !strings.Contains(preview.Text, want) {
			t.Errorf("the preview lacks %q:\n%s", want, preview.Text)
		}
	}
	if preview.Edits != 2 || keeper.preview != preview.ID {
		t.Errorf("the preview was edited %d times (want 2), noted as message %d of %d", preview.Edits, keeper.preview, preview.ID)
	}
	if got := keeper.pages["album-1"]; fmt.Sprint(got) != "[101 102 103]" {
		t.Errorf("pages brought: %v", got)
	}
	if _, ok := preview.Button("dc:s:5"); !ok {
		t.Fatalf("the edited preview lost its send button: %+v", preview.Buttons)
	}
	b.Handle(context.Background(), press(preview, 7, "dc:s:5"))
	fake.WaitText(t, 7, "📤 Đã gửi Kế hoạch số 45/KH-UBND tới 2 đơn vị.")
	if len(keeper.sent) != 1 {
		t.Errorf("sent %d times", len(keeper.sent))
	}
	id := fake.PutFile("trang-4.jpg", []byte("\xff\xd8\xff page"))
	b.Handle(context.Background(), photoUpdate(104, "album-1", id))
	late := last(t, fake, 7)
	if !strings.Contains(late.Text, "đã được gửi hoặc đã hủy") || len(late.Buttons) != 0 {
		t.Errorf("a page after sending: %+v", late)
	}
}
