# JUnit (checked against tests/data/junit.xsd with xmllint and read by junitparser, a real JUnit
# consumer), Markdown and JSON Lines from a real scan; a report that cannot be written; and the
# gates: --suppressions (reported, never dropped; reason mandatory; expiry) and --baseline.
source "$(dirname "$0")/lib.sh"

OUT="$TEST_TMP/out"
mkdir -p "$OUT"

# junit_check NAME FILE "tests failures errors skipped"
junit_check() {
    if xmllint --noout --schema "$SS_ROOT/tests/data/junit.xsd" "$2" 2>"$TEST_TMP/xmllint.err"; then
        ok "$1: JUnit XML valid against tests/data/junit.xsd"
    else not_ok "$1: JUnit XML invalid: $(cat "$TEST_TMP/xmllint.err")"; fi
    local got
    got=$(/usr/bin/python3 - "$2" <<'PY'
import sys
from junitparser import JUnitXml
suites = list(JUnitXml.fromfile(sys.argv[1]))
s = suites[0]
print(len(suites), s.tests, s.failures, s.errors, s.skipped)
PY
)
    if [ "$got" = "1 $3" ]; then ok "$1: junitparser reads 1 suite, tests/failures/errors/skipped $3"
    else not_ok "$1: junitparser reads [$got], expected [1 $3]"; fi
}

