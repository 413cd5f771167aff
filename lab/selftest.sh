#!/usr/bin/env bash
# Self-test of the lab targets with plain curl: each mode behaves as
# lab/README.md says (the fixation is really there in the vulnerable modes and
# really gone in the fixed ones), and start/stop leave no process behind.
# This tests the lab, not sessionscan. Ends with "N passed, N failed"; exit 0
# only if nothing failed.
#
#   lab/selftest.sh
set -euo pipefail

LAB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/selftest.sh
source "$LAB/lib/selftest.sh" lab

# start APP VAR=VALUE...: lab_start, and CN, the name of the app's session cookie.
start() {
  lab_start "$@"
  CN=${CN_OVERRIDE:-$([ "$1" = seedstyle ] && echo sessionId || echo connect.sid)}
}

setcookie() { sed -n "s/^set-cookie: \\($CN=[^;]*\\).*/\\1/ip" "$TMP/h" | tr -d '\r' | head -1 | cut -d= -f2-; }
setcookie_line() { grep -i "^set-cookie: $CN=" "$TMP/h" | tr -d '\r' | head -1; }
login() { http -b "$CN=$1" -H "$J" -d "$ALICE" "$U/login${2:-}"; }
profile() { http -b "$CN=$1" "$U/profile"; }

# ---- seedstyle, vulnerable ---------------------------------------------------
start seedstyle LAB_MODE=vulnerable
http "$U/login" >/dev/null; S0=$(setcookie)
ne "vulnerable: GET /login issues a pre-login cookie" "" "$S0"
eq "vulnerable: login with S0 -> 200" 200 "$(login "$S0")"
eq "vulnerable: login keeps the id" "$S0" "$(setcookie)"
eq "vulnerable: S0 alone is logged in after the victim's login (fixation)" 200 "$(profile "$S0")"
X=deadbeefdeadbeefdeadbeefdeadbeef
login "$X" >/dev/null
eq "vulnerable: invented id adopted at login" "$X" "$(setcookie)"
eq "vulnerable: invented id logged in (adoption)" 200 "$(profile "$X")"
Y=cafebabecafebabecafebabecafebabe
http "$U/login?sessionId=$Y" >/dev/null
eq "vulnerable: ?sessionId= sets the cookie" "$Y" "$(setcookie)"
login "$Y" >/dev/null
eq "vulnerable: id planted by link logged in (via URL)" 200 "$(http "$U/profile?sessionId=$Y")"
eq "control: /profile without cookie -> 401" 401 "$(http "$U/profile")"
eq "control: /profile with a never-issued id -> 401" 401 "$(profile 0123456789abcdef0123456789abcdef)"
eq "vulnerable: logout -> 200" 200 "$(http -X POST -b "$CN=$S0" "$U/logout")"
eq "vulnerable: logout destroyed the session" 401 "$(profile "$S0")"
stop

# ---- seedstyle, seed (the write-up's remediation as written) ----------------
start seedstyle LAB_MODE=seed
http "$U/" >/dev/null; S0=$(setcookie)
login "$S0" >/dev/null; S1=$(setcookie)
ne "seed: login rotates the id" "$S0" "$S1"
has "seed: login body carries the new id" "\"sessionId\":\"$S1\"" "$(body)"
eq "seed: S0 not logged in" 401 "$(profile "$S0")"
eq "seed: S1 logged in" 200 "$(profile "$S1")"
http -b "$CN=$S0" "$U/" >/dev/null
eq "seed: old pre-login id still accepted as a session (no new cookie)" "" "$(setcookie)"
eq "seed: no logout route" 404 "$(http -X POST -b "$CN=$S1" "$U/logout")"
login "$X" >/dev/null
ne "seed: invented id not adopted" "$X" "$(setcookie)"
login "$S1" >/dev/null; S2=$(setcookie)
ne "seed: re-login rotates again" "$S1" "$S2"
eq "seed: previous logged-in id still valid (no deletion)" 200 "$(profile "$S1")"
stop

# ---- seedstyle, hardened -----------------------------------------------------
start seedstyle
http "$U/login" >/dev/null; S0=$(setcookie)
A=$(setcookie_line)
has "hardened: cookie HttpOnly" 'HttpOnly' "$A"
has "hardened: cookie Secure" 'Secure' "$A"
has "hardened: cookie SameSite=Strict" 'SameSite=Strict' "$A"
login "$S0" >/dev/null; S1=$(setcookie)
ne "hardened: login rotates the id" "$S0" "$S1"
hasnt "hardened: id not in body" "$S1" "$(body)"
eq "hardened: S0 not logged in after login" 401 "$(profile "$S0")"
eq "hardened: S1 logged in" 200 "$(profile "$S1")"
http -b "$CN=$S0" "$U/" >/dev/null
ne "hardened: old pre-login id gone (new cookie issued)" "" "$(setcookie)"
login "$S1" >/dev/null; S2=$(setcookie)
ne "hardened: re-login rotates" "$S1" "$S2"
eq "hardened: previous id dead after re-login" 401 "$(profile "$S1")"
eq "hardened: logout -> 200" 200 "$(http -X POST -b "$CN=$S2" "$U/logout")"
eq "hardened: replayed cookie after logout -> 401" 401 "$(profile "$S2")"
eq "hardened: unknown ids ignored" 401 "$(login "$X" >/dev/null; profile "$X")"
stop

