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

set +e
SESSIONSCAN_PASSWORD_ENV=NOT_SET_ANYWHERE "$SESSIONSCAN" scan http://127.0.0.1:9 --protected /p --user a 2>"$TEST_TMP/e"
rc=$?
set -e
[ $rc = 2 ] && grep -q "NOT_SET_ANYWHERE: that environment variable is not set" "$TEST_TMP/e" &&
    ok "option from the environment is read and checked" || not_ok "env option: rc=$rc $(cat "$TEST_TMP/e")"

# Config file: keys are long option names; the command line wins; contradictions are exit 2.
cat >"$TEST_TMP/conf.yaml" <<'YAML'
protected: /profile
user: alice
password-env: SS_TEST_PASSWORD
password-file: /etc/hostname
YAML
set +e
"$SESSIONSCAN" scan http://127.0.0.1:9 --config "$TEST_TMP/conf.yaml" 2>"$TEST_TMP/e"
rc=$?
set -e
[ $rc = 2 ] && grep -q "give the password one way only" "$TEST_TMP/e" &&
    ok "contradictory config file: exit 2" || not_ok "contradictory config: rc=$rc $(cat "$TEST_TMP/e")"

printf 'protected: [unclosed\n' >"$TEST_TMP/bad.yaml"
set +e
"$SESSIONSCAN" scan http://127.0.0.1:9 --config "$TEST_TMP/bad.yaml" 2>"$TEST_TMP/e"
rc=$?
set -e
[ $rc = 2 ] && grep -Eq "bad.yaml:[0-9]+:[0-9]+: invalid YAML" "$TEST_TMP/e" &&
    ok "invalid YAML config: exit 2 with line and column" || not_ok "bad yaml: rc=$rc $(cat "$TEST_TMP/e")"

printf 'protectd: /x\n' >"$TEST_TMP/typo.yaml"
set +e
"$SESSIONSCAN" scan http://127.0.0.1:9 --config "$TEST_TMP/typo.yaml" 2>"$TEST_TMP/e"
rc=$?
set -e
[ $rc = 2 ] && grep -q "unknown key 'protectd' in the config file (line 1)" "$TEST_TMP/e" &&
    ok "config typo: exit 2 naming the key" || not_ok "config typo: rc=$rc $(cat "$TEST_TMP/e")"

finish
