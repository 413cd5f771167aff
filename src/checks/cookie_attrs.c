/* DESIGN §2 step 9: the attributes of every session-bearing Set-Cookie, read from the raw headers
 * (flow/observe.c kept one per attribute profile). Deletion cookies are ignored; Secure is judged
 * against the scheme actually scanned. */
#include "checks/check.h"
#include "cookie/setcookie.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>
#include <time.h>

#define LONG_LIFETIME (12LL * 3600) /* a persistent session cookie living longer is reported */

typedef struct {
    ss_scan *s;
    bool raised[6];
    bool any;
} judge;

enum { R_SECURE, R_HTTPONLY, R_SAMESITE, R_SCOPE, R_PREFIX, R_LIFETIME };
static const char *const rule_ids[] = {"SS-COOKIE-SECURE", "SS-COOKIE-HTTPONLY",
                                       "SS-COOKIE-SAMESITE", "SS-COOKIE-SCOPE",
                                       "SS-COOKIE-PREFIX", "SS-COOKIE-LIFETIME"};

static ss_finding *flag_rule(judge *j, int rule, const char *raw, const char *msg)
{
    j->any = true;
    if (j->raised[rule])
        return NULL; /* one finding per rule: the first offending header is the evidence */
    j->raised[rule] = true;
    ss_finding *f = report_add(j->s->report, rule_ids[rule], CONF_CONFIRMED,
                               j->s->cfg->login_path, "%s", msg);
    char *shown = redact_text(raw);
    finding_evidence(f, "Set-Cookie: %s", shown);
    free(shown);
    return f;
}

static void judge_secure(judge *j, const ss_setcookie *c, const char *raw, bool https)
{
    if (https && !c->secure) {
        flag_rule(j, R_SECURE, raw, "The session cookie has no Secure attribute: a browser also sends "
                                "it over http:// (a network attacker downgrades one request).");
    } else if (!https) {
        ss_finding *f = flag_rule(j, R_SECURE, raw,
                              j->s->loopback
                                  ? "The session is carried over cleartext http://. Rated low "
                                    "because the target is a loopback address (a developer's "
                                    "machine); scan the deployed https:// URL to judge Secure."
                                  : "The session is carried over cleartext http://: anyone on "
                                    "the network path reads the session ID.");
        if (f && j->s->loopback)
            f->severity = SEV_LOW;
    }
}

static void judge_samesite(judge *j, const ss_setcookie *c, const char *raw)
{
    if (c->samesite == SAMESITE_MISSING)
        flag_rule(j, R_SAMESITE, raw, "The session cookie has no SameSite attribute: browsers that do "
                                  "not default to Lax send it on cross-site requests (CSRF).");
    else if (c->samesite == SAMESITE_NONE)
        flag_rule(j, R_SAMESITE, raw, "SameSite=None: the session cookie is sent on every cross-site "
                                  "request (CSRF, cross-site leaks).");
    else if (c->samesite == SAMESITE_INVALID)
        flag_rule(j, R_SAMESITE, raw, "The SameSite value is invalid, so browsers ignore it: the "
                                  "cookie behaves as if SameSite were missing.");
}

static void judge_one(judge *j, const ss_setcookie *c, const char *raw, bool https)
{
    judge_secure(j, c, raw, https);
    if (!c->httponly)
        flag_rule(j, R_HTTPONLY, raw, "The session cookie has no HttpOnly attribute: any script on "
                                  "the page (or an XSS) can read and exfiltrate the session ID.");
    judge_samesite(j, c, raw);
    if (c->domain) {
        char *msg = xasprintf("Domain=%s widens the session cookie to every subdomain (a "
                              "subdomain can read it, and plant one: fixation).",
                              c->domain);
        flag_rule(j, R_SCOPE, raw, msg);
        free(msg);
    }
    if (https && strncmp(c->name, "__Host-", 7) != 0)
        flag_rule(j, R_PREFIX, raw, "The session cookie has no __Host- prefix, which would make the "
                                "browser refuse any Domain, non-Secure or non-root variant "
                                "planted by a subdomain or a network attacker.");
    long long life = setcookie_lifetime(c, time(NULL));
    if (life > LONG_LIFETIME) {
        char *msg = xasprintf("The session cookie is persistent and lives %lld hours: it "
                              "survives browser restarts on shared machines.",
                              life / 3600);
        flag_rule(j, R_LIFETIME, raw, msg);
        free(msg);
    }
}

static ss_check_status run(ss_scan *s, ss_buf *why)
{
    judge j = {.s = s};
    size_t judged = 0;
    for (size_t i = 0; i < s->seen.n_headers; i++) {
        const ss_seen_header *h = &s->seen.headers[i];
        ss_setcookie c;
        if (strcmp(h->cookie, s->cookie) != 0 ||
            setcookie_parse(h->raw, strlen(h->raw), &c) != 0)
            continue;
        if (!setcookie_is_deletion(&c, time(NULL))) {
            judge_one(&j, &c, h->raw, h->secure_origin);
            judged++;
        }
        setcookie_free(&c);
    }
    if (judged == 0) {
        buf_printf(why, "no Set-Cookie for %s was seen", s->cookie);
        return CHECK_INCONCLUSIVE;
    }
    if (!j.any) {
        buf_printf(why, "%zu session Set-Cookie profile(s): attributes sound", judged);
        return CHECK_PASS;
    }
    buf_printf(why, "%zu session Set-Cookie profile(s) judged", judged);
    return CHECK_FAIL;
}

const ss_check check_cookie_attrs = {
    "cookie-attrs",
    "Secure, HttpOnly, SameSite, Domain, prefix and lifetime of the session cookie",
    "SS-COOKIE-SECURE SS-COOKIE-HTTPONLY SS-COOKIE-SAMESITE SS-COOKIE-SCOPE SS-COOKIE-PREFIX "
    "SS-COOKIE-LIFETIME",
    run,
};
