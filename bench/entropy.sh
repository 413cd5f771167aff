#!/bin/sh
# The SP 800-90B battery on every reference data set and the whole token analysis on the three
# reference token lists, each in its own process (so that each peak RSS is its own), REPEAT times:
# prints one table row per run. Usage: bench/entropy.sh [BUILD_DIR] [REPEAT]
# BUILD_DIR (default build-rel) is configured as a Release build when it does not exist yet.
set -eu
build=${1:-build-rel}
repeat=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target bench_entropy >/dev/null
b="$build/bench/bench_entropy"
echo "| input | samples | wall s | cpu s | peak RSS MiB |"
echo "|---|---|---|---|---|"
for set in urandom_1M counter_1M lcg_low8_1M javarand_hi8_1M hex_tokens_nibbles \
           weak_hex_tokens_nibbles express_ids_raw; do
  i=0
  while [ "$i" -lt "$repeat" ]; do
    "$b" "$set" | tail -1 |
      sed -E 's/^([^:]+): ([0-9]+) samples, wall ([0-9.]+) s, cpu ([0-9.]+) s, peak RSS ([0-9.]+) MiB$/| \1 | \2 | \3 | \4 | \5 |/'
    i=$((i + 1))
  done
done
for f in hex_tokens.txt weak_hex_tokens.txt express_tokens_cookie.txt; do
  i=0
  while [ "$i" -lt "$repeat" ]; do
    "$b" -t "$root/tests/data/entropy/$f" |
      sed -E 's/^.*\/([^/:]+): ([0-9]+) tokens, [0-9.]+ bits\/token effective, wall ([0-9.]+) s, cpu ([0-9.]+) s, peak RSS ([0-9.]+) MiB$/| -t \1 | \2 tokens | \3 | \4 | \5 |/'
    i=$((i + 1))
  done
done
