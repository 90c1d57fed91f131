package main

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/news"
)

// Every push of the corpus and the real-text development articles, to every unit of the sample
// catalogue, fits a phone: under 800 characters as shown. Run with -v for the longest.
func TestPushesOfRealArticlesStayShort(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	empty := filepath.Join(dir, "loa.yaml")
	os.WriteFile(empty, nil, 0o600)
	cfg, err := config.Load(empty, envMap{"LOA_TELEGRAM_TOKEN": testToken, "LOA_DATABASE_URL": filepath.Join(dir, "loa.db")}.get, true)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for i, u := range cfg.Units.Units {
		ids[u.Key] = int64(i + 1)
	}
	var units []loa.Unit
	for _, u := range cfg.Units.Units {
		unit := loa.Unit{ID: ids[u.Key], Key: u.Key, Name: u.Name, Kind: u.Kind, Retired: u.Retired}
		if parent, ok := ids[u.Parent]; ok {
			unit.ParentID = &parent
		}
		units = append(units, unit)
	}
	var texts []string
	files, _ := filepath.Glob(corpusDir + "*.txt")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		texts = append(texts, string(data))
	}
	var real struct {
		Articles []struct{ Text string } `yaml:"articles"`
	}
	data, err := os.ReadFile("../../news/testdata/real/dev.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &real); err != nil {
		t.Fatal(err)
	}
	for _, a := range real.Articles {
		texts = append(texts, a.Text)
	}
	tags := regexp.MustCompile(`<[^>]*>`)
	x := news.Extractor{TopicRules: cfg.News.TopicRules, Gazetteer: cfg.Gazetteer(), Location: cfg.Location}
	longest, pushes := 0, 0
	for i, text := range texts {
		a := x.Extract(text)
		a.ID, a.URL = int64(i+1), "https://chonthanh.binhphuoc.gov.vn/tin-tuc/bai-viet-"+strconv.Itoa(i+1)
		for _, n := range news.Notices(a, units, cfg.Units.Topics, cfg.Location) {
			pushes++
			shown := len([]rune(html.UnescapeString(tags.ReplaceAllString(n.Text, ""))))
			longest = max(longest, shown)
			if shown > 800 {
				t.Errorf("a push of %d characters:\n%s", shown, n.Text)
			}
		}
	}
	t.Logf("%d articles, %d pushes, the longest %d characters", len(texts), pushes, longest)
}

type envMap map[string]string

func (m envMap) get(k string) string { return m[k] }
