package news_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/news"
)

type fixture struct {
	Name       string   `yaml:"name"`
	Text       string   `yaml:"text"`
	Published  string   `yaml:"published"`
	Topics     []string `yaml:"topics"`
	NotTopics  []string `yaml:"not_topics"`
	Directives []struct {
		Addressee string `yaml:"addressee"`
		Items     int    `yaml:"items"`
		First     string `yaml:"first"`
	} `yaml:"directives"`
	Events []struct {
		Kind  string `yaml:"kind"`
		Date  string `yaml:"date"`
		End   string `yaml:"end"`
		Month int    `yaml:"month"`
		Place string `yaml:"place"`
	} `yaml:"events"`
}

// TestFixtures scores the extraction on articles written in the forms of many portals
// (testdata/fixtures.yaml): publication date, topics given and not given, directive sections
// with their addressees and items, events with their days and places, and never a year before
// 1945. It reports the share of checks that hold and fails below 0.95.
func TestFixtures(t *testing.T) {
	data, err := os.ReadFile("testdata/fixtures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []fixture
	if err := yaml.Unmarshal(data, &fixtures); err != nil {
		t.Fatal(err)
	}
	if len(fixtures) < 25 {
		t.Fatalf("%d fixtures; the set must keep at least 25", len(fixtures))
	}
	x := news.Extractor{Gazetteer: gazetteer}
	checks, held := 0, 0
	check := func(f fixture, ok bool, what string, args ...any) {
		checks++
		if ok {
			held++
			return
		}
		t.Logf("%s: %s", f.Name, fmt.Sprintf(what, args...))
	}
	for _, f := range fixtures {
		a := x.Extract(f.Text)
		published := ""
		if !a.Published.IsZero() {
			published = a.Published.Format("2006-01-02")
		}
		check(f, published == f.Published, "published %q, want %q", published, f.Published)
		for _, topic := range f.Topics {
			check(f, slices.Contains(a.Topics, topic), "topic %s missing from %v", topic, a.Topics)
		}
		for _, topic := range f.NotTopics {
			check(f, !slices.Contains(a.Topics, topic), "topic %s given: %v", topic, a.Topics)
		}
		check(f, len(a.Directives) == len(f.Directives), "%d directive sections, want %d: %s", len(a.Directives), len(f.Directives), dump(a.Directives))
		for i, want := range f.Directives {
			if i >= len(a.Directives) {
				break
			}
			d := a.Directives[i]
			check(f, d.Addressee == want.Addressee, "section %d addressee %q, want %q", i+1, d.Addressee, want.Addressee)
			check(f, len(d.Items) == want.Items && strings.HasPrefix(first(d.Items), want.First),
				"section %d has %d items starting %q; want %d starting %q", i+1, len(d.Items), first(d.Items), want.Items, want.First)
		}
		for _, want := range f.Events {
			e, found := eventOfKind(a.Events, want.Kind)
			check(f, found, "no %s event in %s", want.Kind, dump(a.Events))
			if !found {
				continue
			}
			if want.Date != "" {
				check(f, e.Date == want.Date && e.EndDate == want.End, "%s on %q–%q, want %q–%q", want.Kind, e.Date, e.EndDate, want.Date, want.End)
			}
			if want.Month != 0 {
				check(f, e.Month == want.Month, "%s in month %d, want %d", want.Kind, e.Month, want.Month)
			}
			if want.Place != "" {
				check(f, slices.Contains(e.Places, want.Place), "%s at %v, want %q", want.Kind, e.Places, want.Place)
			}
		}
		old := false
		for _, e := range a.Events {
			old = old || (e.Year != 0 && e.Year < 1945)
		}
		check(f, !old, "an event before 1945: %s", dump(a.Events))
	}
	score := float64(held) / float64(checks)
	t.Logf("%d of %d checks hold on %d articles: %.3f", held, checks, len(fixtures), score)
	if score < 0.95 {
		t.Errorf("score %.3f, below 0.95", score)
	}
}

func eventOfKind(events []loa.EventCandidate, kind string) (loa.EventCandidate, bool) {
	for _, e := range events {
		if e.Kind == kind {
			return e, true
		}
	}
	return loa.EventCandidate{}, false
}
