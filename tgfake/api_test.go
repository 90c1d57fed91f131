package tgfake_test

import (
	"net/http"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/loa-vn/loa/tgfake"
)

// sendMediaGroup answers as Telegram does, through tgbotapi's own MediaGroupConfig: one message a
// photo, the caption on the first, and refuses an album of one photo.
func TestSendMediaGroup(t *testing.T) {
	fake := tgfake.New(t, "1:group")
	api, err := tgbotapi.NewBotAPIWithClient("1:group", fake.URL+"/bot%s/%s", http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	first := tgbotapi.NewInputMediaPhoto(tgbotapi.FileID("P1"))
	first.Caption, first.ParseMode = "<b>Trang</b> 1–2", tgbotapi.ModeHTML
	msgs, err := api.SendMediaGroup(tgbotapi.NewMediaGroup(7, []any{first, tgbotapi.NewInputMediaPhoto(tgbotapi.FileID("P2"))}))
	if err != nil || len(msgs) != 2 || msgs[1].MessageID != msgs[0].MessageID+1 || len(msgs[1].Photo) == 0 || msgs[1].Photo[0].FileID != "P2" {
		t.Fatalf("sendMediaGroup: %+v %v", msgs, err)
	}
	got := fake.Messages(7)
	if len(got) != 2 || got[0].Method != "sendMediaGroup" || got[0].Text != "<b>Trang</b> 1–2" || got[1].Text != "" || got[1].FileID != "P2" {
		t.Fatalf("kept: %+v", got)
	}
	if _, err := api.SendMediaGroup(tgbotapi.NewMediaGroup(7, []any{tgbotapi.NewInputMediaPhoto(tgbotapi.FileID("P3"))})); err == nil {
		t.Fatal("an album of one photo was accepted")
	}
}
