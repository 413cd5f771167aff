#!/usr/bin/env bash
# Stop a lab started with lab/start.sh: kills exactly the PIDs recorded in
# STATE_DIR/app.pid and STATE_DIR/dynalite.pid (SIGTERM, then SIGKILL after
# 5 s), waits for them to exit, and removes the pid files. A PID that is no
# longer a lab process (e.g. reused by the system) is left alone. The app may
# be node (apps/*.js), php (lab/php/) or python (lab/flask/app.py).
#
#   lab/stop.sh STATE_DIR
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
STATE=$1
[ -d "$STATE" ] || { echo "stop.sh: no such state dir: $STATE" >&2; exit 1; }

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rc=0

# alive PID: exists and is not a zombie waiting to be reaped by its parent.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local st
  st=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [ "$st" != Z ]
}

# is_ours PID KIND: the process is still the lab process of that kind (guards
# against PID reuse). KIND: dynalite = node running dynalite.js; app = node
# running an apps/ script, php serving lab/php/ (or serve.sh just before its
# exec), or python running lab/flask/app.py.
is_ours() {
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  case "$2" in
    dynalite)
      case "$cmdline" in
        *node*"$LAB_DIR/dynalite.js"*) return 0 ;;
      esac ;;
    app)
      case "$cmdline" in
        *node*"$LAB_DIR/apps/"*) return 0 ;;
        *php*" $LAB_DIR/php/"*) return 0 ;;
        *python*" $LAB_DIR/flask/app.py"*) return 0 ;;
      esac ;;
  esac
  return 1
}

stop_one() {
  local file=$1 kind=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if ! [[ "$pid" =~ ^[1-9][0-9]*$ ]]; then
    echo "stop.sh: $file does not hold a PID: '$pid'" >&2
    rc=1
    return 0
  fi
  if ! alive "$pid"; then
    rm -f "$file"
    return 0
  fi
  if ! is_ours "$pid" "$kind"; then
    echo "stop.sh: PID $pid from $file is not the lab's $kind any more; left alone" >&2
    rm -f "$file"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    echo "stop.sh: PID $pid ignored SIGTERM for 5 s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      alive "$pid" || break
      sleep 0.1
    done
  fi
  if alive "$pid"; then
    echo "stop.sh: PID $pid did not exit" >&2
    rc=1
    return 0
  fi
  rm -f "$file"
}

stop_one "$STATE/app.pid" app
stop_one "$STATE/dynalite.pid" dynalite
exit "$rc"
