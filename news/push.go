package news

import (
	"context"
	"fmt"
	"html"
	"sort"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/vntext"
)

// Store is what ingestion needs of the store.
type Store interface {
	loa.Articles
	CreateNotice(ctx context.Context, n loa.Notice) (loa.Notice, error)
	Units(ctx context.Context) ([]loa.Unit, error)
}

// Ingester stores extracted articles and pushes the new ones to their subscribers.
type Ingester struct {
	Store     Store
	Extractor Extractor
	Location  *time.Location
	Wake      func()  // tells the dispatcher there is work; may be nil
	Admins    []int64 // are offered a button to schedule reminders for dated events
	// OnSaved is called with every stored article (new or edited), e.g. to index it for search.
	OnSaved func(ctx context.Context, a loa.Article) error
}

// Result is what happened to one article.
type Result struct {
	Article   loa.Article
	Duplicate bool // already stored (same URL, GUID or content); an edit updates it in place
	Notices   []loa.Notice
}

// Save stores the article and, when it is new, queues its notices.
func (in Ingester) Save(ctx context.Context, a loa.Article) (Result, error) {
	return in.save(ctx, a, true)
}

// SaveQuietly stores the article without telling anyone: a new source's back catalogue, an
// old article seen for the first time, one of many in a poll (those go in a digest).
func (in Ingester) SaveQuietly(ctx context.Context, a loa.Article) (Result, error) {
	return in.save(ctx, a, false)
}

func (in Ingester) save(ctx context.Context, a loa.Article, push bool) (Result, error) {
	saved, isNew, err := in.Store.SaveArticle(ctx, a)
	if err != nil {
		return Result{}, err
	}
	res := Result{Article: saved, Duplicate: !isNew}
	if in.OnSaved != nil {
		if err := in.OnSaved(ctx, saved); err != nil {
			return res, fmt.Errorf("after saving article %d: %w", saved.ID, err)
		}
	}
	if !isNew || !push {
		return res, nil
	}
	units, err := in.Store.Units(ctx)
	if err != nil {
		return res, err
	}
	for _, n := range Notices(saved, units, in.Location) {
		created, err := in.Store.CreateNotice(ctx, n)
		if err != nil {
			return res, fmt.Errorf("push article %d: %w", saved.ID, err)
		}
		res.Notices = append(res.Notices, created)
	}
	if n, ok := CandidateNotice(saved, in.Admins, in.now()); ok {
		created, err := in.Store.CreateNotice(ctx, n)
		if err != nil {
			return res, fmt.Errorf("offer events of article %d: %w", saved.ID, err)
		}
		res.Notices = append(res.Notices, created)
	}
	if in.Wake != nil && len(res.Notices) > 0 {
		in.Wake()
	}
	return res, nil
}

// addresseeKinds maps words of an addressee to the kind of unit it names.
var addresseeKinds = []struct{ words, kind string }{
	{"chqs", loa.UnitMilitary}, {"chi huy quan su", loa.UnitMilitary}, {"quan su", loa.UnitMilitary},
	{"cong an", loa.UnitPolice},
	{"dan quan", loa.UnitMilitia}, {"dqtv", loa.UnitMilitia},
	{"ubnd cac xa", loa.UnitCommittee}, {"ubnd xa", loa.UnitCommittee}, {"ubnd phuong", loa.UnitCommittee},
	{"phong", loa.UnitDepartment}, {"trung tam", loa.UnitDepartment}, {"van phong", loa.UnitDepartment},
}

// AddresseeKind is the kind of unit a directive's addressee names, or "" when none.
func AddresseeKind(addressee string) string {
	f := " " + wordsOnly(vntext.Fold(addressee)) + " "
	for _, k := range addresseeKinds {
		if strings.Contains(f, " "+k.words+" ") {
			return k.kind
		}
	}
	return ""
}

