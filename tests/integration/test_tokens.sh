# The tokens command on files, and scan --samples on the lab's ID generators: random IDs pass, the
# weak generators (counter, timestamp, short) are reported; bad input is a clear exit 2.
source "$(dirname "$0")/lib.sh"
DATA=$SS_ROOT/tests/data/entropy

tokens() {
    set +e
    "$SESSIONSCAN" tokens "$@" --json "$TEST_TMP/t.json" >"$TEST_TMP/t.out" 2>"$TEST_TMP/t.err"
    TRC=$?
    set -e
}

tokens "$DATA/hex_tokens.txt"
[ $TRC = 0 ] && [ "$(jq '.findings | length' "$TEST_TMP/t.json")" = 0 ] &&
    ok "tokens: 128-bit random hex passes" || not_ok "tokens: random hex rc=$TRC $(jq -c '[.findings[].rule]' "$TEST_TMP/t.json")"
tokens "$DATA/express_tokens_cookie.txt"
[ $TRC = 0 ] && jq -e '.analysis.format | test("express")' "$TEST_TMP/t.json" >/dev/null &&
    ok "tokens: express-session cookies recognised and pass" || not_ok "tokens: express rc=$TRC"
tokens "$DATA/weak_hex_tokens.txt"
[ $TRC = 1 ] && jq -e '[.findings[].rule] | index("SS-TOKEN-PREDICTABLE")' "$TEST_TMP/t.json" >/dev/null &&
    ok "tokens: time + counter tokens are predictable" || not_ok "tokens: weak hex rc=$TRC"

: >"$TEST_TMP/empty"
tokens "$TEST_TMP/empty"
[ $TRC = 2 ] && [ -s "$TEST_TMP/t.err" ] && ok "tokens: empty file is exit 2 with a message" ||
    not_ok "tokens: empty rc=$TRC"
head -c 4096 /dev/urandom >"$TEST_TMP/garbage"
tokens "$TEST_TMP/garbage"
[ $TRC = 2 ] && ok "tokens: binary garbage is exit 2 ($(head -c 120 "$TEST_TMP/t.err"))" ||
    not_ok "tokens: garbage rc=$TRC"
tokens "$TEST_TMP/nonexistent"
[ $TRC = 2 ] && grep -q "cannot read" "$TEST_TMP/t.err" && ok "tokens: missing file is exit 2" ||
    not_ok "tokens: missing rc=$TRC"

# scan --samples against the lab's generators (over TLS, the hardened configuration otherwise).
sample_case() {
    local gen=$1 want=$2
    lab_start seedstyle LAB_MODE=hardened LAB_TLS=1 LAB_ID_GEN="$gen"
    scan --samples 300 --check samples
    local got
    got=$(rules)
    if [[ " $got " == *" $want "* ]] || [ "$got" = "$want" ]; then ok "samples $gen: [$got]"
    else not_ok "samples $gen: expected $want, got [$got]"; fi
    lab_stop
}
sample_case random ""
sample_case counter SS-TOKEN-PREDICTABLE
sample_case timestamp SS-TOKEN-PREDICTABLE
sample_case short SS-TOKEN-ENTROPY

finish
