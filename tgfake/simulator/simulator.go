// Package simulator is a chat simulator in the browser for the fake Bot API: pick who you are
// (an administrator, a commune leader, a militia member, a group) and chat with the bot as in
// Telegram, several people side by side. `loa demo` serves it; nothing leaves the machine.
package simulator

import (
	"context"
	"embed"
	"encoding/json"
	"hash/fnv"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/tgfake"
)

//go:embed assets
var assets embed.FS

var page = template.Must(template.ParseFS(assets, "assets/index.html"))

// Persona is someone the visitor can chat as.
type Persona struct {
	Key   string // short, for the page and its requests
	Label string // who they are, e.g. "Chỉ huy trưởng Ban CHQS xã Minh Thắng"
	User  tgfake.User
	Chat  tgfake.Chat // their private chat with the bot, or a group they write in
}

// Link is a page the simulator points to, e.g. the web console.
type Link struct {
	Label, URL string
}

// Options configures the simulator.
type Options struct {
	Fake     *tgfake.Server
	Personas []Persona
	Links    []Link
	Lang     string         // "vi" (default) or "en"
	Location *time.Location // for the times shown beside messages
	// PollWait bounds one long poll of the page for changes.
	PollWait time.Duration
}

type simulator struct {
	Options
	byKey map[string]Persona
}

