package bot

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa"
)

// DocumentReplier previews an official document (a plan, a directive) sent to the bot: its
// tasks per unit and deadlines, or why it was refused. The documents room implements it.
type DocumentReplier interface {
	Reply(ctx context.Context, name string, data []byte, lang string) (string, error)
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
	var fileID string
	var size int
	switch {
	case m.Document != nil:
		fileID, size = m.Document.FileID, m.Document.FileSize
	default:
		largest := m.Photo[len(m.Photo)-1]
		fileID, size = largest.FileID, largest.FileSize
	}
	var reply string
	if size > maxDownload {
		reply = T(lang, "doc_err_too_large") // Telegram would not hand it over anyway
	} else {
		data, err := b.download(ctx, fileID)
		if err != nil {
			return true, err
		}
		if reply, err = b.opts.Documents.Reply(ctx, documentName(m), data, lang); err != nil {
			return true, err
		}
	}
	for _, part := range SplitHTML(html.EscapeString(reply), 4096) {
		if _, err := b.reply(m.Chat.ID, part, nil); err != nil {
			return true, err
		}
	}
	return true, nil
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
