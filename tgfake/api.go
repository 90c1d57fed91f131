package tgfake

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if rest, found := strings.CutPrefix(r.URL.Path, "/file/bot"); found {
		s.serveFile(w, rest)
		return
	}
	// Paths are /bot<token>/<method>, as tgbotapi's endpoint format builds them.
	rest, found := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, _ := strings.Cut(rest, "/")
	if !found || token != s.Token {
		fail(w, Failure{Code: 401, Description: "Unauthorized"})
		return
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			fail(w, Failure{Code: 400, Description: "Bad Request: " + err.Error()})
			return
		}
		if err := s.keepUploads(r); err != nil {
			fail(w, Failure{Code: 400, Description: "Bad Request: " + err.Error()})
			return
		}
	} else if err := r.ParseForm(); err != nil {
		fail(w, Failure{Code: 400, Description: "Bad Request: " + err.Error()})
		return
	}
	p := r.Form
	chatID, _ := strconv.ParseInt(p.Get("chat_id"), 10, 64)

	s.mu.Lock()
	s.calls[method]++
	s.notifyLocked()
	f, failing := s.takeFailureLocked(method, chatID, p.Get("allow_paid_broadcast") == "true")
	gate := s.holds[method]
	s.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-r.Context().Done():
			return
		}
	}
	if failing {
		if f.Delay > 0 {
			select {
			case <-time.After(f.Delay):
			case <-r.Context().Done():
				return
			}
		}
		if f.Code != 0 {
			fail(w, f)
			return
		}
	}

	switch method {
	case "getMe":
		ok(w, s.Bot)
	case "getUpdates":
		s.getUpdates(w, r, p)
	case "setWebhook":
		s.mu.Lock()
		s.webhookURL, s.webhookToken = p.Get("url"), p.Get("secret_token")
		s.notifyLocked()
		s.mu.Unlock()
		ok(w, true)
	case "deleteWebhook":
		s.mu.Lock()
		s.webhookURL, s.webhookToken = "", ""
		s.notifyLocked()
		s.mu.Unlock()
		ok(w, true)
	case "getWebhookInfo":
		u, _ := s.Webhook()
		ok(w, map[string]any{"url": u, "has_custom_certificate": false, "pending_update_count": 0})
	case "setMyCommands":
		var scope struct {
			Type   string `json:"type"`
			ChatID int64  `json:"chat_id"`
		}
		json.Unmarshal([]byte(p.Get("scope")), &scope) // absent: the default scope
		s.mu.Lock()
		s.commands[commandsKey(scopeName(scope.Type, scope.ChatID), p.Get("language_code"))] = p.Get("commands")
		s.mu.Unlock()
		ok(w, true)
	case "sendMessage", "sendPhoto", "sendDocument":
		s.send(w, method, chatID, p)
	case "sendMediaGroup":
		s.sendMediaGroup(w, chatID, p)
	case "editMessageText", "editMessageReplyMarkup", "editMessageCaption":
		s.edit(w, method, chatID, p)
	case "deleteMessage":
		s.mutateMessage(w, chatID, p, func(m *Message) Failure { m.Deleted = true; return Failure{} }, true)
	case "answerCallbackQuery":
		s.mu.Lock()
		id := p.Get("callback_query_id")
		s.answers[id] = CallbackAnswer{ID: id, Text: p.Get("text"), ShowAlert: p.Get("show_alert") == "true"}
		s.notifyLocked()
		s.mu.Unlock()
		ok(w, true)
	case "answerInlineQuery":
		var results []map[string]any
		if err := json.Unmarshal([]byte(p.Get("results")), &results); err != nil {
			fail(w, Failure{Code: 400, Description: "Bad Request: can't parse inline query results"})
			return
		}
		for _, r := range results {
			content, _ := r["input_message_content"].(map[string]any)
			if text, _ := content["message_text"].(string); content["parse_mode"] == "HTML" && CheckHTML(text) != nil {
				fail(w, Failure{Code: 400, Description: "Bad Request: can't parse entities: " + CheckHTML(text).Error()})
				return
			}
		}
		s.mu.Lock()
		id := p.Get("inline_query_id")
		s.inline[id] = InlineAnswer{ID: id, Results: results, SwitchPMText: p.Get("switch_pm_text"), SwitchPMParameter: p.Get("switch_pm_parameter")}
		s.notifyLocked()
		s.mu.Unlock()
		ok(w, true)
	case "getFile":
		s.getFile(w, p.Get("file_id"))
	case "getChatMember":
		userID, _ := strconv.ParseInt(p.Get("user_id"), 10, 64)
		s.mu.Lock()
		status := s.admins[chatID][userID]
		s.mu.Unlock()
		if status == "" {
			status = "member"
		}
		ok(w, map[string]any{"status": status, "user": User{ID: userID, FirstName: "U"}})
	default:
		fail(w, Failure{Code: 404, Description: "Not Found: method " + method + " not found"})
	}
}

