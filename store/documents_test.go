package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// TestDocuments: a document is stored with its file, addressees and tasks; it is sent once;
// a task is done once, keeping who marked it first; only sent documents' open tasks are
// reminded of and reported overdue.
func TestDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2024, 4, 1, 8, 0, 0, 0, time.UTC)
		d, err := db.SaveDocument(ctx, loa.OfficialDocument{Number: "45/KH-UBND", TypeKey: "ke-hoach", Date: "2024-03-15",
			Title: "Diễn tập", FileName: "kh45.pdf", Media: loa.Media{Kind: "document", FileID: "F1"}, File: []byte("%PDF-1.4 \x00\xff"), BroughtBy: "tg:1", BroughtUser: 1, CreatedAt: now,
			Addressees: []loa.DocumentAddressee{{Name: "Ban CHQS xã Minh Thắng", UnitKey: "minh-thang-qs"}, {Name: "Hội Nông dân"}},
			Tasks: []loa.DocumentTask{
				{UnitKey: "minh-thang-qs", Section: "III.1", Text: "Chuẩn bị lực lượng", Deadline: "2024-04-20"},
				{UnitKey: "minh-thang-qs", Section: "III.1", Text: "Báo cáo kết quả", Deadline: "2024-03-30"},
				{UnitKey: "nha-bich", Section: "III.2", Text: "Phối hợp"},
			}})
		if err != nil || d.ID == 0 || d.Tasks[2].ID == 0 {
			t.Fatalf("save: %+v %v", d, err)
		}
		got, err := db.Document(ctx, d.ID)
		if err != nil || string(got.File) != "%PDF-1.4 \x00\xff" || got.Status != loa.DocumentDraft || got.Media.FileID != "F1" || len(got.Tasks) != 3 ||
			got.Tasks[0].Text != "Chuẩn bị lực lượng" || len(got.Addressees) != 2 || got.Unmapped()[0] != "Hội Nông dân" {
			t.Fatalf("read: %+v %v", got, err)
		}
		if units := got.Units(); len(units) != 2 || units[1] != "nha-bich" {
			t.Fatalf("units: %v", units)
		}
		if _, err := db.Document(ctx, d.ID+100); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("a missing document: %v", err)
		}
		// A draft's tasks are neither reminded of nor overdue.
		if due, err := db.OpenTasksDue(ctx, "minh-thang-qs", []string{"2024-04-20"}); err != nil || len(due) != 0 {
			t.Fatalf("a draft's tasks due: %+v %v", due, err)
		}
		if ok, err := db.MarkDocumentSent(ctx, d.ID, "tg:1", now); !ok || err != nil {
			t.Fatalf("send: %v %v", ok, err)
		}
		if ok, err := db.MarkDocumentSent(ctx, d.ID, "tg:2", now); ok || err != nil {
			t.Fatalf("sent twice: %v %v", ok, err)
		}
		due, err := db.OpenTasksDue(ctx, "minh-thang-qs", []string{"2024-04-20", "2024-04-22"})
		if err != nil || len(due) != 1 || due[0].Number != "45/KH-UBND" || due[0].Title != "Diễn tập" {
			t.Fatalf("due: %+v %v", due, err)
		}
		overdue, err := db.OverdueTasks(ctx, "2024-04-01")
		if err != nil || len(overdue) != 1 || overdue[0].Text != "Báo cáo kết quả" {
			t.Fatalf("overdue: %+v %v", overdue, err)
		}
		task, first, err := db.MarkTaskDone(ctx, overdue[0].ID, "tg:5", "", now)
		if err != nil || !first || task.DoneAt == nil || task.DoneBy != "tg:5" {
			t.Fatalf("done: %+v %v %v", task, first, err)
		}
		task, first, err = db.MarkTaskDone(ctx, overdue[0].ID, "tg:6", "Đã nộp báo cáo", now.Add(time.Hour))
		if err != nil || first || task.DoneBy != "tg:5" || !task.DoneAt.Equal(now) || task.Report != "Đã nộp báo cáo" {
			t.Fatalf("done again with a report: %+v %v %v", task, first, err)
		}
		if overdue, err := db.OverdueTasks(ctx, "2024-04-01"); err != nil || len(overdue) != 0 {
			t.Fatalf("a done task is overdue: %+v %v", overdue, err)
		}
		if _, _, err := db.MarkTaskDone(ctx, 99999, "tg:5", "", now); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("a missing task: %v", err)
		}
		if _, err := db.CreateNotice(ctx, loa.Notice{Origin: loa.OriginBroadcast, OriginRef: "document:1:minh-thang-qs", Text: "x",
			Audience: loa.Audience{Units: []string{"x"}}, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		if sent, err := db.DocumentNotices(ctx, 1); err != nil || len(sent) != 1 || sent["minh-thang-qs"] == 0 {
			t.Fatalf("document notices: %v %v", sent, err)
		}
		list, err := db.Documents(ctx, 10)
		if err != nil || len(list) != 1 || list[0].Status != loa.DocumentSent || list[0].File != nil {
			t.Fatalf("list: %+v %v", list, err)
		}
	})
}

