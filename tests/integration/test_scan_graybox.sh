# scan --dynamodb-table (gray-box proof at the store) and scan --openapi (zero-configuration plan).
source "$(dirname "$0")/lib.sh"
export AWS_ACCESS_KEY_ID=AKIDLAB AWS_SECRET_ACCESS_KEY=lab-secret-not-real AWS_REGION=us-east-1

store_scan() { scan --dynamodb-table sessions --endpoint-url "$DYNAMO_URL" "$@"; }

lab_start seedstyle LAB_MODE=vulnerable
store_scan --check fixation --check store
expect_rules "store: vulnerable" "SS-FIX-CONFIRMED"
jq -e '.findings[0].evidence | map(select(test("store: .*bound to user .alice."))) | length == 1' \
    "$SCAN_JSON" >/dev/null && ok "store: fixation confirmed at the store (item bound to alice)" ||
    not_ok "store: no store evidence on SS-FIX-CONFIRMED"
lab_stop

lab_start seedstyle LAB_MODE=seed
store_scan --check fixation --check old-id --check store
expect_rules "store: seed keeps the pre-login item" "SS-OLD-ID-ALIVE SS-STORE-ORPHAN"
grep -q "lab-secret-not-real" "$SCAN_OUT" "$SCAN_ERR" "$SCAN_JSON" && not_ok "store: AWS secret printed" ||
    ok "store: AWS secret never printed"
lab_stop

lab_start seedstyle LAB_MODE=hardened LAB_TLS=1
store_scan --check fixation --check old-id --check store
expect_rules "store: hardened deletes it" ""
jq -e '.checks[] | select(.check == "store") | .reason | test("gone")' "$SCAN_JSON" >/dev/null &&
    ok "store: hardened pre-login item gone" || not_ok "store: hardened reason wrong"
lab_stop

# --openapi: the lab's description alone gives the same runtime verdicts as the hand-configured
# scan (plus the description's own review findings).
lab_start seedstyle LAB_MODE=vulnerable
scan --logout /logout --cookie sessionId
hand=$(jq -r '[.findings[].rule] | sort | join(" ")' "$SCAN_JSON")
set +e
"$SESSIONSCAN" scan --openapi "$SS_ROOT/tests/data/specs/lab.yaml" "$LAB_URL" --user alice \
    --password-env SS_TEST_PASSWORD --json "$TEST_TMP/openapi.json" >/dev/null 2>&1
set -e
plan=$(jq -r '[.findings[].rule | select(startswith("SS-SPEC-") | not)] | sort | join(" ")' "$TEST_TMP/openapi.json")
[ "$plan" = "$hand" ] && ok "--openapi: same runtime verdicts as by hand [$hand]" ||
    not_ok "--openapi: [$plan] vs by hand [$hand]"
jq -e '[.findings[].rule] | index("SS-SPEC-TOKEN-IN-BODY")' "$TEST_TMP/openapi.json" >/dev/null &&
    ok "--openapi: the description's review joins the report" || not_ok "--openapi: no spec findings"
lab_stop

set +e
"$SESSIONSCAN" scan --openapi /etc/hostname http://127.0.0.1:9 --user a --password-env SS_TEST_PASSWORD 2>"$TEST_TMP/e"
rc=$?
set -e
[ $rc = 2 ] && grep -q "^sessionscan scan: --openapi: /etc/hostname:1:1: not an API description" "$TEST_TMP/e" &&
    ok "--openapi with a bad description: exit 2, file:line:col" || not_ok "bad --openapi: rc=$rc $(cat "$TEST_TMP/e")"

finish
