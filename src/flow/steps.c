#include "flow/steps.h"
#include "flow/login.h"
#include "flow/oracle.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

ss_actor actor_new(const char *name, const ss_jar *from)
{
    ss_actor a = {name, from ? jar_clone(from) : jar_new()};
    return a;
}

void actor_free(ss_actor *a)
{
    jar_free(a->jar);
    a->jar = NULL;
}

static int stop(ss_scan *s, const char *fmt, const char *detail)
{
    report_set_error(s->report, fmt, detail);
    return -1;
}

static int get_protected(ss_scan *s, ss_actor *a, ss_response *resp)
{
    ss_request req = {"GET", s->cfg->protected_path, NULL, 0, NULL, FOLLOW_NONE};
    return client_send(s->client, a, &req, resp, s->err, sizeof s->err);
}

/* Names a cookie "session" when dropping it alone logs the actor out (DESIGN §2 step 1). */
static int find_session_cookie(ss_scan *s, const ss_jar *jar)
{
    size_t n = jar_count(jar);
    if (s->cfg->cookie_name) {
        if (!jar_get(jar, s->cfg->cookie_name))
            return stop(s, "%s", "the login set no cookie named by --cookie: check the name "
                                 "(or leave --cookie out to let the scanner find it)");
        s->cookie = xstrdup(s->cfg->cookie_name);
        return 0;
    }
    if (n == 0)
        return stop(s, "%s",
                    "the login set no cookie at all: sessionscan tests cookie-based sessions; "
                    "check --login and --login-body (token-in-header APIs are out of scope)");
    if (n == 1) {
        s->cookie = xstrdup(jar_name_at(jar, 0));
        return 0;
    }
    for (size_t i = 0; i < n && !s->cookie; i++) {
        ss_actor probe = actor_new("control", jar);
        jar_remove(probe.jar, jar_name_at(jar, i));
        client_step(s->client, "control: which cookie carries the session (without %s)",
                    jar_name_at(jar, i));
        if (flow_probe(s, &probe) == ORACLE_OUT)
            s->cookie = xstrdup(jar_name_at(jar, i));
        actor_free(&probe);
    }
    if (!s->cookie)
        return stop(s, "%s",
                    "no single cookie carries the login (the session survives dropping any one): "
                    "name the session cookie with --cookie");
    return 0;
}

static int login_failed(ss_scan *s, long login_status, long protected_status)
{
    char *msg = xasprintf("login failed: %s %s answered %ld and the protected path still "
                          "answers %ld as without login; check --user, the password and "
                          "--login-body (or --login-form)",
                          s->cfg->login_method, s->cfg->login_form ? s->cfg->login_form
                                                                   : s->cfg->login_path,
                          login_status, protected_status);
    stop(s, "%s", msg);
    free(msg);
    return -1;
}

static int control_login(ss_scan *s, ss_actor *c, const ss_response *anon)
{
    long status = 0;
    client_step(s->client, "control: fresh login");
    if (flow_login(s, c, &status) != 0)
        return stop(s, "%s", s->err);
    ss_response in;
    client_step(s->client, "control: protected path after a fresh login");
    if (get_protected(s, c, &in) != 0) {
        response_free(&in);
        return stop(s, "%s", s->err);
    }
    char err[512];
    int rc = oracle_calibrate(&s->oracle, anon, &in, s->cfg->user, err, sizeof err);
    long in_status = in.status;
    response_free(&in);
    if (rc == 0)
        return 0;
    if (jar_count(c->jar) == 0 && status < 400)
        return stop(s, "%s", client_secure_dropped(s->client)
                                 ? "the login set only Secure cookies, which browsers drop over "
                                   "http://: scan the https:// URL of the target"
                                 : "the login set no cookie at all: sessionscan tests cookie "
                                   "sessions; check --login and --login-body (token-in-header "
                                   "APIs are out of scope)");
    /* refused (4xx) or sent away (3xx) both times: the login, not the path, is what failed */
    if (status >= 400 || in_status >= 300 || jar_count(c->jar) == 0)
        return login_failed(s, status, in_status);
    return stop(s, "%s", err);
}

