# Safe to point at anything (issue 8): every case of tests/hostile/server.js — a login flow that
# misbehaves in one way — must end the scan with one clear message and exit 3, within its time
# bound, in at most 64 MB of memory, and without a single request to another origin.
# Prints a table (case, exit code, seconds, peak RSS KB, requests, stray requests).
source "$(dirname "$0")/lib.sh"

PER_REQUEST=3 # --timeout
# The scan stops at the first transport failure, so at most one request of a case can run into
# the per-request timeout; every other request is answered at once by a local server (a whole
# 18-request scan of the baseline takes ~0.1 s). Twice (timeout + 1 s) leaves room for a loaded
# machine and the sanitizer build; `timeout` catches a hang outright.
BOUND_S=$(( (PER_REQUEST + 1) * 2 ))
HARD_S=60
RSS_MAX_KB=$(( 64 * 1024 ))

# case -> "exit code|stderr regex" (the one message the user gets; empty: stderr stays empty)
declare -A EXPECT=(
    [baseline]='0|'
    [endless-body]='3|/profile: response body larger than the limit'
    [huge-content-length]='3|/profile: response body larger than the limit'
    [slow-drip]='3|/profile did not answer within 3000 ms \(raise --timeout'
    [giant-header]='3|/profile: a response header line is larger than 100 KB'
    [many-header-lines]='3|/profile: too many response header lines'
    [many-set-cookies]='3|/login: too many response header lines'
    [cookie-flood]='0|'
    [huge-cookie]='3|/login: a response header line is larger than 100 KB'
    [gzip-bomb]='3|/profile: response body larger than the limit'
    [stacked-gzip-gzip]='3|/profile: response body larger than the limit'
    [stacked-gzip-br]='3|/profile: response body larger than the limit'
    [encoding-chain]='3|cannot decode the response body \(Reject response due to more than 5 content encodings'
    [bad-gzip]='3|cannot decode the response body'
    [sample-bomb]='3|inconclusive: .*response body larger than the limit'
    [redirect-loop]='3|POST /login: gave up after 10 redirects \(a redirect loop\?\)'
    [redirect-chain]='3|POST /login: gave up after 10 redirects'
    [redirect-offsite]='3|redirected to another origin, http://127\.0\.0\.1:[0-9]+/sso.*not followed'
    [redirect-offsite-307]='3|redirected to another origin, http://127\.0\.0\.1:[0-9]+/login.*not followed'
    [redirect-offsite-relative]='3|redirected to another origin, http://localhost:[0-9]+/x.*not followed'
    [redirect-other-host]='3|redirected to another origin, http://localhost:[0-9]+/profile.*not followed'
    [redirect-https-307]='3|redirected to another origin, https://127\.0\.0\.1:[0-9]+/login.*not followed'
    [entry-offsite]='0|'
    [redirect-other-scheme]='3|redirected to another origin, file:///etc/passwd.*not followed'
    [bad-status-line]='3|/profile: the answer is not a valid HTTP/1.x or HTTP/2 response'
    [huge-status-code]='3|/profile: the answer is not a valid HTTP/1.x or HTTP/2 response'
    [http09]='3|/profile: the answer is not a valid HTTP.*\(Received HTTP/0.9 when not allowed\)'
    [binary-garbage]='3|/profile: the answer is not a valid HTTP/1.x or HTTP/2 response'
    [empty-reply]='3|/profile: the server closed the connection without answering'
    [reset-mid-body]='3|/profile: receiving the response failed \(.*reset by peer'
    [short-body]='3|/profile: the response ended before the length it announced'
    [bogus-chunked]='3|/profile: receiving the response failed \(.*chunked'
    [negative-chunk]='3|/profile: receiving the response failed \(.*chunked'
    [nul-in-headers]='3|/login: malformed HTTP response \(Nul byte in header\)'
    [bad-utf8]='0|'
    [thousand-forms]='3|login failed: POST /login answered 403.*--login-body'
    [flapping-login]='3|check .[a-z-]+. was inconclusive: .*(did not hold|logged out)'
    [never-answers]='3|/profile did not answer within 3000 ms'
    [deep-json]='3|answers the same logged in and logged out \(status 200 both times\)'
    [informational-flood]='3|/profile: too many response header lines'
)