func (s *Server) takeFailureLocked(method string, chatID int64, paid bool) (Failure, bool) {
	for i, f := range s.failures {
		if (f.method == "" || f.method == method) && (f.chatID == 0 || f.chatID == chatID) {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			return f.f, true
		}
	}
	if strings.HasPrefix(method, "send") || strings.HasPrefix(method, "edit") {
		if f, blocked := s.blocked[chatID]; blocked {
			return f, true
		}
		if s.rate != nil {
			switch retry := s.rate.admit(chatID, paid && strings.HasPrefix(method, "send"), time.Now()); {
			case retry < 0:
				return ErrNoStars, true
			case retry > 0:
				s.tooMany++
				return Failure{Code: 429, Description: "Too Many Requests: retry after " + strconv.Itoa(retry), RetryAfter: retry}, true
			}
		}
	}
	return Failure{}, false
}

// maxBotDownload is the largest file the Bot API lets a bot download.
const maxBotDownload = 20 << 20

// getFile answers as Telegram does: the file's path for the download URL, or why not.
func (s *Server) getFile(w http.ResponseWriter, id string) {
	s.mu.Lock()
	f, found := s.files[id]
	s.mu.Unlock()
	switch {
	case !found:
		fail(w, Failure{Code: 400, Description: "Bad Request: invalid file_id"})
	case len(f.Data) > maxBotDownload:
		fail(w, Failure{Code: 400, Description: "Bad Request: file is too big"})
	default:
		ok(w, map[string]any{"file_id": id, "file_unique_id": "u" + id, "file_size": len(f.Data), "file_path": "documents/" + id})
	}
}

