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
