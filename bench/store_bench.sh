#!/usr/bin/env bash
# Store audit benchmark: fills a local dynalite with seed-layout session items (batch writes from
# tests/integration/store/seed.js) and runs bench/store_bench at 10k and 100k items, one segment
# and four. Needs node and the lab's node_modules (npm ci --prefix lab).
#
#   bench/store_bench.sh BUILD_DIR [SIZES...]     (default sizes: 10000 100000)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:?usage: bench/store_bench.sh BUILD_DIR [SIZES...]}
shift
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000 100000); fi
LAB_DIR=${SS_LAB_DIR:-$ROOT/lab}
export NODE_PATH=$LAB_DIR/node_modules AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
[ -d "$LAB_DIR/node_modules" ] || npm ci --prefix "$LAB_DIR" --no-audit --no-fund >&2
WORK=$(mktemp -d)
node "$LAB_DIR/dynalite.js" >"$WORK/dynalite.out" 2>"$WORK/dynalite.log" &
DPID=$!
trap 'kill -TERM $DPID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do grep -q '^DYNAMO_URL=' "$WORK/dynalite.out" && break; sleep 0.1; done
DYNAMO_URL=$(sed -n 's/^DYNAMO_URL=//p' "$WORK/dynalite.out")
[ -n "$DYNAMO_URL" ] || { echo "dynalite did not start" >&2; exit 1; }
export DYNAMO_URL
for n in "${SIZES[@]}"; do
  t0=$(date +%s.%N)
  node "$ROOT/tests/integration/store/seed.js" bulk "bench$n" "$n"
  echo "filled bench$n with $n items in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
  for seg in 1 4; do
    "$BUILD/bench/store_bench" "$DYNAMO_URL" "bench$n" "$seg"
    "$BUILD/bench/store_bench" "$DYNAMO_URL" "bench$n" "$seg" 1000
  done
done
