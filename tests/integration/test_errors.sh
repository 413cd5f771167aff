# Every way a scan can fail gets one clear message naming what to change and the right exit code:
# 3 when the target or the login lets it down, 2 for bad options and contradictory config.
source "$(dirname "$0")/lib.sh"

lab_start seedstyle LAB_MODE=vulnerable

SS_TEST_PASSWORD=wrong-password scan
expect_exit "wrong password" 3
expect_stderr "wrong password" "login failed: POST /login answered 401.*check --user, the password"
if jq -e '.complete == false and .grade == null and (.error | test("login failed"))' "$SCAN_JSON" >/dev/null; then
    ok "wrong password: JSON report written, incomplete, no grade"
else not_ok "wrong password: JSON report not marked incomplete"; fi

scan --protected /
expect_exit "protected path not protected" 3
expect_stderr "protected path not protected" "answers the same logged in and logged out.*--protected.*--logged-in"

scan --login /nothing-here --login-method GET
expect_exit "login sets no cookie" 3
expect_stderr "login sets no cookie" "login failed|set no cookie"

scan --max-requests 5
expect_exit "request budget" 3
expect_stderr "request budget" "request budget exhausted after 5 requests.*--max-requests"
if [ "$(jq .stats.requests "$SCAN_JSON")" -le 5 ]; then ok "request budget: at most 5 sent"
else not_ok "request budget: $(jq .stats.requests "$SCAN_JSON") requests sent"; fi

# --rate 20/s: 18 requests cannot take less than 17 gaps of 50 ms.
t0=$(date +%s%N)
scan --rate 20
t1=$(date +%s%N)
n=$(jq .stats.requests "$SCAN_JSON")
if [ $(( (t1 - t0) / 1000000 )) -ge $(( (n - 1) * 50 )) ]; then ok "--rate holds ($n requests)"
else not_ok "--rate 20: $n requests in $(( (t1 - t0) / 1000000 )) ms"; fi

scan --cookie nosuchcookie
expect_exit "wrong --cookie" 3
expect_stderr "wrong --cookie" "no cookie named by --cookie"
lab_stop

# A login that answers 200 and sets no cookie at all.
lab_start seedstyle LAB_MODE=hardened LAB_PRELOGIN=0
scan --login / --login-method GET --login-body 'x={user}'
expect_exit "no cookie at all" 3
expect_stderr "no cookie at all" "set (no cookie at all|only Secure cookies)"
lab_stop

LAB_URL="http://127.0.0.1:9"
scan
expect_exit "target down" 3
expect_stderr "target down" "cannot connect to http://127.0.0.1:9.*is the target running"

# Usage errors: exit 2, one message.
LAB_URL="http://127.0.0.1:9"
scan --timeout abc
expect_exit "bad number" 2
expect_stderr "bad number" "--timeout expects a positive number, got 'abc'"
scan --no-such-option
expect_exit "unknown option" 2
expect_stderr "unknown option" "unknown option '--no-such-option'"
scan --fail-on severe
expect_exit "bad --fail-on" 2
expect_stderr "bad --fail-on" "--fail-on takes info, low, medium, high or critical"
scan --password-file /dev/null
expect_exit "two password sources" 2
expect_stderr "two password sources" "give the password one way only"
scan --logged-in '(unclosed'
expect_exit "bad regex" 2
expect_stderr "bad regex" "--logged-in '\(unclosed' is not a valid regular expression"
scan --check nope
expect_exit "unknown check" 2
expect_stderr "unknown check" "unknown check 'nope'"
LAB_URL="ftp://127.0.0.1/"
scan
expect_exit "ftp target" 2
expect_stderr "ftp target" "only http:// and https:// targets"

# expect_usage NAME REGEX command...: exit 2 and the message on stderr.
expect_usage() {
    local name=$1 re=$2
    shift 2
    set +e
    "$@" 2>"$TEST_TMP/e" >/dev/null
    local rc=$?
    set -e
    [ $rc = 2 ] && grep -Eq -- "$re" "$TEST_TMP/e" && ok "$name: exit 2, one message" ||
        not_ok "$name: rc=$rc $(cat "$TEST_TMP/e")"
}

expect_usage "option from the environment" "NOT_SET_ANYWHERE: that environment variable is not set" \
    env SESSIONSCAN_PASSWORD_ENV=NOT_SET_ANYWHERE "$SESSIONSCAN" scan http://127.0.0.1:9 --protected /p --user a

# Config file: keys are long option names; the command line wins; contradictions are exit 2.
cat >"$TEST_TMP/conf.yaml" <<'YAML'
protected: /profile
user: alice
password-env: SS_TEST_PASSWORD
password-file: /etc/hostname
YAML
expect_usage "contradictory config file" "give the password one way only" \
    "$SESSIONSCAN" scan http://127.0.0.1:9 --config "$TEST_TMP/conf.yaml"
printf 'protected: [unclosed\n' >"$TEST_TMP/bad.yaml"
expect_usage "invalid YAML config" "bad.yaml:[0-9]+:[0-9]+: invalid YAML" \
    "$SESSIONSCAN" scan http://127.0.0.1:9 --config "$TEST_TMP/bad.yaml"
printf 'protectd: /x\n' >"$TEST_TMP/typo.yaml"
expect_usage "config typo" "unknown key 'protectd' in the config file \\(line 1\\)" \
    "$SESSIONSCAN" scan http://127.0.0.1:9 --config "$TEST_TMP/typo.yaml"

finish
