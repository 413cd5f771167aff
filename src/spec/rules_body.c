/* SS-SPEC-TOKEN-IN-BODY: a success response whose schema returns a session ID or token in the
 * body (the seed's `res.send({ sessionId })`), where any script on the page can read it. */
#include "spec/names.h"
#include "spec/rules.h"
#include "util/xalloc.h"

#include <string.h>

#define MAX_LISTED 5

typedef struct {
    const spec_pair *prop; /* one finding per property, however many operations return it */
    bool session;
    const spec_op *ops[MAX_LISTED];
    const char *codes[MAX_LISTED];
    size_t n_ops;
} hit;

typedef struct {
    hit *hits;
    size_t n, cap;
    const spec_op *op;
    const char *code;
} body_ctx;

static bool string_like(const spec_node *schema)
{
    const spec_node *t = node_get(schema, "type");
    if (!t) return true;
    if (node_is_seq(t)) { /* 3.1: type: [string, "null"] */
        for (uint32_t i = 0; i < t->n; i++)
            if (str_ieq(node_str(t->u.items[i]), "string")) return true;
        return false;
    }
    return str_ieq(node_str(t), "string");
}

static int on_prop(const spec_pair *p, const spec_node *schema, void *vctx)
{
    body_ctx *bc = vctx;
    bool session = name_is_session_id(p->key);
    if (!session && !name_is_token(p->key)) return 0;
    if (node_true(node_get(schema, "writeOnly")) || !string_like(schema)) return 0;
    hit *h = NULL;
    for (size_t i = 0; i < bc->n; i++)
        if (bc->hits[i].prop == p) h = &bc->hits[i];
    if (!h) {
        h = XARRAY_PUSH(bc->hits, bc->n, bc->cap);
        h->prop = p;
        h->session = session;
    }
    for (size_t i = 0; i < h->n_ops && i < MAX_LISTED; i++)
        if (h->ops[i] == bc->op) return 0; /* same operation, another media type or status */
    if (h->n_ops < MAX_LISTED) {
        h->ops[h->n_ops] = bc->op;
        h->codes[h->n_ops] = bc->code;
    }
    h->n_ops++;
    return 0;
}

static void scan_response(const spec_doc *d, body_ctx *bc, const spec_node *resp)
{
    resp = spec_deref(d, resp);
    if (d->version == SPEC_V2) {
        spec_walk_props(d, node_get(resp, "schema"), on_prop, bc);
        return;
    }
    const spec_node *content = node_get(resp, "content");
    for (uint32_t i = 0; node_is_map(content) && i < content->n; i++)
        spec_walk_props(d, node_get(content->u.pairs[i].val, "schema"), on_prop, bc);
}

static const spec_scheme *cookie_scheme(const spec_doc *d)
{
    for (size_t i = 0; i < d->n_schemes; i++)
        if (d->schemes[i].type == SCH_APIKEY && str_ieq(d->schemes[i].in, "cookie"))
            return &d->schemes[i];
    return NULL;
}

static void emit(spec_ctx *c, const hit *h, const spec_scheme *cookie)
{
    char label[256];
    bool same_as_cookie = cookie && str_ieq(cookie->key_name, h->prop->key);
    bool strong = h->session || cookie;
    const char *why =
        same_as_cookie ? "the session cookie's value is readable by any script on the page, "
                         "which defeats HttpOnly"
        : h->session   ? "a session ID in a response body is readable by scripts and ends up in "
                         "logs and caches"
        : cookie       ? "this cookie-session API also hands a token to scripts"
                       : "expected for bearer-token APIs: keep it out of reach of scripts and "
                         "make sure it is short-lived";
    ss_finding *f =
        spec_emit(c, "SS-SPEC-TOKEN-IN-BODY", strong ? CONF_FIRM : CONF_TENTATIVE, h->prop->line,
                  "The %s response of %s%s returns '%s' in the body: %s.", h->codes[0],
                  spec_op_label(h->ops[0], label, sizeof label),
                  h->n_ops > 1 ? " (and others)" : "", h->prop->key, why);
    if (!strong) f->severity = SEV_LOW;
    finding_evidence(f, "response schema property '%s' at line %u", h->prop->key, h->prop->line);
    for (size_t i = 0; i < h->n_ops && i < MAX_LISTED; i++)
        finding_evidence(f, "returned by %s, status %s (line %u)",
                         spec_op_label(h->ops[i], label, sizeof label), h->codes[i],
                         h->ops[i]->line);
    if (h->n_ops > MAX_LISTED)
        finding_evidence(f, "... and %zu more operations", h->n_ops - MAX_LISTED);
    if (same_as_cookie)
        finding_evidence(f, "security scheme '%s' reads the session from cookie '%s' (line %u)",
                         cookie->name, cookie->key_name, cookie->line);
}

void rule_token_in_body(spec_ctx *c, spec_outcome *o)
{
    body_ctx bc = {0};
    for (size_t i = 0; i < c->d->n_ops; i++) {
        const spec_op *op = &c->d->ops[i];
        bc.op = op;
        for (uint32_t k = 0; node_is_map(op->responses) && k < op->responses->n; k++) {
            const spec_pair *rp = &op->responses->u.pairs[k];
            if (rp->key[0] != '2') continue; /* success responses only */
            bc.code = rp->key;
            scan_response(c->d, &bc, rp->val);
        }
    }
    const spec_scheme *cookie = cookie_scheme(c->d);
    for (size_t i = 0; i < bc.n; i++)
        emit(c, &bc.hits[i], cookie);
    spec_outcome_set(o, CHECK_PASS,
                     "%zu session-ID or token propert%s in success responses of %zu operations",
                     bc.n, bc.n == 1 ? "y" : "ies", c->d->n_ops);
    free(bc.hits);
}
