/* DESIGN §2 step 7: the victim logs in again while logged in. The ID must change again; the
 * previous one still being logged in afterwards is reported as concurrent sessions (info). */
#include "checks/check.h"
#include "flow/evidence.h"
#include "flow/login.h"
#include "flow/steps.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    if (step_victim_login(s) != 0 || !s->s1) {
        buf_printf(why, "the victim is not logged in: %s",
                   s->victim_login.why ? s->victim_login.why : "no session cookie");
        return CHECK_INCONCLUSIVE;
    }
    size_t from = client_exchange_count(s->client);
    ss_actor v = {"victim", s->victim_jar};
    long status;
    client_step(s->client, "victim logs in again while logged in");
    ss_login_state st = flow_login(s, &v, &status) == 0 ? flow_probe(s, &v) : ORACLE_UNKNOWN;
    if (st != ORACLE_IN) {
        buf_printf(why, "the second login did not hold: %s",
                   st == ORACLE_UNKNOWN ? s->err : "logged out after it");
        return CHECK_INCONCLUSIVE;
    }
    const char *s2 = jar_get(s->victim_jar, s->cookie);
    char *old = redact_id(s->s1);
    ss_check_status result = CHECK_PASS;
    if (s2 && strcmp(s2, s->s1) == 0) {
        ss_finding *f = report_add(s->report, "SS-REAUTH-NO-ROTATE", CONF_FIRM, s->cfg->login_path,
                                   "Logging in again while logged in kept the session ID %s=%s.",
                                   s->cookie, old);
        evidence_range(f, s->client, from, client_exchange_count(s->client));
        buf_puts(why, "re-login kept the same ID");
        result = CHECK_FAIL;
    } else if (s2) {
        scan_remember_victim_id(s, s2);
        ss_actor a = actor_new("attacker", NULL);
        jar_set(a.jar, s->cookie, s->s1);
        client_step(s->client, "the previous logged-in ID after the new login");
        ss_login_state prev = flow_probe_attacker(s, &a);
        actor_free(&a);
        if (prev == ORACLE_UNKNOWN) {
            buf_printf(why, "%s", s->err);
            result = CHECK_INCONCLUSIVE;
        } else if (prev == ORACLE_IN) {
            ss_finding *f = report_add(s->report, "SS-CONCURRENT", CONF_CONFIRMED,
                                       s->cfg->login_path,
                                       "After a new login the earlier session %s=%s is still "
                                       "logged in: sessions of one user run concurrently.",
                                       s->cookie, old);
            evidence_range(f, s->client, from, client_exchange_count(s->client));
            buf_puts(why, "new ID issued; the earlier one stays valid (concurrent sessions)");
            result = CHECK_FAIL;
        } else {
            buf_puts(why, "re-login issued a new ID and ended the earlier one");
        }
    }
    free(old);
    return result;
}

const ss_check check_reauth = {
    "reauth",
    "re-login rotates the ID again; earlier sessions end",
    "SS-REAUTH-NO-ROTATE SS-CONCURRENT",
    run,
};
