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
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sessionscan-flask-selftest.XXXXXX")
PASS=0 FAIL=0 STATE=''
for v in $(compgen -e); do
  case "$v" in LAB_*) unset "$v" ;; esac
done
cleanup() {
  if [ -n "$STATE" ]; then "$LAB/stop.sh" "$STATE" >/dev/null 2>&1 || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

ok() { PASS=$((PASS + 1)); echo "ok - $1"; }
bad() { FAIL=$((FAIL + 1)); echo "not ok - $1"; }
eq() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1 (expected '$2', got '$3')"; fi; }
ne() { if [ "$2" != "$3" ]; then ok "$1"; else bad "$1 (both '$2')"; fi; }
has() { if grep -qi -- "$2" <<<"$3"; then ok "$1"; else bad "$1 ('$2' not in '$3')"; fi; }
hasnt() { if grep -qi -- "$2" <<<"$3"; then bad "$1 ('$2' in '$3')"; else ok "$1"; fi; }
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ "$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" != Z ]
}
http() { curl -sS --max-time 10 -D "$TMP/h" -o "$TMP/b" -w '%{http_code}' "$@"; }
sess() { sed -n 's/^set-cookie: session=\([^;]*\).*/\1/ip' "$TMP/h" | tr -d '\r' | tail -1; }
cookie_line() { grep -i '^set-cookie: session=' "$TMP/h" | tr -d '\r' | tail -1; }
J='content-type: application/json'
ALICE='{"username":"alice","password":"alice-pass-123"}'
login() { http -b "session=$1" -H "$J" -d "$ALICE" "$U/login"; }
profile() { http -b "session=$1" "$U/profile"; }

STATE=$TMP/flask
if ! "$LAB/start.sh" flask "$STATE" >"$TMP/start.out" 2>"$TMP/start.err"; then
  bad "start flask"; cat "$TMP/start.err" >&2; STATE=''
  echo "$PASS passed, $FAIL failed"; exit 1
fi
U=$(sed -n 's/^LAB_URL=//p' "$STATE/env")
echo "# flask -> $U"

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

pid=$(cat "$STATE/app.pid")
"$LAB/stop.sh" "$STATE"
STATE=''
if alive "$pid"; then bad "stop leaves no process behind ($pid)"; else ok "stop leaves no process behind ($pid)"; fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
