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

# The real thing: the lab's express-session + connect-dynamodb app after a real login.
"$LAB_DIR/stop.sh" "$WORK/lab" >/dev/null
rm -rf "$WORK/lab"
LAB_MODE=hardened store_setup expresssession
curl -s -o /dev/null -c "$WORK/jar" -b "$WORK/jar" "$LAB_URL/login"
curl -s -o /dev/null -c "$WORK/jar" -b "$WORK/jar" -H 'Content-Type: application/json' \
  --data '{"username":"alice","password":"alice-pass-123"}' "$LAB_URL/login"
curl -s -b "$WORK/jar" "$LAB_URL/profile" | grep -q alice || fail "lab login failed"
run_store real --table "$SESSION_TABLE" --endpoint-url "$DYNAMO_URL"
expect_rc 0 real
has real "layout: connect-dynamodb"
has real "users with live sessions: 1"
has real "TTL: ENABLED on expires"
hasnt real "SS-STORE-NO-TTL"
hasnt real "SS-STORE-STALE"
echo "test_store_connect: 1 passed, 0 failed"
