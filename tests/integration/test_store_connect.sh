#!/usr/bin/env bash
# store --table on a connect-dynamodb table (id = sess:<id>, expires, sess JSON): the layout is
# recognised, the user is found inside the session JSON, the missing issue time is reported, and
# layout options describe a table the audit could not guess.
source "$SS_ROOT/tests/integration/store/lib.sh"

LAB_STORE_TTL=0 store_setup seedstyle
seed connect conn-sessions
start_proxy p TTL_STATUS=ENABLED TTL_ATTR=expires

run_store conn --table conn-sessions --endpoint-url "$PROXY_URL" \
  --target "$LAB_URL" --protected /profile --cookie connect.sid
expect_rc 0 conn
has conn "layout: connect-dynamodb"
has conn "items: 4 scanned (3 live, 1 expired, 1 anonymous)"
has conn "users with live sessions: 2"
has conn "SS-STORE-ATTRS"
has conn "4 without an issue time ('issuedAt')"
has conn "0 of 4 without an expiry ('expires')"
has conn "SS-STORE-STALE"
has conn "express-session cookies are signed"
hasnt conn "SS-STORE-NO-TTL"
hasnt conn "c1AbCdEfGhIjKlMnOpQrStUvWxYz0123"

# The same items read through explicit options: expiry in a non-existent attribute.
run_store opts --table conn-sessions --endpoint-url "$PROXY_URL" --expiry-attr validUntil \
  --user-attr passport.user
has opts "4 of 4 without an expiry ('validUntil')"
has opts "users with live sessions: 1"
echo "test_store_connect: 1 passed, 0 failed"
