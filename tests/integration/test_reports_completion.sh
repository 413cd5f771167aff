# Bash completion (docs/completion/sessionscan.bash) offers the commands, scan's options
# (including the report options), rule ids after explain and check names after --check.
source "$(dirname "$0")/lib.sh"
source "$SS_ROOT/docs/completion/sessionscan.bash"

# complete_words LINE...: COMPREPLY for the words given, the last one being completed.
complete_words() {
    COMP_WORDS=("$SESSIONSCAN" "$@")
    COMP_CWORD=$#
    _sessionscan
    echo "${COMPREPLY[*]}"
}

# expect_completion NAME "WORDS" REGEX-THAT-MUST-MATCH [REGEX-THAT-MUST-NOT]
expect_completion() {
    local got
    read -r -a words <<<"$2"
    if [[ $2 == *" " ]] || [ -z "$2" ]; then words+=(""); fi
    got=$(complete_words "${words[@]}")
    if grep -Eq -- "$3" <<<"$got" && { [ -z "${4:-}" ] || ! grep -Eq -- "$4" <<<"$got"; }; then
        ok "$1"
    else not_ok "$1: got [$got]"; fi
}

expect_completion "commands" "" "scan.*spec.*checks.*explain"
expect_completion "command prefix" "ex" "^explain$"
expect_completion "scan options" "scan https://x --s" "--sarif" "--json"
expect_completion "report options" "scan https://x --" "--html .*--json|--json.*--html" "(^| )-[a-z]( |$)"
expect_completion "gating options" "scan https://x --ba" "^--baseline$"
expect_completion "spec options" "spec api.yaml --sa" "^--sarif$"
expect_completion "explain rule ids" "explain SS-FIX" "SS-FIX-CONFIRMED" "fixation( |$)"
expect_completion "check names" "scan https://x --check " "fixation.*adoption|adoption.*fixation" "SS-"
expect_completion "fail-on severities" "scan https://x --fail-on " "critical"
expect_completion "no options after checks" "checks --" "^$"
if bash -n "$SS_ROOT/docs/completion/sessionscan.bash"; then ok "completion script parses"; else not_ok "syntax"; fi

finish
