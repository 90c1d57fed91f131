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
	Topics(ctx context.Context) ([]loa.Topic, error)
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
	topics, err := in.Store.Topics(ctx)
	if err != nil {
		return res, err
	}
	for _, n := range noticesFor(saved, units, topics, in.Location, in.Extractor.Places) {
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
	// The commune's military service council sits with its committee; before "quân sự".
	{"hoi dong nvqs", loa.UnitCommittee}, {"hoi dong nghia vu quan su", loa.UnitCommittee},
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

// A push fits a phone's screen: the title, why it concerns the reader, at most pushTasks of
// their tasks, each cut near taskChars, and the link; about 800 characters in all.
const (
	pushTasks  = 3
	taskChars  = 160
	titleChars = 150
)

// Notices builds the push of a new article. Each unit gets the directive items addressed to
// its own kind at its own level (or to it by name): a commune's Ban CHQS gets "Ban CHQS các
// xã, phường" and "Ban CHQS xã Minh Thắng", never the district's "Ban CHQS thị xã". Units with
// the same tasks share one notice, which goes to the subscribers of the article's topics in
// those units; together the notices reach each subscriber once.
func Notices(a loa.Article, units []loa.Unit, topics []loa.Topic, loc *time.Location) []loa.Notice {
	return noticesFor(a, units, topics, loc, nil)
}

// noticesFor is Notices reading the communes addressees name with the country's places.
func noticesFor(a loa.Article, units []loa.Unit, topics []loa.Topic, loc *time.Location, national *Places) []loa.Notice {
	if loc == nil {
		loc = defaultLocation()
	}
	all, communeNames := unitPlaces(units)
	reaches := national.addressing(a.Published, communeNames)
	type group struct {
		kind  string
		keys  []string
		tasks []loa.Directive
	}
	var groups []*group
	byTasks := map[string]*group{}
	for _, p := range all {
		var tasks []loa.Directive
		var sig strings.Builder
		sig.WriteString(p.unit.Kind)
		for i, d := range a.Directives {
			if d.Addressee != "" && len(d.Items) > 0 && reaches(d.Addressee, p) {
				tasks = append(tasks, d)
				fmt.Fprintf(&sig, ":%d", i)
			}
		}
		g := byTasks[sig.String()]
		if g == nil {
			g = &group{kind: p.unit.Kind, tasks: tasks}
			byTasks[sig.String()] = g
			groups = append(groups, g)
		}
		g.keys = append(g.keys, p.unit.Key)
	}
	var out []loa.Notice
	for _, g := range groups {
		sort.Strings(g.keys)
		out = append(out, loa.Notice{
			Origin: loa.OriginArticle, OriginRef: fmt.Sprintf("article:%d:%s:%s", a.ID, g.kind, g.keys[0]),
			Text: pushText(a, g.tasks, topics, loc),
			// The kind keeps a commune's sub-units (of other kinds) out of the commune's notice.
			Audience:  loa.Audience{Topics: a.Topics, UnitKinds: []string{g.kind}, Units: g.keys},
			CreatedBy: "news:" + a.Source,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OriginRef < out[j].OriginRef })
	return out
}

// pushText is one push: the title and day, then either the reader's tasks (why it concerns
// them) or the start of the article and the topics it is under, then the link.
func pushText(a loa.Article, tasks []loa.Directive, topics []loa.Topic, loc *time.Location) string {
	var sb strings.Builder
	sb.WriteString("📰 <b>" + html.EscapeString(Summary(a.Title, titleChars)) + "</b>")
	if !a.Published.IsZero() {
		sb.WriteString("\n🗓 " + a.Published.In(loc).Format("02/01/2006"))
	}
	if len(tasks) > 0 {
		sb.WriteString("\n\n" + texts.T("vi", "push_tasks"))
		shown, total := 0, 0
		for _, d := range tasks {
			total += len(d.Items)
			if shown == pushTasks {
				continue
			}
			sb.WriteString("\n<i>" + html.EscapeString(d.Addressee) + "</i>")
			for _, item := range d.Items {
				if shown == pushTasks {
					break
				}
				sb.WriteString("\n• " + html.EscapeString(Summary(item, taskChars)))
				shown++
			}
		}
		if total > shown {
			sb.WriteString("\n" + texts.T("vi", "push_more_tasks", total-shown))
		}
	} else {
		if summary := Summary(a.Body, 250); summary != "" {
			sb.WriteString("\n\n" + html.EscapeString(summary))
		}
		var names []string
		for _, key := range a.Topics {
			for _, t := range topics {
				if t.Key == key {
					names = append(names, t.NameVI)
				}
			}
		}
		if len(names) > 0 {
			sb.WriteString("\n\n" + texts.T("vi", "push_topics", html.EscapeString(strings.Join(names, "; "))))
		}
	}
	if loa.PublicURL(a.URL) {
		// A file:// link from `loa ingest FILE` is dead on every phone and shows the
		// server's folders: only a public address is linked.
		sb.WriteString("\n\n🔗 <a href=\"" + html.EscapeString(a.URL) + "\">" + texts.T("vi", "push_read") + "</a>")
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
