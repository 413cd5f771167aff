#!/bin/sh
# Runs bench/spec_bench on the largest documents of the spec corpus (installed from npm with the
# corpus lockfile) and on the lab description. Usage: bench/spec_bench.sh BUILD_DIR
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
npm_dir="$build/spec-corpus-npm"
sh "$root/tests/spec-corpus/fetch.sh" "$npm_dir"
gen="$npm_dir/node_modules/@octokit/openapi/generated"
for f in "$gen/api.github.com.json" "$gen/ghec.json" \
         "$npm_dir/node_modules/@blockfrost/openapi/openapi.yaml" "$root/tests/data/specs/lab.yaml"; do
  "$build/bench/spec_bench" "$f" 3
  echo
done
