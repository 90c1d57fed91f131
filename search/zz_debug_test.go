package search_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// ZZSET=path ZZQ=substr go test ./search -run TestZZDebug -v
func TestZZDebug(t *testing.T) {
	set, _ := readRealSet(t, os.Getenv("ZZSET"))
	db := storetest.Open(t, store.SQLite)
	s := ingestRealSet(t, db, set)
	for _, c := range set.Questions {
		if !strings.Contains(c.Q, os.Getenv("ZZQ")) {
			continue
		}
		res, err := s.Ask(context.Background(), c.Q, 0, 5)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("Q %q expect %q terms %v", c.Q, c.Expect, res.Query.Terms)
		for _, a := range res.Answers {
			t.Logf("  [%d %s %.2f] addr=%q text=%q\n      sentence=%q", a.RowID, a.Kind, a.Score, a.Addressee, a.Text, a.Sentence)
		}
	}
}