# extra scan options per case
declare -A EXTRA=(
    # 64 samples, 64 at once, each answered by a gzip bomb: memory must not grow with concurrency
    [sample-bomb]='--entry /fresh --samples 64 --concurrency 64'
)

node "$SS_ROOT/tests/hostile/server.js" --stray-log "$TEST_TMP/stray.log" --lifetime 600 \
    >"$TEST_TMP/hostile.out" 2>"$TEST_TMP/hostile.err" &
HOSTILE_PID=$!
trap 'kill "$HOSTILE_PID" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 100); do
    grep -q '^READY$' "$TEST_TMP/hostile.out" 2>/dev/null && break
    sleep 0.1
done
if ! grep -q '^READY$' "$TEST_TMP/hostile.out"; then
    echo "the hostile server did not start" >&2
    cat "$TEST_TMP/hostile.err" >&2
    exit 1
fi

stray_count() { wc -l <"$TEST_TMP/stray.log"; }
N_CHECKS=$("$SESSIONSCAN" checks | sed -n '/^Checks/,/^Rules/p' | grep -cE '^  [a-z]')

table=$(printf '%-26s %4s %8s %12s %8s %6s' case exit seconds peak_rss_kb requests stray)
seen=0
while read -r kw name url; do
    [ "$kw" = CASE ] || continue
    seen=$((seen + 1))
    spec=${EXPECT[$name]:-}
    if [ -z "$spec" ]; then not_ok "$name: no expectation in this test"; continue; fi
    want_rc=${spec%%|*}
    want_msg=${spec#*|}
    json="$TEST_TMP/$name.json"
    err="$TEST_TMP/$name.err"
    rss_file="$TEST_TMP/$name.rss"
    stray_before=$(stray_count)
    t0=$(date +%s%N)
    set +e
    timeout -k 2 "$HARD_S" /usr/bin/time -f '%M' -o "$rss_file" \
        "$SESSIONSCAN" scan "$url" --protected /profile --user alice \
        --password-env SS_TEST_PASSWORD --timeout "$PER_REQUEST" --json "$json" \
        ${EXTRA[$name]:-} >"$TEST_TMP/$name.out" 2>"$err"
    rc=$?
    set -e
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    rss=$(tail -n 1 "$rss_file" 2>/dev/null || echo '?')
    stray=$(( $(stray_count) - stray_before ))
    requests=$(jq -r '.stats.requests' "$json" 2>/dev/null || echo '?')
    table+=$(printf '\n%-26s %4s %8s %12s %8s %6s' "$name" "$rc" \
        "$(printf '%d.%02d' $((ms / 1000)) $((ms % 1000 / 10)))" "$rss" "$requests" "$stray")

    if [ "$rc" = "$want_rc" ]; then ok "$name: exit $rc"; else
        not_ok "$name: exit $rc, expected $want_rc"
        head -c 2000 "$err" >&2
    fi
    if [ -z "$want_msg" ] && [ ! -s "$err" ]; then
        ok "$name: nothing on stderr"
    elif [ -n "$want_msg" ] && grep -Eq -- "$want_msg" "$err" && [ "$(wc -l <"$err")" -le 1 ]; then
        ok "$name: one clear message"
    else
        not_ok "$name: stderr does not match /$want_msg/ in one line"
        head -c 2000 "$err" >&2
    fi
    if [ "$ms" -le $((BOUND_S * 1000)) ]; then ok "$name: ended in $ms ms"; else
        not_ok "$name: took $ms ms (bound ${BOUND_S} s)"
    fi
    # The memory bound holds for the normal build only: ASan's shadow memory and quarantine
    # multiply the footprint.
    if [ "${SS_SANITIZED:-0}" = 1 ]; then :
    elif [ "$rss" != '?' ] && [ "$rss" -le "$RSS_MAX_KB" ]; then ok "$name: peak RSS $rss KB"
    else not_ok "$name: peak RSS $rss KB (bound $RSS_MAX_KB KB)"; fi
    if [ "$stray" -eq 0 ]; then ok "$name: no request to another origin"; else
        not_ok "$name: $stray stray request(s) to another origin"
    fi
    # Even an aborted scan leaves a valid report saying why, never a grade.
    if [ "$want_rc" = 3 ]; then
        q='.complete == false and .grade == null and (.error | length > 0)'
    else
        q=".complete == true and (.session_cookie | type) == \"string\" and (.checks | length) == $N_CHECKS"
    fi
    if jq -e "$q" "$json" >/dev/null 2>&1; then ok "$name: JSON report valid"; else
        not_ok "$name: JSON report invalid or not as expected ($q)"
        head -c 2000 "$json" >&2
    fi
    # Session IDs (the server's are 32 hex digits, invented ones the same shape) are shortened.
    if LC_ALL=C grep -Eq '[0-9a-f]{32}' "$TEST_TMP/$name.out" "$err" "$json"; then
        not_ok "$name: a full session ID reached the output: $(LC_ALL=C grep -Eoh '.{40}[0-9a-f]{32}' "$TEST_TMP/$name.out" "$err" "$json" | head -n 1)"
    else ok "$name: no full session ID in the output"; fi
    # Whatever bytes the target sent, the terminal gets valid UTF-8 without control characters.
    if iconv -f UTF-8 -t UTF-8 "$TEST_TMP/$name.out" "$err" >/dev/null 2>&1 &&
        ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TEST_TMP/$name.out" "$err"; then
        ok "$name: output is clean UTF-8"
    else not_ok "$name: raw bytes from the target reached the output"; fi
done <"$TEST_TMP/hostile.out"

jq -e '.checks[] | select(.check == "samples") | .reason | test("only 0 of 64 session IDs collected \\(64 requests failed\\)")' \
    "$TEST_TMP/sample-bomb.json" >/dev/null && ok "sample-bomb: every bombed sample failed, none hung" ||
    not_ok "sample-bomb: samples check: $(jq -c '.checks[] | select(.check == "samples")' "$TEST_TMP/sample-bomb.json")"

# -v traces every exchange (cookie names and values included): still clean UTF-8.
url=$(awk '$1 == "CASE" && $2 == "bad-utf8" {print $3}' "$TEST_TMP/hostile.out")
set +e
timeout 60 "$SESSIONSCAN" scan "$url" --protected /profile --user alice \
    --password-env SS_TEST_PASSWORD --timeout "$PER_REQUEST" -v >"$TEST_TMP/v.out" 2>"$TEST_TMP/v.err"
set -e
if grep -q 'Cookie: ' "$TEST_TMP/v.err" && iconv -f UTF-8 -t UTF-8 "$TEST_TMP/v.out" "$TEST_TMP/v.err" >/dev/null 2>&1 &&
    ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TEST_TMP/v.out" "$TEST_TMP/v.err"; then
    ok "bad-utf8 -v: the trace is clean UTF-8"
else not_ok "bad-utf8 -v: raw bytes from the target reached the trace"; fi

[ "$seen" -ge 30 ] && ok "$seen cases run" || not_ok "only $seen cases run"
[ "$seen" -eq "${#EXPECT[@]}" ] && ok "every expected case exists" ||
    not_ok "$seen cases served, ${#EXPECT[@]} expected"
if [ "$(stray_count)" -eq 0 ]; then ok "the other origin received nothing"; else
    not_ok "the other origin received: $(cat "$TEST_TMP/stray.log")"
fi
kill -0 "$HOSTILE_PID" 2>/dev/null && ok "the hostile server is still up (all cases were served)" ||
    not_ok "the hostile server died: $(cat "$TEST_TMP/hostile.err")"

echo "$table"
finish
