/* SS-SPEC-TOKEN-IN-URL: a session ID, token, API key or password carried in the query string or
 * the path, where logs, history and Referer headers keep it. */
#include "spec/names.h"
#include "spec/rules.h"
#include "util/xalloc.h"

#include <string.h>

#define MAX_LISTED 5

typedef struct {
    char key[136]; /* normalised name + "@" + in */
    const char *name, *in, *what;
    ss_confidence conf;
    unsigned line;
    const spec_op *ops[MAX_LISTED];
    size_t n_ops;
} group;

static const char *classify(const char *name, ss_confidence *conf)
{
    char n[128];
    name_norm(name, n, sizeof n);
    *conf = CONF_FIRM;
    if (name_is_session_id(name)) return "session ID";
    if (name_is_token(name)) return "token";
    if (name_is_password(name)) return "password";
    /* A bare "key" parameter is a lookup key far more often than a credential. */
    if (name_is_api_key(name) && strcmp(n, "key") != 0) return "API key";
    return NULL;
}

static void add_to_group(group **gs, size_t *n, size_t *cap, const spec_op *op, const spec_param *p)
{
    ss_confidence conf;
    const char *what = classify(p->name, &conf);
    if (!what) return;
    char key[136], norm[128];
    name_norm(p->name, norm, sizeof norm);
    snprintf(key, sizeof key, "%s@%s", norm, p->in);
    group *g = NULL;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*gs)[i].key, key) == 0) g = &(*gs)[i];
    if (!g) {
        g = XARRAY_PUSH(*gs, *n, *cap);
        memcpy(g->key, key, sizeof key);
        g->name = p->name;
        g->in = p->in;
        g->what = what;
        g->conf = conf;
        g->line = p->line;
    }
    if (g->n_ops < MAX_LISTED) g->ops[g->n_ops] = op;
    g->n_ops++;
}

static void emit_group(spec_ctx *c, const group *g)
{
    char label[256];
    ss_finding *f = spec_emit(
        c, "SS-SPEC-TOKEN-IN-URL", g->conf, g->line,
        "The %s '%s' is sent in the %s (%s parameter of %s%s): URLs are kept in server and "
        "proxy logs, browser history and Referer headers.",
        g->what, g->name, strcmp(g->in, "path") == 0 ? "URL path" : "query string", g->in,
        spec_op_label(g->ops[0], label, sizeof label), g->n_ops > 1 ? " and others" : "");
    finding_evidence(f, "parameter '%s' in: %s, first declared at line %u", g->name, g->in,
                     g->line);
    for (size_t i = 0; i < g->n_ops && i < MAX_LISTED; i++)
        finding_evidence(f, "used by %s (line %u)", spec_op_label(g->ops[i], label, sizeof label),
                         g->ops[i]->line);
    if (g->n_ops > MAX_LISTED)
        finding_evidence(f, "... and %zu more operations", g->n_ops - MAX_LISTED);
}

static int query_schemes(spec_ctx *c)
{
    int n = 0;
    for (size_t i = 0; i < c->d->n_schemes; i++) {
        const spec_scheme *s = &c->d->schemes[i];
        if (s->type != SCH_APIKEY || !str_ieq(s->in, "query")) continue;
        ss_finding *f = spec_emit(
            c, "SS-SPEC-TOKEN-IN-URL", CONF_FIRM, s->line,
            "Security scheme '%s' carries its credential in the query string (parameter '%s'): "
            "every authenticated URL exposes it to logs, history and Referer headers.",
            s->name, s->key_name ? s->key_name : "?");
        finding_evidence(f, "securityScheme '%s': type apiKey, in: query, name: %s (line %u)",
                         s->name, s->key_name ? s->key_name : "?", s->line);
        n++;
    }
    return n;
}

void rule_token_in_url(spec_ctx *c, spec_outcome *o)
{
    group *gs = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < c->d->n_ops; i++) {
        const spec_op *op = &c->d->ops[i];
        for (size_t k = 0; k < op->n_params; k++)
            if (strcmp(op->params[k].in, "query") == 0 || strcmp(op->params[k].in, "path") == 0)
                add_to_group(&gs, &n, &cap, op, &op->params[k]);
    }
    for (size_t i = 0; i < n; i++)
        emit_group(c, &gs[i]);
    int schemes = query_schemes(c);
    free(gs);
    spec_outcome_set(o, CHECK_PASS,
                     "%zu credential-like URL parameter(s), %d query-string security scheme(s) "
                     "in %zu operations",
                     n, schemes, c->d->n_ops);
}
