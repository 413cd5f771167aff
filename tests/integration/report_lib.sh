# Helpers for the report tests (sourced after lib.sh): installs the pinned npm tools from their
# lockfiles into the build tree (never into the source tree) and checks SARIF files.

# npm_tool NAME: `npm ci` of tests/NAME/package-lock.json into $NPM_DIR (set on return).
npm_tool() {
    NPM_DIR="${SS_BUILD:-$TEST_TMP}/node/$1"
    mkdir -p "$NPM_DIR"
    cp "$SS_ROOT/tests/$1/package.json" "$SS_ROOT/tests/$1/package-lock.json" "$NPM_DIR/"
    # Install scripts stay off (as in lab/); the SARIF tool's only script is a chmod, done below.
    if ! npm ci --prefix "$NPM_DIR" --ignore-scripts --no-audit --no-fund --loglevel=error \
        >"$TEST_TMP/npm.out" 2>&1; then
        cat "$TEST_TMP/npm.out" >&2
        echo "npm ci failed for tests/$1" >&2
        exit 1
    fi
}

# sarif_validate NAME FILE...: the official SARIF validator (Microsoft SARIF Multitool, with its
# GitHub rule set) reports no error for any of the files.
sarif_validate() {
    local name=$1
    shift
    local tool="$SARIF_NPM/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
    chmod u+x "$tool"
    local out
    out=$(DOTNET_CLI_TELEMETRY_OPTOUT=1 "$tool" validate "$@" --output "$TEST_TMP/validation.sarif" \
        --log ForceOverwrite --rule-kind "Sarif;Gh" 2>&1)
    if grep -q ': error ' <<<"$out" || ! grep -q 'Analysis completed successfully' <<<"$out"; then
        not_ok "$name: the SARIF validator reports errors"
        grep -E ': error |rror' <<<"$out" >&2
    else
        ok "$name: the SARIF validator accepts $# file(s) ($(grep -c ': warning ' <<<"$out") warnings)"
    fi
}

# sarif_github NAME FILE: what GitHub's upload needs that the schema does not say.
sarif_github() {
    local bad
    bad=$(jq -r '
        [.runs[].results[] |
          (if (.locations | length) > 10 then "more than 10 locations" else empty end),
          (if (.partialFingerprints["sessionscan/v1"] // "" | length) != 24 then "no fingerprint" else empty end),
          (.locations[]?.physicalLocation |
            (if (.artifactLocation.uri | test("^[A-Za-z][A-Za-z0-9+.-]*:")) then "URI scheme in " + .artifactLocation.uri else empty end),
            (if (.artifactLocation.uri | startswith("/")) then "absolute path " + .artifactLocation.uri else empty end),
            (if (.region.startLine // 0) < 1 then "no region.startLine" else empty end))
        ] | .[]' "$2")
    if [ -z "$bad" ] && jq -e '.runs[0].invocations[0] | has("executionSuccessful")' "$2" >/dev/null; then
        ok "$1: fits GitHub code scanning (relative URIs, startLine, fingerprints, <= 10 locations)"
    else
        not_ok "$1: not fit for GitHub: $bad"
    fi
}

fingerprints() { jq -r '[.runs[0].results[].partialFingerprints["sessionscan/v1"]] | sort | join(" ")' "$1"; }
