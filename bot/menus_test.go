package bot

import (
	"strings"
	"testing"
)

func TestEveryMenuCommandHasADescription(t *testing.T) {
	for lang, menu := range Menus {
		for _, c := range menu {
			if d := T(lang, "cmd_"+c[1]); d == "" || strings.HasPrefix(d, "cmd_") {
				t.Errorf("the %s menu's /%s has no description cmd_%s", lang, c[0], c[1])
			}
		}
	}
}

// TestEachMenuListsItsLanguagesCommands: the Vietnamese menu (Telegram's default) lists the
// Vietnamese commands and the English menu the English ones, each described in its language.
func TestEachMenuListsItsLanguagesCommands(t *testing.T) {
	names := func(lang string) map[string]string {
		m := map[string]string{}
		for _, c := range Menus[lang] {
			m[c[0]] = T(lang, "cmd_"+c[1])
		}
		return m
	}
	vi, en := names("vi"), names("en")
	for _, want := range []string{"chude", "thongbao", "hoi", "huy", "sukien", "lich", "hengio"} {
		if _, ok := vi[want]; !ok {
			t.Errorf("the Vietnamese menu lacks /%s", want)
		}
	}
	for _, want := range []string{"topics", "broadcast", "ask", "cancel", "event", "scheduled"} {
		if _, ok := en[want]; !ok {
			t.Errorf("the English menu lacks /%s", want)
		}
	}
	if _, ok := vi["broadcast"]; ok {
		t.Error("the Vietnamese menu lists /broadcast")
	}
	if _, ok := en["thongbao"]; ok {
		t.Error("the English menu lists /thongbao")
	}
	if !strings.Contains(vi["chude"], "Chọn chủ đề theo dõi") || !strings.Contains(en["topics"], "Pick topics") {
		t.Errorf("descriptions not in their language: %q, %q", vi["chude"], en["topics"])
	}
}
