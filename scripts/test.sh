#!/usr/bin/env bash
# Lints, builds and runs every test: the normal build (-Werror), then the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, then every fuzz target for a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
start=$(date +%s)

echo "== lint: clang-tidy and cppcheck" >&2
bash scripts/lint.sh build

echo "== build (-Wall -Wextra -Wpedantic -Werror) and test" >&2
bash scripts/build.sh build
(cd build && ctest -j2 --output-on-failure)

echo "== ASan + UBSan build and test" >&2
bash scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DSS_SANITIZE=ON
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest -j2 --output-on-failure)

echo "== fuzz targets, ${SS_FUZZ_SECONDS:-60} s each" >&2
bash scripts/fuzz.sh "${SS_FUZZ_SECONDS:-60}"

echo "== all tests passed in $(( $(date +%s) - start )) s" >&2