// Handler serves the simulator page and its small JSON API.
func Handler(o Options) http.Handler {
	if o.Lang != "en" {
		o.Lang = "vi"
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.PollWait <= 0 {
		o.PollWait = 25 * time.Second
	}
	s := &simulator{Options: o, byKey: map[string]Persona{}}
	for _, p := range o.Personas {
		s.byKey[p.Key] = p
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.Handle("GET /assets/", http.FileServerFS(assets))
	mux.HandleFunc("GET /api/state", s.state)
	mux.HandleFunc("POST /api/send", s.send)
	mux.HandleFunc("POST /api/press", s.press)
	mux.HandleFunc("GET /files/{id}", s.file)
	return mux
}

func (s *simulator) index(w http.ResponseWriter, r *http.Request) {
	lang := s.Lang
	if l := r.URL.Query().Get("lang"); l == "vi" || l == "en" {
		lang = l
	}
	labels := map[string]string{
		"title": texts.T(lang, "sim_title"), "intro": texts.T(lang, "sim_intro"), "placeholder": texts.T(lang, "sim_placeholder"),
		"send": texts.T(lang, "sim_send"), "edited": texts.T(lang, "sim_edited"), "download": texts.T(lang, "sim_download"),
		"paid": texts.T(lang, "sim_paid"), "empty": texts.T(lang, "sim_empty"), "other_lang": texts.T(lang, "sim_other_lang"),
	}
	other := map[string]string{"vi": "en", "en": "vi"}[lang]
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
	page.Execute(w, map[string]any{"Lang": lang, "Other": other, "T": labels, "Personas": s.Personas, "Links": s.Links})
}

// shown is one message as the page draws it.
type shown struct {
	ID       int        `json:"id"`
	Mine     bool       `json:"mine"`
	Author   string     `json:"author,omitempty"`
	HTML     string     `json:"html"`
	Time     string     `json:"time"`
	Edited   bool       `json:"edited,omitempty"`
	Paid     bool       `json:"paid,omitempty"`
	Reply    string     `json:"reply,omitempty"` // the start of the message it answers
	File     string     `json:"file,omitempty"`  // download address of a document
	FileName string     `json:"file_name,omitempty"`
	Buttons  [][]button `json:"buttons,omitempty"`
}

type button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// state answers the page's long poll: every persona's chat, once it differs from what the page
// has (the page sends the digest of what it drew).
func (s *simulator) state(w http.ResponseWriter, r *http.Request) {
	since := r.URL.Query().Get("since")
	ctx, cancel := context.WithTimeout(r.Context(), s.PollWait)
	defer cancel()
	for {
		changed := s.Fake.Changed()
		chats := map[string][]shown{}
		for _, p := range s.Personas {
			chats[p.Key] = s.chat(p)
		}
		body, _ := json.Marshal(chats)
		h := fnv.New64a()
		h.Write(body)
		digest := strconv.FormatUint(h.Sum64(), 36)
		if digest != since || ctx.Err() != nil {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Cache-Control", "no-store")
			json.NewEncoder(w).Encode(map[string]any{"digest": digest, "chats": json.RawMessage(body)})
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
		}
	}
}

func (s *simulator) chat(p Persona) []shown {
	all := s.Fake.Transcript(p.Chat.ID)
	byID := map[int]tgfake.Message{}
	for _, m := range all {
		byID[m.ID] = m
	}
	out := []shown{}
	for _, m := range all {
		if m.Deleted {
			continue
		}
		v := shown{ID: m.ID, Time: m.Sent.In(s.Location).Format("15:04"), Edited: m.Edits > 0, Paid: m.Paid}
		if m.From.ID != 0 {
			v.Mine = m.From.ID == p.User.ID
			v.Author = strings.TrimSpace(m.From.FirstName + " " + m.From.LastName)
			v.HTML = template.HTMLEscapeString(m.Text)
		} else if m.ParseMode == "HTML" {
			v.HTML = RenderHTML(m.Text)
		} else {
			v.HTML = template.HTMLEscapeString(m.Text)
		}
		if orig, ok := byID[m.ReplyTo]; ok && m.ReplyTo != 0 {
			v.Reply = snippet(tgfake.PlainText(orig.Text))
		}
		if _, ok := s.Fake.FileByID(m.FileID); ok {
			v.File, v.FileName = "files/"+m.FileID, m.FileName
		}
		for _, row := range m.Buttons {
			var r []button
			for _, b := range row {
				link := b.URL
				if b.WebApp != nil {
					link = b.WebApp.URL // a Mini App opens as a page here
				}
				r = append(r, button{Text: b.Text, Data: b.Data, URL: link})
			}
			v.Buttons = append(v.Buttons, r)
		}
		out = append(out, v)
	}
	return out
}

func snippet(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

type action struct {
	Persona   string `json:"persona"`
	Text      string `json:"text"`
	MessageID int    `json:"message_id"`
	Data      string `json:"data"`
}

func (s *simulator) read(w http.ResponseWriter, r *http.Request) (action, Persona, bool) {
	var a action
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&a); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return a, Persona{}, false
	}
	p, ok := s.byKey[a.Persona]
	if !ok {
		http.Error(w, "no such persona: "+a.Persona, http.StatusNotFound)
	}
	return a, p, ok
}

func (s *simulator) send(w http.ResponseWriter, r *http.Request) {
	a, p, ok := s.read(w, r)
	if !ok {
		return
	}
	if strings.TrimSpace(a.Text) == "" {
		http.Error(w, "empty message", http.StatusBadRequest)
		return
	}
	s.Fake.SendText(p.User, p.Chat, a.Text)
	w.WriteHeader(http.StatusNoContent)
}

// press presses a button of one of the bot's messages in the persona's chat and answers with
// the bot's reply to the press (the small notice or alert Telegram shows), when it comes.
func (s *simulator) press(w http.ResponseWriter, r *http.Request) {
	a, p, ok := s.read(w, r)
	if !ok {
		return
	}
	var msg tgfake.Message
	for _, m := range s.Fake.Messages(p.Chat.ID) {
		if m.ID == a.MessageID {
			msg = m
		}
	}
	if msg.ID == 0 {
		http.Error(w, "no such message", http.StatusNotFound)
		return
	}
	id := s.Fake.Press(p.User, msg, a.Data)
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	var answer tgfake.CallbackAnswer
	for ctx.Err() == nil {
		changed := s.Fake.Changed()
		var answered bool
		if answer, answered = s.Fake.Answer(id); answered {
			break
		}
		select {
		case <-changed:
		case <-ctx.Done():
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"text": answer.Text, "alert": answer.ShowAlert})
}

func (s *simulator) file(w http.ResponseWriter, r *http.Request) {
	f, ok := s.Fake.FileByID(r.PathValue("id"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(f.Name, `"`, "")+`"`)
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(f.Data)
}
