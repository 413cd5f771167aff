#!/usr/bin/env bash
# Cross-check: @smithy/signature-v4 (the AWS SDK for JavaScript v3 signer, exact versions from
# tests/sigv4-node/package-lock.json, installed with npm ci) and sessionscan's SigV4 sign the same
# requests at the same fixed date; every Authorization header must be identical.
set -euo pipefail
: "${SS_ROOT:?}" "${SS_BUILD:?}"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIP: node/npm not installed: SigV4 not cross-checked with @smithy/signature-v4"
  exit 0
fi
PROG=$SS_BUILD/tests/test_store_sigv4
[ -x "$PROG" ] || { echo "SKIP: $PROG not built (cmocka missing)"; exit 0; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$SS_ROOT/tests/sigv4-node/package.json" "$SS_ROOT/tests/sigv4-node/package-lock.json" \
  "$SS_ROOT/tests/sigv4-node/.npmrc" "$SS_ROOT/tests/sigv4-node/sign.js" "$WORK/"
(cd "$WORK" && npm ci --no-audit --no-fund >npm.log 2>&1) || { cat "$WORK/npm.log" >&2; echo "FAIL: npm ci" >&2; exit 1; }
CASES=$SS_ROOT/tests/sigv4-node/cases.json
node "$WORK/sign.js" "$CASES" >"$WORK/node.out"
"$PROG" --sign "$CASES" >"$WORK/c.out"
n=$(wc -l <"$WORK/node.out")
[ "$n" -ge 10 ] || { echo "FAIL: only $n signatures from node" >&2; exit 1; }
diff -u "$WORK/node.out" "$WORK/c.out" || { echo "FAIL: signatures differ" >&2; exit 1; }
# A changed body must change the signature (the comparison is not vacuous).
sed 's/sessions/sessionz/' "$CASES" >"$WORK/changed.json"
"$PROG" --sign "$WORK/changed.json" >"$WORK/changed.out"
! cmp -s "$WORK/c.out" "$WORK/changed.out" || { echo "FAIL: body not signed" >&2; exit 1; }
echo "test_store_sigv4_node: $n passed, 0 failed"