lab_start seedstyle LAB_MODE=vulnerable
scan --junit "$OUT/v.xml" --md "$OUT/v.md" --jsonl "$OUT/v.jsonl" --sarif /nonexistent-dir/v.sarif
expect_exit "unwritable report" 2
expect_stderr "unwritable report" "cannot write the sarif report to /nonexistent-dir/v.sarif: No such file or directory"
if [ -s "$OUT/v.xml" ] && [ -s "$SCAN_JSON" ] && ! ls "$OUT"/*.tmp* >/dev/null 2>&1; then
    ok "unwritable report: the other reports are written, no temporary file left"
else not_ok "unwritable report: other reports missing or temporary files left"; fi
# Expected from the JSON report of the same scan: every check a testcase; failures are failing
# checks, errors inconclusive ones, skipped the ones that did not apply.
expected=$(jq -r '[.findings[] | select(.suppressed | not) | .check] as $flagged |
    [(.checks | length),
    ([.checks[] | select(.status != "inconclusive" and (.status == "fail" or (.check | IN($flagged[]))))] | length),
    ([.checks[] | select(.status == "inconclusive")] | length),
    ([.checks[] | select(.status == "skipped")] | length)] | join(" ")' "$SCAN_JSON")
junit_check vulnerable "$OUT/v.xml" "$expected"
if grep -q '^## sessionscan: grade F' "$OUT/v.md" && grep -q '| critical | `SS-FIX-ADOPT` |' "$OUT/v.md" &&
   grep -q 'How to fix SS-FIX-CONFIRMED' "$OUT/v.md"; then
    ok "markdown: grade and findings table"
else not_ok "markdown: $(head -3 "$OUT/v.md")"; fi
nf=$(jq '.findings | length' "$SCAN_JSON")
if [ "$nf" -ge 3 ] && [ "$(wc -l <"$OUT/v.jsonl")" = "$nf" ] &&
   jq -e -s --argjson n "$nf" 'length == $n and all(.[]; .grade == "F" and (.fingerprint | length) == 24)' "$OUT/v.jsonl" >/dev/null; then
    ok "jsonl: one finding per line, each with grade and fingerprint"
else not_ok "jsonl: wrong lines"; fi
if grep -q alice-pass-123 "$OUT"/v.*; then not_ok "password in a report"; else ok "no password in JUnit, Markdown, JSON Lines"; fi

# Suppressions: every finding accepted -> reported as suppressed, grade A, exit 0.
cat >"$OUT/supp.yaml" <<'YAML'
- rule: SS-*
  url: "*"
  reason: lab target, flaws on purpose
  expires: 2999-12-31
YAML
scan --suppressions "$OUT/supp.yaml" --sarif "$OUT/supp.sarif"
expect_exit "suppressed" 0
if jq -e --argjson n "$nf" '(.findings | length) == $n and all(.findings[]; .suppressed and .suppression.reason == "lab target, flaws on purpose") and .grade == "A"' "$SCAN_JSON" >/dev/null &&
   jq -e 'all(.runs[0].results[]; .suppressions[0].justification == "lab target, flaws on purpose")' "$OUT/supp.sarif" >/dev/null; then
    ok "suppressed: findings kept and marked, with the reason in JSON and SARIF"
else not_ok "suppressed: findings dropped or unmarked"; fi

printf -- '- rule: SS-FIX-*\n  url: /login\n' >"$OUT/noreason.yaml"
scan --suppressions "$OUT/noreason.yaml"
expect_exit "suppression without reason" 2
expect_stderr "suppression without reason" "noreason.yaml:1: every suppression needs a reason"
if [ "$(jq .stats.requests "$SCAN_JSON" 2>/dev/null || echo 0)" = 0 ]; then ok "suppression without reason: rejected before any request"
else not_ok "suppression without reason: the scan ran"; fi

printf -- '- rule: SS-FIX-ADOPT\n  url: /login\n  reason: was fine once\n  expires: 2001-01-01\n' >"$OUT/expired.yaml"
scan --suppressions "$OUT/expired.yaml"
expect_exit "expired suppression" 1
expect_stderr "expired suppression" "expired.yaml:1: the suppression of SS-FIX-ADOPT on /login expired on 2001-01-01 and no longer applies"
if jq -e 'all(.findings[]; .suppressed | not)' "$SCAN_JSON" >/dev/null; then ok "expired suppression: applies to nothing"
else not_ok "expired suppression: still applied"; fi

# Baseline: the same findings again pass; a finding missing from the baseline fails.
scan
cp "$SCAN_JSON" "$OUT/base.json"
scan --baseline "$OUT/base.json" --sarif "$OUT/base.sarif"
expect_exit "baseline, nothing new" 0
if jq -e 'all(.findings[]; .baseline_state == "unchanged") and .grade == "F"' "$SCAN_JSON" >/dev/null &&
   jq -e 'all(.runs[0].results[]; .baselineState == "unchanged")' "$OUT/base.sarif" >/dev/null; then
    ok "baseline, nothing new: all unchanged (JSON and SARIF), grade still F"
else not_ok "baseline, nothing new: wrong states"; fi
jq '.findings |= map(select(.rule != "SS-FIX-ADOPT")) |
    .findings += [.findings[0] | .rule = "SS-PERMISSIVE" | .location = "/gone" | .fingerprint = null]' \
    "$OUT/base.json" >"$OUT/base2.json"
scan --baseline "$OUT/base2.json"
expect_exit "baseline, one new critical" 1
if jq -e '[.findings[] | select(.rule == "SS-FIX-ADOPT")] | length > 0 and all(.[]; .baseline_state == "new")' "$SCAN_JSON" >/dev/null &&
   jq -e '[.findings[] | select(.rule == "SS-PERMISSIVE" and .location == "/gone")][0].baseline_state == "absent"' "$SCAN_JSON" >/dev/null &&
   jq -e '[.findings[] | select(.rule != "SS-FIX-ADOPT" and .location != "/gone")] | all(.[]; .baseline_state == "unchanged")' "$SCAN_JSON" >/dev/null; then
    ok "baseline, one new critical: new / unchanged / absent"
else not_ok "baseline states: $(jq -c '[.findings[] | [.rule, .baseline_state]]' "$SCAN_JSON")"; fi
echo '{"not": "a report"}' >"$OUT/junk.json"
scan --baseline "$OUT/junk.json"
expect_exit "baseline not a report" 2
expect_stderr "baseline not a report" "junk.json is not a sessionscan JSON report"

SS_TEST_PASSWORD=wrong-password scan --junit "$OUT/failed.xml"
expect_exit "failed scan" 3
junit_check "failed scan" "$OUT/failed.xml" "1 0 1 0"
lab_stop

finish
