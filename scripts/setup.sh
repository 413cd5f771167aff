#!/usr/bin/env bash
# Installs what sessionscan needs to build and test on Debian 12: the -dev packages of its
# libraries, the toolchain, Node.js for the lab, and the lab's npm packages from the lockfile.
# The report tests also need Debian's chromium (the HTML report), xmllint and junitparser (JUnit);
# their npm tools (playwright-core, the SARIF validator) are installed by the tests themselves
# from tests/html/ and tests/sarif/ lockfiles into the build tree.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config clang libclang-rt-14-dev
          libcurl4-openssl-dev libssl-dev libjansson-dev libyaml-dev libgumbo-dev libpcre2-dev
          libcmocka-dev jq openssl curl ca-certificates php-cli python3-flask
          chromium libxml2-utils python3 python3-junitparser
          time binutils clang-tidy cppcheck)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere (with its own npm): install Debian's only when absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d lab/node_modules ] || [ lab/package-lock.json -nt lab/node_modules ]; then
    echo "setup: installing the lab's npm packages from lab/package-lock.json" >&2
    npm ci --prefix lab --no-audit --no-fund --loglevel=error >/dev/null
fi
