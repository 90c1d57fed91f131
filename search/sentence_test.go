package search_test

import (
	"context"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/search"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// A task read from prose answers with the sentence it was read from, which the reply shows it
// within; a sentence quoted as a passage carries none, being its own text.
func TestItemAnswerCarriesItsSentence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := news.Extractor{Location: hcm}.Extract("Công an xã Đức Châu ra quân bảo vệ bầu cử\nNgày 2/2/2026, Công an xã Đức Châu tổ chức lễ ra quân. " +
			"Công an xã đề nghị người dân nâng cao ý thức chấp hành pháp luật, chủ động bảo vệ tài sản, giữ gìn an ninh trật tự tại khu dân cư.")
		a.URL = "https://congan.example/duc-chau"
		saved, _, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		s := search.New(db, nil)
		if err := s.Index(ctx, saved); err != nil {
			t.Fatal(err)
		}
		res, err := s.Ask(ctx, "Công an xã Đức Châu đề nghị người dân làm gì?", 0, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Answers) == 0 || res.Answers[0].Kind != "" {
			t.Fatalf("answers %+v, want a directive item first", res.Answers)
		}
		item := res.Answers[0]
		if !strings.Contains(item.Sentence, "đề nghị người dân") || !strings.Contains(item.Sentence, item.Text) {
			t.Errorf("item %q has sentence %q", item.Text, item.Sentence)
		}
		for _, a := range res.Answers {
			if a.Kind == loa.AnswerPassage && a.Sentence != "" {
				t.Errorf("passage %q carries a sentence", a.Text)
			}
		}
	})
}
