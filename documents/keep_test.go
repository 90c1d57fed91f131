package documents_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/notices"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// The room is tested on a real SQLite store and the real notices room, with a clock the test
// moves.

var hcm = func() *time.Location {
	l, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		panic(err)
	}
	return l
}()

var catalog = loa.Catalog{
	Units: []loa.CatalogUnit{
		{Key: "tx", Name: "Thị xã Chơn Thành", Kind: loa.UnitDistrict},
		{Key: "ban-chqs-tx", Name: "Ban CHQS thị xã", Kind: loa.UnitMilitary, Parent: "tx", Abbreviation: "BCHQS"},
		{Key: "xa-a", Name: "Xã Minh Thắng", Kind: loa.UnitCommune, Parent: "tx"},
		{Key: "xa-a/chqs", Name: "Ban CHQS xã Minh Thắng", Kind: loa.UnitMilitary, Parent: "xa-a"},
		{Key: "xa-a/dq", Name: "Trung đội dân quân xã Minh Thắng", Kind: loa.UnitMilitia, Parent: "xa-a"},
		{Key: "xa-b", Name: "Xã Minh Lập", Kind: loa.UnitCommune, Parent: "tx"},
		{Key: "xa-b/chqs", Name: "Ban CHQS xã Minh Lập", Kind: loa.UnitMilitary, Parent: "xa-b"},
	},
}

const plan = `ỦY BAN NHÂN DÂN THỊ XÃ CHƠN THÀNH
Số: 45/KH-UBND
Chơn Thành, ngày 15 tháng 3 năm 2024
KẾ HOẠCH
Tổ chức diễn tập phòng thủ năm 2024
III. TỔ CHỨC THỰC HIỆN
1. Ban CHQS xã Minh Thắng:
- Chuẩn bị lực lượng dân quân, hoàn thành trước ngày 20/4/2024;
- Báo cáo kết quả trước ngày 30/4/2024;
- Giữ liên lạc với Ban CHQS thị xã.
2. Ban CHQS xã Minh Lập:
- Bảo đảm hậu cần trước ngày 20/4/2024.
3. Hội Nông dân thị xã:
- Tuyên truyền cho hội viên.
Nơi nhận:
- Như mục III;
- Lưu: VT.
`

// People: leaders in Minh Thắng (10) and Minh Lập (20), a militiaman in Minh Thắng (11), an
// administrator (99).
var (
	leaderA  = documents.Person{Name: "tg:10", UserID: 10, Door: "bot"}
	militiaA = documents.Person{Name: "tg:11", UserID: 11, Door: "bot"}
	leaderB  = documents.Person{Name: "tg:20", UserID: 20, Door: "bot"}
	admin    = documents.Person{Name: "tg:99", UserID: 99, Admin: true, Door: "bot"}
)

type rig struct {
	t   *testing.T
	db  *store.DB
	svc *documents.Service
	mu  sync.Mutex
	now time.Time
}

// issuer is the wiring cmd/loa does: the documents room sends through the notices room.
type issuer struct{ notes *notices.Service }

func actor(p documents.Person) notices.Actor {
	return notices.Actor{Name: p.Name, UserID: p.UserID, Admin: p.Admin, Door: p.Door}
}

func (i issuer) Authority(ctx context.Context, p documents.Person) (*loa.Unit, bool, error) {
	return i.notes.MaySend(ctx, actor(p))
}

func (i issuer) Issue(ctx context.Context, p documents.Person, n documents.UnitNotice) (loa.Notice, error) {
	return i.notes.Create(ctx, actor(p), notices.Request{Text: n.Text, Audience: loa.Audience{Units: []string{n.Unit}},
		Ack: true, Media: n.Media, Buttons: n.Buttons, Ref: n.Ref})
}

func newRig(t *testing.T) *rig {
	t.Helper()
	r := &rig{t: t, db: storetest.Open(t, store.SQLite), now: time.Date(2024, 4, 1, 9, 0, 0, 0, hcm)}
	r.db.SetClock(r.clock)
	ctx := context.Background()
	if err := r.db.SyncCatalog(ctx, catalog); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		id         int64
		unit, role string
	}{{10, "xa-a/chqs", loa.RoleLeader}, {11, "xa-a/dq", loa.RoleMilitia}, {20, "xa-b/chqs", loa.RoleLeader}, {99, "ban-chqs-tx", loa.RoleOfficer}} {
		u, err := r.db.UnitByKey(ctx, m.unit)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.db.SaveChat(ctx, loa.Chat{ID: m.id, Type: "private", Title: m.unit, UnitID: &u.ID, Role: m.role, Status: loa.StatusActive}); err != nil {
			t.Fatal(err)
		}
	}
	notes := notices.New(r.db, notices.Options{Location: hcm, Now: r.clock})
	r.svc = &documents.Service{Units: r.db, Store: r.db, Issuer: issuer{notes}, Location: hcm, Now: r.clock, Admins: []int64{99}}
	return r
}

