# The password never appears in stdout, stderr or the JSON report, and session IDs only shortened,
# at every verbosity; --show-secrets shows session IDs but still never the password.
source "$(dirname "$0")/lib.sh"

lab_start seedstyle LAB_MODE=vulnerable

leak_check() {
    local name=$1
    if grep -qF -e "$SS_TEST_PASSWORD" -e "${2:-$SS_TEST_PASSWORD}" "$SCAN_OUT" "$SCAN_ERR" "$SCAN_JSON"; then
        not_ok "$name: the password appears in the output"
    else ok "$name: no password in stdout, stderr or JSON"; fi
}

for v in "" -v; do
    scan $v
    [ "$SCAN_RC" = 1 ] || not_ok "scan $v did not run to findings (rc=$SCAN_RC)"
    leak_check "scan $v"
    if grep -Eq '[0-9a-f]{32}' "$SCAN_OUT" "$SCAN_ERR" "$SCAN_JSON"; then
        not_ok "scan $v: a full session ID appears"
    else ok "scan $v: session IDs only shortened"; fi
done

scan -v --show-secrets
leak_check "--show-secrets"
if grep -Eq '[0-9a-f]{32}' "$SCAN_OUT"; then ok "--show-secrets: session IDs shown in full"
else not_ok "--show-secrets: no full session ID shown"; fi

SS_TEST_PASSWORD=wrong-$SS_TEST_PASSWORD scan -v
[ "$SCAN_RC" = 3 ] && ok "wrong password: exit 3" || not_ok "wrong password: rc=$SCAN_RC"
leak_check "failed login" "wrong-$SS_TEST_PASSWORD"

finish
