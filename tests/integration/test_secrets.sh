# No secret reaches any output: every command, every report format, every verbosity, with a known
# password, the target's session IDs and an AWS secret key. Session IDs appear only shortened
# (3f9a…c21e) unless --show-secrets; the password and the AWS secret never.
source "$(dirname "$0")/lib.sh"
export AWS_ACCESS_KEY_ID=AKIDSECRETSTEST AWS_SECRET_ACCESS_KEY='aws-secret-7f3c9e1d-never-printed' AWS_REGION=us-east-1
OUT=$TEST_TMP/outputs
FORMATS=(json sarif html junit md jsonl)

# outputs DIR: every report format into DIR, for the command line that follows.
format_args() {
    mkdir -p "$1"
    for f in "${FORMATS[@]}"; do printf -- '--%s\n%s/report.%s\n' "$f" "$1" "$f"; done
}

# no_secret NAME [extra fixed strings...]: nothing in $OUT/NAME* or the scan's stdout/stderr.
no_secret() {
    local name=$1
    shift
    local files=("$OUT/$name"/* "$OUT/$name.out" "$OUT/$name.err")
    if grep -qF -e "$SS_TEST_PASSWORD" -e "$AWS_SECRET_ACCESS_KEY" "${@/#/-e}" "${files[@]}" 2>/dev/null; then
        not_ok "$name: a password or secret key appears in an output"
    else ok "$name: no password or secret in ${#files[@]} outputs"; fi
    if grep -Eq '[0-9a-f]{32}' "${files[@]}" 2>/dev/null; then
        not_ok "$name: a full session ID appears ($(grep -Eho '[0-9a-f]{32}' "${files[@]}" | head -1 | cut -c1-6)…)"
    else ok "$name: session IDs only shortened"; fi
}

run_to() { # NAME command...: stdout/stderr into $OUT/NAME.{out,err}
    local name=$1
    shift
    set +e
    "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
    RC=$?
    set -e
}
mkdir -p "$OUT"

lab_start seedstyle LAB_MODE=vulnerable
for v in -q "" -v; do
    name="scan${v:-default}"
    mapfile -t fa < <(format_args "$OUT/$name")
    run_to "$name" "$SESSIONSCAN" scan "$LAB_URL" --protected /profile --logout /logout --user alice \
        --password-env SS_TEST_PASSWORD --dynamodb-table sessions --endpoint-url "$DYNAMO_URL" \
        --samples 40 $v "${fa[@]}"
    [ "$RC" = 1 ] || not_ok "$name: did not run to findings (rc=$RC)"
    no_secret "$name"
done

name=show-secrets
mapfile -t fa < <(format_args "$OUT/$name")
run_to "$name" "$SESSIONSCAN" scan "$LAB_URL" --protected /profile --user alice \
    --password-env SS_TEST_PASSWORD -v --show-secrets "${fa[@]}"
if grep -qF -e "$SS_TEST_PASSWORD" "$OUT/$name"/* "$OUT/$name.out" "$OUT/$name.err"; then
    not_ok "--show-secrets: the password appears"
else ok "--show-secrets: still no password"; fi
grep -Eq '[0-9a-f]{32}' "$OUT/$name.out" && ok "--show-secrets: session IDs shown in full" ||
    not_ok "--show-secrets: no full session ID shown"

name=failed-login
mapfile -t fa < <(format_args "$OUT/$name")
SS_TEST_PASSWORD=wrong-$SS_TEST_PASSWORD run_to "$name" "$SESSIONSCAN" scan "$LAB_URL" \
    --protected /profile --user alice --password-env SS_TEST_PASSWORD -v "${fa[@]}"
[ "$RC" = 3 ] && ok "failed login: exit 3" || not_ok "failed login: rc=$RC"
no_secret "$name" "wrong-$SS_TEST_PASSWORD"

# store: the AWS secret key signs requests and appears nowhere.
for v in "" -v; do
    name="store${v:-default}"
    mapfile -t fa < <(format_args "$OUT/$name")
    run_to "$name" "$SESSIONSCAN" store --table sessions --endpoint-url "$DYNAMO_URL" $v "${fa[@]}"
    no_secret "$name"
done
lab_stop

# tokens: the IDs analysed are secrets too; no full token of the input is echoed.
head -n 400 "$SS_ROOT/tests/data/entropy/hex_tokens.txt" >"$TEST_TMP/ids.txt"
for v in "" -v; do
    name="tokens${v:-default}"
    mapfile -t fa < <(format_args "$OUT/$name")
    run_to "$name" "$SESSIONSCAN" tokens "$TEST_TMP/ids.txt" $v "${fa[@]}"
    if grep -qF -f "$TEST_TMP/ids.txt" "$OUT/$name"/* "$OUT/$name.out" "$OUT/$name.err"; then
        not_ok "$name: an analysed token appears in full"
    else ok "$name: no analysed token in full"; fi
done

# spec: a description carries no secret of ours, but its report goes through the same writers.
name=spec
mapfile -t fa < <(format_args "$OUT/$name")
run_to "$name" "$SESSIONSCAN" spec "$SS_ROOT/tests/data/specs/lab.yaml" -v "${fa[@]}"
no_secret "$name"

finish
