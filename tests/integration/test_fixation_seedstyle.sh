# Fixation checks against the seed-style lab (own sessionId cookie in DynamoDB): each switch gives
# exactly the expected rule ids, and the seed and hardened configurations give none.
source "$(dirname "$0")/lib.sh"
# The fixation family only here; the other checks have their own tests.
FIX=(--check fixation --check adoption --check url-fixation)

lab_start seedstyle LAB_MODE=vulnerable
scan "${FIX[@]}"
expect_rules vulnerable "SS-FIX-ADOPT SS-FIX-CONFIRMED SS-FIX-URL"
for r in SS-FIX-ADOPT SS-FIX-CONFIRMED SS-FIX-URL; do expect_confidence vulnerable $r confirmed; done
expect_exit vulnerable 1
lab_stop

# No adoption and no URL IDs, but the pre-login session is elevated at login.
lab_start seedstyle LAB_MODE=vulnerable LAB_ADOPT=0 LAB_URL_ID=0
scan "${FIX[@]}"
expect_rules "no rotation only" "SS-FIX-CONFIRMED"
expect_confidence "no rotation only" SS-FIX-CONFIRMED confirmed
lab_stop

# Rotation on, but unknown IDs adopted before login: permissive, not exploitable.
lab_start seedstyle LAB_MODE=vulnerable LAB_ROTATE=1 LAB_URL_ID=0
scan "${FIX[@]}"
expect_rules "adopts but rotates" "SS-PERMISSIVE"
expect_exit "adopts but rotates" 0
lab_stop

# URL IDs read, unknown IDs refused, no rotation: fixation by link with a server-issued ID.
lab_start seedstyle LAB_MODE=vulnerable LAB_ADOPT=0 LAB_URL_ID=1
scan "${FIX[@]}"
expect_rules "url ids" "SS-FIX-CONFIRMED SS-FIX-URL"
expect_confidence "url ids" SS-FIX-URL confirmed
lab_stop

# ID kept through login, but the session is also bound to a second cookie set at login: the
# attacker holding only the pre-login ID is not logged in -> not rotated, not exploitable.
lab_start seedstyle LAB_MODE=vulnerable LAB_ADOPT=0 LAB_URL_ID=0 LAB_BIND=1
scan --cookie sessionId "${FIX[@]}"
expect_rules "bound session" "SS-NO-ROTATE"
expect_confidence "bound session" SS-NO-ROTATE firm
expect_exit "bound session" 0
lab_stop

# The seed's remediation as written: no fixation finding.
lab_start seedstyle LAB_MODE=seed
scan "${FIX[@]}"
expect_rules seed ""
lab_stop

# Hardened over HTTPS (its cookies are Secure): every check clean, exit 0, within 30 requests.
lab_start seedstyle LAB_MODE=hardened LAB_TLS=1
scan --logout /logout
expect_rules "hardened tls" ""
expect_exit "hardened tls" 0
n=$(jq .stats.requests "$SCAN_JSON")
[ "$n" -le 30 ] && ok "hardened tls: default checks in $n requests (<= 30)" || not_ok "hardened tls: $n requests"
lab_stop

finish