/* A session ID the server never issued must not be logged in, or the oracle proves nothing. */
static int control_random_id(ss_scan *s)
{
    ss_actor r = actor_new("control", NULL);
    char *fake = invent_id(s->sample_value);
    jar_set(r.jar, s->cookie, fake);
    free(fake);
    client_step(s->client, "control: protected path with a never-issued session ID");
    ss_login_state st = flow_probe(s, &r);
    actor_free(&r);
    if (st == ORACLE_IN)
        return stop(s, "%s",
                    "the protected path accepts a random, never-issued session ID as logged in: "
                    "the logged-in oracle cannot be trusted; pick another --protected path or "
                    "pass --logged-in REGEX");
    return st == ORACLE_UNKNOWN ? stop(s, "%s", s->err) : 0;
}

int step_controls(ss_scan *s)
{
    ss_actor anon_actor = actor_new("control", NULL);
    ss_response anon;
    client_step(s->client, "control: protected path without cookies");
    int rc = get_protected(s, &anon_actor, &anon);
    actor_free(&anon_actor);
    if (rc != 0) {
        response_free(&anon);
        return stop(s, "%s", s->err);
    }
    ss_actor c = actor_new("control", NULL);
    rc = control_login(s, &c, &anon);
    response_free(&anon);
    if (rc == 0)
        rc = find_session_cookie(s, c.jar);
    if (rc == 0) {
        s->sample_value = xstrdup(jar_get(c.jar, s->cookie));
        rc = control_random_id(s);
    }
    actor_free(&c);
    if (rc == 0) {
        s->report->oracle = oracle_describe(&s->oracle);
        s->report->session_cookie = xstrdup(s->cookie);
    }
    return rc;
}

static int step_fail(ss_stepstate *st, const char *why)
{
    st->done = -1;
    st->why = xstrdup(why);
    return -1;
}

int step_prelogin(ss_scan *s)
{
    if (s->prelogin.done)
        return s->prelogin.done > 0 ? 0 : -1;
    ss_actor a = actor_new("attacker", NULL);
    s->prelogin.ex_from = client_exchange_count(s->client);
    client_step(s->client, "attacker obtains a pre-login session");
    int rc = flow_visit_entries(s, &a);
    s->prelogin.ex_to = client_exchange_count(s->client);
    s->attacker_jar = a.jar;
    if (rc != 0)
        return step_fail(&s->prelogin, s->err);
    const char *v = jar_get(a.jar, s->cookie);
    s->s0 = v ? xstrdup(v) : NULL;
    s->prelogin.done = 1;
    return 0;
}

int step_victim_login(ss_scan *s)
{
    if (s->victim_login.done)
        return s->victim_login.done > 0 ? 0 : -1;
    if (step_prelogin(s) != 0)
        return step_fail(&s->victim_login, s->prelogin.why);
    ss_actor v = actor_new("victim", s->attacker_jar);
    long status;
    s->victim_login.ex_from = client_exchange_count(s->client);
    client_step(s->client, "victim logs in carrying the attacker's pre-login cookies");
    int rc = flow_login(s, &v, &status);
    ss_login_state st = rc == 0 ? flow_probe(s, &v) : ORACLE_UNKNOWN;
    if (st == ORACLE_OUT) { /* session lost (DESIGN §2 step 11): one more login, then give up */
        client_step(s->client, "victim logged out unexpectedly: logging in once more");
        rc = flow_login(s, &v, &status);
        st = rc == 0 ? flow_probe(s, &v) : ORACLE_UNKNOWN;
    }
    s->victim_login.ex_to = client_exchange_count(s->client);
    s->victim_jar = v.jar;
    if (rc != 0 || st == ORACLE_UNKNOWN)
        return step_fail(&s->victim_login, s->err);
    if (st != ORACLE_IN)
        return step_fail(&s->victim_login,
                         "the victim's login did not hold while carrying the pre-login cookies");
    const char *v1 = jar_get(v.jar, s->cookie);
    s->s1 = v1 ? xstrdup(v1) : NULL;
    if (v1)
        scan_remember_victim_id(s, v1);
    s->victim_login.done = 1;
    return 0;
}

