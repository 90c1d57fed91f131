package console

import (
	"encoding/json"
	"errors"
	"html/template"
	"io"
	"net/http"
	"regexp"
	"strings"

	"github.com/loa-vn/loa"
	noticeroom "github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/texts"
)

// composeData is what the compose form shows and posts.
type composeData struct {
	Text                  string
	Units, Topics, Roles  []string
	Urgent, Ack, Exercise bool
	SendAt                string
	UnitChoices           []unitNode
	TopicChoices          []loa.Topic
	RoleChoices           []string
	Error                 string
	Preview               template.HTML
	Recipients            int
	// A photo or document once uploaded to Telegram, by its file_id.
	MediaKind, MediaFileID, MediaName string
}

func (c *Console) composeChoices(r *http.Request, v viewer, d *composeData) error {
	units, err := c.units.Units(r.Context())
	if err != nil {
		return err
	}
	d.UnitChoices = v.units(units)
	if d.TopicChoices, err = c.units.Topics(r.Context()); err != nil {
		return err
	}
	d.RoleChoices = []string{loa.RoleLeader, loa.RoleOfficer, loa.RoleMilitia, loa.RoleGroup}
	return nil
}

func (c *Console) composeForm(w http.ResponseWriter, r *http.Request, v viewer) error {
	d := composeData{Ack: true}
	if err := c.composeChoices(r, v, &d); err != nil {
		return err
	}
	c.render(w, "compose", v, map[string]any{"D": d})
	return nil
}

// composeSubmit previews the notice (step "preview") or sends it (step "send"); the notices
// room checks both, the audience against the viewer's scope included. Nothing is stored
// before "send".
func (c *Console) composeSubmit(w http.ResponseWriter, r *http.Request, v viewer) error {
	d := composeData{Text: strings.TrimSpace(r.PostFormValue("text")), Units: r.PostForm["unit"], Topics: r.PostForm["topic"],
		Roles: r.PostForm["role"], Urgent: r.PostFormValue("urgent") != "", Ack: r.PostFormValue("ack") != "",
		Exercise: r.PostFormValue("exercise") != "", SendAt: strings.TrimSpace(r.PostFormValue("send_at"))}
	if err := c.composeChoices(r, v, &d); err != nil {
		return err
	}
	if err := c.attachment(r, v, &d); err != nil {
		d.Error = c.t(v, "con_upload_failed", err.Error())
		w.WriteHeader(http.StatusUnprocessableEntity)
		c.render(w, "compose", v, map[string]any{"D": d})
		return nil
	}
	req := noticeroom.Request{Text: d.Text, Audience: loa.Audience{Units: d.Units, Topics: d.Topics, Roles: d.Roles},
		Urgent: d.Urgent, Ack: d.Ack, Exercise: d.Exercise, SendAt: d.SendAt, Media: loa.Media{Kind: d.MediaKind, FileID: d.MediaFileID}}
	var n loa.Notice
	var err error
	if r.PostFormValue("step") != "send" {
		n, err = c.Notices.Prepare(r.Context(), noticeActor(v), req)
	} else {
		n, err = c.Notices.Create(r.Context(), noticeActor(v), req)
	}
	if msg, refused := noticeroom.Refusal(v.Lang, err); refused && !errors.Is(err, noticeroom.ErrForbidden) {
		d.Error = msg
		w.WriteHeader(http.StatusUnprocessableEntity)
		c.render(w, "compose", v, map[string]any{"D": d})
		return nil
	} else if errors.Is(err, noticeroom.ErrForbidden) {
		return errForbidden
	} else if err != nil {
		return err
	}
	if r.PostFormValue("step") != "send" {
		if d.Recipients, err = c.sending.CountRecipients(r.Context(), n.Audience); err != nil {
			return err
		}
		d.Preview = template.HTML(c.Notices.Text(n)) // the room escapes the typed text
		c.render(w, "compose", v, map[string]any{"D": d})
		return nil
	}
	http.Redirect(w, r, "/console/notices/"+itoa(n.ID), http.StatusSeeOther)
	return nil
}

// noticeActor is the viewer as the notices room knows them.
func noticeActor(v viewer) noticeroom.Actor {
	return noticeroom.Actor{Name: actor(v), UserID: v.UserID, Admin: v.Admin, Door: "console"}
}

func (c *Console) t(v viewer, key string, args ...any) string { return texts.T(v.Lang, key, args...) }

// fileID is the shape of a Telegram file_id: the preview carries one back to the send step.
var fileID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,200}$`)

// attachment uploads a photo or file chosen in the form to Telegram (into the composer's own
// chat, where Telegram keeps it) and remembers its file_id; a preview carries that back.
func (c *Console) attachment(r *http.Request, v viewer, d *composeData) error {
	file, header, err := r.FormFile("attachment")
	if err != nil || header.Size == 0 {
		kind, id := r.PostFormValue("media_kind"), r.PostFormValue("media_file_id")
		if (kind == "photo" || kind == "document") && fileID.MatchString(id) {
			d.MediaKind, d.MediaFileID, d.MediaName = kind, id, r.PostFormValue("media_name")
		}
		return nil
	}
	defer file.Close()
	if c.Uploader == nil {
		return errors.New("no Telegram connection")
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return err
	}
	kind := "document"
	if ct := http.DetectContentType(data); ct == "image/jpeg" || ct == "image/png" {
		kind = "photo"
	}
	id, err := c.Uploader.Upload(r.Context(), v.UserID, kind, header.Filename, data)
	if err != nil {
		return err
	}
	d.MediaKind, d.MediaFileID, d.MediaName = kind, id, header.Filename
	return nil
}

// recipientCount answers the compose form's live count: how many active members the chosen
// units, topics and roles reach now (a leader's, within their scope).
func (c *Console) recipientCount(w http.ResponseWriter, r *http.Request, v viewer) error {
	q := r.URL.Query()
	count, err := c.Notices.CountRecipients(r.Context(), noticeActor(v), loa.Audience{Units: q["unit"], Topics: q["topic"], Roles: q["role"]})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(map[string]int{"recipients": count})
}
