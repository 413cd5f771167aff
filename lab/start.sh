#!/usr/bin/env bash
# Start a sessionscan lab target: in-memory DynamoDB (dynalite), its session
# table, and one app, all on 127.0.0.1 on free ports.
#
#   lab/start.sh APP STATE_DIR      APP = seedstyle | expresssession
#
# LAB_* switches in the environment are passed through to the app (see
# lab/README.md). On success prints, and writes to STATE_DIR/env:
#   LAB_URL=...  DYNAMO_URL=...  SESSION_TABLE=...  [LAB_CA=...]
# Stop with lab/stop.sh STATE_DIR. On failure it stops what it started and
# exits non-zero with the reason on stderr.
set -euo pipefail

usage() {
  echo "usage: $0 seedstyle|expresssession STATE_DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
APP=$1
STATE=$2
case "$APP" in
  seedstyle) HASH_KEY=sessionId; DEFAULT_TABLE=sessions; TTL_ATTR_DEFAULT=expiresAt ;;
  expresssession) HASH_KEY=id; DEFAULT_TABLE=express-sessions; TTL_ATTR_DEFAULT=expires ;;
  *) echo "start.sh: unknown app '$APP'" >&2; usage ;;
esac

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
WAIT_S=15

die() {
  echo "start.sh: $*" >&2
  exit 1
}

STARTED=()
cleanup_on_error() {
  local rc=$?
  trap - EXIT
  if [ "$rc" -ne 0 ]; then
    local pid
    for pid in "${STARTED[@]+"${STARTED[@]}"}"; do
      kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${STARTED[@]+"${STARTED[@]}"}"; do
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    done
    rm -f "$STATE/app.pid" "$STATE/dynalite.pid"
  fi
  exit "$rc"
}
trap cleanup_on_error EXIT

# Refuse to start over a lab that is still running from this state dir.
for f in app.pid dynalite.pid; do
  if [ -s "$STATE/$f" ] && kill -0 "$(cat "$STATE/$f")" 2>/dev/null; then
    echo "start.sh: $STATE/$f: process $(cat "$STATE/$f") still running; run lab/stop.sh $STATE first" >&2
    trap - EXIT
    exit 1
  fi
done
rm -f "$STATE/app.pid" "$STATE/dynalite.pid" "$STATE/env" "$STATE/app.log" \
  "$STATE/dynalite.out" "$STATE/dynalite.log"

command -v node >/dev/null || die "node not found"

if [ ! -d "$LAB_DIR/node_modules" ]; then
  echo "start.sh: installing lab dependencies from the lockfile (npm ci)" >&2
  (cd "$LAB_DIR" && npm ci --ignore-scripts --no-audit --no-fund >&2) || die "npm ci failed"
fi

# wait_line FILE PREFIX PID: print the first line of FILE starting with PREFIX,
# waiting at most WAIT_S seconds and failing early if PID dies.
wait_line() {
  local file=$1 prefix=$2 pid=$3 line i
  for i in $(seq 1 $((WAIT_S * 10))); do
    line=$(grep -m1 "^$prefix" "$file" 2>/dev/null || true)
    if [ -n "$line" ]; then
      printf '%s\n' "$line"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# --- DynamoDB ---------------------------------------------------------------
node "$LAB_DIR/dynalite.js" >"$STATE/dynalite.out" 2>"$STATE/dynalite.log" </dev/null &
DPID=$!
STARTED+=("$DPID")
echo "$DPID" >"$STATE/dynalite.pid"
DLINE=$(wait_line "$STATE/dynalite.out" 'DYNAMO_URL=' "$DPID") || {
  cat "$STATE/dynalite.log" >&2 || true
  die "dynalite did not report its URL within ${WAIT_S}s or exited (log: $STATE/dynalite.log)"
}
DYNAMO_URL=${DLINE#DYNAMO_URL=}
export DYNAMO_URL

# --- table ------------------------------------------------------------------
SESSION_TABLE=${SESSION_TABLE:-$DEFAULT_TABLE}
export SESSION_TABLE
# Time To Live on the expiry attribute: on by default for the fixed modes.
case "${LAB_MODE:-hardened}" in
  hardened|fixed) TTL_DEFAULT=1 ;;
  *) TTL_DEFAULT=0 ;;
esac
TTL_ARG=()
if [ "${LAB_STORE_TTL:-$TTL_DEFAULT}" = 1 ]; then
  TTL_ARG=("${LAB_STORE_TTL_ATTR:-$TTL_ATTR_DEFAULT}")
fi
timeout "$WAIT_S" node "$LAB_DIR/create-table.js" "$SESSION_TABLE" "$HASH_KEY" "${TTL_ARG[@]+"${TTL_ARG[@]}"}" \
  </dev/null >&2 || die "could not create table $SESSION_TABLE"

# --- TLS --------------------------------------------------------------------
LAB_CA=
case "${LAB_TLS:-0}" in 1|true|yes|on) LAB_TLS=1 ;; *) LAB_TLS=0 ;; esac
export LAB_TLS
if [ "$LAB_TLS" = 1 ]; then
  command -v openssl >/dev/null || die "LAB_TLS=1 needs the openssl CLI"
  TLS_DIR="$STATE/tls"
  mkdir -p "$TLS_DIR"
  (
    set -e
    cd "$TLS_DIR"
    rm -f ./*.pem ./*.csr ./*.srl ./*.cnf
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -sha256 \
      -keyout ca-key.pem -out ca.pem -subj "/CN=sessionscan lab throwaway CA" \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req -newkey rsa:2048 -nodes -sha256 \
      -keyout server-key.pem -out server.csr -subj "/CN=127.0.0.1"
    cat >server.cnf <<'EOF'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EOF
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
      -days 2 -sha256 -extfile server.cnf -out server.pem
    chmod 600 ca-key.pem server-key.pem
  ) >"$STATE/tls.log" 2>&1 || { cat "$STATE/tls.log" >&2; die "could not create the TLS certificates"; }
  export LAB_TLS_CERT="$TLS_DIR/server.pem" LAB_TLS_KEY="$TLS_DIR/server-key.pem"
  LAB_CA="$TLS_DIR/ca.pem"
fi

# --- app --------------------------------------------------------------------
node "$LAB_DIR/apps/$APP.js" >"$STATE/app.log" 2>&1 </dev/null &
APID=$!
STARTED+=("$APID")
echo "$APID" >"$STATE/app.pid"
ALINE=$(wait_line "$STATE/app.log" 'LAB_URL=' "$APID") || {
  tail -n 20 "$STATE/app.log" >&2 || true
  if kill -0 "$APID" 2>/dev/null; then
    die "$APP did not report its URL within ${WAIT_S}s (log: $STATE/app.log)"
  fi
  die "$APP exited before reporting its URL (log: $STATE/app.log)"
}

{
  printf '%s\n' "$ALINE"
  printf 'DYNAMO_URL=%s\n' "$DYNAMO_URL"
  printf 'SESSION_TABLE=%s\n' "$SESSION_TABLE"
  if [ -n "$LAB_CA" ]; then printf 'LAB_CA=%s\n' "$LAB_CA"; fi
} >"$STATE/env.tmp"
mv "$STATE/env.tmp" "$STATE/env"
cat "$STATE/env"
