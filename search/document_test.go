package search_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// A sent official document, stored as an article of its own source among the news, answers a
// unit's question with its task, its section and the document as the source.
func TestDocumentAnswers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := loadCorpus(t, db)
		a := loa.Article{Source: loa.DocumentSource, URL: "document:7", GUID: "document:7", ContentHash: "document:7",
			Title:     "Kế hoạch số 45/KH-UBND ngày 15/3/2024: Tổ chức huấn luyện dân quân tự vệ năm 2024",
			Body:      "Tổ chức huấn luyện dân quân tự vệ năm 2024",
			Published: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC),
			Directives: []loa.Directive{
				{Ordinal: "III.1", Addressee: "Ban CHQS xã Minh Long", Items: []string{"Chuẩn bị thao trường, bãi tập cho huấn luyện (hạn chót 10/4/2024)"}},
				{Position: 1, Ordinal: "III.2", Addressee: "Ban CHQS xã Nha Bích", Items: []string{"Lập danh sách dân quân năm thứ nhất, báo cáo Ban CHQS huyện (hạn chót 20/4/2024)"}},
			}}
		saved, _, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := db.ArticleByID(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Index(ctx, stored); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"Ban CHQS xã Nha Bích phải làm gì theo kế hoạch 45?", "kế hoạch 45 hạn chót khi nào"} {
			answers, _, err := s.Answer(ctx, q, 0, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(answers) == 0 || answers[0].Source != loa.DocumentSource || !strings.HasPrefix(answers[0].Title, "Kế hoạch số 45/KH-UBND") {
				t.Fatalf("%q: answers %+v, want the document's task first", q, answers)
			}
			if strings.Contains(q, "Nha Bích") && (answers[0].Ordinal != "III.2" || !strings.Contains(answers[0].Text, "danh sách dân quân")) {
				t.Errorf("%q: first answer %+v, want section III.2's task", q, answers[0])
			}
		}
	})
}