# ---- seedstyle, hardened over TLS ----------------------------------------------
CN_OVERRIDE=__Host-sessionId start seedstyle LAB_TLS=1
ne "tls: LAB_CA reported" "" "$CA"
eq "tls: https with --cacert" 200 "$(http "$U/login")"
A=$(setcookie_line)
has "tls: __Host- cookie, Path=/, Secure" '__Host-sessionId=.*Path=/;.*Secure' "$A"
hasnt "tls: no Domain" 'Domain=' "$A"
S0=$(setcookie); login "$S0" >/dev/null; S1=$(setcookie)
eq "tls: S0 not logged in" 401 "$(profile "$S0")"
eq "tls: S1 logged in" 200 "$(profile "$S1")"
stop

# ---- seedstyle, single switches ------------------------------------------------
start seedstyle LAB_FORM=1 LAB_LOGIN_FAIL_200=1 LAB_REDIRECT_UNAUTH=1 LAB_ID_GEN=counter LAB_SAMESITE=bogus LAB_MAXAGE_MS=0
http "$U/login" >/dev/null; S0=$(setcookie); T1=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$TMP/b")
has "form: login page has the form" '<form method="post" action="/login">' "$(body)"
has "switch: SameSite=Bogus" 'SameSite=Bogus' "$(setcookie_line)"
hasnt "switch: MAXAGE_MS=0 -> session cookie" 'Max-Age' "$(setcookie_line)"
http -b "$CN=$S0" "$U/login" >/dev/null; T2=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$TMP/b")
ne "form: CSRF token changes per fetch" "$T1" "$T2"
eq "form: stale token -> 403" 403 "$(http -b "$CN=$S0" -d "username=alice&password=alice-pass-123&_csrf=$T1" "$U/login")"
eq "switch: LOGIN_FAIL_200" 200 "$(http -b "$CN=$S0" -d "username=alice&password=nope&_csrf=$T2" "$U/login")"
eq "form: latest token -> 302" 302 "$(http -b "$CN=$S0" -d "username=alice&password=alice-pass-123&_csrf=$T2" "$U/login")"
S1=$(setcookie)
eq "switch: ID_GEN=counter" "00000000000000000000000000000001 00000000000000000000000000000002" "$S0 $S1"
eq "switch: REDIRECT_UNAUTH" 302 "$(http "$U/profile")"
has "switch: REDIRECT_UNAUTH to /login" '^location: /login' "$(tr -d '\r' <"$TMP/h")"
stop

start seedstyle LAB_TTL_SECONDS=1 LAB_CHECK_EXPIRY=0
login "" >/dev/null; S1=$(setcookie)
sleep 2.2
eq "switch: CHECK_EXPIRY=0 accepts an expired item" 200 "$(profile "$S1")"
stop
start seedstyle LAB_TTL_SECONDS=1
login "" >/dev/null; S1=$(setcookie)
sleep 2.2
eq "switch: CHECK_EXPIRY=1 rejects an expired item" 401 "$(profile "$S1")"
stop

# ---- expresssession --------------------------------------------------------------
start expresssession LAB_MODE=vulnerable
http "$U/" >/dev/null; S0=$(setcookie)
has "express vulnerable: signed connect.sid on first visit" '^s%3A' "$S0"
login "$S0" >/dev/null
eq "express vulnerable: login sets no new cookie" "" "$(setcookie)"
eq "express vulnerable: S0 logged in after the victim's login (fixation)" 200 "$(profile "$S0")"
eq "express vulnerable: logout -> 200" 200 "$(http -X POST -b "$CN=$S0" "$U/logout")"
eq "express vulnerable: logout destroyed the session" 401 "$(profile "$S0")"
stop

start expresssession LAB_MODE=fixed
http "$U/" >/dev/null; S0=$(setcookie)
login "$S0" >/dev/null; S1=$(setcookie)
ne "express fixed: login regenerates the id" "$S0" "$S1"
eq "express fixed: S0 not logged in" 401 "$(profile "$S0")"
eq "express fixed: S1 logged in" 200 "$(profile "$S1")"
eq "express fixed: logout -> 200" 200 "$(http -X POST -b "$CN=$S1" "$U/logout")"
eq "express fixed: replayed cookie after logout -> 401" 401 "$(profile "$S1")"
stop

start expresssession LAB_TLS=1 LAB_ID_IN_BODY=1
eq "express tls: https with --cacert" 200 "$(http "$U/")"
has "express tls: Secure cookie" 'Secure' "$(setcookie_line)"
S0=$(setcookie); login "$S0" >/dev/null; S1=$(setcookie)
has "express tls: sessionID in body" '"sessionID":' "$(body)"
eq "express tls: S0 not logged in" 401 "$(profile "$S0")"
eq "express tls: S1 logged in" 200 "$(profile "$S1")"
stop

summary
