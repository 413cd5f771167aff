/* DESIGN §2 step 6: after rotation the pre-login ID must be dead — not logged in (the fixation
 * check proves that part) and not accepted as an existing session either (ASVS 5.0 7.2.4). */
#include "checks/check.h"
#include "flow/evidence.h"
#include "flow/login.h"
#include "flow/steps.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>

/* Visits the first entry point carrying only cookie=id; true when the server answered with a
 * fresh session cookie (it did not know the ID). */
static int reissues(ss_scan *s, const char *id, bool *fresh)
{
    ss_actor a = actor_new("attacker", NULL);
    jar_set(a.jar, s->cookie, id);
    ss_request req = {"GET", s->cfg->entries[0], NULL, 0, NULL, FOLLOW_ORIGIN};
    ss_response resp;
    int rc = client_send(s->client, &a, &req, &resp, s->err, sizeof s->err);
    const char *now = jar_get(a.jar, s->cookie);
    *fresh = rc == 0 && now && strcmp(now, id) != 0;
    response_free(&resp);
    actor_free(&a);
    return rc;
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    if (step_victim_login(s) != 0 || !s->s0) {
        buf_puts(why, !s->s0 && s->prelogin.done > 0
                          ? "no pre-login session was issued: nothing to terminate"
                          : "the victim's login with the pre-login cookies did not hold");
        return !s->s0 && s->prelogin.done > 0 ? CHECK_SKIPPED : CHECK_INCONCLUSIVE;
    }
    if (s->s1 && strcmp(s->s0, s->s1) == 0) {
        buf_puts(why, "the ID was not rotated at login (see the fixation check)");
        return CHECK_SKIPPED;
    }
    size_t from = client_exchange_count(s->client);
    client_step(s->client, "control: does the site replace an ID it never issued?");
    char *fake = invent_id(s->s0);
    bool fake_fresh = false, old_fresh = false;
    int rc = reissues(s, fake, &fake_fresh);
    free(fake);
    client_step(s->client, "attacker presents the pre-login ID after the victim's login");
    if (rc == 0)
        rc = reissues(s, s->s0, &old_fresh);
    if (rc != 0) {
        buf_printf(why, "%s", s->err);
        return CHECK_INCONCLUSIVE;
    }
    if (!fake_fresh) {
        buf_puts(why, "the site does not replace unknown IDs on the entry page, so a live one "
                      "cannot be told from a dead one without store access");
        return CHECK_SKIPPED;
    }
    if (old_fresh) {
        buf_puts(why, "the pre-login ID is replaced like an unknown one: it was terminated");
        return CHECK_PASS;
    }
    char *shown = redact_id(s->s0);
    ss_finding *f = report_add(s->report, "SS-OLD-ID-ALIVE", CONF_FIRM, s->cfg->entries[0],
                               "After the victim logged in with a new ID, the pre-login ID "
                               "%s=%s is still accepted as an existing session (an ID the site "
                               "never issued is replaced, this one is not).",
                               s->cookie, shown);
    evidence_range(f, s->client, from, client_exchange_count(s->client));
    free(shown);
    buf_puts(why, "pre-login ID still accepted as a session after rotation");
    return CHECK_FAIL;
}

const ss_check check_old_id = {
    "old-id",
    "pre-login session terminated after rotation",
    "SS-OLD-ID-ALIVE",
    run,
};
