package bot

import (
	"strings"
	"testing"
	"time"
)

// A task is shown within the sentence that sets it, the task itself in bold: whoever asks sees
// who asked it and what comes with it.
func TestItemAnswerIsShownWithinItsSentence(t *testing.T) {
	item := fixedAnswers{{RowID: 1, Text: "chủ động bảo vệ tài sản", Addressee: "người dân",
		Sentence: "Công an xã đề nghị người dân nâng cao ý thức chấp hành pháp luật, chủ động bảo vệ tài sản, giữ gìn ANTT tại khu dân cư.",
		Title:    "Công an xã Đức Châu ra quân", URL: "https://congan.example/tin/1", Published: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)}}
	got := replyTo(t, item, "công an xã đề nghị người dân làm gì?")
	want := "Công an xã đề nghị người dân nâng cao ý thức chấp hành pháp luật, <b>chủ động bảo vệ tài sản</b>, giữ gìn ANTT tại khu dân cư."
	if !strings.Contains(got, want) {
		t.Errorf("answer %q, want it to hold %q", got, want)
	}
}