// A name of a draft mapped to a unit: its rows become one and its tasks that unit's, once each.
func TestRemapAddressee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d, err := db.SaveDocument(ctx, loa.OfficialDocument{Number: "1/KH", BroughtUser: 7, CreatedAt: time.Now(),
			Addressees: []loa.DocumentAddressee{{Name: "UBND các xã", UnitKey: "xa-a"}, {Name: "UBND các xã", UnitKey: "xa-b"}, {Name: "Hội"}},
			Tasks: []loa.DocumentTask{{UnitKey: "xa-a", Addressee: "UBND các xã", Text: "A"}, {UnitKey: "xa-b", Addressee: "UBND các xã", Text: "A"},
				{Addressee: "Hội", Text: "B", Deadline: "2024-01-01"}}})
		if err != nil {
			t.Fatal(err)
		}
		if id, err := db.LatestDraft(ctx, 7); err != nil || id != d.ID {
			t.Fatalf("latest draft: %d %v", id, err)
		}
		if err := db.RemapAddressee(ctx, d.ID, "UBND các xã", "tx"); err != nil {
			t.Fatal(err)
		}
		if err := db.RemapAddressee(ctx, d.ID, "Không có", "tx"); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("a name the document does not use: %v", err)
		}
		got, err := db.Document(ctx, d.ID)
		if err != nil || len(got.Addressees) != 2 || got.Addressees[0].UnitKey != "tx" || len(got.Tasks) != 2 || got.Tasks[0].UnitKey != "tx" {
			t.Fatalf("remapped: %+v %v", got, err)
		}
		if _, err := db.MarkDocumentSent(ctx, d.ID, "x", time.Now()); err != nil {
			t.Fatal(err)
		}
		if overdue, err := db.OverdueTasks(ctx, "2030-01-01"); err != nil || len(overdue) != 0 {
			t.Fatalf("a task of no unit is overdue: %+v %v", overdue, err)
		}
		if err := db.RemapAddressee(ctx, d.ID, "Hội", "tx"); !errors.Is(err, loa.ErrConflict) {
			t.Fatalf("a sent document remapped: %v", err)
		}
		if _, err := db.LatestDraft(ctx, 7); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("a sent document is a draft: %v", err)
		}
	})
}

// TestDocumentAlbum: an album's pages are kept in message order, once each, and found again by
// the bringer and group; a second draft of the same album is refused; a draft read again gets
// its new tasks; a document sent or cancelled takes no more pages.
func TestDocumentAlbum(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2024, 4, 1, 8, 0, 0, 0, time.UTC)
		page := func(msg int, text string) loa.DocumentPage {
			return loa.DocumentPage{MessageID: msg, Media: loa.Media{Kind: "photo", FileID: "P" + text}, Text: text}
		}
		album := loa.OfficialDocument{Number: "45/KH-UBND", BroughtUser: 7, CreatedAt: now, MediaGroup: "G",
			Media: loa.Media{Kind: "photo", FileID: "P2"}, Pages: []loa.DocumentPage{page(12, "2")}}
		d, err := db.SaveDocument(ctx, album)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveDocument(ctx, album); !errors.Is(err, loa.ErrConflict) {
			t.Fatalf("a second draft of one album: %v", err)
		}
		other := album
		other.BroughtUser = 8
		if _, err := db.SaveDocument(ctx, other); err != nil {
			t.Fatalf("another person's album with the same group: %v", err)
		}
		if err := db.SetDocumentPreview(ctx, d.ID, 900); err != nil {
			t.Fatal(err)
		}
		found, err := db.AlbumDocument(ctx, 7, "G")
		if err != nil || found.ID != d.ID || found.PreviewMessage != 900 || found.Status != loa.DocumentDraft {
			t.Fatalf("found: %+v %v", found, err)
		}
		if _, err := db.AlbumDocument(ctx, 7, "H"); !errors.Is(err, loa.ErrNotFound) {
			t.Fatalf("an unknown album: %v", err)
		}
		db.AddDocumentPage(ctx, d.ID, page(13, "3"))
		pages, err := db.AddDocumentPage(ctx, d.ID, page(11, "1"))
		if err != nil || len(pages) != 3 || pages[0].Text != "1" || pages[2].Media.FileID != "P3" {
			t.Fatalf("pages: %+v %v", pages, err)
		}
		if pages, _ := db.AddDocumentPage(ctx, d.ID, page(11, "1")); len(pages) != 3 {
			t.Fatalf("a page delivered twice: %+v", pages)
		}
		d.Title, d.Tasks = "Diễn tập", []loa.DocumentTask{{UnitKey: "xa-a", Text: "Chuẩn bị"}}
		if _, err := db.RereadDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		got, err := db.Document(ctx, d.ID)
		if err != nil || got.Title != "Diễn tập" || len(got.Tasks) != 1 || len(got.Pages) != 3 || got.Pages[1].Text != "2" {
			t.Fatalf("read again: %+v %v", got, err)
		}
		if ok, err := db.CancelDocument(ctx, d.ID); !ok || err != nil {
			t.Fatalf("cancel: %v %v", ok, err)
		}
		if _, err := db.AddDocumentPage(ctx, d.ID, page(14, "4")); !errors.Is(err, loa.ErrConflict) {
			t.Fatalf("a page of a cancelled document: %v", err)
		}
		if _, err := db.RereadDocument(ctx, d); !errors.Is(err, loa.ErrConflict) {
			t.Fatalf("a cancelled document read again: %v", err)
		}
		if sent, _ := db.MarkDocumentSent(ctx, d.ID, "tg:7", now); sent {
			t.Fatal("a cancelled document marked sent")
		}
	})
}
