package search_test

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/adminunits"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/search"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
	"github.com/loa-vn/loa/vntext"
)

// realSet is a file of articles modelled on real portals' pages, with questions officials
// would ask and the phrases a right answer holds (news/testdata/real).
type realSet struct {
	Articles  []realArticle `yaml:"articles"`
	Questions []evalCase    `yaml:"questions"`
}

type realArticle struct {
	Name   string `yaml:"name"`
	Portal string `yaml:"portal"`
	Source string `yaml:"source"`
	Text   string `yaml:"text"`
}

func readRealSet(t *testing.T, path string) (realSet, bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return realSet{}, false
	}
	if err != nil {
		t.Fatal(err)
	}
	var set realSet
	if err := yaml.Unmarshal(data, &set); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return set, true
}

// ingestRealSet extracts and stores the set's articles as the news poller would, and indexes
// them.
func ingestRealSet(t *testing.T, db *store.DB, set realSet) *search.Service {
	t.Helper()
	ctx := context.Background()
	s := search.New(db, nil).WithPlaceNames(adminunits.PlaceNames())
	x := news.Extractor{Location: hcm}
	for _, art := range set.Articles {
		a := x.Extract(art.Text)
		// The poller names an article's source after the portal it polls.
		a.URL, a.Source = art.Source, art.Portal
		saved, _, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatalf("%s: %v", art.Name, err)
		}
		if err := s.Index(ctx, saved); err != nil {
			t.Fatalf("%s: %v", art.Name, err)
		}
	}
	return s
}

// scores are precision@3 over the answerable questions and the share of unanswerable ones
// given no answer.
type scores struct {
	precision, abstention            float64
	answerable, unanswerable, silent int
}

// relevant says whether an answer holds one of the expected phrases, both folded.
func relevant(text string, expect []string) bool {
	f := foldWords(text)
	for _, e := range expect {
		if strings.Contains(f, foldWords(e)) {
			return true
		}
	}
	return false
}

func foldWords(s string) string {
	return " " + strings.Join(strings.FieldsFunc(vntext.Fold(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}), " ") + " "
}

// shown is an answer as the reply shows it, and the sentence it quotes.
type shown struct{ text, sentence string }

// score asks every question with ask (its top three quoted answers, and how many other answers
// it gave: events saying when and where) and scores them; misses are logged. A right sentence
// counts once, however many of its items are shown, and a question asks for no more right
// sentences than its articles hold (sentences, the articles' sentences).
func score(t *testing.T, label string, cases []evalCase, sentences []string, ask func(q string) ([]shown, int)) scores {
	t.Helper()
	var s scores
	var total float64
	for _, c := range cases {
		got, others := ask(c.Q)
		if len(c.Expect) == 0 {
			s.unanswerable++
			switch {
			case len(got) == 0 && others == 0:
				s.silent++
			case len(got) == 0:
				t.Logf("%s answered the unanswerable %q with %d events", label, c.Q, others)
			default:
				t.Logf("%s answered the unanswerable %q with %q", label, c.Q, shortText(got[0].text))
			}
			continue
		}
		s.answerable++
		right := map[string]bool{}
		for _, a := range got[:min(3, len(got))] {
			if relevant(a.text, c.Expect) {
				right[a.sentence] = true
			}
		}
		wanted := min(3, len(c.Expect))
		if held := rightSentences(sentences, c.Expect); held > 0 {
			wanted = min(wanted, held)
		}
		p := float64(min(len(right), wanted)) / float64(wanted)
		total += p
		if p < 1 {
			var short []string
			for _, a := range got {
				short = append(short, shortText(a.text))
			}
			t.Logf("%s P@3 %.2f for %q: got %q", label, p, c.Q, short)
		}
	}
	if s.answerable > 0 {
		s.precision = total / float64(s.answerable)
	}
	if s.unanswerable > 0 {
		s.abstention = float64(s.silent) / float64(s.unanswerable)
	}
	return s
}

// rightSentences counts the sentences that hold one of the expected phrases.
func rightSentences(sentences, expect []string) int {
	n := 0
	for _, s := range sentences {
		if relevant(s, expect) {
			n++
		}
	}
	return n
}

