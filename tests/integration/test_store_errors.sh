#!/usr/bin/env bash
# Failures end with exit 3 and a message that says what to fix: missing table, unreachable
# endpoint, rejected credentials, no credentials; throttling and 5xx are retried; credentials
# come from a shared-file profile; secrets are never printed.
source "$SS_ROOT/tests/integration/store/lib.sh"

LAB_STORE_TTL=0 store_setup seedstyle
seed seed-good "$SESSION_TABLE"

run_store missing --table no-such-table --endpoint-url "$DYNAMO_URL"
expect_rc 3 missing
has missing "table 'no-such-table' not found"
has missing "check the table name and --region"

# A port nothing listens on (ours, just closed).
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
run_store down --table "$SESSION_TABLE" --endpoint-url "http://127.0.0.1:$port"
expect_rc 3 down
has down "unreachable"

start_proxy auth FAULT=auth
run_store auth --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL"
expect_rc 3 auth
has auth "DynamoDB rejected the credentials from environment (UnrecognizedClientException"
hasnt auth "$AWS_SECRET_ACCESS_KEY"

start_proxy thr FAULT=throttle:3
run_store thr --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL"
expect_rc 0 thr
has thr "items: 4 scanned"
[ "$(grep -c '^Scan' "$WORK/thr.ops")" -eq 4 ] || fail "expected 3 throttled + 1 good Scan"

start_proxy err FAULT=5xx:100
run_store err --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL"
expect_rc 3 err
has err "DynamoDB Scan failed: HTTP 500 InternalServerError"
[ "$(grep -c '^Scan' "$WORK/err.ops")" -eq 6 ] || fail "expected 6 attempts"

start_proxy huge FAULT=huge
run_store huge --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL"
expect_rc 3 huge
has huge "DynamoDB response larger than 16777216 bytes: refused"
[ "$(grep -c '^Scan' "$WORK/huge.ops")" -eq 1 ] || fail "an oversized answer must not be retried"

start_proxy garbage FAULT=garbage
run_store garbage --table "$SESSION_TABLE" --endpoint-url "$PROXY_URL"
expect_rc 3 garbage
has garbage "DynamoDB Scan: the HTTP 200 answer is not a DynamoDB JSON object"

run_store usage --table "" --endpoint-url "$PROXY_URL"
expect_rc 2 usage
run_store usage2 --table t --segments 0
expect_rc 2 usage2
run_store usage3 --table t --target "$LAB_URL"
expect_rc 2 usage3

# No credentials at all.
(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; run_store nocreds --table t --endpoint-url "$DYNAMO_URL"; expect_rc 3 nocreds)
has nocreds "no AWS credentials"

# A shared-file profile, chosen with --profile, beats the environment's keys.
cat >"$WORK/creds" <<'INI'
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = default-secret
[audit]
aws_access_key_id = AKIDPROFILE
aws_secret_access_key = profile-secret-do-not-print
INI
start_proxy prof
AWS_SHARED_CREDENTIALS_FILE=$WORK/creds run_store prof --table "$SESSION_TABLE" \
  --endpoint-url "$PROXY_URL" --profile audit
expect_rc 0 prof
grep -qx 'Scan AKIDPROFILE' "$WORK/prof.ops" || fail "profile keys not used: $(cat "$WORK/prof.ops")"
hasnt prof "profile-secret-do-not-print"

# No region and no endpoint: a clear usage-style failure, nothing sent.
run_store noregion --table "$SESSION_TABLE"
expect_rc 3 noregion
has noregion "no AWS region"
echo "test_store_errors: 1 passed, 0 failed"
