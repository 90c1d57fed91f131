package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa"
)

// capAlert is a CAP 1.2 alert (namespace urn:oasis:names:tc:emergency:cap:1.2) with the
// elements Loa fills, in the schema's order.
type capAlert struct {
	XMLName    xml.Name `xml:"urn:oasis:names:tc:emergency:cap:1.2 alert"`
	Identifier string   `xml:"identifier"`
	Sender     string   `xml:"sender"`
	Sent       string   `xml:"sent"`
	Status     string   `xml:"status"`
	MsgType    string   `xml:"msgType"`
	Scope      string   `xml:"scope"`
	Addresses  string   `xml:"addresses,omitempty"`
	Note       string   `xml:"note,omitempty"`
	References string   `xml:"references,omitempty"`
	Info       capInfo  `xml:"info"`
}

type capInfo struct {
	Language    string `xml:"language"`
	Category    string `xml:"category"`
	Event       string `xml:"event"`
	Urgency     string `xml:"urgency"`
	Severity    string `xml:"severity"`
	Certainty   string `xml:"certainty"`
	Effective   string `xml:"effective,omitempty"`
	SenderName  string `xml:"senderName,omitempty"`
	Headline    string `xml:"headline,omitempty"`
	Description string `xml:"description,omitempty"`
}

// capTime is CAP's dateTime: seconds and a numeric zone, never "Z".
func capTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02T15:04:05-07:00")
}

// capSender names Loa as the sender; CAP wants an identifier without spaces.
func (a *API) capSender() string {
	if a.CAPSender != "" {
		return a.CAPSender
	}
	return "loa"
}

// capOf writes a notice as CAP: its updates and cancellations as Update and Cancel naming
// the notice they follow, an exercise as status Exercise, always in Vietnamese.
func (a *API) capOf(r *http.Request, n loa.Notice) (capAlert, error) {
	loc := a.Location
	if loc == nil {
		loc = time.UTC
	}
	text := a.notices().Text(n)
	headline, _, _ := strings.Cut(loa.PlainText(text), "\n")
	if runes := []rune(headline); len(runes) > 160 {
		headline = string(runes[:160])
	}
	alert := capAlert{Identifier: "loa-notice-" + strconv.FormatInt(n.ID, 10), Sender: a.capSender(), Sent: capTime(n.CreatedAt, loc),
		Status: "Actual", MsgType: "Alert", Scope: "Restricted", Note: "Thông báo qua Telegram cho cán bộ được chỉ định",
		Info: capInfo{Language: "vi-VN", Category: "Safety", Event: "Thông báo", Urgency: "Expected", Severity: "Moderate", Certainty: "Observed",
			SenderName: n.Sender, Headline: headline, Description: loa.PlainText(text)}}
	if n.Exercise {
		alert.Status = "Exercise"
	}
	if n.Priority >= loa.PriorityUrgent {
		alert.Info.Event, alert.Info.Urgency, alert.Info.Severity = "Thông báo khẩn", "Immediate", "Severe"
	}
	if n.SendAt != nil {
		alert.Info.Effective = capTime(*n.SendAt, loc)
	}
	if n.RefNotice != nil {
		ref, err := a.Store.Notice(r.Context(), *n.RefNotice)
		if err != nil {
			return alert, err
		}
		alert.MsgType = "Update"
		if strings.HasPrefix(n.OriginRef, loa.RefCancel) {
			alert.MsgType = "Cancel"
		}
		alert.References = fmt.Sprintf("%s,loa-notice-%d,%s", a.capSender(), ref.ID, capTime(ref.CreatedAt, loc))
		alert.Status = map[bool]string{true: "Exercise", false: "Actual"}[ref.Exercise]
	}
	return alert, nil
}

// cap answers GET /api/v1/notices/{id}/cap with the notice as a CAP 1.2 document.
func (a *API) cap(w http.ResponseWriter, r *http.Request, _ string) {
	n, ok := a.noticeID(w, r)
	if !ok {
		return
	}
	alert, err := a.capOf(r, n)
	if err != nil {
		apiError(w, http.StatusInternalServerError, "could not read the notice this one follows")
		return
	}
	w.Header().Set("Content-Type", "application/cap+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(alert); err != nil {
		a.Logger.Error("writing a CAP document failed", "notice", n.ID, "err", err)
	}
}
