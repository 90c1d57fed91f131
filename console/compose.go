package console

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"regexp"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/when"
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

// composeSubmit previews the notice (step "preview") or sends it (step "send"). Both check
// the audience against the viewer's scope; nothing is stored before "send".
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
	n, err := c.noticeFrom(r, v, d)
	if errors.Is(err, errForbidden) {
		return err
	}
	if err != nil {
		d.Error = err.Error()
		w.WriteHeader(http.StatusUnprocessableEntity)
		c.render(w, "compose", v, map[string]any{"D": d})
		return nil
	}
	if r.PostFormValue("step") != "send" {
		if d.Recipients, err = c.sending.CountRecipients(r.Context(), n.Audience); err != nil {
			return err
		}
		d.Preview = template.HTML(loa.NoticeText(n, c.Location)) // built from escaped text by BroadcastText
		c.render(w, "compose", v, map[string]any{"D": d})
		return nil
	}
	created, err := c.sending.CreateNotice(r.Context(), n)
	if err != nil {
		return err
	}
	c.audit.Record(r.Context(), loa.AuditEntry{Actor: actor(v), Action: "broadcast", Target: itoa(created.ID),
		Detail: fmt.Sprintf("web console, %d recipients", created.Recipients), Allowed: true})
	if c.Wake != nil {
		c.Wake()
	}
	http.Redirect(w, r, "/console/notices/"+itoa(created.ID), http.StatusSeeOther)
	return nil
}

// noticeFrom checks a composed notice. A leader's notice must stay within their scope: no
// unit means their scope, a unit outside it is refused.
func (c *Console) noticeFrom(r *http.Request, v viewer, d composeData) (loa.Notice, error) {
	ctx := r.Context()
	units, err := c.units.Units(ctx)
	if err != nil {
		return loa.Notice{}, err
	}
	a := loa.Audience{Units: d.Units, Topics: d.Topics, Roles: d.Roles}
	if !v.Admin {
		if len(a.Units) == 0 {
			a.Units = []string{v.Scope.Key}
		}
		if !v.may(units, a.Units) {
			c.audit.Record(ctx, loa.AuditEntry{Actor: actor(v), Action: "broadcast", Target: strings.Join(a.Units, ","), Detail: "outside scope", Allowed: false})
			return loa.Notice{}, errForbidden
		}
	}
	switch {
	case d.Text == "":
		return loa.Notice{}, errors.New(c.t(v, "con_need_text"))
	case loa.CheckText(d.Text) != nil:
		return loa.Notice{}, loa.CheckText(d.Text)
	case a.Empty():
		return loa.Notice{}, errors.New(c.t(v, "con_need_audience"))
	}
	if err := loa.CheckAudience(ctx, c.units, a); err != nil {
		return loa.Notice{}, err
	}
	n := loa.Notice{Origin: loa.OriginBroadcast, Text: loa.BroadcastText(d.Text), RequiresAck: d.Ack, Audience: a,
		Exercise: d.Exercise, Sender: loa.DefaultSender(units), CreatedBy: actor(v), CreatedAt: c.Now(),
		Media: loa.Media{Kind: d.MediaKind, FileID: d.MediaFileID}}
	if d.Urgent {
		n.Priority = loa.PriorityUrgent
	}
	if d.SendAt != "" {
		at, err := when.Parse(d.SendAt, c.Now(), c.Location)
		if err != nil {
			return n, fmt.Errorf("%s: %w", c.t(v, "con_send_at"), err)
		}
		if !at.After(c.Now()) {
			return n, errors.New(c.t(v, "con_in_past"))
		}
		n.SendAt = &at
	}
	return n, nil
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
	a := loa.Audience{Units: q["unit"], Topics: q["topic"], Roles: q["role"]}
	units, err := c.units.Units(r.Context())
	if err != nil {
		return err
	}
	if !v.Admin && len(a.Units) == 0 {
		a.Units = []string{v.Scope.Key}
	}
	count := 0
	if !a.Empty() && v.may(units, a.Units) && loa.CheckAudience(r.Context(), c.units, a) == nil {
		if count, err = c.sending.CountRecipients(r.Context(), a); err != nil {
			return err
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(map[string]int{"recipients": count})
}