// Notices builds the push of a new article: one notice per kind of unit, so that each member
// sees the directive items addressed to units like theirs highlighted. Every notice goes to the
// subscribers of the article's topics within units of that kind; together they reach each
// subscriber once.
func Notices(a loa.Article, units []loa.Unit, loc *time.Location) []loa.Notice {
	if loc == nil {
		loc = defaultLocation()
	}
	seen := map[string]bool{}
	var kinds []string
	for _, u := range units {
		if !seen[u.Kind] {
			seen[u.Kind] = true
			kinds = append(kinds, u.Kind)
		}
	}
	sort.Strings(kinds)
	base := articleText(a, loc)
	var out []loa.Notice
	for _, kind := range kinds {
		text := base
		if tasks := tasksFor(a.Directives, kind); tasks != "" {
			text += "\n\n" + texts.T("vi", "push_tasks") + tasks
		}
		if loa.PublicURL(a.URL) {
			// A file:// link from `loa ingest FILE` is dead on every phone and shows the
			// server's folders: only a public address is linked.
			text += "\n\n🔗 <a href=\"" + html.EscapeString(a.URL) + "\">" + texts.T("vi", "push_read") + "</a>"
		}
		out = append(out, loa.Notice{
			Origin: loa.OriginArticle, OriginRef: fmt.Sprintf("article:%d:%s", a.ID, kind), Text: text,
			Audience:  loa.Audience{Topics: a.Topics, UnitKinds: []string{kind}},
			CreatedBy: "news:" + a.Source,
		})
	}
	return out
}

func articleText(a loa.Article, loc *time.Location) string {
	var sb strings.Builder
	sb.WriteString("📰 <b>" + html.EscapeString(a.Title) + "</b>")
	if !a.Published.IsZero() {
		sb.WriteString("\n🗓 " + a.Published.In(loc).Format("02/01/2006"))
	}
	if summary := Summary(a.Body, 400); summary != "" {
		sb.WriteString("\n\n" + html.EscapeString(summary))
	}
	return sb.String()
}

func tasksFor(ds []loa.Directive, kind string) string {
	var sb strings.Builder
	for _, d := range ds {
		if d.Addressee == "" || AddresseeKind(d.Addressee) != kind {
			continue
		}
		sb.WriteString("\n<i>" + html.EscapeString(d.Addressee) + "</i>")
		for _, item := range d.Items {
			sb.WriteString("\n• " + html.EscapeString(item))
		}
	}
	return sb.String()
}

// Summary is the start of the body, cut at a sentence end near limit characters.
func Summary(body string, limit int) string {
	first, _, _ := strings.Cut(body, "\n\n")
	r := []rune(first)
	if len(r) <= limit {
		return first
	}
	cut := string(r[:limit])
	if k := strings.LastIndex(cut, ". "); k > limit/2 {
		return cut[:k+1]
	}
	if k := strings.LastIndex(cut, " "); k > 0 {
		return cut[:k] + "…"
	}
	return cut + "…"
}

func (in Ingester) now() time.Time {
	loc := in.Location
	if loc == nil {
		loc = defaultLocation()
	}
	return time.Now().In(loc)
}

// CandidateNotice offers the admins one button per upcoming dated event of a new article to
// turn it into scheduled reminders.
func CandidateNotice(a loa.Article, admins []int64, now time.Time) (loa.Notice, bool) {
	today := now.Format("2006-01-02")
	var lines []string
	var buttons []loa.Button
	for _, e := range a.Events {
		if e.Date == "" || e.Date < today || e.ID == 0 || len(buttons) == 5 {
			continue
		}
		when, _ := time.Parse("2006-01-02", e.Date)
		lines = append(lines, "• "+html.EscapeString(e.Title)+" — "+when.Format("02/01/2006"))
		label := []rune(e.Title)
		if len(label) > 40 {
			label = append(label[:39], '…')
		}
		buttons = append(buttons, loa.Button{Text: texts.T("vi", "push_schedule", string(label)), Data: fmt.Sprintf("ev:c:%d", e.ID)})
	}
	if len(buttons) == 0 || len(admins) == 0 {
		return loa.Notice{}, false
	}
	text := texts.T("vi", "push_events") + "\n" + html.EscapeString(a.Title) + "\n\n" + strings.Join(lines, "\n")
	return loa.Notice{Origin: loa.OriginSystem, OriginRef: fmt.Sprintf("article:%d:candidates", a.ID), Text: text,
		Buttons: buttons, Audience: loa.Audience{Chats: admins}, CreatedBy: "news"}, true
}
