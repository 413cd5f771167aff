#!/usr/bin/env bash
# Start a sessionscan lab target on 127.0.0.1 on a free port. For the Node
# apps: in-memory DynamoDB (dynalite), its session table, and the app. For
# php (PHP built-in server, native sessions) and flask (Flask's client-side
# cookie session): only the app.
#
#   lab/start.sh APP STATE_DIR   APP = seedstyle | expresssession | php | flask
#
# LAB_* switches in the environment are passed through to the app (see
# lab/README.md). On success prints, and writes to STATE_DIR/env:
#   LAB_URL=...  [DYNAMO_URL=...  SESSION_TABLE=...  LAB_CA=...]  (Node apps)
#   LAB_URL=...                                                   (php, flask)
# Stop with lab/stop.sh STATE_DIR. On failure it stops what it started and
# exits non-zero with the reason on stderr.
set -euo pipefail

usage() {
  echo "usage: $0 seedstyle|expresssession|php|flask STATE_DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
APP=$1
STATE=$2
case "$APP" in
  seedstyle) HASH_KEY=sessionId; DEFAULT_TABLE=sessions; TTL_ATTR_DEFAULT=expiresAt ;;
  expresssession) HASH_KEY=id; DEFAULT_TABLE=express-sessions; TTL_ATTR_DEFAULT=expires ;;
  php|flask) ;;
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
rm -rf "$STATE/php-sessions"

# wait_line FILE PREFIX PID: print the first line of FILE starting with PREFIX,
# waiting at most WAIT_S seconds and failing early if PID dies.
wait_line() {
  local file=$1 prefix=$2 pid=$3 line
  for _ in $(seq 1 $((WAIT_S * 10))); do
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

# wait_url URL PID DEADLINE [LOG LINE]: wait until URL/lab-ready answers HTTP (any
# status) while PID lives (and, if given, LOG contains the fixed string LINE),
# at most until $SECONDS reaches DEADLINE.
wait_url() {
  local url=$1 pid=$2 deadline=$3 log=${4:-} line=${5:-}
  while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || return 1
    if { [ -z "$log" ] || grep -qF -- "$line" "$log"; } &&
      curl -s -o /dev/null --max-time 1 "$url/lab-ready" 2>/dev/null; then
      kill -0 "$pid" 2>/dev/null || return 1
      return 0
    fi
    sleep 0.1
  done
  return 1
}

if [ "$APP" = php ] || [ "$APP" = flask ]; then
  case "${LAB_TLS:-0}" in
    1|true|yes|on) die "LAB_TLS=1 is only supported by the Node apps, not $APP" ;;
  esac
  command -v curl >/dev/null || die "curl not found"
  DEADLINE=$((SECONDS + WAIT_S))
fi

# --- php: PHP built-in server, native file sessions in STATE_DIR -----------
if [ "$APP" = php ]; then
  command -v php >/dev/null || die "php not found (apt-get install php-cli)"
  # free_port: a port the kernel just handed out on 127.0.0.1 (php -S cannot
  # bind port 0); another process may take it before php does, hence retries.
  free_port() {
    if command -v node >/dev/null; then
      node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
    else
      # shellcheck disable=SC2016  # PHP code, not shell
      php -n -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1),"\n";'
    fi
  }
  mkdir -p "$STATE/php-sessions"
  : >"$STATE/app.log"
  LAB_URL=
  for _ in 1 2 3 4 5; do
    PORT=${LAB_PORT:-}
    if [ -z "$PORT" ] || [ "$PORT" = 0 ]; then
      PORT=$(free_port) || die "could not find a free port"
    fi
    [[ "$PORT" =~ ^[1-9][0-9]*$ ]] || die "bad port '$PORT'"
    "$LAB_DIR/php/serve.sh" "$PORT" "$STATE/php-sessions" >>"$STATE/app.log" 2>&1 </dev/null &
    APID=$!
    STARTED=("$APID")
    echo "$APID" >"$STATE/app.pid"
    if wait_url "http://127.0.0.1:$PORT" "$APID" "$DEADLINE" \
      "$STATE/app.log" "Development Server (http://127.0.0.1:$PORT) started"; then
      LAB_URL="http://127.0.0.1:$PORT"
      break
    fi
    if kill -0 "$APID" 2>/dev/null; then
      tail -n 20 "$STATE/app.log" >&2 || true
      die "php did not answer on port $PORT within ${WAIT_S}s (log: $STATE/app.log)"
    fi
    wait "$APID" 2>/dev/null || true
    STARTED=()
    rm -f "$STATE/app.pid"
    if grep -qF "Failed to listen on 127.0.0.1:$PORT" "$STATE/app.log" &&
      [ "${LAB_PORT:-0}" = 0 ] && [ "$SECONDS" -lt "$DEADLINE" ]; then
      echo "start.sh: port $PORT was taken before php could bind it; retrying" >&2
      continue
    fi
    tail -n 20 "$STATE/app.log" >&2 || true
    die "php exited before answering (log: $STATE/app.log)"
  done
  [ -n "$LAB_URL" ] || die "php could not bind a free port after 5 attempts (log: $STATE/app.log)"
  printf 'LAB_URL=%s\n' "$LAB_URL" >"$STATE/env.tmp"
  mv "$STATE/env.tmp" "$STATE/env"
  cat "$STATE/env"
  exit 0
fi

# --- flask: Flask's default client-side session -----------------------------
if [ "$APP" = flask ]; then
  # Debian's python3-flask by default: a pyenv/venv python3 earlier on PATH
  # may carry another Flask. LAB_PYTHON overrides.
  PY=${LAB_PYTHON:-}
  if [ -z "$PY" ]; then
    for cand in /usr/bin/python3 python3; do
      if command -v "$cand" >/dev/null && "$cand" -c 'import flask' 2>/dev/null; then
        PY=$(command -v "$cand")
        break
      fi
    done
  fi
  [ -n "$PY" ] || die "no python3 with Flask found (apt-get install python3-flask, or set LAB_PYTHON)"
  # The app binds LAB_PORT (default 0: the kernel picks a free port, no race)
  # before it prints LAB_URL.
  LAB_PORT=${LAB_PORT:-0} "$PY" -u "$LAB_DIR/flask/app.py" >"$STATE/app.log" 2>&1 </dev/null &
  APID=$!
  STARTED+=("$APID")
  echo "$APID" >"$STATE/app.pid"
  ALINE=$(wait_line "$STATE/app.log" 'LAB_URL=' "$APID") || {
    tail -n 20 "$STATE/app.log" >&2 || true
    die "flask did not report its URL within ${WAIT_S}s or exited (log: $STATE/app.log)"
  }
  wait_url "${ALINE#LAB_URL=}" "$APID" "$DEADLINE" || {
    tail -n 20 "$STATE/app.log" >&2 || true
    die "flask did not answer at ${ALINE#LAB_URL=} within ${WAIT_S}s (log: $STATE/app.log)"
  }
  printf '%s\n' "$ALINE" >"$STATE/env.tmp"
  mv "$STATE/env.tmp" "$STATE/env"
  cat "$STATE/env"
  exit 0
fi

command -v node >/dev/null || die "node not found"

if [ ! -d "$LAB_DIR/node_modules" ]; then
  echo "start.sh: installing lab dependencies from the lockfile (npm ci)" >&2
  (cd "$LAB_DIR" && npm ci --ignore-scripts --no-audit --no-fund >&2) || die "npm ci failed"
fi

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