func shortText(s string) string {
	r := []rune(s)
	return string(r[:min(70, len(r))])
}

// Floors the development half must reach: the 0.95 aimed at (it reaches 0.966 and 1.000 on
// 64 answerable and 18 unanswerable questions), so that a change that loses answers on real
// text fails here.
const (
	realPrecisionFloor  = 0.95
	realAbstentionFloor = 0.95
)

// TestRealSet scores answers on the real-text sets: the development half must reach the
// floors; the held-out batches, with -v, are printed and never fail. A plain BM25 over
// every sentence is scored beside it, as the floor to beat. The held-out halves, which only
// print, are scored on SQLite alone: the development half checks that PostgreSQL answers as
// SQLite does, and each half costs tens of seconds under -race.
func TestRealSet(t *testing.T) {
	t.Parallel()
	// Held-out batches are found by name, so that a new batch is scored by adding its file.
	heldOut, err := filepath.Glob("../news/testdata/real/heldout*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type half struct {
		path    string
		enforce bool
	}
	halves := []half{{"../news/testdata/real/dev.yaml", true}}
	// The held-out batches only print, and most of the suite's time under -race would go to
	// scoring them: they are scored when someone reads the output (-v).
	if testing.Verbose() {
		for _, path := range heldOut {
			halves = append(halves, half{path, false})
		}
	}
	for _, half := range halves {
		set, ok := readRealSet(t, half.path)
		if !ok {
			if half.enforce {
				t.Fatalf("%s is missing", half.path)
			}
			continue
		}
		name := strings.TrimSuffix(half.path[strings.LastIndex(half.path, "/")+1:], ".yaml")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			bm := newBM25(set)
			base := score(t, "BM25", set.Questions, bm.sentences, func(q string) ([]shown, int) {
				var top []shown
				for _, s := range bm.top(q, 3) {
					top = append(top, shown{s, s})
				}
				return top, 0
			})
			each := storetest.Each
			if !half.enforce {
				each = onSQLite
			}
			each(t, func(t *testing.T, db *store.DB) {
				s := ingestRealSet(t, db, set)
				got := score(t, "Loa", set.Questions, bm.sentences, func(q string) ([]shown, int) {
					res, err := s.Ask(context.Background(), q, 0, 3)
					if err != nil {
						t.Fatal(err)
					}
					// Events answering "khi nào", "ở đâu" come first and say when and where in
					// Loa's words; precision is of the quoted answers, and an event is an
					// answer to a question that has none.
					all := len(res.Answers)
					res.Answers = slices.DeleteFunc(res.Answers, func(a loa.Answer) bool { return a.Kind == loa.AnswerEvent })
					// An item is read within its sentence, cut as the bot's reply cuts it.
					var texts []shown
					for _, a := range res.Answers {
						q := a.Quote(loa.QuoteChars)
						sentence := cmp.Or(a.Sentence, a.Text)
						texts = append(texts, shown{q.Before + q.Item + q.After, sentence})
					}
					return texts, all - len(texts)
				})
				t.Logf("%s: %d articles, %d answerable and %d unanswerable questions", name, len(set.Articles), got.answerable, got.unanswerable)
				t.Logf("            precision@3  abstention")
				t.Logf("  Loa       %.3f        %.3f (%d of %d)", got.precision, got.abstention, got.silent, got.unanswerable)
				t.Logf("  BM25      %.3f        %.3f (%d of %d)", base.precision, base.abstention, base.silent, base.unanswerable)
				if half.enforce && (got.precision < realPrecisionFloor || got.abstention < realAbstentionFloor) {
					t.Errorf("%s: precision@3 %.3f (want ≥ %.2f), abstention %.3f (want ≥ %.2f)",
						name, got.precision, realPrecisionFloor, got.abstention, realAbstentionFloor)
				}
			})
		})
	}
}

// onSQLite is storetest.Each on SQLite alone.
func onSQLite(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run(store.SQLite, func(t *testing.T) { t.Parallel(); fn(t, storetest.Open(t, store.SQLite)) })
}
