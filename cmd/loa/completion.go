package main

import (
	"fmt"
	"io"
	"strings"
)

// completion prints a completion script for shell from the command table: the commands, each
// one's subcommands, and each command's flags once its words are typed.
func completion(w io.Writer, shell string) error {
	first := strings.Join(firstWords(), " ")
	var subs, flags strings.Builder
	for _, word := range firstWords() {
		if s := secondWords(word); len(s) > 0 {
			list := strings.Join(s, " ")
			switch shell {
			case "bash":
				fmt.Fprintf(&subs, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\")) ;;\n", word, list)
			case "zsh":
				fmt.Fprintf(&subs, "    %s) compadd %s ;;\n", word, list)
			case "fish":
				fmt.Fprintf(&subs, "complete -c loa -n '__fish_seen_subcommand_from %s' -a '%s'\n", word, list)
			}
		}
	}
	for i := range commandTable {
		c := &commandTable[i]
		var names []string
		for _, f := range c.flags() {
			names = append(names, "--"+f.Name)
		}
		if len(names) == 0 {
			continue
		}
		list := strings.Join(names, " ")
		switch shell {
		case "bash":
			fmt.Fprintf(&flags, "    %q) COMPREPLY=($(compgen -W %q -- \"$cur\")) ;;\n", c.name, list)
		case "zsh":
			fmt.Fprintf(&flags, "    %q) compadd -- %s ;;\n", c.name, list)
		case "fish":
			word, sub, _ := strings.Cut(c.name, " ")
			cond := "__fish_seen_subcommand_from " + word
			if sub != "" {
				cond += "; and __fish_seen_subcommand_from " + sub
			}
			for _, f := range c.flags() {
				fmt.Fprintf(&flags, "complete -c loa -n '%s' -l %s\n", cond, f.Name)
			}
		}
	}
	switch shell {
	case "bash":
		fmt.Fprintf(w, `# bash completion for loa: source <(loa completion bash)
_loa() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W %q -- "$cur")); return; fi
  if [[ $cur == -* ]]; then
    local name=${COMP_WORDS[1]}
    case "$name ${COMP_WORDS[2]}" in
%s    esac
    case $name in
%s    esac
    return
  fi
  [ "$COMP_CWORD" -eq 2 ] || return
  case ${COMP_WORDS[1]} in
%s  esac
}
complete -F _loa loa
`, first, flags.String(), flags.String(), subs.String())
	case "zsh":
		fmt.Fprintf(w, `#compdef loa
# zsh completion for loa: loa completion zsh > "${fpath[1]}/_loa"
_loa() {
  if (( CURRENT == 2 )); then compadd %s; return; fi
  if [[ $PREFIX == -* ]]; then
    case "${words[2]} ${words[3]}" in
%s    esac
    case "${words[2]}" in
%s    esac
    return
  fi
  (( CURRENT == 3 )) || return
  case ${words[2]} in
%s  esac
}
_loa "$@"
`, first, flags.String(), flags.String(), subs.String())
	case "fish":
		fmt.Fprintf(w, "# fish completion for loa: loa completion fish | source\ncomplete -c loa -f -n '__fish_use_subcommand' -a '%s'\n%s%s", first, subs.String(), flags.String())
	default:
		return fmt.Errorf("%w: completion for %q: bash, zsh or fish", errUsage, shell)
	}
	return nil
}
