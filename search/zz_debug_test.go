package search

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/adminunits"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

type zzSet struct {
	Articles []struct {
		Name, Portal, Source, Text string
	} `yaml:"articles"`
	Questions []struct {
		Q      string   `yaml:"q"`
		Expect []string `yaml:"expect"`
	} `yaml:"questions"`
}

func TestZZDebug(t *testing.T) {
	path := os.Getenv("ZZSET")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(path)
	var set zzSet
	if err := yaml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	s := New(db, nil).WithPlaceNames(adminunits.PlaceNames())
	hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	x := news.Extractor{Location: hcm}
	for _, art := range set.Articles {
		a := x.Extract(art.Text)
		a.URL, a.Source = art.Source, art.Portal
		saved, _, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Index(ctx, saved); err != nil {
			t.Fatal(err)
		}
	}
	filter := os.Getenv("ZZQ")
	for _, c := range set.Questions {
		if filter != "" && !strings.Contains(c.Q, filter) {
			continue
		}
		res, err := s.Ask(ctx, c.Q, 0, 3)
		if err != nil {
			t.Fatal(err)
		}
		q := res.Query
		fmt.Printf("\n=== %q expect %q\n", c.Q, c.Expect)
		fmt.Printf("  terms=%v addr=%v place=%v venue=%v date=%v count=%v person=%v places=%v units=%v names=%v focus=%q subj=%v/%v kinds=%v askCount=%v noun=%q status=%q askDay=%v\n",
			q.Terms, q.Addressee, q.WantPlace, q.WantVenue, q.WantDate, q.WantCount, q.WantPerson, q.Places, q.Units, q.Names, q.Focus, q.Subject, q.SubjectRest, q.Kinds, q.AskCount, q.CountNoun, q.CountStatus, q.AskDay)
		for _, a := range res.Answers {
			fmt.Printf("  ANS[%v %.2f] %s\n", a.Kind, a.Score, short(a.Text, 160))
		}
		if len(c.Expect) == 0 {
			continue
		}
		// rows holding the expected phrase, and the first test each fails
		var groups [][]string
		for _, w := range Words(s.norm.Normalise(c.Expect[0])) {
			groups = append(groups, []string{w})
		}
		rows, _ := db.SearchCandidates(ctx, loa.TermQuery{Groups: groups}, 5000)
		counts := s.newCounts()
		df, total, _ := counts.of(ctx, q.Terms)
		wt := weigh(q, df, total)
		for _, r := range rows {
			if !strings.Contains(" "+foldZZ(r.Body)+" ", " "+foldZZ(c.Expect[0])+" ") {
				continue
			}
			tx := newRowText(r)
			why := "PASS"
			fb := tx.body
			if q.AskCount && !q.AskShare {
				fb = withoutShares(fb)
			}
			if q.AskDay {
				fb = withoutNamedDates(withoutAnniversaries(fb))
				if q.DocRef == nil {
					fb = withoutDocumentDates(fb)
				}
			}
			switch {
			case !ofYears(q, r):
				why = "years"
			case coverage(wt, tx, r.Published) < minCoverage:
				why = fmt.Sprintf("coverage %.2f", coverage(wt, tx, r.Published))
			case !q.AskQuota && !ofKind(q.Kinds, tx):
				why = "kind"
			case len(q.Addressee) > 0 && !setsTask(tx, r.ItemID != 0):
				why = "setsTask"
			case otherOf(q.Levels, levelRE, tx) || otherOf(q.Militia, militiaRE, tx):
				why = "level/militia"
			case !namesEach(q.Units, tx):
				why = "units"
			case len(q.Subject) > 0 && (!hasPhrase(tx.body, q.Subject) || !saysAll(tx.body, q.SubjectRest)):
				why = "subject"
			case q.WantVenue && !saysWhere(r.Body):
				why = "venue"
			case q.AskDay && !saysWhenAsked(q, tx.body):
				why = "saysWhenAsked"
			case q.AskDay && (otherEvent(q.Kinds, tx.body) || plansIt(q, tx.body) || otherEnd(" "+strings.Join(q.Seq, " ")+" ", tx.body)):
				why = "otherEvent/plans/end"
			case !carriesFact(q, fb):
				why = "carriesFact"
			}
			fmt.Printf("  ROW item=%d %s cov=%.2f score=%.2f | %s | ctx=%s\n", r.ItemID, why, coverage(wt, tx, r.Published), score(q, wt, r, tx), short(r.Body, 200), short(r.Addressee, 80))
		}
	}
	_ = slices.Contains[[]string]
}

func foldZZ(s string) string { return strings.Join(Words(NewNormaliser(nil).Normalise(s)), " ") }
func short(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}
