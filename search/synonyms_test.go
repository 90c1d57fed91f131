package search_test

import (
	"context"
	"strings"
	"testing"

	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// TestSynonymsFindWhatOfficialsMean: "lễ tòng quân" also finds the items that speak of
// "nhập ngũ", which the question's own words do not reach.
func TestSynonymsFindWhatOfficialsMean(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := loadCorpus(t, db)
		const question = "lễ tòng quân"
		without, err := s.WithSynonyms([][]string{}).Ask(ctx, question, 0, 5)
		if err != nil {
			t.Fatal(err)
		}
		with, err := s.Ask(ctx, question, 0, 5)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, a := range with.Answers {
			found = found || strings.Contains(a.Text, "nhập ngũ")
		}
		if len(with.Answers) <= len(without.Answers) || !found {
			t.Fatalf("%q: %d answers with synonyms, %d without; with: %+v", question, len(with.Answers), len(without.Answers), with.Answers)
		}
	})
}
