package bot

import (
	"strings"
	"testing"
)

func TestEveryMenuCommandHasADescriptionAndWorks(t *testing.T) {
	for _, names := range [][]string{memberMenu, leaderMenu, adminMenu, groupMenu, groupAdminMenu} {
		for _, n := range names {
			for _, lang := range []string{"vi", "en"} {
				if d := T(lang, "cmd_"+n); d == "" || strings.HasPrefix(d, "cmd_") {
					t.Errorf("/%s has no %s description cmd_%s", n, lang, n)
				}
			}
			if viCommands[n] == "" {
				t.Errorf("/%s has no Vietnamese name", n)
			}
		}
	}
}
