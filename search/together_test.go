package search_test

import (
	"context"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// TestItemsOfOneSentenceAreOneAnswer: a sentence that sets one addressee three tasks is
// quoted once, with all three, and the answers after it are other sentences.
func TestItemsOfOneSentenceAreOneAnswer(t *testing.T) {
	set := realSet{Articles: []realArticle{{Name: "cau-giay", Portal: "Cổng TTĐT quận Cầu Giấy", Source: "https://caugiay.example/dan-quan-thuong-truc",
		Text: `Quận Cầu Giấy ra mắt lực lượng Dân quân thường trực
Ngày đăng 12/03/2024 | 09:15
Sáng 12/3, UBND quận Cầu Giấy tổ chức lễ ra mắt lực lượng Dân quân thường trực của các phường.
Phát biểu tại buổi lễ, Chủ tịch UBND quận yêu cầu lực lượng Dân quân thường trực giữ nghiêm kỷ luật, nâng cao khả năng sẵn sàng chiến đấu, phối hợp với Công an giữ vững an ninh trật tự.
Dân quân thường trực của phường Dịch Vọng Hậu hứa hoàn thành tốt nhiệm vụ được giao.
`}}}
	db := storetest.Open(t, store.SQLite)
	s := ingestRealSet(t, db, set)
	res, err := s.Ask(context.Background(), "Chủ tịch UBND quận Cầu Giấy yêu cầu dân quân thường trực làm gì?", 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) == 0 {
		t.Fatal("no answer")
	}
	q := res.Answers[0].Quote(loa.QuoteChars)
	for _, task := range []string{"giữ nghiêm kỷ luật", "nâng cao khả năng sẵn sàng chiến đấu", "phối hợp với Công an"} {
		if !strings.Contains(q.Item, task) {
			t.Errorf("the first answer marks %q, not %q", q.Item, task)
		}
	}
	quoted := map[string]bool{}
	for _, a := range res.Answers {
		q := a.Quote(loa.QuoteChars)
		if sentence := q.Before + q.Item + q.After; quoted[sentence] {
			t.Errorf("%q is quoted twice", sentence)
		} else {
			quoted[sentence] = true
		}
	}
}
