#!/usr/bin/env bash
# Builds every libFuzzer target with clang (ASan + UBSan) and runs each for SECONDS (default 60)
# from its seed corpus in tests/fuzz/corpus/<name>/. Prints executions and coverage per target.
# Usage: bash scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DSS_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
status=0
for bin in build-fuzz/tests/fuzz/fuzz_*; do
    name=$(basename "$bin")
    name=${name#fuzz_}
    work="build-fuzz/corpus-run/$name"
    mkdir -p "$work"
    log="build-fuzz/$name.log"
    if "$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 "$work" \
        "tests/fuzz/corpus/$name" >"$log" 2>&1; then
        line=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
        echo "fuzz $name: ok — ${line}"
    else
        echo "fuzz $name: FAILED (see $log)"
        tail -n 30 "$log"
        status=1
    fi
done
exit $status
