# The binary carries the usual hardening (PIE, full RELRO, stack protector, FORTIFY) and the code
# uses none of the banned unsafe string functions.
source "$(dirname "$0")/lib.sh"

BIN=$SESSIONSCAN
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "${SS_BUILD:-/nonexistent}/CMakeCache.txt" 2>/dev/null || true)

if readelf -hW "$BIN" | grep -Eq 'Type:[[:space:]]+DYN'; then ok "PIE (ELF type DYN)"
else not_ok "not a position-independent executable: $(readelf -hW "$BIN" | grep Type:)"; fi

readelf -lW "$BIN" | grep -q GNU_RELRO && ok "GNU_RELRO segment" || not_ok "no GNU_RELRO segment"
if readelf -dW "$BIN" | grep -Eq 'BIND_NOW|FLAGS_1.*NOW'; then ok "BIND_NOW (full RELRO)"
else not_ok "no BIND_NOW: the GOT stays writable"; fi

if readelf -lW "$BIN" | grep GNU_STACK | grep -q RWE; then not_ok "executable stack"
else ok "non-executable stack"; fi

undefined=$(nm -D --undefined-only "$BIN")
grep -q '__stack_chk_fail' <<<"$undefined" && ok "stack protector (__stack_chk_fail)" ||
    not_ok "no __stack_chk_fail: built without -fstack-protector-strong?"

# _FORTIFY_SOURCE needs optimisation and is off under the sanitizers (they replace those checks).
if [ "${SS_SANITIZED:-0}" = 1 ] || [ "$build_type" = Debug ]; then
    echo "# FORTIFY not checked: ${build_type:-unknown} build, sanitizers ${SS_SANITIZED:-0}"
elif grep -Eq '__[a-z_]+_chk(@|$)' <<<"$undefined"; then
    ok "FORTIFY_SOURCE ($(grep -Eo '__[a-z_]+_chk(@|$)' <<<"$undefined" | tr -d @ | sort -u | xargs))"
else not_ok "no __*_chk symbols: built without -D_FORTIFY_SOURCE?"; fi

# Banned: unbounded or state-keeping string functions. The sources (a call: name followed by "(")
# and the binary's imports (in case a macro or the compiler brought one in).
banned='strcpy|strcat|sprintf|vsprintf|gets|strtok|strncpy|stpcpy|wcscpy'
hits=$(grep -rnE --include='*.c' --include='*.h' "(^|[^a-zA-Z0-9_])($banned)[[:space:]]*\(" \
    "$SS_ROOT/src" "$SS_ROOT/tools" || true)
[ -z "$hits" ] && ok "no banned string function called in src/ and tools/" ||
    not_ok "banned string functions in the sources: $hits"
imports=$(grep -Ew "($banned)(@.*)?" <<<"$(awk '{print $2}' <<<"$undefined")" || true)
[ -z "$imports" ] && ok "the binary imports no banned string function" ||
    not_ok "the binary imports: $imports"

finish
