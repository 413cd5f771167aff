# Shared by the lab self-tests (lab/selftest.sh, lab/php/selftest.sh, lab/flask/selftest.sh):
# counters and checks, starting and stopping one lab target, curl. Sourced by bash with LAB set to
# the lab folder:   source "$LAB/lib/selftest.sh" NAME
# Each test ends with `summary`, which prints "N passed, N failed" and fails if anything did.

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sessionscan-$1-selftest.XXXXXX")
PASS=0 FAIL=0 STATE='' N=0 U='' CA=''

# The lab must see only the switches each case sets.
for v in $(compgen -e); do
  case "$v" in LAB_*|SESSION_TABLE|DYNAMO_URL) unset "$v" ;; esac
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
summary() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}

alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ "$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# lab_start APP VAR=VALUE...: starts a lab target with those switches; sets STATE, U and CA.
lab_start() {
  local app=$1
  shift
  N=$((N + 1))
  STATE=$TMP/$N-$app
  if ! env "$@" "$LAB/start.sh" "$app" "$STATE" >"$TMP/start.out" 2>"$TMP/start.err"; then
    bad "start $app $*"
    cat "$TMP/start.err" >&2
    STATE=''
    summary
    exit 1
  fi
  U=$(sed -n 's/^LAB_URL=//p' "$STATE/env")
  CA=$(sed -n 's/^LAB_CA=//p' "$STATE/env")
  echo "# $app $* -> $U"
}

# stop: stops the running target and checks that none of its processes is left.
stop() {
  local pids p left=''
  pids=$(cat "$STATE"/*.pid)
  "$LAB/stop.sh" "$STATE"
  for p in $pids; do if alive "$p"; then left="$left $p"; fi; done
  eq "stop leaves no process behind ($(echo $pids))" "" "$left"
  STATE=''
}

# http ARGS...: prints the status; headers in $TMP/h, body in $TMP/b.
http() {
  curl -sS --max-time 10 ${CA:+--cacert "$CA"} -D "$TMP/h" -o "$TMP/b" -w '%{http_code}' "$@"
}
body() { cat "$TMP/b"; }
J='content-type: application/json'
ALICE='{"username":"alice","password":"alice-pass-123"}'
