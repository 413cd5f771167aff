/* DESIGN §2 steps 1-3: the attacker's pre-login ID, planted in the victim's browser, after the
 * victim's login. SS-FIX-CONFIRMED when it is logged in; SS-NO-ROTATE when it merely survived. */
#include "checks/check.h"
#include "flow/evidence.h"
#include "flow/login.h"
#include "flow/steps.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>

static void reproduce(ss_scan *s, ss_finding *f)
{
    ss_buf b;
    buf_init(&b, 0);
    repro_begin(&b, s);
    repro_comment(&b, "1. the attacker gets a pre-login session");
    for (char **p = s->cfg->entries; p && *p; p++)
        repro_get(&b, "attacker", *p);
    repro_comment(&b, "2. the victim's browser carries it and the victim logs in");
    repro_copy_jar(&b, "attacker", "victim");
    repro_login(&b, s, "victim");
    repro_comment(&b, "3. the attacker, holding only the pre-login cookie, is logged in");
    repro_probe(&b, s, "attacker", "200 = the attacker rides the victim's session");
    finding_set_reproduce(f, b.data);
    buf_free(&b);
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    if (step_prelogin(s) != 0) {
        buf_printf(why, "could not obtain a pre-login session: %s", s->prelogin.why);
        return CHECK_INCONCLUSIVE;
    }
    if (!s->s0) {
        buf_printf(why, "the entry points issued no pre-login '%s' cookie: there is no server "
                        "ID to fixate (adoption of invented IDs is tested separately)",
                   s->cookie);
        return CHECK_PASS;
    }
    if (step_victim_login(s) != 0) {
        buf_printf(why, "%s", s->victim_login.why);
        return CHECK_INCONCLUSIVE;
    }
    ss_actor a = actor_new("attacker", s->attacker_jar);
    size_t from = client_exchange_count(s->client);
    client_step(s->client, "attacker replays the pre-login session");
    ss_login_state st = flow_probe_attacker(s, &a);
    actor_free(&a);
    if (st == ORACLE_UNKNOWN) {
        buf_printf(why, "%s", s->err);
        return CHECK_INCONCLUSIVE;
    }
    char *s0 = redact_id(s->s0);
    bool same = s->s1 && strcmp(s->s0, s->s1) == 0;
    if (st == ORACLE_IN || same) {
        ss_finding *f =
            st == ORACLE_IN
                ? report_add(s->report, "SS-FIX-CONFIRMED", CONF_CONFIRMED, s->cfg->login_path,
                             "The pre-login session %s=%s was still valid after the victim "
                             "logged in, and the attacker holding only it was served the "
                             "victim's protected page %s.",
                             s->cookie, s0, s->cfg->protected_path)
                : report_add(s->report, "SS-NO-ROTATE", CONF_FIRM, s->cfg->login_path,
                             "%s kept the value %s through the login, but the attacker replaying "
                             "it was not logged in during this run.",
                             s->cookie, s0);
        evidence_range(f, s->client, s->prelogin.ex_from, s->prelogin.ex_to);
        evidence_range(f, s->client, s->victim_login.ex_from, s->victim_login.ex_to);
        evidence_range(f, s->client, from, client_exchange_count(s->client));
        reproduce(s, f);
        free(s0);
        buf_puts(why, st == ORACLE_IN ? "pre-login ID logged in after the victim's login"
                                      : "ID not rotated at login");
        return CHECK_FAIL;
    }
    free(s0);
    buf_puts(why, "login issued a new session ID and the pre-login one is not logged in");
    return CHECK_PASS;
}

const ss_check check_fixation = {
    "fixation",
    "pre-login session ID kept and logged in after login",
    "SS-FIX-CONFIRMED SS-NO-ROTATE",
    run,
};
