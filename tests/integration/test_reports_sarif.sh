# SARIF against the lab: accepted by the official validator (findings, zero findings, a failed
# scan, and the golden files the unit tests pin), fit for GitHub, fingerprints stable across runs.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/report_lib.sh"

npm_tool sarif
SARIF_NPM=$NPM_DIR
OUT="$TEST_TMP/sarif"
mkdir -p "$OUT"

lab_start seedstyle LAB_MODE=vulnerable
scan --sarif "$OUT/vulnerable.sarif"
expect_exit vulnerable 1
scan --sarif "$OUT/vulnerable-again.sarif"
n=$(jq '.runs[0].results | length' "$OUT/vulnerable.sarif")
if jq -e '[.runs[0].results[].ruleId] | contains(["SS-FIX-CONFIRMED", "SS-FIX-ADOPT", "SS-FIX-URL"])' \
    "$OUT/vulnerable.sarif" >/dev/null; then ok "vulnerable: $n results, the three fixation rules among them"
else not_ok "vulnerable: fixation results missing"; fi
if [ "$(fingerprints "$OUT/vulnerable.sarif")" = "$(fingerprints "$OUT/vulnerable-again.sarif")" ]; then
    ok "vulnerable: the same fingerprints in two runs"
else
    not_ok "vulnerable: fingerprints changed between runs"
    diff <(jq -c '.runs[0].results[] | [.ruleId, .properties.location]' "$OUT/vulnerable.sarif") \
        <(jq -c '.runs[0].results[] | [.ruleId, .properties.location]' "$OUT/vulnerable-again.sarif") >&2
fi
if [ "$(jq '[.runs[0].results[].partialFingerprints["sessionscan/v1"]] | unique | length' "$OUT/vulnerable.sarif")" = "$n" ]; then
    ok "vulnerable: every result has its own fingerprint"
else not_ok "vulnerable: two results share a fingerprint"; fi
if jq -e '[.runs[0].results[] | select(.ruleId == "SS-FIX-ADOPT")][0] |
          .level == "error" and (.message.text | test("adopt|invented"; "i"))' "$OUT/vulnerable.sarif" >/dev/null &&
   jq -e '.runs[0].tool.driver.rules[] | select(.id == "SS-FIX-ADOPT") |
          .properties["security-severity"] == "9.5" and (.properties.tags | index("external/cwe/cwe-384")) != null
          and (.help.markdown | test("## Remediation")) and .defaultConfiguration.level == "error"' \
       "$OUT/vulnerable.sarif" >/dev/null; then
    ok "vulnerable: rule metadata (security-severity, CWE tag, help) and result level"
else not_ok "vulnerable: rule metadata or level wrong"; fi
if grep -q "alice-pass-123" "$OUT/vulnerable.sarif"; then not_ok "vulnerable: the password is in the SARIF"
else ok "vulnerable: no password in the SARIF"; fi
sarif_github vulnerable "$OUT/vulnerable.sarif"

# The shape of a real scan's JSON and SARIF (every key path, array indices folded) is pinned in
# tests/data/golden/*.shape; SS_UPDATE_GOLDEN=1 rewrites them (review the diff).
for fmt in json sarif; do
    file=$SCAN_JSON
    [ "$fmt" = sarif ] && file="$OUT/vulnerable.sarif"
    golden="$SS_ROOT/tests/data/golden/lab-vulnerable.$fmt.shape"
    jq -r '[paths | map(if type == "number" then "[]" else . end) | join(".")] | unique | .[]' \
        "$file" >"$OUT/shape.$fmt.txt"
    [ -n "${SS_UPDATE_GOLDEN:-}" ] && cp "$OUT/shape.$fmt.txt" "$golden"
    if diff -u "$golden" "$OUT/shape.$fmt.txt" >"$OUT/shape.diff.txt"; then ok "vulnerable: $fmt shape matches $(basename "$golden")"
    else not_ok "vulnerable: $fmt shape changed (SS_UPDATE_GOLDEN=1 to accept)"; cat "$OUT/shape.diff.txt" >&2; fi
done

SS_TEST_PASSWORD=wrong-password scan --sarif "$OUT/failed.sarif"
expect_exit "failed scan" 3
if jq -e '.runs[0].invocations[0] | .executionSuccessful == false and
          (.toolExecutionNotifications[0].message.text | test("login failed"))' "$OUT/failed.sarif" >/dev/null &&
   jq -e '.runs[0].properties.grade == null' "$OUT/failed.sarif" >/dev/null; then
    ok "failed scan: executionSuccessful false, the message as a notification, no grade"
else not_ok "failed scan: invocation not marked failed"; fi
lab_stop

lab_start seedstyle LAB_MODE=hardened LAB_TLS=1
scan --sarif "$OUT/clean.sarif"
expect_exit "clean" 0
if jq -e '(.runs[0].results | length) == 0 and .runs[0].invocations[0].executionSuccessful and
          .runs[0].properties.grade == "A" and (.runs[0].tool.driver.rules | length) > 0' "$OUT/clean.sarif" >/dev/null; then
    ok "clean: zero results, the file still written with every rule"
else not_ok "clean: unexpected SARIF"; fi
sarif_github clean "$OUT/clean.sarif"
lab_stop

sarif_validate "lab scans" "$OUT"/*.sarif
sarif_validate "golden files" "$SS_ROOT"/tests/data/golden/*.sarif
for f in "$SS_ROOT"/tests/data/golden/*.sarif; do sarif_github "golden $(basename "$f")" "$f"; done

finish
