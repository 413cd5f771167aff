#!/usr/bin/env bash
# Run the PHP lab app with PHP's built-in server (used by lab/start.sh).
#
#   lab/php/serve.sh PORT SESSION_DIR
#
# Turns the LAB_* switches into session.* ini settings (-d) and replaces
# itself with php (exec), so the PID start.sh records is php's own.
# php runs with -n (no php.ini): every setting that matters is given here.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 PORT SESSION_DIR" >&2; exit 2; }
PORT=$1
SDIR=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

flag() { # flag VALUE -> 1|0
  case "${1,,}" in 1|true|yes|on) echo 1 ;; *) echo 0 ;; esac
}

MODE=${LAB_MODE:-hardened}
case "$MODE" in
  vulnerable) STRICT=0 ONLY_COOKIES=0 TRANS_SID=1 HTTPONLY=0 SAMESITE=omit ;;
  hardened|fixed) STRICT=1 ONLY_COOKIES=1 TRANS_SID=0 HTTPONLY=1 SAMESITE=strict ;;
  *) echo "serve.sh: unknown LAB_MODE '$MODE' (vulnerable|hardened)" >&2; exit 2 ;;
esac
[ -z "${LAB_STRICT_MODE:-}" ] || STRICT=$(flag "$LAB_STRICT_MODE")
[ -z "${LAB_ONLY_COOKIES:-}" ] || ONLY_COOKIES=$(flag "$LAB_ONLY_COOKIES")
[ -z "${LAB_TRANS_SID:-}" ] || TRANS_SID=$(flag "$LAB_TRANS_SID")
[ -z "${LAB_HTTPONLY:-}" ] || HTTPONLY=$(flag "$LAB_HTTPONLY")
SAMESITE=${LAB_SAMESITE:-$SAMESITE}
case "${SAMESITE,,}" in
  strict) SAMESITE=Strict ;;
  lax) SAMESITE=Lax ;;
  none) SAMESITE=None ;;
  omit|'') SAMESITE= ;;
  *) echo "serve.sh: LAB_SAMESITE must be strict|lax|none|omit" >&2; exit 2 ;;
esac

# One process only: forked workers would be PIDs stop.sh does not know.
unset PHP_CLI_SERVER_WORKERS
mkdir -p "$SDIR"
echo "php lab: mode=$MODE use_strict_mode=$STRICT use_only_cookies=$ONLY_COOKIES" \
  "use_trans_sid=$TRANS_SID cookie_httponly=$HTTPONLY cookie_samesite=${SAMESITE:-none}" \
  "rotate=${LAB_ROTATE:-default} save_path=$SDIR" >&2

exec php -n \
  -d display_errors=0 -d log_errors=1 -d html_errors=0 \
  -d session.save_handler=files -d "session.save_path=$SDIR" \
  -d session.name=PHPSESSID \
  -d session.use_cookies=1 \
  -d "session.use_strict_mode=$STRICT" \
  -d "session.use_only_cookies=$ONLY_COOKIES" \
  -d "session.use_trans_sid=$TRANS_SID" \
  -d "session.cookie_httponly=$HTTPONLY" \
  -d "session.cookie_samesite=$SAMESITE" \
  -d session.cookie_secure=0 \
  -d session.cookie_lifetime=0 -d session.cookie_path=/ -d session.cookie_domain= \
  -d session.sid_length=26 -d session.sid_bits_per_character=5 \
  -d session.gc_probability=0 -d session.gc_maxlifetime=7200 \
  -d session.cache_limiter=nocache \
  -S "127.0.0.1:$PORT" -t "$HERE/public" "$HERE/public/index.php"
