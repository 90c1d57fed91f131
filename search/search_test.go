package search_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/search"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

// loadCorpus stores and indexes the corpus texts.
func loadCorpus(t testing.TB, db *store.DB) *search.Service {
	t.Helper()
	ctx := context.Background()
	files, _ := filepath.Glob("../news/testdata/corpus/*.txt")
	if len(files) != 4 {
		t.Fatalf("corpus: %d files", len(files))
	}
	x := news.Extractor{Location: hcm}
	s := search.New(db, nil)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := x.Extract(string(data))
		a.URL = "https://chonthanh.binhphuoc.gov.vn/" + filepath.Base(f)
		saved, _, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Index(ctx, saved); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

type evalCase struct {
	Q      string   `yaml:"q"`
	Expect []string `yaml:"expect"`
}

// TestAnswerQuality measures precision@3 on the evaluation set: for each question, the share of
// its top three answers that are relevant, out of min(3, relevant items); averaged, it must
// reach 0.9.
func TestAnswerQuality(t *testing.T) {
	data, err := os.ReadFile("testdata/eval.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cases []evalCase
	if err := yaml.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Fatalf("the evaluation set has %d questions, want at least 40", len(cases))
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := loadCorpus(t, db)
		var total float64
		answerable, unanswerable, silent := 0, 0, 0
		for _, c := range cases {
			res, err := s.Ask(context.Background(), c.Q, 0, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Expect) == 0 {
				unanswerable++
				if len(res.Answers) == 0 {
					silent++
				} else {
					t.Logf("answered the unanswerable %q with %q", c.Q, res.Answers[0].Text[:min(60, len(res.Answers[0].Text))])
				}
				continue
			}
			answerable++
			// Events answering "khi nào", "ở đâu" come first; precision is of the items.
			res.Answers = slices.DeleteFunc(res.Answers, func(a loa.Answer) bool { return a.Kind == loa.AnswerEvent })
			hits := 0
			for _, a := range res.Answers {
				for _, e := range c.Expect {
					if strings.HasPrefix(a.Text, e) {
						hits++
						break
					}
				}
			}
			p := float64(hits) / float64(min(3, len(c.Expect)))
			total += p
			if p < 1 {
				var got []string
				for _, a := range res.Answers {
					got = append(got, a.Text[:min(50, len(a.Text))])
				}
				t.Logf("P@3 %.2f for %q: got %q", p, c.Q, got)
			}
		}
		precision, declined := total/float64(answerable), float64(silent)/float64(unanswerable)
		t.Logf("precision@3 = %.3f over %d answerable questions; %.3f of %d unanswerable get no answer", precision, answerable, declined, unanswerable)
		if precision < 0.95 || declined < 0.95 {
			t.Fatalf("precision@3 %.3f (want ≥ 0.95), unanswerable declined %.3f (want ≥ 0.95)", precision, declined)
		}
		if unanswerable < 20 {
			t.Fatalf("the evaluation set has %d unanswerable questions, want at least 20", unanswerable)
		}
	})
}

func TestWhenAndWhereAreAnsweredFromEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := loadCorpus(t, db)
		s.Now = func() time.Time { return time.Date(2025, 1, 21, 8, 0, 0, 0, time.UTC) }
		for q, want := range map[string][]string{
			"khi nào giao nhận quân":         {"14/02/2025", "Quảng trường Trung tâm hành chính thị xã"},
			"bao gio giao nhan quan":         {"14/02/2025"},
			"hội thi bắn súng tổ chức ở đâu": {"Hội thi bắn súng", "tại "},
			// "lịch X" asks when; fillers ("lễ", "tổ chức", "diễn ra", "vào", "ngày nào") and a
			// year narrow nothing away.
			"lich giao nhan quan": {"14/02/2025"},
			"Lễ giao nhận quân năm 2025 diễn ra vào ngày nào?": {"14/02/2025"},
			"le giao nhan quan to chuc o dau":                  {"Quảng trường Trung tâm hành chính thị xã"},
		} {
			res, err := s.Ask(context.Background(), q, 0, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Answers) == 0 || res.Answers[0].Kind != "event" {
				t.Errorf("%q: the first answer is not an event: %+v", q, res.Answers)
				continue
			}
			for _, w := range want {
				if !strings.Contains(res.Answers[0].Text, w) {
					t.Errorf("%q: %q lacks %q", q, res.Answers[0].Text, w)
				}
			}
		}
		// A question about what to do gets directive items, no event.
		res, _ := s.Ask(context.Background(), "Ban CHQS thị xã phải làm gì", 0, 3)
		for _, a := range res.Answers {
			if a.Kind == loa.AnswerEvent {
				t.Fatalf("an event answered a question about tasks: %q", a.Text)
			}
		}
	})
}

