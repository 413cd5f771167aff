#!/usr/bin/env bash
# store --table on a clean seed-layout table: TTL enabled on expiresAt (through the test proxy:
# dynalite has no TTL), every attribute present -> no finding. Then TTL on an attribute the items
# do not carry -> SS-STORE-NO-TTL; parallel segments and --max-items.
source "$SS_ROOT/tests/integration/store/lib.sh"

LAB_MODE=hardened LAB_STORE_TTL=0 store_setup seedstyle
seed seed-good "$SESSION_TABLE"
start_proxy on TTL_STATUS=ENABLED TTL_ATTR=expiresAt

run_store clean --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL" \
  --target "$LAB_URL" --protected /profile --cookie sessionId
expect_rc 0 clean
has clean "items: 4 scanned (4 live, 0 expired, 1 anonymous)"
has clean "TTL: ENABLED on expiresAt"
has clean "0 finding(s)"
has clean "store.scan    pass         4 items in 1 pages"
has clean "store.ttl     pass"
has clean "store.attrs   pass"
has clean "store.stale   pass"
has clean "store.replay  skipped      no expired item to replay"
hasnt clean "SS-STORE"
hasnt clean "SS-EXPIRY-IGNORED"

# TTL on "ttl", which no item carries.
start_proxy other TTL_STATUS=ENABLED TTL_ATTR=ttl
run_store other --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL"
expect_rc 0 other
has other "SS-STORE-NO-TTL"
has other "Time To Live is on attribute 'ttl', but 4 of 4 items do not carry it"
has other "the items' expiry is in 'expiresAt', not in the TTL attribute"
hasnt other "SS-STORE-ATTRS"

# Milliseconds in the TTL attribute: TTL never deletes them.
seed seed-bad "$SESSION_TABLE"
start_proxy on2 TTL_STATUS=ENABLED TTL_ATTR=expiresAt
run_store ms --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL"
has ms "SS-STORE-NO-TTL"
has ms "1 of 9 items do not carry it and 1 hold it as a string or in milliseconds"

# Parallel scan sees every item exactly once; --max-items stops early.
run_store seg --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL" --segments 4 --page-size 2
expect_rc 0 seg
has seg "items: 9 scanned (7 live, 2 expired"
run_store max --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL" --max-items 3 --page-size 2
expect_rc 0 max
has max "items: 3 scanned (stopped early"
has max "store.scan    inconclusive stopped after 3 items"
run_store maxp --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL" --max-pages 2 --page-size 2
has maxp "items: 4 scanned (stopped early"
echo "test_store_audit_ttl: 1 passed, 0 failed"
