package documents_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
)

// The plan photographed on three pages; read as text, so that joining is tested without OCR.
var planPages = func() []string {
	i := strings.Index(plan, "1. Ban CHQS xã Minh Thắng:")
	j := strings.Index(plan, "- Bảo đảm hậu cần")
	return []string{plan[:i], plan[i:j], plan[j:]}
}()

func (r *rig) page(svc *documents.Service, p documents.Person, group string, msg, page int) documents.Brought {
	r.t.Helper()
	got, err := svc.BringPage(context.Background(), p, documents.AlbumPage{Group: group, MessageID: msg,
		Media: loa.Media{Kind: "photo", FileID: "PHOTO" + string(rune('0'+page))}}, "trang.txt", []byte(planPages[page-1]), "vi")
	if err != nil {
		r.t.Fatalf("page %d: %v", page, err)
	}
	return got
}

// The pages of an album join one draft, read again as one text in the order they were sent
// whatever the order they arrive in, and survive a restart between pages; the units get the
// pages as one album; a page after sending starts nothing.
func TestAlbumPagesJoinOneDocument(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	first := r.page(r.svc, admin, "G1", 101, 1)
	if first.Document == nil || first.Joined || first.Pages != 1 || !strings.Contains(first.Reply, "gồm 1 trang") {
		t.Fatalf("the first page: %+v", first)
	}
	third := r.page(r.svc, admin, "G1", 103, 3) // arrives before the second
	if third.Document == nil || !third.Joined || third.Document.ID != first.Document.ID || third.Pages != 2 {
		t.Fatalf("the third page: %+v", third)
	}
	if err := r.svc.NotePreview(ctx, first.Document.ID, 555); err != nil {
		t.Fatal(err)
	}

	// A restart: a new service on the same database.
	svc := &documents.Service{Units: r.db, Store: r.db, Issuer: r.svc.Issuer, Location: hcm, Now: r.clock, Admins: []int64{99}}
	second := r.page(svc, admin, "G1", 102, 2)
	again := r.page(svc, admin, "G1", 102, 2) // Telegram delivering it twice
	d := again.Document
	if second.Pages != 3 || again.Pages != 3 || d.ID != first.Document.ID || d.PreviewMessage != 555 || !strings.Contains(again.Reply, "gồm 3 trang") {
		t.Fatalf("the second page: %+v", again)
	}
	if d.Number != "45/KH-UBND" || r.count("documents") != 1 {
		t.Fatalf("joined: %+v, %d documents", d, r.count("documents"))
	}
	byUnit := map[string][]string{}
	for _, task := range d.Tasks {
		byUnit[task.UnitKey] = append(byUnit[task.UnitKey], task.Text)
	}
	// Read in message order, "Bảo đảm hậu cần" (page 3) is Minh Lập's, named on page 2.
	if len(byUnit["xa-a/chqs"]) != 3 || strings.Join(byUnit["xa-b/chqs"], "") != "Bảo đảm hậu cần trước ngày 20/4/2024" || len(byUnit[""]) != 1 {
		t.Fatalf("tasks by unit: %q", byUnit)
	}
	stored, err := r.db.Document(ctx, d.ID)
	if err != nil || len(stored.Pages) != 3 || stored.Pages[0].Media.FileID != "PHOTO1" || stored.Pages[2].Media.FileID != "PHOTO3" ||
		len(stored.Tasks) != len(d.Tasks) {
		t.Fatalf("stored: %+v %v", stored, err)
	}

	sent, err := svc.Send(ctx, admin, d.ID)
	if err != nil || len(sent.Notices) != 2 || sent.Notices["xa-b/chqs"].Media != (loa.Media{Kind: loa.MediaPhotos, FileID: "PHOTO1 PHOTO2 PHOTO3"}) {
		t.Fatalf("send: %+v %v", sent, err)
	}
	late := r.page(svc, admin, "G1", 104, 1)
	if late.Document != nil || !strings.Contains(late.Reply, "đã được gửi hoặc đã hủy") || r.count("documents") != 1 {
		t.Fatalf("a page after sending: %+v", late)
	}
}

// A cancelled album is never sent, and its later pages start nothing; only its bringer or an
// administrator cancels it. Albums of two people with one group id stay apart.
func TestCancelledAlbumTakesNoMorePages(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	d := r.page(r.svc, leaderA, "G2", 7, 1).Document
	if other := r.page(r.svc, leaderB, "G2", 7, 1).Document; other == nil || other.ID == d.ID {
		t.Fatalf("another person's album joined: %+v", other)
	}
	if err := r.svc.Cancel(ctx, leaderB, d.ID); !errors.Is(err, documents.ErrForbidden) {
		t.Fatalf("cancelled by another: %v", err)
	}
	if err := r.svc.Cancel(ctx, leaderA, d.ID); err != nil {
		t.Fatal(err)
	}
	if late := r.page(r.svc, leaderA, "G2", 8, 2); late.Document != nil || !strings.Contains(late.Reply, "đã hủy") {
		t.Fatalf("a page after cancelling: %+v", late)
	}
	if _, err := r.svc.Send(ctx, admin, d.ID); !errors.Is(err, documents.ErrCancelled) {
		t.Fatalf("a cancelled document sent: %v", err)
	}
	if msg, ok := documents.SendRefusal("vi", documents.ErrCancelled); !ok || !strings.Contains(msg, "đã bị hủy") {
		t.Errorf("refusal: %q", msg)
	}
}
