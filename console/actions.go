package console

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/loa-vn/loa"
)

// noticeCSV downloads a notice's report as the spreadsheet the bot sends.
func (c *Console) noticeCSV(w http.ResponseWriter, r *http.Request, v viewer) error {
	n, err := c.notice(r, v)
	if err != nil {
		return err
	}
	people, err := c.sending.Deliveries(r.Context(), n.ID)
	if err != nil {
		return err
	}
	units, err := c.sending.Report(r.Context(), n.ID)
	if err != nil {
		return err
	}
	// A report of a large notice may take longer to download than the listener's write timeout.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(UploadTimeout))
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="bao-cao-thong-bao-%d.csv"`, n.ID))
	_, err = w.Write(loa.ReportCSV(v.Lang, c.Location, people, units))
	return err
}

// noticeAction reminds those who have not acknowledged, sends an update, or cancels (only
// with the confirmation box ticked); the same functions as the bot's buttons.
func (c *Console) noticeAction(w http.ResponseWriter, r *http.Request, v viewer) error {
	n, err := c.notice(r, v)
	if err != nil {
		return err
	}
	ctx := r.Context()
	by := actor(v)
	var done string
	switch action := r.PathValue("action"); action {
	case "remind":
		reminder, err := loa.RemindUnacknowledged(ctx, c.sending, n, by)
		if err != nil {
			return err
		}
		done = c.t(v, "report_reminded", reminder.Recipients)
	case "update", "cancel":
		text := strings.TrimSpace(r.PostFormValue("text"))
		if action == "update" && (text == "" || loa.CheckText(text) != nil) {
			done = c.t(v, "con_need_text")
			break
		}
		if action == "cancel" && r.PostFormValue("confirm") == "" {
			done = c.t(v, "con_confirm_cancel")
			break
		}
		followUp, stopped, err := loa.FollowUp(ctx, c.sending, n.ID, text, action == "cancel", by)
		if err != nil {
			return err
		}
		done = c.t(v, "con_updated", followUp.Recipients)
		if action == "cancel" {
			done = c.t(v, "report_retracted", stopped, followUp.Recipients)
		}
	default:
		return loa.ErrNotFound
	}
	c.audit.Record(ctx, loa.AuditEntry{Actor: by, Action: "notice." + r.PathValue("action"), Target: itoa(n.ID), Detail: "web console", Allowed: true})
	if c.Wake != nil {
		c.Wake()
	}
	c.flash(w, done)
	http.Redirect(w, r, fmt.Sprintf("/console/notices/%d", n.ID), http.StatusSeeOther)
	return nil
}

const flashCookie = "loa_flash"

// flash keeps a message for the next page, which shows it once (after a redirect).
func (c *Console) flash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/console/", HttpOnly: true,
		Secure: c.Secure, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

// flashed returns the kept message and forgets it.
func (c *Console) flashed(w http.ResponseWriter, r *http.Request) string {
	cookie, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/console/", MaxAge: -1})
	msg, _ := url.QueryUnescape(cookie.Value)
	return msg
}
