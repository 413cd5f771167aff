#!/usr/bin/env bash
# Self-test of the flask lab target with plain curl (tests the lab, not
# sessionscan): Flask's default client-side session changes at login (no
# fixation) but cannot be invalidated by logout or a new login, and
# start/stop leave no process behind. Ends with "N passed, N failed"; exit 0
# only if nothing failed.
#
#   lab/flask/selftest.sh
set -euo pipefail

LAB=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../lib/selftest.sh
source "$LAB/lib/selftest.sh" flask
sess() { sed -n 's/^set-cookie: session=\([^;]*\).*/\1/ip' "$TMP/h" | tr -d '\r' | tail -1; }
cookie_line() { grep -i '^set-cookie: session=' "$TMP/h" | tr -d '\r' | tail -1; }
login() { http -b "session=$1" -H "$J" -d "$ALICE" "$U/login"; }
profile() { http -b "session=$1" "$U/profile"; }

lab_start flask

eq "GET / 200" 200 "$(http "$U/")"
eq "GET / sets no cookie" "" "$(sess)"
eq "GET /login 200" 200 "$(http "$U/login")"
S0=$(sess)
ne "GET /login issues a pre-login session cookie" "" "$S0"
has "HttpOnly (Flask default)" "; httponly" "$(cookie_line)"
hasnt "no SameSite (Flask default)" samesite "$(cookie_line)"
hasnt "no Secure (Flask default)" "; secure" "$(cookie_line)"
eq "no session: /profile 401" 401 "$(http "$U/profile")"
eq "wrong password 401" 401 "$(http -H "$J" -d '{"username":"alice","password":"x"}' "$U/login")"
eq "form login without _csrf 403" 403 "$(http -d 'username=bob&password=bob-pass-456' "$U/login")"
eq "login with S0 200" 200 "$(login "$S0")"
S1=$(sess)
ne "login changes the cookie" "$S0" "$S1"
eq "S0 not logged in (no fixation)" 401 "$(profile "$S0")"
eq "S1 logged in" 200 "$(profile "$S1")"
eq "logout 200" 200 "$(http -b "session=$S1" -X POST "$U/logout")"
has "logout sends a deletion cookie" "max-age=0" "$(cookie_line)"
eq "S1 replayed after logout still logged in (client-side session)" 200 "$(profile "$S1")"
sleep 1.1 # the signature's timestamp has 1 s resolution; login_at changes anyway
login "$S1" >/dev/null
S2=$(sess)
ne "second login issues another cookie" "$S1" "$S2"
eq "S2 logged in" 200 "$(profile "$S2")"
eq "S1 still logged in after the second login" 200 "$(profile "$S1")"
if [ "${S1: -1}" = A ]; then T="${S1%?}B"; else T="${S1%?}A"; fi
eq "tampered cookie rejected" 401 "$(profile "$T")"
eq "unknown route 404" 404 "$(http "$U/nope")"

stop
summary
