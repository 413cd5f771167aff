# The main paths under valgrind: a vulnerable and a hardened scan (every check, -v, JSON), the
# spec review and the tokens analysis, with no leak and no memory error. Skipped in the ASan build
# (the sanitizers already watch it there) and when valgrind is absent.
source "$(dirname "$0")/lib.sh"
if [ "${SS_SANITIZED:-0}" = 1 ]; then echo "skipped: sanitizer build"; echo "0 passed, 0 failed"; exit 0; fi
command -v valgrind >/dev/null || { echo "skipped: valgrind not installed"; echo "0 passed, 0 failed"; exit 0; }

vg() {
    local name=$1
    shift
    set +e
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
        --log-file="$TEST_TMP/vg.$name" "$@" >/dev/null 2>"$TEST_TMP/vg.$name.err"
    local rc=$?
    set -e
    if [ $rc = 99 ] || [ -s "$TEST_TMP/vg.$name" ]; then
        not_ok "$name: valgrind reports errors or leaks"
        head -40 "$TEST_TMP/vg.$name" >&2
    else ok "$name: no leak, no memory error (exit $rc)"; fi
}

lab_start seedstyle LAB_MODE=vulnerable
vg "scan vulnerable" "$SESSIONSCAN" scan "$LAB_URL" --protected /profile --logout /logout --user alice \
    --password-env SS_TEST_PASSWORD -v --json "$TEST_TMP/v.json" --timeout 30
lab_stop
lab_start seedstyle LAB_MODE=hardened LAB_TLS=1 LAB_FORM=1
vg "scan hardened form tls" "$SESSIONSCAN" scan "$LAB_URL" --protected /profile --logout /logout \
    --login-form /login --user alice --password-env SS_TEST_PASSWORD --cacert "$LAB_CA" \
    --json "$TEST_TMP/h.json" --samples 50 --timeout 30
lab_stop
vg "spec" "$SESSIONSCAN" spec "$SS_ROOT/tests/data/specs/lab.yaml" --json "$TEST_TMP/s.json"
head -n 2000 "$SS_ROOT/tests/data/entropy/weak_hex_tokens.txt" >"$TEST_TMP/weak.txt"
vg "tokens" "$SESSIONSCAN" tokens "$TEST_TMP/weak.txt" --json "$TEST_TMP/t.json"
vg "usage error" "$SESSIONSCAN" scan --no-such-option

finish
