/* DESIGN §2 step 8: the victim logs out; the attacker replays every session value the victim held.
 * Still logged in = the session was not invalidated server-side. */
#include "checks/check.h"
#include "flow/evidence.h"
#include "flow/login.h"
#include "flow/steps.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool b64url_run(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)p[i]) && p[i] != '-' && p[i] != '_')
            return false;
    return n > 0;
}

/* A JWT's first part is a base64url JSON header starting {"alg", {"typ" or {"kid". */
static bool jwt_like(const char *v)
{
    static const char *const heads[] = {"eyJhbGci", "eyJ0eXAi", "eyJraWQi"};
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
        if (strncmp(v, heads[i], strlen(heads[i])) == 0)
            return true;
    return false;
}

/* Names the stateless session formats, whose logout can only clear the browser's copy. */
static const char *client_side_kind(const char *v, const ss_jar *jar, const char *cookie)
{
    const char *d1 = strchr(v, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    bool three_parts = d1 && d2 && !strchr(d2 + 1, '.');
    if (jwt_like(v) && three_parts)
        return "a JWT: it stays valid until it expires unless the server keeps a deny-list";
    /* itsdangerous: payload (leading '.' when compressed), a short timestamp, a signature */
    if ((v[0] == '.' || strncmp(v, "eyJ", 3) == 0) && three_parts && d2 - d1 - 1 <= 8 &&
        b64url_run(d1 + 1, (size_t)(d2 - d1 - 1)))
        return "a signed client-side session (Flask/itsdangerous format): the data lives in the "
               "cookie and the server keeps nothing it could invalidate";
    char sig[300];
    snprintf(sig, sizeof sig, "%s.sig", cookie);
    if (strncmp(v, "eyJ", 3) == 0 && jar_get(jar, sig))
        return "a cookie-session (Node) client-side session with a .sig cookie: the server keeps "
               "nothing it could invalidate";
    if (strstr(v, "--") && strlen(v) > 40)
        return "a signed client-side session (Rails cookie store format): the server keeps "
               "nothing it could invalidate";
    return NULL;
}

static int do_logout(ss_scan *s, ss_actor *v, long *status)
{
    ss_request req = {s->cfg->logout_method, s->cfg->logout_path, "", 0,
                      "application/x-www-form-urlencoded", FOLLOW_ORIGIN};
    if (strcmp(s->cfg->logout_method, "GET") == 0)
        req.body = req.content_type = NULL;
    ss_response resp;
    int rc = client_send(s->client, v, &req, &resp, s->err, sizeof s->err);
    *status = resp.status;
    response_free(&resp);
    return rc;
}

/* The session that was logged out is the victim's latest; earlier ones still alive are
 * concurrent sessions (the reauth check reports them), not a logout failure. */
static ss_check_status replay(ss_scan *s, ss_buf *why, size_t from)
{
    const char *id = s->victim_ids[s->n_victim_ids - 1];
    ss_actor a = actor_new("attacker", NULL);
    jar_set(a.jar, s->cookie, id);
    client_step(s->client, "attacker replays the cookie the victim held before logout");
    ss_login_state st = flow_probe_attacker(s, &a);
    actor_free(&a);
    if (st == ORACLE_UNKNOWN) {
        buf_printf(why, "%s", s->err);
        return CHECK_INCONCLUSIVE;
    }
    if (st != ORACLE_IN) {
        buf_puts(why, "the session the victim logged out of is no longer logged in");
        return CHECK_PASS;
    }
    char *shown = redact_id(id);
    const char *kind = client_side_kind(id, s->victim_jar, s->cookie);
    ss_finding *f = report_add(s->report, "SS-LOGOUT-ALIVE", CONF_CONFIRMED, s->cfg->logout_path,
                               "After the victim logged out, the session cookie %s=%s it had "
                               "held was still logged in.%s%s",
                               s->cookie, shown, kind ? " The cookie is " : "", kind ? kind : "");
    if (kind)
        finding_evidence(f, "session format: %s", kind);
    evidence_range(f, s->client, from, client_exchange_count(s->client));
    free(shown);
    buf_puts(why, "the session cookie held before logout is still logged in");
    return CHECK_FAIL;
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    if (!s->cfg->logout_path) {
        buf_puts(why, "no --logout given");
        return CHECK_SKIPPED;
    }
    if (step_victim_login(s) != 0 || s->n_victim_ids == 0) {
        buf_puts(why, "the victim is not logged in");
        return CHECK_INCONCLUSIVE;
    }
    size_t from = client_exchange_count(s->client);
    ss_actor v = {"victim", s->victim_jar};
    long status = 0;
    client_step(s->client, "victim logs out");
    if (do_logout(s, &v, &status) != 0) {
        buf_printf(why, "%s", s->err);
        return CHECK_INCONCLUSIVE;
    }
    if (status == 404 || status == 405) {
        buf_printf(why, "%s %s answered %ld: no logout there (check --logout and "
                        "--logout-method)",
                   s->cfg->logout_method, s->cfg->logout_path, status);
        return CHECK_INCONCLUSIVE;
    }
    return replay(s, why, from);
}

const ss_check check_logout = {
    "logout",
    "logout invalidates the session server-side",
    "SS-LOGOUT-ALIVE",
    run,
};
