package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// completion prints a completion script for shell: the commands, then each one's subcommands.
func completion(w io.Writer, shell string) error {
	cmds := slices.Clone(commands)
	sort.Strings(cmds)
	var cases strings.Builder
	for _, c := range cmds {
		if s, ok := subcommands[c]; ok {
			switch shell {
			case "bash":
				fmt.Fprintf(&cases, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\")) ;;\n", c, strings.Join(s, " "))
			case "zsh":
				fmt.Fprintf(&cases, "    %s) compadd %s ;;\n", c, strings.Join(s, " "))
			case "fish":
				fmt.Fprintf(&cases, "complete -c loa -n '__fish_seen_subcommand_from %s' -a '%s'\n", c, strings.Join(s, " "))
			}
		}
	}
	all := strings.Join(cmds, " ")
	switch shell {
	case "bash":
		fmt.Fprintf(w, `# bash completion for loa: source <(loa completion bash)
_loa() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W %q -- "$cur")); return; fi
  [ "$COMP_CWORD" -eq 2 ] || return
  case ${COMP_WORDS[1]} in
%s  esac
}
complete -F _loa loa
`, all, cases.String())
	case "zsh":
		fmt.Fprintf(w, `#compdef loa
# zsh completion for loa: loa completion zsh > "${fpath[1]}/_loa"
_loa() {
  if (( CURRENT == 2 )); then compadd %s; return; fi
  (( CURRENT == 3 )) || return
  case ${words[2]} in
%s  esac
}
_loa "$@"
`, all, cases.String())
	case "fish":
		fmt.Fprintf(w, "# fish completion for loa: loa completion fish | source\ncomplete -c loa -f -n '__fish_use_subcommand' -a '%s'\n%s", all, cases.String())
	default:
		return fmt.Errorf("%w: completion for %q: bash, zsh or fish", errUsage, shell)
	}
	return nil
}
