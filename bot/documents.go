package bot

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
)

// DocumentKeeper is the documents room as the bot uses it: it previews and keeps an official
// document (a plan, a directive) sent to the bot, sends it to its units, and records their
// tasks done. documents.Service implements it.
type DocumentKeeper interface {
	Bring(ctx context.Context, p documents.Person, name string, data []byte, media loa.Media, lang string) (documents.Brought, error)
	Send(ctx context.Context, p documents.Person, id int64) (documents.Sent, error)
	MarkDone(ctx context.Context, p documents.Person, taskID int64, report string) (loa.DocumentTask, bool, error)
	CorrectLatest(ctx context.Context, p documents.Person, name, unit string) (documents.Correction, error)
	BringPage(ctx context.Context, p documents.Person, page documents.AlbumPage, name string, data []byte, lang string) (documents.Brought, error)
	NotePreview(ctx context.Context, id int64, messageID int) error
	Cancel(ctx context.Context, p documents.Person, id int64) error
}

// maxDownload is the largest file the Bot API lets a bot download.
const maxDownload = 20 << 20

// onDocument previews a file or photo an administrator or unit leader sends in a private chat
// outside any dialogue. It reports whether the message was such a file.
func (b *Bot) onDocument(ctx context.Context, m *tgbotapi.Message, lang string) (bool, error) {
	if b.opts.Documents == nil || !m.Chat.IsPrivate() || (m.Document == nil && len(m.Photo) == 0) {
		return false, nil
	}
	_, allowed, err := b.broadcaster(ctx, m.Chat, m.From.ID)
	if err != nil || !allowed {
		return allowed, err // others get the usual answer to a file
	}
	b.audit.Record(ctx, loa.AuditEntry{Actor: actor(m.From), Action: "document.preview", Target: documentName(m), Allowed: true})
	var size int
	media := loa.Media{Kind: "document"}
	switch {
	case m.Document != nil:
		media.FileID, size = m.Document.FileID, m.Document.FileSize
	default:
		largest := m.Photo[len(m.Photo)-1]
		media = loa.Media{Kind: "photo", FileID: largest.FileID}
		size = largest.FileSize
	}
	var brought documents.Brought
	if size > maxDownload {
		brought.Reply = T(lang, "doc_err_too_large") // Telegram would not hand it over anyway
	} else {
		data, err := b.download(ctx, media.FileID)
		if err != nil {
			return true, err
		}
		p := b.docPerson(m.From)
		if m.MediaGroupID != "" && media.Kind == "photo" {
			// One photo of several sent together: a page of one paper.
			page := documents.AlbumPage{Group: m.MediaGroupID, MessageID: m.MessageID, Media: media}
			brought, err = b.opts.Documents.BringPage(ctx, p, page, documentName(m), data, lang)
		} else {
			brought, err = b.opts.Documents.Bring(ctx, p, documentName(m), data, media, lang)
		}
		if err != nil {
			return true, err
		}
	}
	return true, b.showPreview(ctx, m.Chat.ID, brought, lang)
}

// showPreview sends a document's preview with its send buttons under the last part, or,
// for a page joining an album, puts the new preview in place of the one shown: the official
// sees one preview grow page by page. The message shown is recorded so that a page arriving
// after a restart edits it too.
func (b *Bot) showPreview(ctx context.Context, chatID int64, brought documents.Brought, lang string) error {
	d := brought.Document
	reply := brought.Reply
	if d != nil && len(d.Unmapped()) > 0 {
		reply += "\n" + T(lang, "dt_fix_hint")
	}
	var kb *tgbotapi.InlineKeyboardMarkup
	if d != nil && (len(d.Units()) > 0 || len(d.Unmapped()) > 0) {
		kb = sendButtons(lang, d.ID)
	}
	parts := SplitHTML(html.EscapeString(reply), MaxMessage)
	if brought.Joined && d.PreviewMessage != 0 {
		if len(parts) == 1 {
			err := b.edit(chatID, d.PreviewMessage, parts[0], orNoButtons(kb))
			if err == nil {
				return nil
			}
			b.log.Warn("editing a document's preview failed; sending it again", "document", d.ID, "err", err)
		}
		// Too long for one message now, or gone: the old preview loses its buttons and a new one
		// is shown (an old button would still send the document as it stands).
		if err := b.editButtons(chatID, d.PreviewMessage, noButtons()); err != nil {
			b.log.Warn("clearing an old preview's buttons failed", "document", d.ID, "err", err)
		}
	}
	last := 0
	for i, part := range parts {
		var buttons *tgbotapi.InlineKeyboardMarkup
		if i == len(parts)-1 {
			buttons = kb
		}
		id, err := b.reply(chatID, part, buttons)
		if err != nil {
			return err
		}
		last = id
	}
	if d != nil && d.MediaGroup != "" {
		return b.opts.Documents.NotePreview(ctx, d.ID, last)
	}
	return nil
}

func orNoButtons(kb *tgbotapi.InlineKeyboardMarkup) *tgbotapi.InlineKeyboardMarkup {
	if kb == nil {
		none := noButtons()
		return &none
	}
	return kb
}

// sendButtons are "📤 Gửi" and "✖ Hủy" under a document's preview.
func sendButtons(lang string, id int64) *tgbotapi.InlineKeyboardMarkup {
	text := strconv.FormatInt(id, 10)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(T(lang, "dt_send"), "dc:s:"+text),
		tgbotapi.NewInlineKeyboardButtonData(T(lang, "dt_cancel"), "dc:x:"+text)))
	return &kb
}

// docPerson is who brings, sends or marks, as the documents room knows them.
func (b *Bot) docPerson(u *tgbotapi.User) documents.Person {
	return documents.Person{Name: actor(u), UserID: u.ID, Admin: b.isAdmin(u.ID), Door: "bot"}
}

func documentName(m *tgbotapi.Message) string {
	if m.Document != nil && m.Document.FileName != "" {
		return m.Document.FileName
	}
	return "photo.jpg"
}

// download fetches a file by file_id through getFile and the file URL of the configured Bot
// API, reading at most the Bot API's limit. Errors never carry the URL (it holds the token).
func (b *Bot) download(ctx context.Context, fileID string) ([]byte, error) {
	f, err := b.api.GetFile(tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		return nil, fmt.Errorf("getFile: %w", err)
	}
	base := strings.TrimRight(b.opts.FileEndpoint, "/")
	if base == "" {
		base = "https://api.telegram.org"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/file/bot"+b.api.Token+"/"+f.FilePath, nil)
	if err != nil {
		return nil, fmt.Errorf("download a file: bad address")
	}
	resp, err := b.api.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download a file: %w", err) // the client strips the token
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download a file: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxDownload+1))
	if err != nil {
		return nil, fmt.Errorf("download a file: %w", err)
	}
	return data, nil
}
