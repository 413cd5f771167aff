# bash completion for sessionscan: commands, the options of each command (scan, spec, store, ...),
# rule ids for explain and check names for --check. Commands, options, rules and checks are asked
# from the binary itself, so the completion never falls behind it.
# Install: source this file from ~/.bashrc, or copy it to
# /usr/share/bash-completion/completions/sessionscan.

# The commands `sessionscan --help` lists.
_sessionscan_commands() {
    "$1" --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ { if (on) exit }'
}

# The long options a command's --help lists.
_sessionscan_options() {
    "$1" "$2" --help 2>/dev/null |
        awk '{ for (i = 1; i <= 2; i++) if ($i ~ /^--[a-z]/) { print $i; break } }' | sort -u
}

# Rule ids (section "Rules") or check names (section "Checks") from `sessionscan checks`.
_sessionscan_catalogue() {
    "$1" checks 2>/dev/null | awk -v want="$2" '
        /^Checks/ { sec = "checks"; next }
        /^Rules/  { sec = "rules"; next }
        sec == want && /^  [A-Za-z]/ { print $1 }'
}

_sessionscan() {
    local cur prev bin cmd i
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    bin=${COMP_WORDS[0]}
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    COMPREPLY=()
    if [ -z "$cmd" ]; then
        COMPREPLY=($(compgen -W "$(_sessionscan_commands "$bin") --help --version" -- "$cur"))
        return
    fi
    case $cmd in
    explain)
        [ "$COMP_CWORD" -eq $((i + 1)) ] &&
            COMPREPLY=($(compgen -W "$(_sessionscan_catalogue "$bin" rules)" -- "$cur"))
        return ;;
    checks) return ;;
    esac
    case $prev in
    --check)
        COMPREPLY=($(compgen -W "$(_sessionscan_catalogue "$bin" checks)" -- "$cur"))
        return ;;
    --fail-on)
        COMPREPLY=($(compgen -W "info low medium high critical" -- "$cur"))
        return ;;
    --color)
        COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
        return ;;
    --login-method | --logout-method)
        COMPREPLY=($(compgen -W "GET POST PUT PATCH DELETE" -- "$cur"))
        return ;;
    --json | --sarif | --html | --junit | --md | --jsonl | --suppressions | --baseline | \
        --config | --cacert | --password-file)
        COMPREPLY=($(compgen -f -- "$cur"))
        return ;;
    --password-env)
        COMPREPLY=($(compgen -v -- "$cur"))
        return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_sessionscan_options "$bin" "$cmd")" -- "$cur"))
    fi
}

complete -o default -F _sessionscan sessionscan
