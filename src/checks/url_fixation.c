/* DESIGN §2 step 5: a session ID delivered through the URL (fixation by link). */
#include "checks/check.h"
#include "flow/evidence.h"
#include "flow/link.h"
#include "flow/login.h"
#include "flow/steps.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>

static void reproduce(ss_scan *s, ss_finding *f, const char *entry)
{
    ss_buf b;
    buf_init(&b, 0);
    repro_begin(&b, s);
    repro_comment(&b, "1. the attacker gets an ID and sends the victim a link carrying it");
    repro_get(&b, "attacker", entry);
    buf_printf(&b, "X=$(awk '$6==\"%s\"{print $7}' attacker.txt | tail -n 1)\n", s->cookie);
    buf_printf(&b, "curl -s ${CURL_OPTS:-} -o /dev/null -b victim.txt -c victim.txt \"$T%s%c%s=$X\"\n",
               entry, strchr(entry, '?') ? '&' : '?', s->cookie);
    repro_comment(&b, "2. the victim logs in");
    repro_login(&b, s, "victim");
    repro_comment(&b, "3. the attacker uses the ID from the link");
    repro_probe(&b, s, "attacker", "200 = the link's ID is the victim's session");
    finding_set_reproduce(f, b.data);
    buf_free(&b);
}

/* A fresh server-issued ID when the site hands them out (works on non-adopting servers that
 * read URL IDs), else an invented one. */
static char *link_id(ss_scan *s)
{
    ss_actor a = actor_new("attacker", NULL);
    client_step(s->client, "attacker obtains an ID to put in a link");
    char *id = NULL;
    if (flow_get(s, &a, s->cfg->entries[0]) == 0 && jar_get(a.jar, s->cookie))
        id = xstrdup(jar_get(a.jar, s->cookie));
    actor_free(&a);
    return id ? id : invent_id(s->sample_value);
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    size_t from = client_exchange_count(s->client);
    char *id = link_id(s);
    char *link = link_with_id(s->cfg->entries[0], s->cookie, id);
    ss_actor v = actor_new("victim", NULL);
    client_step(s->client, "victim follows the attacker's link");
    ss_plant_result pr;
    /* the victim reached the login through the link, so the login request carries it too (PHP's
     * trans-sid only honours the ID on the request that starts the session) */
    s->login_query = strchr(link, '?') ? strchr(link, '?') + 1 : NULL;
    int rc = flow_plant_and_login(s, &v, link, id, &pr);
    s->login_query = NULL;
    actor_free(&v);
    ss_check_status st = CHECK_PASS;
    if (rc == 0 && pr.victim == ORACLE_IN && pr.attacker == ORACLE_UNKNOWN) {
        buf_printf(why, "%s", s->err);
        st = CHECK_INCONCLUSIVE;
    } else if (rc != 0 || pr.victim != ORACLE_IN) {
        buf_printf(why, "the victim's login after the link did not hold: %s",
                   rc ? s->err : "logged out after login");
        st = CHECK_INCONCLUSIVE;
    } else if (pr.attacker == ORACLE_IN) {
        char *shown = redact_id(id);
        ss_finding *f = report_add(s->report, "SS-FIX-URL", CONF_CONFIRMED, s->cfg->entries[0],
                                   "A victim who opened a link to %s carrying %s=%s in the "
                                   "URL and then logged in authenticated that ID; the attacker "
                                   "holding it was served the victim's protected page.",
                                   s->cfg->entries[0], s->cookie, shown);
        evidence_range(f, s->client, from, pr.ex_to);
        reproduce(s, f, s->cfg->entries[0]);
        free(shown);
        buf_puts(why, "ID from the URL logged in");
        st = CHECK_FAIL;
    } else {
        buf_printf(why, "an ID passed in the URL (as %s and the common names) did not become "
                        "the victim's session",
                   s->cookie);
    }
    free(link);
    free(id);
    return st;
}

const ss_check check_url_fixation = {
    "url-fixation",
    "session ID accepted from the URL and logged in (fixation by link)",
    "SS-FIX-URL",
    run,
};
