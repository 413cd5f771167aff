/* spec_derive_plan: the login, protected and logout operations and the session cookie that
 * `scan --openapi` drives, each chosen by a score over named signals that become its reason. */
#include "spec/names.h"
#include "spec/plan.h"
#include "spec/rules.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <string.h>

static char *upper(const char *s)
{
    char *u = xstrdup(s);
    for (char *p = u; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return u;
}

static char *full_path(const spec_doc *d, const char *path)
{
    return xasprintf("%s%s", d->base_path, path);
}

static const spec_param *query_param(const spec_op *op, bool (*pred)(const char *))
{
    for (size_t i = 0; i < op->n_params; i++)
        if (strcmp(op->params[i].in, "query") == 0 && pred(op->params[i].name))
            return &op->params[i];
    return NULL;
}

static bool user_like(const char *name)
{
    return name_user_rank(name) >= 0;
}

/* Scores an operation as the login; reasons go to why. */
static int login_score(const spec_doc *d, const spec_op *op, ss_buf *why)
{
    if (op_looks_logout(op)) return -100;
    int score = 0;
    const char *named = op_looks_login(op);
    bool post = strcmp(op->method, "post") == 0, put = strcmp(op->method, "put") == 0;
    if (named) {
        score += 4;
        buf_printf(why, "%s", named);
    }
    spec_login_req req;
    if ((post || put) && plan_login_request(d, op, &req)) {
        const char *pw = plan_password_field(d, &req);
        if (pw) {
            score += 5;
            buf_printf(why, "%sits request body has a password field '%s'", why->len ? "; " : "",
                       pw);
            if (plan_field_count(d, &req) > 4) {
                score -= 2; /* a registration or profile form, not a login form */
                buf_puts(why, " among many fields");
            }
        }
    }
    const spec_param *qp = query_param(op, name_is_password);
    if (qp) {
        score += 3;
        buf_printf(why, "%sit takes the password in query parameter '%s'", why->len ? "; " : "",
                   qp->name);
    }
    if (post)
        score += 2;
    else if (put)
        score += 1;
    else if (!qp)
        return -100; /* a GET without a password is not how anyone logs in */
    if (strchr(op->path, '{')) score -= 2;
    if (op_public_by_design(op) && !named) score -= 4; /* registration, password reset */
    return score;
}

static void plan_login(const spec_doc *d, spec_plan *p)
{
    const spec_op *best = NULL;
    int best_score = 4; /* at least a login name on a POST, or a password field */
    char *best_why = NULL;
    for (size_t i = 0; i < d->n_ops; i++) {
        ss_buf why;
        buf_init(&why, 0);
        int s = login_score(d, &d->ops[i], &why);
        if (s > best_score) {
            best = &d->ops[i];
            best_score = s;
            free(best_why);
            best_why = buf_take(&why);
        }
        buf_free(&why);
    }
    if (!best) {
        p->reason_login = xstrdup("no operation is named like a login or takes a password");
        return;
    }
    p->login_method = upper(best->method);
    p->login_line = (int)best->line;
    p->reason_login =
        xasprintf("%s %s (line %u): %s", p->login_method, best->path, best->line, best_why);
    free(best_why);
    spec_login_req req;
    if (strcmp(best->method, "get") != 0 && plan_login_request(d, best, &req)) {
        p->login_body = plan_body_template(d, &req, &p->reason_login_body);
        if (p->login_body) p->login_content_type = xstrdup(req.type);
    }
    const spec_param *qp = query_param(best, name_is_password);
    if (!p->login_body && qp) {
        const spec_param *qu = query_param(best, user_like);
        p->login_path = xasprintf("%s%s?%s%s%s=%s", d->base_path, best->path, qu ? qu->name : "",
                                  qu ? "={user}&" : "", qp->name, "{pass}");
        free(p->reason_login_body);
        p->reason_login_body =
            xasprintf("the credentials go in the query string (parameters %s%s'%s')",
                      qu ? qu->name : "", qu ? " and " : "", qp->name);
        return;
    }
    p->login_path = full_path(d, best->path);
    if (!p->reason_login_body)
        p->reason_login_body = xstrdup("the login operation has no JSON or form request body");
}

static const spec_scheme *session_cookie(const spec_doc *d)
{
    const spec_scheme *best = NULL;
    for (size_t i = 0; i < d->n_schemes; i++) {
        const spec_scheme *s = &d->schemes[i];
        if (s->type != SCH_APIKEY || !str_ieq(s->in, "cookie") || !s->key_name) continue;
        if (!best || (name_is_session_id(s->key_name) && !name_is_session_id(best->key_name)))
            best = s;
    }
    return best;
}

static int protected_score(const spec_op *op, const spec_scheme *cookie, ss_buf *why)
{
    static const char *const profile[] = {"me",      "profile", "account", "user",     "whoami",
                                          "session", "current", "self",    "userinfo", NULL};
    if (strcmp(op->method, "get") != 0 || !op->secured || strchr(op->path, '{')) return -1;
    for (size_t i = 0; i < op->n_params; i++)
        if (op->params[i].required) return -1;
    int score = 1;
    if (cookie && spec_op_uses_scheme(op, cookie->name)) {
        score += 4;
        buf_printf(why, "requires the session cookie scheme '%s'", cookie->name);
    } else {
        buf_puts(why, "requires authentication");
    }
    buf_puts(why, " and takes no required parameter");
    char seg[128];
    const char *last = strrchr(op->path, '/');
    name_norm(last ? last + 1 : op->path, seg, sizeof seg);
    for (const char *const *w = profile; *w; w++)
        if (strcmp(seg, *w) == 0) {
            score += 2;
            buf_printf(why, "; its path names the user's own data ('%s')", *w);
            break;
        }
    size_t depth = 0;
    for (const char *c = op->path; *c; c++)
        depth += *c == '/';
    return score + (depth <= 1) - (op_looks_logout(op) ? 10 : 0);
}

static void plan_protected(const spec_doc *d, spec_plan *p, const spec_scheme *cookie)
{
    const spec_op *best = NULL;
    int best_score = 0;
    char *best_why = NULL;
    for (size_t i = 0; i < d->n_ops; i++) {
        ss_buf why;
        buf_init(&why, 0);
        int s = protected_score(&d->ops[i], cookie, &why);
        if (s > best_score) {
            best = &d->ops[i];
            best_score = s;
            free(best_why);
            best_why = buf_take(&why);
        }
        buf_free(&why);
    }
    if (!best) {
        p->reason_protected = xstrdup("no GET operation requires authentication without "
                                      "required parameters");
        return;
    }
    p->protected_path = full_path(d, best->path);
    p->protected_line = (int)best->line;
    p->reason_protected = xasprintf("GET %s (line %u) %s", best->path, best->line, best_why);
    free(best_why);
}

static void plan_logout(const spec_doc *d, spec_plan *p)
{
    const spec_op *best = NULL;
    const char *why = NULL;
    for (size_t i = 0; i < d->n_ops; i++) {
        const char *w = op_looks_logout(&d->ops[i]);
        /* A state-changing logout beats a GET one: GET logouts are open to CSRF and prefetch. */
        if (w &&
            (!best || (strcmp(best->method, "get") == 0 && strcmp(d->ops[i].method, "get") != 0))) {
            best = &d->ops[i];
            why = w;
        }
    }
    if (!best) {
        p->reason_logout = xstrdup("no operation is named like a logout");
        return;
    }
    p->logout_path = full_path(d, best->path);
    p->logout_method = upper(best->method);
    p->logout_line = (int)best->line;
    p->reason_logout =
        xasprintf("%s %s (line %u): %s", p->logout_method, best->path, best->line, why);
}

/* The cookie name from a Set-Cookie example ("sid=abc; Path=/"), or NULL. */
static char *set_cookie_name(const spec_node *header)
{
    const spec_node *schema = node_get(header, "schema");
    const char *ex = node_get_str(header, "example");
    if (!ex) ex = node_get_str(schema, "example");
    if (!ex) return NULL;
    size_t n = strcspn(ex, "=;, \t");
    return n > 0 && n < 128 && ex[n] == '=' ? xstrndup(ex, n) : NULL;
}

/* Without a cookie security scheme: a session-named cookie parameter, or the name in the login
 * response's Set-Cookie example. */
static void cookie_fallback(const spec_doc *d, spec_plan *out)
{
    char label[256];
    for (size_t i = 0; i < d->n_ops; i++)
        for (size_t k = 0; k < d->ops[i].n_params; k++) {
            const spec_param *p = &d->ops[i].params[k];
            if (strcmp(p->in, "cookie") != 0 || !name_is_session_id(p->name)) continue;
            out->cookie_name = xstrdup(p->name);
            out->cookie_line = (int)p->line;
            out->reason_cookie =
                xasprintf("no cookie security scheme; %s takes cookie parameter '%s' (line %u)",
                          spec_op_label(&d->ops[i], label, sizeof label), p->name, p->line);
            return;
        }
    for (size_t i = 0; i < d->n_ops && out->login_line; i++) {
        const spec_op *op = &d->ops[i];
        if ((int)op->line != out->login_line) continue;
        for (uint32_t k = 0; node_is_map(op->responses) && k < op->responses->n; k++) {
            const spec_pair *rp = &op->responses->u.pairs[k];
            const spec_node *headers = node_get(spec_deref(d, rp->val), "headers");
            for (uint32_t h = 0; rp->key[0] == '2' && node_is_map(headers) && h < headers->n; h++) {
                if (!str_ieq(headers->u.pairs[h].key, "Set-Cookie")) continue;
                char *name = set_cookie_name(spec_deref(d, headers->u.pairs[h].val));
                if (!name) continue;
                out->cookie_name = name;
                out->cookie_line = (int)headers->u.pairs[h].line;
                out->reason_cookie = xasprintf("no cookie security scheme; the login response's "
                                               "Set-Cookie example (line %u) sets '%s'",
                                               headers->u.pairs[h].line, name);
                return;
            }
        }
    }
    out->reason_cookie = xstrdup("no apiKey-in-cookie security scheme, session cookie parameter "
                                 "or Set-Cookie example on the login response");
}

int spec_derive_plan(const spec_doc *d, spec_plan *out)
{
    memset(out, 0, sizeof *out);
    out->base_path = xstrdup(d->base_path);
    for (size_t i = 0; i < d->n_servers && !out->server_url; i++)
        if (strncmp(d->servers[i].url, "http://", 7) == 0 ||
            strncmp(d->servers[i].url, "https://", 8) == 0)
            out->server_url = xstrdup(d->servers[i].url);
    const spec_scheme *cookie = session_cookie(d);
    if (cookie) {
        out->cookie_name = xstrdup(cookie->key_name);
        out->cookie_line = (int)cookie->line;
        out->reason_cookie = xasprintf("security scheme '%s' (line %u) is an apiKey in cookie "
                                       "'%s'",
                                       cookie->name, cookie->line, cookie->key_name);
    }
    plan_login(d, out);
    if (!cookie) cookie_fallback(d, out);
    plan_protected(d, out, cookie);
    plan_logout(d, out);
    return out->login_path && out->protected_path ? 0 : 1;
}

void spec_plan_free(spec_plan *p)
{
    char *fields[] = {p->login_path,         p->login_method,   p->login_body,
                      p->login_content_type, p->protected_path, p->logout_path,
                      p->logout_method,      p->cookie_name,    p->base_path,
                      p->server_url,         p->reason_login,   p->reason_login_body,
                      p->reason_protected,   p->reason_logout,  p->reason_cookie};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        free(fields[i]);
    memset(p, 0, sizeof *p);
}
