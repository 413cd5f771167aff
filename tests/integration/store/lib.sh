# Shared setup for tests/integration/test_store_*.sh: the lab (dynalite + app), the TTL/fault
# proxy and the fixture seeding. Source it; call store_setup APP first. Everything started here is
# stopped by PID on exit.
set -euo pipefail

: "${SESSIONSCAN:?set by ctest}" "${SS_ROOT:?set by ctest}"
LAB_DIR=${SS_LAB_DIR:-$SS_ROOT/lab}
STORE_DIR=$SS_ROOT/tests/integration/store
export NODE_PATH=$LAB_DIR/node_modules
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORK=$(mktemp -d)
PROXY_PIDS=()

# Fixture credentials for the local endpoint; real ones in the environment must not leak in.
export AWS_ACCESS_KEY_ID=AKIDSTORETEST AWS_SECRET_ACCESS_KEY=store-test-secret-do-not-print
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION
export HOME=$WORK/home AWS_CONFIG_FILE=$WORK/none AWS_SHARED_CREDENTIALS_FILE=$WORK/none
mkdir -p "$HOME"

store_cleanup() {
  local pid
  for pid in "${PROXY_PIDS[@]+"${PROXY_PIDS[@]}"}"; do kill -TERM "$pid" 2>/dev/null || true; done
  [ -d "$WORK/lab" ] && "$LAB_DIR/stop.sh" "$WORK/lab" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap store_cleanup EXIT

skip() {
  echo "SKIP: $*"
  exit 0
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# store_setup APP: starts the lab app (LAB_* switches from the environment); sets LAB_URL,
# DYNAMO_URL, SESSION_TABLE.
store_setup() {
  command -v node >/dev/null || skip "node is not installed (the lab needs it)"
  [ -x "$LAB_DIR/start.sh" ] || skip "no lab at $LAB_DIR"
  local out
  out=$("$LAB_DIR/start.sh" "$1" "$WORK/lab") || fail "lab did not start"
  eval "$(printf '%s\n' "$out" | grep -E '^(LAB_URL|DYNAMO_URL|SESSION_TABLE)=')"
  export LAB_URL DYNAMO_URL SESSION_TABLE
}

# start_proxy NAME [VAR=VALUE...]: proxy in front of dynalite; sets PROXY_URL, ops in $WORK/NAME.ops
start_proxy() {
  local name=$1 i line=
  shift
  env UPSTREAM="$DYNAMO_URL" OPS_LOG="$WORK/$name.ops" "$@" node "$STORE_DIR/ttl-proxy.js" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PROXY_PIDS+=($!)
  for i in $(seq 1 100); do
    line=$(grep -m1 '^PROXY_URL=' "$WORK/$name.out" 2>/dev/null || true)
    [ -n "$line" ] && break
    sleep 0.1
  done
  [ -n "$line" ] || fail "ttl-proxy did not start: $(cat "$WORK/$name.err")"
  PROXY_URL=${line#PROXY_URL=}
  : >>"$WORK/$name.ops"
}

seed() {
  DYNAMO_URL=$DYNAMO_URL node "$STORE_DIR/seed.js" "$@"
}

# run_store OUT_NAME ARGS...: runs sessionscan store, saving stdout+stderr; sets RC.
run_store() {
  local name=$1
  shift
  set +e
  "$SESSIONSCAN" store "$@" >"$WORK/$name.txt" 2>&1
  RC=$?
  set -e
}

expect_rc() {
  [ "$RC" -eq "$1" ] || { cat "$WORK/$2.txt" >&2; fail "$2: exit $RC, expected $1"; }
}

has() {
  grep -qF -- "$2" "$WORK/$1.txt" || { cat "$WORK/$1.txt" >&2; fail "$1: missing '$2'"; }
}

hasnt() {
  if grep -qF -- "$2" "$WORK/$1.txt"; then cat "$WORK/$1.txt" >&2; fail "$1: unexpected '$2'"; fi
}

# Full IDs of the fixture (seed.js ID(n)): never printed whole.
full_id() {
  local h
  h=$(printf '%02x' "$1")
  printf "$h%.0s" $(seq 16)
}
