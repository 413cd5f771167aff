# Fixation checks against Express + express-session + connect-dynamodb.
source "$(dirname "$0")/lib.sh"
FIX=(--check fixation --check adoption --check url-fixation)

lab_start expresssession LAB_MODE=vulnerable
scan "${FIX[@]}"
expect_rules "express vulnerable" "SS-FIX-CONFIRMED"
expect_confidence "express vulnerable" SS-FIX-CONFIRMED confirmed
expect_exit "express vulnerable" 1
if jq -e '.checks[] | select(.check == "adoption") | .reason | test("signature")' "$SCAN_JSON" >/dev/null; then
    ok "express vulnerable: adoption check names the signed cookie"
else not_ok "express vulnerable: adoption reason does not mention the signature"; fi
lab_stop

lab_start expresssession LAB_MODE=fixed
scan "${FIX[@]}"
expect_rules "express fixed" ""
expect_exit "express fixed" 0
lab_stop

finish
