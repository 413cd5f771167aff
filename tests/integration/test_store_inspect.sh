#!/usr/bin/env bash
# store_inspect_id / store_check_orphan (used by scan --dynamodb-table) against the lab after a
# real login: seed mode rotates the ID but leaves the pre-login item (SS-STORE-ORPHAN); hardened
# mode deletes it (no finding).
source "$SS_ROOT/tests/integration/store/lib.sh"
PROG=${SS_BUILD:?}/tests/test_store_inspect
[ -x "$PROG" ] || skip "$PROG not built (cmocka missing)"

cookie_of() { sed -n 's/^set-cookie: sessionId=\([^;]*\).*/\1/ip' "$1" | tr -d '\r' | tail -n1; }

for mode in seed hardened; do
  LAB_MODE=$mode LAB_STORE_TTL=0 store_setup seedstyle
  curl -s -D "$WORK/h0" -o /dev/null "$LAB_URL/"
  S0=$(cookie_of "$WORK/h0")
  [ -n "$S0" ] || fail "$mode: no pre-login cookie"
  curl -s -D "$WORK/h1" -o /dev/null -H "Cookie: sessionId=$S0" -H 'Content-Type: application/json' \
    --data '{"username":"alice","password":"alice-pass-123"}' "$LAB_URL/login"
  S1=$(cookie_of "$WORK/h1")
  [ -n "$S1" ] && [ "$S1" != "$S0" ] || fail "$mode: login did not rotate the ID"
  expect=clean
  [ "$mode" = seed ] && expect=orphan
  SS_STORE_TEST_ENDPOINT=$DYNAMO_URL SS_STORE_TEST_TABLE=$SESSION_TABLE SS_STORE_TEST_S0=$S0 \
    SS_STORE_TEST_S1=$S1 SS_STORE_TEST_EXPECT=$expect "$PROG" >"$WORK/$mode.txt" 2>&1 ||
    { cat "$WORK/$mode.txt" >&2; fail "$mode: inspect tests failed"; }
  grep -q 'PASSED  \] 3 test' "$WORK/$mode.txt" || { cat "$WORK/$mode.txt" >&2; fail "$mode: not all ran"; }
  "$LAB_DIR/stop.sh" "$WORK/lab" >/dev/null
  rm -rf "$WORK/lab"
done
echo "test_store_inspect: 1 passed, 0 failed"
