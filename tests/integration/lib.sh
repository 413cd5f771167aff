# Shared helpers for the integration tests: start the lab, scan it, assert on the JSON report.
# Sourced by test_*.sh; CTest sets SESSIONSCAN (the binary) and SS_ROOT (the source tree).
set -euo pipefail
: "${SESSIONSCAN:?run through ctest, or set SESSIONSCAN to the binary}"
: "${SS_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

export SS_TEST_PASSWORD='alice-pass-123'
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sessionscan-test.XXXXXX")
LAB_DIRS=()
PASSED=0
FAILED=0

cleanup() {
    for d in "${LAB_DIRS[@]}"; do bash "$SS_ROOT/lab/stop.sh" "$d" >/dev/null 2>&1 || true; done
    rm -rf "$TEST_TMP"
}
trap cleanup EXIT

# lab_start APP [VAR=value...]: starts a lab target; sets LAB_URL (and LAB_CA with LAB_TLS=1).
lab_start() {
    local app=$1
    shift
    local dir
    dir=$(mktemp -d "$TEST_TMP/lab.XXXXXX")
    LAB_DIRS+=("$dir")
    if ! env "$@" bash "$SS_ROOT/lab/start.sh" "$app" "$dir" >"$dir/start.out" 2>"$dir/start.err"; then
        echo "lab failed to start: $app $*" >&2
        cat "$dir/start.err" >&2
        exit 1
    fi
    LAB_URL=$(sed -n 's/^LAB_URL=//p' "$dir/start.out")
    LAB_CA=$(sed -n 's/^LAB_CA=//p' "$dir/start.out")
    DYNAMO_URL=$(sed -n 's/^DYNAMO_URL=//p' "$dir/start.out")
    LAB_DIR=$dir
}

lab_stop() { bash "$SS_ROOT/lab/stop.sh" "$LAB_DIR" >/dev/null 2>&1 || true; }

# scan [args...]: runs a scan of $LAB_URL as alice; sets SCAN_RC, SCAN_JSON, SCAN_OUT, SCAN_ERR.
scan() {
    SCAN_JSON="$TEST_TMP/report.$RANDOM.json"
    SCAN_OUT="$TEST_TMP/out.$RANDOM"
    SCAN_ERR="$TEST_TMP/err.$RANDOM"
    local ca=()
    [ -n "${LAB_CA:-}" ] && ca=(--cacert "$LAB_CA")
    set +e
    "$SESSIONSCAN" scan "$LAB_URL" --protected /profile --user alice \
        --password-env SS_TEST_PASSWORD --json "$SCAN_JSON" "${ca[@]}" "$@" >"$SCAN_OUT" 2>"$SCAN_ERR"
    SCAN_RC=$?
    set -e
}

# The rule ids of the last scan, sorted, space-separated ("" when none).
rules() { jq -r '[.findings[].rule] | sort | join(" ")' "$SCAN_JSON"; }

ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }

# expect_rules NAME "SS-A SS-B": exactly these rule ids (sorted) were reported.
expect_rules() {
    local got
    got=$(rules)
    if [ "$got" = "$2" ]; then ok "$1: rules [$2]"; else
        not_ok "$1: expected rules [$2], got [$got]"
        sed -n 1,40p "$SCAN_OUT" "$SCAN_ERR" >&2
    fi
}

# expect_confidence NAME RULE CONF
expect_confidence() {
    local got
    got=$(jq -r --arg r "$2" '[.findings[] | select(.rule == $r) | .confidence] | join(",")' "$SCAN_JSON")
    if [ "$got" = "$3" ]; then ok "$1: $2 is $3"; else not_ok "$1: $2 confidence [$got], expected $3"; fi
}

expect_exit() {
    if [ "$SCAN_RC" = "$2" ]; then ok "$1: exit $2"; else
        not_ok "$1: exit $SCAN_RC, expected $2"
        cat "$SCAN_ERR" >&2
    fi
}

# expect_stderr NAME REGEX: the one message names what to change.
expect_stderr() {
    if grep -Eq -- "$2" "$SCAN_ERR"; then ok "$1: message matches /$2/"; else
        not_ok "$1: stderr does not match /$2/"
        cat "$SCAN_ERR" >&2
    fi
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