func TestAnswersQuoteTheSource(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	s := loadCorpus(t, db)
	res, err := s.Ask(context.Background(), "ban chqs thi xa phai lam gi", 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) != 5 || !res.More {
		t.Fatalf("%d answers, more=%v", len(res.Answers), res.More)
	}
	a := res.Answers[0]
	if a.Addressee != "Ban CHQS thị xã" || a.URL == "" || a.Published.IsZero() || a.Title == "" || a.Speaker == "" {
		t.Fatalf("answer without its source: %+v", a)
	}
	page2, _ := s.Ask(context.Background(), "ban chqs thi xa phai lam gi", 5, 5)
	for _, b := range page2.Answers {
		for _, a := range res.Answers {
			if a.RowID == b.RowID {
				t.Fatalf("row %d on both pages", a.RowID)
			}
		}
	}
	none, _ := s.Ask(context.Background(), "xyzzy plugh", 0, 5)
	if len(none.Answers) != 0 {
		t.Fatalf("nonsense found %v", none.Answers)
	}
}

func TestNormaliserExpandsAbbreviationsBothWays(t *testing.T) {
	n := search.NewNormaliser(nil)
	cases := map[string]string{
		"Ban CHQS thị xã":         "ban chi huy quan su thi xa",
		"GDQP & AN":               "giao duc quoc phong va an ninh",
		"Hội đồng GDQP&AN thị xã": "hoi dong giao duc quoc phong va an ninh thi xa",
		"lực lượng DQTV":          "luc luong dan quan tu ve",
		"Ủy ban nhân dân":         "uy ban nhan dan",
		"UBND các xã, phường":     "uy ban nhan dan cac xa phuong",
		"diễn tập trong KVPT":     "dien tap trong khu vuc phong thu",
		"Hội thao TDTT":           "hoi thao the duc the thao",
		"Phòng GDĐT huyện":        "phong giao duc va dao tao huyen",
		"dân quân cụm số 4":       "dan quan cum 4", // as "cụm 4" names it
		"chốt quân số 120":        "chot quan so 120",
		"Phòng GD-ĐT":             "phong giao duc va dao tao",
		"Phòng GD&ĐT":             "phong giao duc va dao tao",
		"phong GD DT":             "phong giao duc va dao tao",
		"Ban CHQS PTKV 4":         "ban chi huy quan su phong thu khu vuc 4",
		"Ban Chỉ huy PTKV4":       "ban chi huy phong thu khu vuc 4", // glued to its number
		"cơ quan QS":              "co quan quan su",
		"QP-AN":                   "quoc phong va an ninh",
		"HĐND, UBND xã":           "hoi dong nhan dan uy ban nhan dan xa",
		"quân nhân DBĐV":          "quan nhan du bi dong vien",
		"HĐNVQS huyện":            "hoi dong nghia vu quan su huyen",
		"gd an ninh":              "gd an ninh",
		"Luật GD QPAN":            "luat giao duc quoc phong va an ninh",
		"giải cầu lông CNVCLĐ":    "giai cau long cong nhan vien chuc lao dong",
		// An office written short before its body; alone, "CT" is no office.
		"PBT Đảng ủy, CT Ủy ban nhân dân xã": "pho bi thu dang uy chu tich uy ban nhan dan xa",
		"CT UBND huyện": "chu tich uy ban nhan dan huyen",
		"CHT Ban CHQS":  "chi huy truong ban chi huy quan su",
		"CT 135":        "ct 135",
	}
	for in, want := range cases {
		if got := n.Normalise(in); got != want {
			t.Errorf("Normalise(%q) = %q, want %q", in, got, want)
		}
	}
}

// The index gives the same candidates whichever way it is told to find them: reading the
// newest rows (common words) or the full-text index, for one wording or several, and for a
// word no row has.
func TestCandidatesEitherWay(t *testing.T) {
	for _, driver := range storetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			db := storetest.Open(t, driver)
			loadCorpus(t, db)
			ctx := context.Background()
			for _, groups := range [][][]string{
				{{"dan", "quan"}},
				{{"huan", "luyen"}, {"dien", "tap"}},
				{{"nhap", "ngu"}, {"giao", "quan"}, {"tong", "quan"}},
				{{"khongcotu"}},
			} {
				var got [2][]int64
				for i, common := range []bool{false, true} {
					rows, err := db.SearchCandidates(ctx, loa.TermQuery{Groups: groups, Common: common}, 5)
					if err != nil {
						t.Fatal(err)
					}
					for _, r := range rows {
						got[i] = append(got[i], r.RowID)
					}
				}
				if !slices.Equal(got[0], got[1]) {
					t.Errorf("%v: full-text index %v, newest rows %v", groups, got[0], got[1])
				}
				if groups[0][0] != "khongcotu" && len(got[0]) == 0 {
					t.Errorf("%v: no candidates", groups)
				}
			}
		})
	}
}
