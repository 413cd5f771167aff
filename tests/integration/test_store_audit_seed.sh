#!/usr/bin/env bash
# store --table against a seed-layout table with every problem: TTL off, missing attributes,
# expired items, and an app that ignores the expiry (replay -> SS-EXPIRY-IGNORED). Also: the
# table is byte-for-byte unchanged afterwards, only read operations were sent, no secret or full
# session ID is printed.
source "$SS_ROOT/tests/integration/store/lib.sh"

LAB_MODE=vulnerable LAB_CHECK_EXPIRY=0 LAB_STORE_TTL=0 store_setup seedstyle
seed seed-bad "$SESSION_TABLE"
seed dump "$SESSION_TABLE" >"$WORK/before.json"
[ "$(wc -l <"$WORK/before.json")" -eq 9 ] || fail "fixture: expected 9 items"
start_proxy p1 TTL_STATUS=DISABLED

# The audit alone: read-only, the table is byte-for-byte unchanged.
run_store bad --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL"
expect_rc 0 bad
has bad "layout: seed"
has bad "items: 9 scanned"
has bad "SS-STORE-NO-TTL"
has bad "Time To Live is DISABLED"
has bad "SS-STORE-ATTRS"
has bad "1 of 9 without an expiry"
has bad "1 without an issue time"
has bad "SS-STORE-STALE"
has bad "2 of 9 session items are past their expiry"
has bad "users with live sessions: 4 (2 with several; most: 2)"
has bad "store.replay  skipped"
hasnt bad "SS-EXPIRY-IGNORED"
hasnt bad "SS-STORE-ORPHAN"
bad_ops=$(awk '{print $1}' "$WORK/p1.ops" | sort -u | grep -vxE 'DescribeTable|DescribeTimeToLive|Scan' || true)
[ -z "$bad_ops" ] || fail "non-read operations sent: $bad_ops"
grep -qx 'Scan AKIDSTORETEST' "$WORK/p1.ops" || fail "Scan not signed with the environment's key"
seed dump "$SESSION_TABLE" >"$WORK/after.json"
cmp "$WORK/before.json" "$WORK/after.json" || fail "the table changed during the audit"

# With the replay: the app (expiry check off) accepts the expired, user-bound item.
run_store replay --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL" \
  --target "$LAB_URL" --protected /profile --cookie sessionId
expect_rc 1 replay
has replay "SS-EXPIRY-IGNORED (confirmed)"
has replay "2121…2121"          # the replayed (bound, expired) item, shortened
has replay "with a never-issued ID answered HTTP 401"
for out in bad replay; do
  for n in 0x11 0x12 0x13 0x14 0x21 0x22 0x23 0x24 0x25; do
    hasnt $out "$(full_id $n)"
  done
  hasnt $out "$AWS_SECRET_ACCESS_KEY"
done
bad_ops=$(awk '{print $1}' "$WORK/p1.ops" | sort -u | grep -vxE 'DescribeTable|DescribeTimeToLive|Scan' || true)
[ -z "$bad_ops" ] || fail "non-read operations sent: $bad_ops"

# The same table with the app checking expiry: the replay is refused, no SS-EXPIRY-IGNORED.
"$LAB_DIR/stop.sh" "$WORK/lab" >/dev/null
rm -rf "$WORK/lab"
LAB_MODE=hardened LAB_STORE_TTL=0 store_setup seedstyle
seed seed-bad "$SESSION_TABLE"
run_store checked --table "$SESSION_TABLE" --endpoint-url "$DYNAMO_URL" \
  --target "$LAB_URL" --protected /profile --cookie sessionId
expect_rc 0 checked
has checked "SS-STORE-STALE"
hasnt checked "SS-EXPIRY-IGNORED"
has checked "store.replay  pass"
echo "test_store_audit_seed: 1 passed, 0 failed"