func (r *rig) clock() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.now
}

func (r *rig) set(t time.Time) {
	r.mu.Lock()
	r.now = t
	r.mu.Unlock()
}

// bring stores the plan as p brings it through the bot.
func (r *rig) bring(p documents.Person) loa.OfficialDocument {
	r.t.Helper()
	got, err := r.svc.Bring(context.Background(), p, "ke-hoach-45.txt", []byte(plan), loa.Media{Kind: "document", FileID: "FILE45"}, "vi")
	if err != nil || got.Document == nil {
		r.t.Fatalf("bring: %+v %v", got, err)
	}
	return *got.Document
}

func (r *rig) count(table string) int {
	var n int
	if err := r.db.SQL().Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
		r.t.Fatal(err)
	}
	return n
}

// A document brought is stored as a draft with each unit's tasks and its unmapped names; a
// refused file leaves nothing.
func TestBringKeepsADraft(t *testing.T) {
	r := newRig(t)
	refused, err := r.svc.Bring(context.Background(), admin, "x.bin", []byte("not a document"), loa.Media{}, "vi")
	if err != nil || refused.Document != nil || !strings.Contains(refused.Reply, "không phải văn bản") || r.count("documents") != 0 {
		t.Fatalf("a refused file: %+v %v (%d documents stored)", refused, err, r.count("documents"))
	}
	d := r.bring(admin)
	if d.Status != loa.DocumentDraft || d.Number != "45/KH-UBND" || d.Media.FileID != "FILE45" || d.BroughtBy != "tg:99" {
		t.Fatalf("draft: %+v", d)
	}
	byUnit := map[string]int{}
	for _, task := range d.Tasks {
		byUnit[task.UnitKey]++
	}
	if byUnit["xa-a/chqs"] != 3 || byUnit["xa-b/chqs"] != 1 || byUnit[""] != 1 || len(byUnit) != 3 {
		t.Fatalf("tasks by unit: %v", byUnit)
	}
	if un := d.Unmapped(); len(un) != 1 || un[0] != "Hội Nông dân thị xã" {
		t.Fatalf("unmapped: %q", un)
	}
}

// Sending gives each unit the file, its own tasks with their deadlines, "✅ Đã nhận" and a
// done button per task; the unmapped name is reported and gets nothing; sending twice is
// refused and reaches nobody twice.
func TestSendGivesEachUnitItsTasks(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	d := r.bring(admin)
	sent, err := r.svc.Send(ctx, admin, d.ID)
	if err != nil || len(sent.Notices) != 2 || len(sent.Unmapped) != 1 {
		t.Fatalf("send: %+v %v", sent, err)
	}
	a := sent.Notices["xa-a/chqs"]
	for _, want := range []string{"Kế hoạch số 45/KH-UBND ngày 15/3/2024", "Nhiệm vụ của đơn vị đồng chí:",
		"1. Chuẩn bị lực lượng dân quân, hoàn thành trước ngày 20/4/2024 (mục III.1) — trước 20/4/2024", "3. Giữ liên lạc"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("Minh Thắng's notice lacks %q:\n%s", want, a.Text)
		}
	}
	if strings.Contains(a.Text, "hậu cần") || !a.RequiresAck || a.Media.FileID != "FILE45" || len(a.Buttons) != 3 ||
		!strings.HasPrefix(a.Buttons[0].Data, "dt:") || a.Recipients != 1 {
		t.Errorf("Minh Thắng's notice: %+v", a)
	}
	if b := sent.Notices["xa-b/chqs"]; !strings.Contains(b.Text, "hậu cần") || strings.Contains(b.Text, "dân quân") {
		t.Errorf("Minh Lập's notice:\n%s", b.Text)
	}
	notices := r.count("notices")
	if _, err := r.svc.Send(ctx, admin, d.ID); !errors.Is(err, documents.ErrAlreadySent) || r.count("notices") != notices {
		t.Fatalf("sent twice: %v, %d notices then %d", err, notices, r.count("notices"))
	}
	if _, err := r.svc.Send(ctx, admin, d.ID+1); !errors.Is(err, loa.ErrNotFound) {
		t.Fatalf("a document that is not there: %v", err)
	}
}

