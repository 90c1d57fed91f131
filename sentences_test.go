package loa

import (
	"slices"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	for in, want := range map[string][]string{
		"Lễ giao nhận quân năm 2023\n\nSáng 13/2, huyện tổ chức lễ. Đồng chí Lê Văn A chủ trì! 100% công dân đạt": {"Lễ giao nhận quân năm 2023", "Sáng 13/2, huyện tổ chức lễ.", "Đồng chí Lê Văn A chủ trì!", "100% công dân đạt"},
		"Đoàn đến TP. Hồ Chí Minh và Q. Bình Thạnh. Sau đó về huyện":                                              {"Đoàn đến TP. Hồ Chí Minh và Q. Bình Thạnh.", "Sau đó về huyện"},
		"Giá 1.500 đồng, tỷ lệ 2.5. không tách":                                                                   {"Giá 1.500 đồng, tỷ lệ 2.5. không tách"},
		"  \n.\n": {"."},
		// Abbreviations in brackets stay whole; a name of two letters ends a sentence.
		"Hội thao tại sân vận động (P. Phước Ninh). Đoàn của đồng chí Lê Văn Tú. Sau đó về": {"Hội thao tại sân vận động (P. Phước Ninh).", "Đoàn của đồng chí Lê Văn Tú.", "Sau đó về"},
		"Ban CHQS huyện triển khai. 10/2: hội trại tòng quân":                               {"Ban CHQS huyện triển khai.", "10/2: hội trại tòng quân"},
	} {
		if got := Sentences(in); !slices.Equal(got, want) {
			t.Errorf("Sentences(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuoteShowsItemInItsSentence(t *testing.T) {
	sentence := "Công an xã đề nghị người dân nâng cao ý thức chấp hành pháp luật, chủ động bảo vệ tài sản, giữ gìn ANTT tại khu dân cư."
	quote := func(item string, limit int) Quote { return Answer{Text: item, Sentence: sentence}.Quote(limit) }
	if q := quote("chủ động bảo vệ tài sản", 300); q != (Quote{"Công an xã đề nghị người dân nâng cao ý thức chấp hành pháp luật, ", "chủ động bảo vệ tài sản", ", giữ gìn ANTT tại khu dân cư."}) {
		t.Errorf("got %q", q)
	}
	// Folded, the item still lines up with the sentence's runes.
	if q := quote("Nâng cao ý thức", 300); q.Before != "Công an xã đề nghị người dân " {
		t.Errorf("capitalised item: got %q", q)
	}
	// A long sentence is cut around the item, at words.
	if q := quote("chủ động bảo vệ tài sản", 60); !strings.HasPrefix(q.Before, "… ") || !strings.HasSuffix(q.After, " …") || len([]rune(q.Before+q.Item+q.After)) > 60 {
		t.Errorf("cut: got %q", q)
	}
	for _, item := range []string{"không có trong câu", "", sentence} {
		if q := quote(item, 300); q != (Quote{Item: item}) {
			t.Errorf("%q: shown within the sentence as %q", item, q)
		}
	}
	if q := (Answer{Text: sentence, Kind: AnswerPassage, Sentence: sentence}).Quote(300); q != (Quote{Item: sentence}) {
		t.Errorf("a passage is quoted alone, got %q", q)
	}
}

// FuzzQuote: any sentence and item are quoted without a panic, the item whole.
func FuzzQuote(f *testing.F) {
	f.Add("Công an xã đề nghị người dân nâng cao ý thức, chủ động bảo vệ tài sản.", "chủ động", 20)
	f.Add("e\u0301 đề nghị", "đề", 3)
	f.Fuzz(func(t *testing.T, sentence, item string, limit int) {
		q := Answer{Text: item, Sentence: sentence}.Quote(limit % 1000)
		if q.Item != item {
			t.Fatalf("item %q quoted as %q", item, q.Item)
		}
	})
}
