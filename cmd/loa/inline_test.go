package main

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/tgfake"
)

// TestInlineQueryAnswersMembersOnly: "@bot question" typed in a group lists answers a member
// can post there, the item quoted with its article; a stranger gets none and a button that
// opens the bot to register (and /start with it is registration, not an invite).
func TestInlineQueryAnswersMembersOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	h.importMembers("501,Nguyễn Văn A,minh-thang/chqs,leader,dien-tap\n")
	if out, code := h.cli("ingest", "--quiet", corpusDir+"chonthanh-2024-09-05-gdqp-an.txt"); code != 0 {
		t.Fatal(out)
	}
	answer := h.fake.WaitInlineAnswer(t, h.fake.InlineQuery(official, "Ban CHQS thị xã phải làm gì"))
	if len(answer.Results) == 0 || answer.SwitchPMText != "" {
		t.Fatalf("a member's inline query: %+v", answer)
	}
	first := answer.Results[0]
	content, _ := first["input_message_content"].(map[string]any)
	text, _ := content["message_text"].(string)
	if first["type"] != "article" || !strings.Contains(text, "<blockquote>") || !strings.Contains(text, "Hội đồng Giáo dục quốc phòng") {
		t.Fatalf("the first result: %+v", first)
	}
	stranger := tgfake.User{ID: 777, FirstName: "Người", LastName: "Lạ"}
	refused := h.fake.WaitInlineAnswer(t, h.fake.InlineQuery(stranger, "Ban CHQS thị xã phải làm gì"))
	if len(refused.Results) != 0 || refused.SwitchPMText == "" || refused.SwitchPMParameter != "dangky" {
		t.Fatalf("a stranger's inline query: %+v", refused)
	}
	h.fake.SendText(stranger, tgfake.Private(stranger), "/start dangky")
	h.fake.WaitText(t, stranger.ID, "Chào mừng")
}