// Only an administrator or a leader over every addressed unit sends, checked at sending.
func TestSendIsCheckedAtThePress(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	d := r.bring(leaderA)
	for _, p := range []documents.Person{leaderA, militiaA, {Name: "tg:5", UserID: 5, Door: "bot"}} {
		if _, err := r.svc.Send(ctx, p, d.ID); !errors.Is(err, documents.ErrForbidden) {
			t.Fatalf("%s sends a plan reaching Minh Lập: %v", p.Name, err)
		}
	}
	if r.count("notices") != 0 {
		t.Fatal("a refused sending created notices")
	}
	if _, err := r.svc.Send(ctx, admin, d.ID); err != nil {
		t.Fatalf("an administrator sends it: %v", err)
	}
}

// Each unit is reminded 3 days and 1 day before its deadlines, once a day whatever the
// number of tasks due, and not of a task done; the reminders already past are not planned.
func TestDeadlineReminders(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	d := r.bring(admin)
	r.set(time.Date(2024, 4, 18, 9, 0, 0, 0, hcm)) // the 3-day reminder of the 20th has passed
	if _, err := r.svc.Send(ctx, admin, d.ID); err != nil {
		t.Fatal(err)
	}
	var keys []string
	if err := r.db.SQL().Select(&keys, `SELECT key FROM occurrences ORDER BY key`); err != nil {
		t.Fatal(err)
	}
	want := "tasks:xa-a/chqs:2024-04-19 tasks:xa-a/chqs:2024-04-27 tasks:xa-a/chqs:2024-04-29 tasks:xa-b/chqs:2024-04-19"
	if strings.Join(keys, " ") != want {
		t.Fatalf("reminders %q, want %q", keys, want)
	}
	n, ok, err := r.svc.Reminder(ctx, loa.Occurrence{Key: "tasks:xa-a/chqs:2024-04-19"}, r.clock())
	if err != nil || !ok || !strings.Contains(n.Text, "Chuẩn bị lực lượng") || strings.Contains(n.Text, "Báo cáo kết quả") ||
		!strings.Contains(n.Text, "hạn 20/4/2024 (còn 1 ngày) — văn bản 45/KH-UBND") || n.Audience.Units[0] != "xa-a/chqs" {
		t.Fatalf("reminder: %+v %v %v", n, ok, err)
	}
	if _, _, err := r.svc.MarkDone(ctx, leaderA, d.Tasks[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	if n, ok, err := r.svc.Reminder(ctx, loa.Occurrence{Key: "tasks:xa-a/chqs:2024-04-19"}, r.clock()); ok || err != nil {
		t.Fatalf("a done task is reminded: %+v %v", n, err)
	}
}

// A unit's leader or an administrator marks a task done, with a one-line report; others may
// not; the first mark stands.
func TestMarkDone(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	d := r.bring(admin)
	if _, err := r.svc.Send(ctx, admin, d.ID); err != nil {
		t.Fatal(err)
	}
	task := d.Tasks[0] // Minh Thắng's
	for _, p := range []documents.Person{militiaA, leaderB} {
		if _, _, err := r.svc.MarkDone(ctx, p, task.ID, ""); !errors.Is(err, documents.ErrForbidden) {
			t.Fatalf("%s marks Minh Thắng's task: %v", p.Name, err)
		}
	}
	if _, _, err := r.svc.MarkDone(ctx, leaderA, task.ID, strings.Repeat("x", documents.MaxReport+1)); !errors.Is(err, documents.ErrBadReport) {
		t.Fatalf("a long report: %v", err)
	}
	got, first, err := r.svc.MarkDone(ctx, leaderA, task.ID, "Đã huy động\n 30 đồng chí")
	if err != nil || !first || got.DoneBy != "tg:10" || got.Report != "Đã huy động 30 đồng chí" {
		t.Fatalf("the leader marks it: %+v %v %v", got, first, err)
	}
	if got, first, err = r.svc.MarkDone(ctx, admin, task.ID, ""); err != nil || first || got.DoneBy != "tg:10" {
		t.Fatalf("marked again: %+v %v %v", got, first, err)
	}
}

// The administrators' digest lists the overdue tasks by document and unit in one message, and
// is nothing when none is overdue.
func TestOverdueDigest(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	d := r.bring(admin)
	if _, err := r.svc.Send(ctx, admin, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := r.svc.Reminder(ctx, loa.Occurrence{Key: "overdue:2024-04-20"}, r.clock()); ok || err != nil {
		t.Fatalf("a digest with nothing overdue: %v %v", ok, err)
	}
	if _, _, err := r.svc.MarkDone(ctx, leaderB, d.Tasks[3].ID, ""); err != nil {
		t.Fatal(err)
	}
	n, ok, err := r.svc.Reminder(ctx, loa.Occurrence{Key: "overdue:2024-04-21"}, r.clock())
	if err != nil || !ok || n.Audience.Chats[0] != 99 || !strings.Contains(n.Text, "(đến 21/4/2024): 1 nhiệm vụ") ||
		!strings.Contains(n.Text, "• Ban CHQS xã Minh Thắng:\n   – Chuẩn bị lực lượng") || strings.Contains(n.Text, "hậu cần") {
		t.Fatalf("digest: %+v %v %v", n, ok, err)
	}
	next := r.svc.Upcoming(time.Date(2024, 4, 21, 7, 30, 0, 0, hcm))
	if len(next) != 1 || next[0].Key != "overdue:2024-04-21" {
		t.Fatalf("the digest due at 7h30: %+v", next)
	}
	if next = r.svc.Upcoming(time.Date(2024, 4, 21, 8, 1, 0, 0, hcm)); next[0].Key != "overdue:2024-04-22" {
		t.Fatalf("the digest due at 8h01: %+v", next)
	}
}

// Each unit's progress shows who received and acknowledged the document, its tasks done with
// their reports and those overdue; a leader sees only the units in their scope.
func TestProgress(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	d := r.bring(admin)
	if _, err := r.svc.Send(ctx, admin, d.ID); err != nil {
		t.Fatal(err)
	}
	ds, err := r.db.ClaimDeliveries(ctx, "w", 100, r.clock().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	var out []loa.Outcome
	for _, x := range ds {
		out = append(out, loa.Outcome{DeliveryID: x.ID, Status: loa.DeliverySent, MessageIDs: "1"})
	}
	if err := r.db.RecordOutcomes(ctx, "w", out, r.clock()); err != nil {
		t.Fatal(err)
	}
	for _, x := range ds {
		if x.ChatID == 10 {
			if _, err := r.db.AcknowledgeBy(ctx, x.ID, 10, 10, "Lâm", r.clock()); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, _, err := r.svc.MarkDone(ctx, leaderA, d.Tasks[0].ID, "Xong"); err != nil {
		t.Fatal(err)
	}
	r.set(time.Date(2024, 4, 25, 9, 0, 0, 0, hcm))
	p, err := r.svc.Progress(ctx, admin, d.ID)
	if err != nil || len(p.Units) != 2 || len(p.Unmapped) != 1 {
		t.Fatalf("progress: %+v %v", p, err)
	}
	a, b := p.Units[0], p.Units[1]
	if a.Key != "xa-a/chqs" || a.Name != "Ban CHQS xã Minh Thắng" || a.Recipients != 1 || a.Received != 1 || a.Acknowledged != 1 ||
		a.Tasks[0].Report != "Xong" || a.Tasks[0].Overdue || a.Tasks[1].Overdue || a.Tasks[2].Overdue {
		t.Errorf("Minh Thắng: %+v", a)
	}
	if b.Acknowledged != 0 || !b.Tasks[0].Overdue {
		t.Errorf("Minh Lập: %+v", b)
	}
	if p, err := r.svc.Progress(ctx, leaderA, d.ID); err != nil || len(p.Units) != 1 || p.Units[0].Key != "xa-a/chqs" {
		t.Errorf("Minh Thắng's leader sees %+v %v", p.Units, err)
	}
	if _, err := r.svc.Progress(ctx, militiaA, d.ID); !errors.Is(err, documents.ErrForbidden) {
		t.Errorf("a militiaman sees the progress: %v", err)
	}
	if list, err := r.svc.List(ctx, leaderB, 10); err != nil || len(list) != 1 {
		t.Errorf("Minh Lập's leader's list: %+v %v", list, err)
	}
}

// A name that matched no unit can be mapped to one before sending, by who brought the draft
// or an administrator, to a unit in their scope; its tasks then go to that unit.
func TestCorrectBeforeSending(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	mine := r.bring(leaderA)
	if _, err := r.svc.Correct(ctx, leaderB, mine.ID, "Hội Nông dân thị xã", "Ban CHQS xã Minh Lập"); !errors.Is(err, documents.ErrForbidden) {
		t.Fatalf("another leader corrects the draft: %v", err)
	}
	if _, err := r.svc.CorrectLatest(ctx, leaderA, "Hội Nông dân thị xã", "Ban CHQS xã Minh Lập"); !errors.Is(err, documents.ErrForbidden) {
		t.Fatalf("a leader maps a name outside their scope: %v", err)
	}
	if _, err := r.svc.CorrectLatest(ctx, leaderA, "Hội Phụ nữ", "xa-a/dq"); !errors.Is(err, documents.ErrUnknownName) {
		t.Fatalf("a name the document does not use: %v", err)
	}
	if _, err := r.svc.CorrectLatest(ctx, leaderA, "Hội Nông dân thị xã", "Ban Nông nghiệp"); !errors.Is(err, documents.ErrUnknownUnit) {
		t.Fatalf("a unit not in the catalogue: %v", err)
	}
	if _, err := r.svc.CorrectLatest(ctx, leaderB, "Hội Nông dân thị xã", "xa-b/chqs"); !errors.Is(err, documents.ErrNoDraft) {
		t.Fatalf("a leader with no draft: %v", err)
	}

	d := r.bring(admin)
	c, err := r.svc.Correct(ctx, admin, d.ID, "hội nông dân THỊ XÃ", "Ban CHQS thị xã")
	if err != nil || c.Unit.Key != "ban-chqs-tx" || c.Tasks != 1 || len(c.Document.Unmapped()) != 0 || len(c.Document.Units()) != 3 {
		t.Fatalf("correct: %+v %v", c, err)
	}
	sent, err := r.svc.Send(ctx, admin, d.ID)
	if err != nil || len(sent.Notices) != 3 || !strings.Contains(sent.Notices["ban-chqs-tx"].Text, "Tuyên truyền cho hội viên") {
		t.Fatalf("send after the correction: %+v %v", sent, err)
	}
	if _, err := r.svc.Correct(ctx, admin, d.ID, "Hội Nông dân thị xã", "tx"); !errors.Is(err, documents.ErrAlreadySent) {
		t.Fatalf("a correction after sending: %v", err)
	}
}

// uploader stands in for the bot's upload into an administrator's chat.
type uploader struct{ err error }

func (u uploader) UploadDocument(_ context.Context, chat int64, name string, data []byte) (string, error) {
	if u.err != nil {
		return "", u.err
	}
	return "UP-" + name, nil
}

// A document brought with its bytes (the API) goes with a file put once into the first
// administrator's chat; when Telegram refuses it, the units still get their tasks.
func TestSendUploadsTheBytesOnce(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	bring := func() loa.OfficialDocument {
		got, err := r.svc.Bring(ctx, admin, "kh45.txt", []byte(plan), loa.Media{}, "vi")
		if err != nil || got.Document == nil || got.Document.Media.FileID != "" {
			t.Fatalf("bring: %+v %v", got, err)
		}
		return *got.Document
	}
	r.svc.Uploader = uploader{err: errors.New("chat not found")}
	sent, err := r.svc.Send(ctx, admin, bring().ID)
	if err != nil || sent.Notices["xa-a/chqs"].Media.FileID != "" || !strings.Contains(sent.Notices["xa-a/chqs"].Text, "Chuẩn bị lực lượng") {
		t.Fatalf("a refused upload: %+v %v", sent.Notices["xa-a/chqs"], err)
	}
	r.svc.Uploader = uploader{}
	d := bring()
	if sent, err = r.svc.Send(ctx, admin, d.ID); err != nil || sent.Notices["xa-b/chqs"].Media != (loa.Media{Kind: "document", FileID: "UP-kh45.txt"}) {
		t.Fatalf("uploaded: %+v %v", sent.Notices["xa-b/chqs"], err)
	}
	if stored, err := r.db.Document(ctx, d.ID); err != nil || stored.Media.FileID != "UP-kh45.txt" {
		t.Fatalf("the file is not kept: %+v %v", stored.Media, err)
	}
}
