# Non-Node targets started for real from Debian packages: PHP's built-in server with native
# sessions, and Flask with its default signed client-side session. The expected rule ids are what
# a careful manual test gives (lab/README.md has the curl transcripts).
source "$(dirname "$0")/lib.sh"

# PHP without strict mode, with trans-sid and without session_regenerate_id(): fixation three ways,
# the ID accepted from URLs, and PHP's default cookie attributes.
lab_start php LAB_MODE=vulnerable
scan --logout /logout
expect_rules "php vulnerable" \
    "SS-COOKIE-HTTPONLY SS-COOKIE-SAMESITE SS-COOKIE-SECURE SS-FIX-ADOPT SS-FIX-CONFIRMED SS-FIX-URL SS-ID-IN-URL SS-REAUTH-NO-ROTATE"
for r in SS-FIX-ADOPT SS-FIX-CONFIRMED SS-FIX-URL; do expect_confidence "php vulnerable" $r confirmed; done
lab_stop

# session.use_strict_mode=1, session_regenerate_id(true), HttpOnly, SameSite=Strict: only the
# cleartext session of a plain-http loopback target remains (rated low).
lab_start php LAB_MODE=hardened
scan --logout /logout
expect_rules "php hardened" "SS-COOKIE-SECURE"
expect_exit "php hardened" 0
lab_stop

# Flask's default session lives in a signed cookie: logout cannot invalidate it, earlier logins
# stay valid, and the scanner says why.
lab_start flask
scan --logout /logout
expect_rules "flask" "SS-CONCURRENT SS-COOKIE-SAMESITE SS-COOKIE-SECURE SS-LOGOUT-ALIVE"
jq -e '.findings[] | select(.rule == "SS-LOGOUT-ALIVE") | .message | test("client-side session")' \
    "$SCAN_JSON" >/dev/null && ok "flask: logout finding names the client-side session" ||
    not_ok "flask: logout finding does not explain the client-side session"
lab_stop

finish
