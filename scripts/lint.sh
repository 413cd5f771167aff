#!/usr/bin/env bash
# Static analysis of src/ and tools/: clang-tidy (checks in .clang-tidy, every warning an error)
# and cppcheck, both from the compile database of build/ (configured here when missing).
# Exits non-zero on any finding. Usage: bash scripts/lint.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[ -f "$build/compile_commands.json" ] || cmake -S . -B "$build" >/dev/null
# the compile database names the generated rule catalogue: make it exist (cppcheck insists)
cmake --build "$build" --target rules_catalogue >/dev/null
status=0

echo "== clang-tidy" >&2
git ls-files 'src/*.c' 'tools/*.c' |
    xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet >"$build/clang-tidy.log" 2>&1 || status=1
if [ $status -ne 0 ]; then
    grep -E -A3 'warning:|error:' "$build/clang-tidy.log" >&2 || cat "$build/clang-tidy.log" >&2
    echo "clang-tidy: findings (full log: $build/clang-tidy.log)" >&2
else
    echo "clang-tidy: clean" >&2
fi

echo "== cppcheck" >&2
if cppcheck --project="$build/compile_commands.json" --file-filter='src/*' --file-filter='tools/*' \
    --enable=warning,performance,portability --error-exitcode=1 --inline-suppr -I src \
    --suppress=missingIncludeSystem --quiet; then
    echo "cppcheck: clean" >&2
else
    status=1
fi
exit $status
