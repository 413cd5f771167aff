/* DESIGN §2 step 4: an ID the attacker invents, planted before the victim's login.
 * SS-FIX-ADOPT when it ends up logged in; SS-PERMISSIVE when the server merely accepted it. */
#include "checks/check.h"
#include "flow/evidence.h"
#include "flow/steps.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>

static void reproduce(ss_scan *s, ss_finding *f)
{
    ss_buf b;
    buf_init(&b, 0);
    repro_begin(&b, s);
    repro_comment(&b, "1. the attacker invents an ID and plants it in the victim's browser");
    buf_printf(&b, "X=$(openssl rand -hex %zu)\n", s->sample_value ? strlen(s->sample_value) / 2 : 16);
    repro_plant_var(&b, s, "victim", "X");
    repro_comment(&b, "2. the victim visits the site and logs in");
    repro_get(&b, "victim", s->cfg->entries[0]);
    repro_login(&b, s, "victim");
    repro_comment(&b, "3. the attacker uses the invented ID");
    repro_plant_var(&b, s, "attacker", "X");
    repro_probe(&b, s, "attacker", "200 = the invented ID is the victim's session");
    finding_set_reproduce(f, b.data);
    buf_free(&b);
}

static bool is_signed_express(const char *v)
{
    return v && (strncmp(v, "s%3A", 4) == 0 || strncmp(v, "s:", 2) == 0) && strchr(v, '.');
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    char *x = invent_id(s->s0 ? s->s0 : s->sample_value);
    ss_actor v = actor_new("victim", NULL);
    jar_set(v.jar, s->cookie, x);
    client_step(s->client, "victim carries an attacker-invented ID");
    ss_plant_result pr;
    int rc = flow_plant_and_login(s, &v, s->cfg->entries[0], x, &pr);
    actor_free(&v);
    char *shown = redact_id(x);
    ss_check_status st = CHECK_PASS;
    if (rc == 0 && pr.victim == ORACLE_IN && pr.attacker == ORACLE_UNKNOWN) {
        buf_printf(why, "%s", s->err);
        st = CHECK_INCONCLUSIVE;
    } else if (rc != 0 || pr.victim != ORACLE_IN) {
        buf_printf(why, "the victim's login with a planted ID did not hold: %s",
                   rc ? s->err : "logged out after login");
        st = CHECK_INCONCLUSIVE;
    } else if (pr.attacker == ORACLE_IN || pr.echoed || pr.kept) {
        bool adopt = pr.attacker == ORACLE_IN;
        ss_finding *f =
            adopt ? report_add(s->report, "SS-FIX-ADOPT", CONF_CONFIRMED, s->cfg->login_path,
                               "The server accepted the invented ID %s=%s, kept it through the "
                               "victim's login, and served the attacker holding it as the victim.",
                               s->cookie, shown)
                  : report_add(s->report, "SS-PERMISSIVE", CONF_FIRM, s->cfg->entries[0],
                               "The server %s the invented ID %s=%s (never issued by it) instead "
                               "of replacing it; login rotation stopped the attack in this run.",
                               pr.echoed ? "answered with Set-Cookie carrying" : "kept",
                               s->cookie, shown);
        evidence_range(f, s->client, pr.ex_from, pr.ex_to);
        reproduce(s, f);
        buf_puts(why, adopt ? "invented ID adopted and logged in" : "invented ID accepted");
        st = CHECK_FAIL;
    } else {
        buf_printf(why, "the invented ID was replaced by a server-issued one%s",
                   is_signed_express(s->sample_value)
                       ? " (signed express-session cookie: adoption would need a valid signature)"
                       : "");
    }
    free(shown);
    free(x);
    return st;
}

const ss_check check_adoption = {
    "adoption",
    "attacker-invented session ID accepted and logged in",
    "SS-FIX-ADOPT SS-PERMISSIVE",
    run,
};
