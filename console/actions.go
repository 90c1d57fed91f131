package console

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/loa-vn/loa"
	noticeroom "github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/sheets"
)

// noticeReport downloads a notice's report as a spreadsheet, CSV (as the bot sends it) or an
// Excel workbook, written into the response as the deliveries are read.
func (c *Console) noticeReport(format string) func(w http.ResponseWriter, r *http.Request, v viewer) error {
	write, contentType := sheets.WriteCSV, sheets.CSVType
	if format == "xlsx" {
		write, contentType = sheets.WriteXLSX, sheets.XLSXType
	}
	return func(w http.ResponseWriter, r *http.Request, v viewer) error {
		n, err := c.notice(r, v)
		if err != nil {
			return err
		}
		n, tables, err := c.Notices.ReportTables(r.Context(), noticeActor(v), n.ID, v.Lang)
		if err != nil {
			return err
		}
		// A report of a large notice may take longer to download than the listener's write timeout.
		http.NewResponseController(w).SetWriteDeadline(time.Now().Add(UploadTimeout))
		out := &sheets.Download{W: w, Header: func() {
			w.Header().Set("Content-Type", contentType)
			w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, noticeroom.ReportName(n, format)))
		}}
		err = write(out, tables...)
		if err != nil && !out.Started {
			return err // nothing sent yet: the error page says so
		} else if err != nil {
			// The file has begun: it ends short, and the log says why.
			c.Logger.Error("notice report not written", "notice", n.ID, "format", format, "err", err)
		}
		return nil
	}
}

// noticeAction reminds those who have not acknowledged, sends an update, or cancels (only
// with the confirmation box ticked), through the notices room as the bot's buttons do; what
// it refuses (a cancelled notice, a text too long) is shown on the notice's page.
func (c *Console) noticeAction(w http.ResponseWriter, r *http.Request, v viewer) error {
	n, err := c.notice(r, v)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), noticeActor(v)
	var done string
	switch action := r.PathValue("action"); action {
	case "remind":
		var reminder loa.Notice
		if reminder, err = c.Notices.Remind(ctx, a, n.ID); err == nil {
			done = c.t(v, "report_reminded", reminder.Recipients)
		}
	case "update":
		var follow loa.Notice
		if follow, err = c.Notices.Update(ctx, a, n.ID, r.PostFormValue("text")); err == nil {
			done = c.t(v, "con_updated", follow.Recipients)
		}
	case "cancel":
		if r.PostFormValue("confirm") == "" {
			done = c.t(v, "con_confirm_cancel")
			break
		}
		var cancelled noticeroom.Cancelled
		if cancelled, err = c.Notices.Cancel(ctx, a, n.ID, r.PostFormValue("text")); err == nil {
			done = c.t(v, "report_retracted", cancelled.Stopped, cancelled.FollowUp.Recipients)
		}
	default:
		return loa.ErrNotFound
	}
	if msg, refused := noticeroom.Refusal(v.Lang, err); refused {
		done = msg
	} else if err != nil {
		return err
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
