#!/usr/bin/env bash
# Self-test of the php lab target with plain curl (tests the lab, not
# sessionscan): the fixation is really there with LAB_MODE=vulnerable and
# really gone with hardened, and start/stop leave no process behind.
# Ends with "N passed, N failed"; exit 0 only if nothing failed.
#
#   lab/php/selftest.sh
set -euo pipefail

LAB=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../lib/selftest.sh
source "$LAB/lib/selftest.sh" php
start() { lab_start php "$@"; }
sid() { sed -n 's/^set-cookie: PHPSESSID=\([^;]*\).*/\1/ip' "$TMP/h" | tr -d '\r' | tail -1; }
cookie_line() { grep -i '^set-cookie: PHPSESSID=' "$TMP/h" | tr -d '\r' | tail -1; }
login() { http -b "PHPSESSID=$1" -H "$J" -d "$ALICE" "$U/login${2:-}"; }
profile() { http -b "PHPSESSID=$1" "$U/profile"; }
X=abcdef0123456789abcdef0123

# --- vulnerable -------------------------------------------------------------
start LAB_MODE=vulnerable
eq "vuln: GET / 200" 200 "$(http "$U/")"
S0=$(sid)
ne "vuln: GET / issues PHPSESSID" "" "$S0"
hasnt "vuln: no HttpOnly (PHP default)" httponly "$(cookie_line)"
eq "vuln: wrong password 401" 401 "$(http -H "$J" -d '{"username":"alice","password":"x"}' "$U/login")"
eq "vuln: login with S0 200" 200 "$(login "$S0")"
eq "vuln: login keeps the id (no Set-Cookie)" "" "$(sid)"
eq "vuln: S0 logged in after login (fixation)" 200 "$(profile "$S0")"
eq "vuln: invented id not logged in before" 401 "$(profile "$X")"
login "$X" >/dev/null
eq "vuln: invented id logged in after login (adoption)" 200 "$(profile "$X")"
W=linkid0123456789abcdefghij
http "$U/login?PHPSESSID=$W" >/dev/null
has "vuln: trans-sid rewrites the login form" "name=\"PHPSESSID\" value=\"$W\"" "$(cat "$TMP/b")"
eq "vuln: form login carrying the URL id 200" 200 \
  "$(http -d "PHPSESSID=$W&username=alice&password=alice-pass-123" "$U/login")"
eq "vuln: URL id logged in (fixation by link)" 200 "$(http "$U/profile?PHPSESSID=$W")"
V=urlonly123456789abcdefghij
eq "vuln: JSON login with ?PHPSESSID= 200" 200 "$(http -H "$J" -d "$ALICE" "$U/login?PHPSESSID=$V")"
eq "vuln: that id logged in as a cookie" 200 "$(profile "$V")"
eq "vuln: logout 200" 200 "$(http -b "PHPSESSID=$S0" -X POST "$U/logout")"
has "vuln: logout expires the cookie" "PHPSESSID=deleted" "$(cookie_line)"
eq "vuln: old cookie after logout 401" 401 "$(profile "$S0")"
eq "vuln: form login 200" 200 "$(http -d 'username=bob&password=bob-pass-456' "$U/login")"
eq "vuln: unknown route 404" 404 "$(http "$U/nope")"
stop

# --- hardened (default) -----------------------------------------------------
start
http "$U/" >/dev/null
S0=$(sid)
has "hard: HttpOnly" "; httponly" "$(cookie_line)"
has "hard: SameSite=Strict" "samesite=strict" "$(cookie_line)"
hasnt "hard: no Secure over http" "; secure" "$(cookie_line)"
eq "hard: login with S0 200" 200 "$(login "$S0")"
S1=$(sid)
ne "hard: login rotates" "$S0" "$S1"
eq "hard: S0 not logged in" 401 "$(profile "$S0")"
eq "hard: S1 logged in" 200 "$(profile "$S1")"
login "$S1" >/dev/null
S2=$(sid)
ne "hard: re-login rotates again" "$S1" "$S2"
eq "hard: S1 dead after re-login" 401 "$(profile "$S1")"
http -b "PHPSESSID=$X" "$U/" >/dev/null
R=$(sid)
ne "hard: invented id replaced (strict mode)" "$X" "$R"
login "$X" >/dev/null
eq "hard: invented id not logged in" 401 "$(profile "$X")"
http "$U/login?PHPSESSID=$W" >/dev/null
hasnt "hard: no trans-sid rewriting" "PHPSESSID" "$(cat "$TMP/b")"
http -H "$J" -d "$ALICE" "$U/login?PHPSESSID=$W" >/dev/null
eq "hard: URL id ignored" 401 "$(http "$U/profile?PHPSESSID=$W")"
eq "hard: URL id not logged in as cookie" 401 "$(profile "$W")"
eq "hard: logout 200" 200 "$(http -b "PHPSESSID=$S2" -X POST "$U/logout")"
eq "hard: old cookie after logout 401" 401 "$(profile "$S2")"
stop

summary