// serveFile serves /file/bot<token>/documents/<file_id>, the download URL of getFile's path.
func (s *Server) serveFile(w http.ResponseWriter, rest string) {
	token, path, _ := strings.Cut(rest, "/")
	if token != s.Token {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	s.mu.Lock()
	s.calls["file"]++
	f, found := s.files[strings.TrimPrefix(path, "documents/")]
	s.notifyLocked()
	s.mu.Unlock()
	if !found || !strings.HasPrefix(path, "documents/") {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	_, _ = w.Write(f.Data)
}

// keepUploads stores uploaded photos and documents and puts the file_id Telegram would give
// them in the form, where a send by file_id has it.
func (s *Server) keepUploads(r *http.Request) error {
	for field, headers := range r.MultipartForm.File {
		if len(headers) == 0 {
			continue
		}
		f, err := headers[0].Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return err
		}
		s.mu.Lock()
		id := fmt.Sprintf("upload-%d", len(s.files)+1)
		s.files[id] = File{Name: headers[0].Filename, Data: data}
		s.mu.Unlock()
		r.Form.Set(field, id)
	}
	return nil
}

func parseButtons(markup string) ([][]Button, error) {
	if markup == "" {
		return nil, nil
	}
	var kb struct {
		InlineKeyboard [][]Button `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(markup), &kb); err != nil {
		return nil, err
	}
	return kb.InlineKeyboard, nil
}

// Telegram measures message length in UTF-16 code units after entity parsing; counting runes of
// the raw text is close enough to catch a bot that forgets to split.
const maxText = 4096

func (s *Server) send(w http.ResponseWriter, method string, chatID int64, p url.Values) {
	text := p.Get("text")
	if method != "sendMessage" {
		text = p.Get("caption")
	}
	if method == "sendMessage" && strings.TrimSpace(text) == "" {
		fail(w, Failure{Code: 400, Description: "Bad Request: message text is empty"})
		return
	}
	if limit := map[bool]int{true: maxText, false: 1024}[method == "sendMessage"]; len([]rune(text)) > limit {
		fail(w, Failure{Code: 400, Description: "Bad Request: message is too long"})
		return
	}
	if p.Get("parse_mode") == "HTML" {
		if err := CheckHTML(text); err != nil {
			fail(w, Failure{Code: 400, Description: "Bad Request: can't parse entities: " + err.Error()})
			return
		}
	}
	buttons, err := parseButtons(p.Get("reply_markup"))
	if err != nil {
		fail(w, Failure{Code: 400, Description: "Bad Request: can't parse reply keyboard markup JSON object"})
		return
	}
	s.mu.Lock()
	s.nextMsgID++
	m := &Message{ID: s.nextMsgID, ChatID: chatID, Method: method, Text: text, ParseMode: p.Get("parse_mode"), Buttons: buttons,
		FileID: p.Get("photo") + p.Get("document"), Paid: p.Get("allow_paid_broadcast") == "true", Sent: time.Now()}
	m.FileName = s.files[m.FileID].Name
	m.ReplyTo, _ = strconv.Atoi(p.Get("reply_to_message_id"))
	s.messages[chatID] = append(s.messages[chatID], m)
	chat := s.chatOf(chatID)
	s.notifyLocked()
	s.mu.Unlock()
	ok(w, s.messageJSON(m, chat))
}

// sendMediaGroup sends 2 to 10 photos as one album, as Telegram does: one message each, the
// caption on the one that has it, no buttons (an album takes none), the messages in answer.
func (s *Server) sendMediaGroup(w http.ResponseWriter, chatID int64, p url.Values) {
	var media []struct {
		Type      string `json:"type"`
		Media     string `json:"media"`
		Caption   string `json:"caption"`
		ParseMode string `json:"parse_mode"`
	}
	if err := json.Unmarshal([]byte(p.Get("media")), &media); err != nil {
		fail(w, Failure{Code: 400, Description: "Bad Request: can't parse media JSON object"})
		return
	}
	if len(media) < 2 || len(media) > 10 {
		fail(w, Failure{Code: 400, Description: "Bad Request: wrong number of media in the album"})
		return
	}
	for _, m := range media {
		if m.Type != "photo" || m.Media == "" {
			fail(w, Failure{Code: 400, Description: "Bad Request: only photos with a file_id are supported in an album"})
			return
		}
		if len([]rune(m.Caption)) > 1024 {
			fail(w, Failure{Code: 400, Description: "Bad Request: message caption is too long"})
			return
		}
		if m.ParseMode == "HTML" {
			if err := CheckHTML(m.Caption); err != nil {
				fail(w, Failure{Code: 400, Description: "Bad Request: can't parse entities: " + err.Error()})
				return
			}
		}
	}
	s.mu.Lock()
	chat := s.chatOf(chatID)
	out := make([]map[string]any, 0, len(media))
	for _, m := range media {
		s.nextMsgID++
		msg := &Message{ID: s.nextMsgID, ChatID: chatID, Method: "sendMediaGroup", Text: m.Caption, ParseMode: m.ParseMode,
			FileID: m.Media, Paid: p.Get("allow_paid_broadcast") == "true", Sent: time.Now()}
		s.messages[chatID] = append(s.messages[chatID], msg)
		out = append(out, s.messageJSON(msg, chat))
	}
	s.notifyLocked()
	s.mu.Unlock()
	ok(w, out)
}

func (s *Server) messageJSON(m *Message, chat Chat) map[string]any {
	out := map[string]any{"message_id": m.ID, "date": time.Now().Unix(), "chat": chat, "from": s.Bot}
	if m.Method == "sendMessage" {
		out["text"] = m.Text
	} else {
		out["caption"] = m.Text
	}
	if m.Buttons != nil {
		out["reply_markup"] = map[string]any{"inline_keyboard": m.Buttons}
	}
	// Telegram answers an upload with the file_id that sends it again without uploading.
	switch m.Method {
	case "sendDocument":
		out["document"] = map[string]any{"file_id": m.FileID, "file_unique_id": "u" + m.FileID, "file_name": m.FileName}
	case "sendPhoto", "sendMediaGroup":
		out["photo"] = []map[string]any{{"file_id": m.FileID, "file_unique_id": "u" + m.FileID, "width": 1280, "height": 853}}
	}
	return out
}

func (s *Server) edit(w http.ResponseWriter, method string, chatID int64, p url.Values) {
	buttons, err := parseButtons(p.Get("reply_markup"))
	if err != nil {
		fail(w, Failure{Code: 400, Description: "Bad Request: can't parse reply keyboard markup JSON object"})
		return
	}
	text := p.Get("text")
	if method == "editMessageCaption" {
		text = p.Get("caption")
	}
	if method != "editMessageReplyMarkup" && p.Get("parse_mode") == "HTML" {
		if err := CheckHTML(text); err != nil {
			fail(w, Failure{Code: 400, Description: "Bad Request: can't parse entities: " + err.Error()})
			return
		}
	}
	s.mutateMessage(w, chatID, p, func(m *Message) Failure {
		newText := m.Text
		if method != "editMessageReplyMarkup" {
			newText = text
		}
		if newText == m.Text && sameButtons(buttons, m.Buttons) {
			// Real Telegram refuses edits that change nothing; the bot must cope.
			return Failure{Code: 400, Description: "Bad Request: message is not modified"}
		}
		m.Text, m.Buttons = newText, buttons
		if method != "editMessageReplyMarkup" {
			m.ParseMode = p.Get("parse_mode")
		}
		m.Edits++
		return Failure{}
	}, false)
}

func sameButtons(a, b [][]Button) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb) || (len(a) == 0 && len(b) == 0)
}

func (s *Server) mutateMessage(w http.ResponseWriter, chatID int64, p url.Values, fn func(*Message) Failure, answerTrue bool) {
	id, _ := strconv.Atoi(p.Get("message_id"))
	s.mu.Lock()
	var target *Message
	for _, m := range s.messages[chatID] {
		if m.ID == id && !m.Deleted {
			target = m
		}
	}
	if target == nil {
		s.mu.Unlock()
		fail(w, Failure{Code: 400, Description: "Bad Request: message to edit not found"})
		return
	}
	if f := fn(target); f.Code != 0 {
		s.mu.Unlock()
		fail(w, f)
		return
	}
	chat := s.chatOf(chatID)
	result := s.messageJSON(target, chat)
	s.notifyLocked()
	s.mu.Unlock()
	if answerTrue {
		ok(w, true)
		return
	}
	ok(w, result)
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p url.Values) {
	offset, _ := strconv.Atoi(p.Get("offset"))
	limit, _ := strconv.Atoi(p.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(p.Get("timeout"))
	ctx, cancel := context.WithTimeout(r.Context(), time.Duration(timeout)*time.Second)
	defer cancel()
	for {
		s.mu.Lock()
		if s.webhookURL != "" {
			s.mu.Unlock()
			fail(w, Failure{Code: 409, Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
			return
		}
		// Confirm (drop) every update below offset, as Telegram does.
		for len(s.updateIDs) > 0 && s.updateIDs[0] < offset {
			s.updateIDs, s.updates = s.updateIDs[1:], s.updates[1:]
		}
		n := min(limit, len(s.updates))
		batch := append([]json.RawMessage(nil), s.updates[:n]...)
		ch := s.changed
		s.mu.Unlock()
		if n > 0 {
			ok(w, batch)
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			ok(w, []json.RawMessage{})
			return
		}
	}
}
