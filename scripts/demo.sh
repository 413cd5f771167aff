#!/usr/bin/env bash
# The main job: build, start the bundled lab (Express + DynamoDB via dynalite on 127.0.0.1), scan
# the vulnerable and the hardened target, and print both reports. The HTML, SARIF, JUnit and
# Markdown reports of both scans are left in out/demo/ (open out/demo/vulnerable.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build

state=$(mktemp -d "${TMPDIR:-/tmp}/sessionscan-demo.XXXXXX")
trap 'bash lab/stop.sh "$state/vulnerable" >/dev/null 2>&1 || true
      bash lab/stop.sh "$state/hardened" >/dev/null 2>&1 || true
      rm -rf "$state"' EXIT
mkdir -p "$state/vulnerable" "$state/hardened"
LAB_MODE=vulnerable bash lab/start.sh seedstyle "$state/vulnerable" >"$state/v.env"
LAB_MODE=hardened LAB_TLS=1 bash lab/start.sh seedstyle "$state/hardened" >"$state/h.env"
vuln=$(sed -n 's/^LAB_URL=//p' "$state/v.env")
hard=$(sed -n 's/^LAB_URL=//p' "$state/h.env")
ca=$(sed -n 's/^LAB_CA=//p' "$state/h.env")

export LAB_PASSWORD=alice-pass-123 # the lab's demo account
common=(--protected /profile --logout /logout --user alice --password-env LAB_PASSWORD)
mkdir -p out/demo
reports() { # NAME: every report format into out/demo/NAME.*
    echo --json "out/demo/$1.json" --sarif "out/demo/$1.sarif" --html "out/demo/$1.html" \
        --junit "out/demo/$1.xml" --md "out/demo/$1.md"
}

echo "=== Vulnerable lab target (the seed's vulnerable pattern): $vuln"
set +e
./build/sessionscan scan "$vuln" "${common[@]}" -v $(reports vulnerable)
echo "(exit code $?: 1 = findings at or above --fail-on)"
echo
echo "=== Hardened lab target (the seed's remediation, completed), over HTTPS: $hard"
./build/sessionscan scan "$hard" "${common[@]}" --cacert "$ca" $(reports hardened)
echo "(exit code $?: 0 = clean)"
echo
echo "Reports: out/demo/{vulnerable,hardened}.{html,sarif,json,xml,md}"