/* Character classes in order of preference: the smallest alphabet that covers the sample. */
static const char *alphabet_for(const char *like)
{
    static const char *const alphabets[] = {
        "0123456789abcdef", "0123456789ABCDEF", "0123456789",
        "0123456789abcdefghijklmnopqrstuvwxyz",
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"};
    for (size_t i = 0; i < sizeof alphabets / sizeof *alphabets; i++)
        if (strspn(like, alphabets[i]) == strlen(like))
            return alphabets[i];
    return alphabets[5];
}

char *invent_id(const char *like)
{
    if (!like || !*like)
        like = "00000000000000000000000000000000";
    size_t n = strlen(like);
    if (n > 256)
        n = 256;
    /* keep a framework's fixed prefix such as express-session's "s:" / "s%3A" */
    size_t keep = strncmp(like, "s%3A", 4) == 0 ? 4 : strncmp(like, "s:", 2) == 0 ? 2 : 0;
    const char *alpha = alphabet_for(like + keep);
    size_t k = strlen(alpha);
    unsigned char rnd[256];
    RAND_bytes(rnd, (int)n);
    char *out = xmalloc(n + 1);
    memcpy(out, like, keep);
    for (size_t i = keep; i < n; i++)
        out[i] = strchr(".", like[i]) && like[i] ? like[i] : alpha[rnd[i] % k];
    out[n] = '\0';
    redact_register(out, SECRET_SESSION);
    return out;
}

void scan_remember_victim_id(ss_scan *s, const char *id)
{
    for (size_t i = 0; i < s->n_victim_ids; i++)
        if (strcmp(s->victim_ids[i], id) == 0)
            return;
    if (s->n_victim_ids < sizeof s->victim_ids / sizeof *s->victim_ids)
        s->victim_ids[s->n_victim_ids++] = xstrdup(id);
}

void scan_free(ss_scan *s)
{
    for (size_t i = 0; i < s->n_victim_ids; i++)
        free(s->victim_ids[i]);
    observer_free(&s->seen);
    if (s->have_form)
        form_free(&s->form);
    oracle_free(&s->oracle);
    free(s->cookie);
    free(s->sample_value);
    free(s->s0);
    free(s->s1);
    free(s->prelogin.why);
    free(s->victim_login.why);
    jar_free(s->attacker_jar);
    jar_free(s->victim_jar);
}

static bool sets_cookie_to(const ss_response *r, const char *name, const char *value)
{
    for (size_t i = 0; i < r->n_set_cookies; i++) {
        ss_setcookie sc;
        if (setcookie_parse(r->set_cookies[i], strlen(r->set_cookies[i]), &sc) != 0)
            continue;
        bool hit = strcmp(sc.name, name) == 0 && strcmp(sc.value, value) == 0;
        setcookie_free(&sc);
        if (hit)
            return true;
    }
    return false;
}

int flow_plant_and_login(ss_scan *s, ss_actor *victim, const char *visit_path, const char *id,
                         ss_plant_result *out)
{
    memset(out, 0, sizeof *out);
    out->ex_from = client_exchange_count(s->client);
    out->victim = out->attacker = ORACLE_UNKNOWN;
    ss_request req = {"GET", visit_path, NULL, 0, NULL, FOLLOW_ORIGIN};
    ss_response resp;
    int rc = client_send(s->client, victim, &req, &resp, s->err, sizeof s->err);
    out->echoed = rc == 0 && sets_cookie_to(&resp, s->cookie, id);
    response_free(&resp);
    long status;
    if (rc == 0)
        rc = flow_login(s, victim, &status);
    if (rc == 0)
        out->victim = flow_probe(s, victim);
    if (rc == 0 && out->victim == ORACLE_OUT && s->login_query) {
        /* a victim who came through a link may be carried by the URL alone (PHP trans-sid) */
        char *url = xasprintf("%s%c%s", s->cfg->protected_path,
                              strchr(s->cfg->protected_path, '?') ? '&' : '?', s->login_query);
        ss_request probe = {"GET", url, NULL, 0, NULL, FOLLOW_NONE};
        ss_response pr;
        ss_actor by_url = actor_new("victim", NULL); /* cookies would take precedence */
        if (client_send(s->client, &by_url, &probe, &pr, s->err, sizeof s->err) == 0)
            out->victim = oracle_classify(&s->oracle, &pr, s->cfg->user);
        actor_free(&by_url);
        response_free(&pr);
        free(url);
    }
    const char *after = jar_get(victim->jar, s->cookie);
    out->kept = after && strcmp(after, id) == 0;
    if (rc == 0 && out->victim == ORACLE_IN) {
        ss_actor a = actor_new("attacker", NULL);
        jar_set(a.jar, s->cookie, id);
        client_step(s->client, "attacker uses the planted ID");
        out->attacker = flow_probe_attacker(s, &a);
        actor_free(&a);
    }
    out->ex_to = client_exchange_count(s->client);
    return rc;
}
