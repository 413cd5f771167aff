#!/bin/sh
# Installs the npm-packaged API descriptions of the spec corpus into DEST (exact versions from
# package-lock.json). Exit 77 when npm is absent (the test is then skipped, saying so).
# Usage: fetch.sh DEST
set -eu
dest=${1:?usage: fetch.sh DEST}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "spec corpus: node/npm not found; the npm part of the corpus is skipped" >&2
  exit 77
fi
mkdir -p "$dest"
# npm ci wipes node_modules: skip it when the installed tree already matches the lockfile.
if [ -f "$dest/node_modules/.package-lock.json" ] && [ -f "$dest/package-lock.json" ] &&
   cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dest/"
cd "$dest"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
