# The HTML report in Debian's headless Chromium (driven by playwright-core, pinned in
# tests/html/package-lock.json): the vulnerable lab's report and the clean one (hardened, TLS)
# render with no console error and no network request, with every section. Screenshots are kept
# in the build tree as artefacts: $SS_BUILD/artifacts/report-*.png.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/report_lib.sh"

if [ ! -x /usr/bin/chromium ]; then
    not_ok "Debian's chromium is not installed (bash scripts/setup.sh installs it)"
    finish
fi
npm_tool html
ART="${SS_BUILD:-$TEST_TMP}/artifacts"
mkdir -p "$ART"

# check_html NAME REPORT expect-findings|expect-clean
check_html() {
    if NODE_PATH="$NPM_DIR/node_modules" node "$SS_ROOT/tests/html/check_report.js" "$2" \
        "$ART/report-$1.png" "$3" >"$TEST_TMP/html.out" 2>&1; then
        ok "$1: renders in headless Chromium, every section present (screenshot $ART/report-$1.png)"
    else
        not_ok "$1: the Chromium check failed"
        cat "$TEST_TMP/html.out" >&2
    fi
}

lab_start seedstyle LAB_MODE=vulnerable
scan --html "$TEST_TMP/vulnerable.html"
expect_exit vulnerable 1
cp "$TEST_TMP/vulnerable.html" "$ART/report-vulnerable.html"
check_html vulnerable "$TEST_TMP/vulnerable.html" expect-findings
if grep -Eq '<script|src="http|href="http|@import|url\(http' "$TEST_TMP/vulnerable.html"; then
    not_ok "vulnerable: the report references something outside itself"
else ok "vulnerable: self-contained (no script, no external resource)"; fi
lab_stop

lab_start seedstyle LAB_MODE=hardened LAB_TLS=1
scan --html "$TEST_TMP/clean.html"
expect_exit clean 0
cp "$TEST_TMP/clean.html" "$ART/report-clean.html"
check_html clean "$TEST_TMP/clean.html" expect-clean
lab_stop

finish
