/* DESIGN §2 step 5 (second half): the session ID where it does not belong. Passive — every
 * response of the scan was searched for session values (flow/observe.c) — plus one probe: does the
 * server take a live ID from the URL? */
#include "checks/check.h"
#include "flow/evidence.h"
#include "flow/link.h"
#include "flow/oracle.h"
#include "flow/login.h"
#include "flow/steps.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>

static const char *const where_text[] = {"the response body", "a link in the response",
                                         "the Location header"};

static void report_sightings(ss_scan *s, bool *body, bool *url)
{
    for (size_t i = 0; i < s->seen.n_sightings; i++) {
        const ss_sighting *g = &s->seen.sightings[i];
        if (strcmp(g->cookie, s->cookie) != 0)
            continue;
        bool in_body = g->where == SEEN_BODY;
        if ((in_body && *body) || (!in_body && *url))
            continue; /* one finding per rule; the first sighting is the evidence */
        char *shown = redact_id(g->value);
        ss_finding *f = report_add(
            s->report, in_body ? "SS-ID-IN-BODY" : "SS-ID-IN-URL", CONF_CONFIRMED, g->path,
            "The session ID %s=%s appeared in %s of %s%s", s->cookie, shown, where_text[g->where],
            g->path,
            in_body ? ": any script on the page (or an XSS) can read it, which HttpOnly was meant "
                      "to prevent."
                    : ": URLs leak through Referer headers, logs and browser history.");
        finding_evidence(f, "%s %s carried %s=%s", where_text[g->where], g->path, s->cookie,
                         shown);
        free(shown);
        *(in_body ? body : url) = true;
    }
}

/* The control's session is still logged in: offered only in the URL, is it accepted? */
static ss_login_state url_accepted(ss_scan *s, size_t *from)
{
    ss_actor a = actor_new("attacker", NULL);
    char *link = link_with_id(s->cfg->protected_path, s->cookie, s->sample_value);
    *from = client_exchange_count(s->client);
    client_step(s->client, "a live session ID offered only in the URL");
    ss_request req = {"GET", link, NULL, 0, NULL, FOLLOW_NONE};
    ss_response resp;
    ss_login_state st = ORACLE_UNKNOWN;
    if (client_send(s->client, &a, &req, &resp, s->err, sizeof s->err) == 0)
        st = oracle_classify(&s->oracle, &resp, s->cfg->user);
    response_free(&resp);
    free(link);
    actor_free(&a);
    return st;
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    bool body = false, url = false;
    report_sightings(s, &body, &url);
    size_t from;
    ss_login_state st = url_accepted(s, &from);
    if (st == ORACLE_UNKNOWN) {
        buf_printf(why, "%s", s->err);
        return CHECK_INCONCLUSIVE;
    }
    if (st == ORACLE_IN && !url) {
        char *shown = redact_id(s->sample_value);
        ss_finding *f = report_add(s->report, "SS-ID-IN-URL", CONF_CONFIRMED,
                                   s->cfg->protected_path,
                                   "The server accepted the live session ID %s=%s from the URL "
                                   "of %s, with no cookie: IDs in links leak through Referer "
                                   "headers, logs and history, and enable fixation by link.",
                                   s->cookie, shown, s->cfg->protected_path);
        evidence_range(f, s->client, from, client_exchange_count(s->client));
        free(shown);
        url = true;
    }
    if (!body && !url) {
        buf_puts(why, "no session ID in bodies, links or Location; URL IDs not accepted");
        return CHECK_PASS;
    }
    buf_printf(why, "session ID exposed%s%s", body ? " in a body" : "", url ? " in URLs" : "");
    return CHECK_FAIL;
}

const ss_check check_exposure = {
    "exposure",
    "session ID in URLs, links, Location or response bodies",
    "SS-ID-IN-URL SS-ID-IN-BODY",
    run,
};
