#!/usr/bin/env bash
# Scans each lab configuration RUNS times (default 5) and prints, per configuration: requests
# sent, the scanner's wall time, the sum of the target's response times, and the scanner's own
# overhead (wall - target), as medians. Usage: bash bench/scan_lab.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bash scripts/setup.sh
bash scripts/build.sh build
bin=./build/sessionscan
export LAB_PASSWORD=alice-pass-123
tmp=$(mktemp -d)
dirs=()
trap 'for d in "${dirs[@]}"; do bash lab/stop.sh "$d" >/dev/null 2>&1 || true; done; rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-34s %8s %10s %10s %10s %s\n' configuration requests wall_ms target_ms overhead_ms findings
while read -r name app env; do
    d="$tmp/$name"
    mkdir -p "$d"
    dirs+=("$d")
    env $env bash lab/start.sh "$app" "$d" >"$d/env" 2>"$d/start.err"
    url=$(sed -n 's/^LAB_URL=//p' "$d/env")
    ca=$(sed -n 's/^LAB_CA=//p' "$d/env")
    extra=()
    [ -n "$ca" ] && extra=(--cacert "$ca")
    for i in $(seq "$runs"); do
        "$bin" scan "$url" --protected /profile --user alice --password-env LAB_PASSWORD \
            --json "$d/r$i.json" -q "${extra[@]}" || true
    done
    req=$(jq -s 'map(.stats.requests) | max' "$d"/r*.json)
    wall=$(jq '.stats.wall_seconds * 1000' "$d"/r*.json | median)
    target=$(jq '.stats.target_seconds * 1000' "$d"/r*.json | median)
    over=$(jq '(.stats.wall_seconds - .stats.target_seconds) * 1000' "$d"/r*.json | median)
    found=$(jq -r '[.findings[].rule] | join(",")' "$d/r1.json")
    printf '%-34s %8s %10.1f %10.1f %10.2f %s\n' "$name" "$req" "$wall" "$target" "$over" "${found:--}"
    bash lab/stop.sh "$d" >/dev/null
done <<'LIST'
seedstyle-vulnerable seedstyle LAB_MODE=vulnerable
seedstyle-seed seedstyle LAB_MODE=seed
seedstyle-hardened-tls seedstyle LAB_MODE=hardened LAB_TLS=1
expresssession-vulnerable expresssession LAB_MODE=vulnerable
expresssession-fixed expresssession LAB_MODE=fixed
LIST
