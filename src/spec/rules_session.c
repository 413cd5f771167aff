/* SS-SPEC-NO-LOGOUT (cookie sessions nobody can end) and SS-SPEC-STATIC-KEY (a static API key
 * standing in for a session, ASVS 5.0 7.2.2). */
#include "spec/names.h"
#include "spec/rules.h"

#include <string.h>

static const spec_scheme *cookie_scheme(const spec_doc *d)
{
    for (size_t i = 0; i < d->n_schemes; i++)
        if (d->schemes[i].type == SCH_APIKEY && str_ieq(d->schemes[i].in, "cookie"))
            return &d->schemes[i];
    return NULL;
}

void rule_no_logout(spec_ctx *c, spec_outcome *o)
{
    const spec_scheme *ck = cookie_scheme(c->d);
    if (!ck) {
        spec_outcome_set(o, CHECK_SKIPPED, "no apiKey-in-cookie (cookie session) security scheme");
        return;
    }
    char label[256];
    for (size_t i = 0; i < c->d->n_ops; i++) {
        const char *why = op_looks_logout(&c->d->ops[i]);
        if (why) {
            spec_outcome_set(o, CHECK_PASS, "logout operation %s (line %u): %s",
                             spec_op_label(&c->d->ops[i], label, sizeof label), c->d->ops[i].line,
                             why);
            return;
        }
    }
    ss_finding *f = spec_emit(
        c, "SS-SPEC-NO-LOGOUT", CONF_FIRM, ck->line,
        "Security scheme '%s' keeps the session in cookie '%s', but no operation logs out: users "
        "cannot end their sessions, and a stolen cookie stays valid until it expires.",
        ck->name, ck->key_name ? ck->key_name : "?");
    finding_evidence(f,
                     "searched %zu operations for a logout/signout/logoff operationId, path "
                     "or summary, and for DELETE on a session resource: none found",
                     c->d->n_ops);
    spec_outcome_set(o, CHECK_FAIL, "cookie session without a logout operation");
}

/* A login operation: named like one and either writing (POST/PUT) or taking a password. */
static const spec_op *find_login(const spec_doc *d)
{
    for (size_t i = 0; i < d->n_ops; i++) {
        const spec_op *op = &d->ops[i];
        if (!op_looks_login(op)) continue;
        if (strcmp(op->method, "post") == 0 || strcmp(op->method, "put") == 0) return op;
        for (size_t k = 0; k < op->n_params; k++)
            if (name_is_password(op->params[k].name)) return op;
    }
    return NULL;
}

static bool user_scoped_path(const char *path)
{
    /* Singular names: "/user" is the caller, "/users/{id}" anyone's record. */
    static const char *const segs[] = {"me",       "profile",  "account", "user",
                                       "session",  "sessions", "cart",    "basket",
                                       "settings", "whoami",   NULL};
    char tmp[128], n[128];
    for (const char *p = path; *p;) {
        p += strspn(p, "/");
        size_t len = strcspn(p, "/");
        if (len > 0 && len < sizeof tmp) {
            memcpy(tmp, p, len);
            tmp[len] = '\0';
            name_norm(tmp, n, sizeof n);
            for (const char *const *w = segs; *w; w++)
                if (strcmp(n, *w) == 0) return true;
        }
        p += len;
    }
    return false;
}

/* Header names that carry issued tokens, not static keys. */
static bool dynamic_name(const char *name)
{
    char n[128];
    name_norm(name, n, sizeof n);
    return name_is_session_id(name) || name_is_token(name) || strcmp(n, "authorization") == 0 ||
           strstr(n, "session") || strstr(n, "token") || strstr(n, "jwt") || strstr(n, "bearer");
}

static int check_scheme(spec_ctx *c, const spec_scheme *s, const spec_op *login)
{
    const spec_op *user_op = NULL, *any_op = NULL;
    for (size_t i = 0; i < c->d->n_ops; i++) {
        const spec_op *op = &c->d->ops[i];
        if (!spec_op_uses_scheme(op, s->name)) continue;
        any_op = any_op ? any_op : op;
        if (!user_op && user_scoped_path(op->path)) user_op = op;
    }
    if (!any_op || (!login && !user_op))
        return 0; /* unused, or a machine-to-machine key: not a session credential */
    char label[256];
    ss_finding *f = spec_emit(
        c, "SS-SPEC-STATIC-KEY", login ? CONF_FIRM : CONF_TENTATIVE, s->line,
        "Security scheme '%s' authenticates users' requests with a static API key (%s '%s') "
        "instead of a session token: a static key does not expire, is not renewed at login and "
        "is not revoked by logging out.",
        s->name, s->in ? s->in : "?", s->key_name ? s->key_name : "?");
    if (login)
        finding_evidence(f,
                         "the API has a login operation, %s (line %u), yet requests "
                         "authenticate with the key",
                         spec_op_label(login, label, sizeof label), login->line);
    if (user_op)
        finding_evidence(f, "user-scoped operation %s (line %u) is protected by the key",
                         spec_op_label(user_op, label, sizeof label), user_op->line);
    return 1;
}

void rule_static_key(spec_ctx *c, spec_outcome *o)
{
    const spec_op *login = find_login(c->d);
    int keys = 0, hits = 0;
    for (size_t i = 0; i < c->d->n_schemes; i++) {
        const spec_scheme *s = &c->d->schemes[i];
        if (s->type != SCH_APIKEY || str_ieq(s->in, "cookie") || dynamic_name(s->key_name))
            continue;
        keys++;
        hits += check_scheme(c, s, login);
    }
    if (keys == 0)
        spec_outcome_set(o, CHECK_SKIPPED, "no header or query API-key security scheme");
    else
        spec_outcome_set(o, CHECK_PASS, "%d API-key scheme(s), %d used as a session credential",
                         keys, hits);
}
