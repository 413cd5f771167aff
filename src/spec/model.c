/* From the tree to the API model the rules and the planner share: security schemes, servers and
 * operations (with path-level parameters merged and effective security worked out). Swagger 2.0
 * and OpenAPI 3.x differ in where things live; the model hides that. */
#include "spec/doc.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <string.h>

static const char *const METHODS[] = {"get",     "put",  "post",  "delete",
                                      "options", "head", "patch", "trace"};

static spec_scheme_type scheme_type(const spec_node *s)
{
    const char *type = node_get_str(s, "type");
    const char *scheme = node_get_str(s, "scheme");
    if (str_ieq(type, "apiKey")) return SCH_APIKEY;
    if (str_ieq(type, "basic")) return SCH_HTTP_BASIC; /* Swagger 2.0 */
    if (str_ieq(type, "http"))
        return str_ieq(scheme, "bearer")  ? SCH_HTTP_BEARER
               : str_ieq(scheme, "basic") ? SCH_HTTP_BASIC
                                          : SCH_HTTP_OTHER;
    if (str_ieq(type, "oauth2")) return SCH_OAUTH2;
    if (str_ieq(type, "openIdConnect")) return SCH_OIDC;
    if (str_ieq(type, "mutualTLS")) return SCH_MTLS;
    return SCH_UNKNOWN;
}

static void load_schemes(spec_doc *d)
{
    const spec_node *defs = d->version == SPEC_V2
                                ? node_get(d->root, "securityDefinitions")
                                : node_get(node_get(d->root, "components"), "securitySchemes");
    if (!node_is_map(defs)) return;
    for (uint32_t i = 0; i < defs->n; i++) {
        const spec_pair *p = &defs->u.pairs[i];
        const spec_node *s = spec_deref(d, p->val);
        if (!node_is_map(s)) continue;
        spec_scheme *sc = XARRAY_PUSH(d->schemes, d->n_schemes, d->cap_schemes);
        sc->name = p->key;
        sc->type = scheme_type(s);
        sc->in = node_get_str(s, "in");
        sc->key_name = node_get_str(s, "name");
        sc->line = p->line;
        sc->node = s;
    }
}

static bool is_loopback_host(const char *h, size_t n)
{
    return (n == 9 && strncmp(h, "localhost", 9) == 0) || (n >= 4 && strncmp(h, "127.", 4) == 0) ||
           (n == 5 && strncmp(h, "[::1]", 5) == 0);
}

static void add_server(spec_doc *d, const char *url, unsigned line, const char *note)
{
    for (size_t i = 0; i < d->n_servers; i++)
        if (strcmp(d->servers[i].url, url) == 0)
            return; /* the same server listed again, e.g. on every path */
    spec_server *s = XARRAY_PUSH(d->servers, d->n_servers, d->cap_servers);
    s->url = url;
    s->line = line;
    s->note = note;
    s->http = strncmp(url, "http://", 7) == 0 || strncmp(url, "ws://", 5) == 0;
    const char *host = strstr(url, "://");
    if (host) {
        host += 3;
        size_t hl = host[0] == '[' ? strcspn(host, "]") + 1 : strcspn(host, ":/?#");
        s->loopback = is_loopback_host(host, hl);
    }
}

/* Replaces {var} by the variable's default (or by `force` for the variable named force_var). */
static const char *expand_url(spec_doc *d, const char *url, const spec_node *vars,
                              const char *force_var, const char *force)
{
    char out[2048];
    size_t o = 0;
    for (const char *p = url; *p && o < sizeof out - 1;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            out[o++] = *p++;
            continue;
        }
        char name[128];
        size_t nl =
            (size_t)(close - p - 1) < sizeof name - 1 ? (size_t)(close - p - 1) : sizeof name - 1;
        memcpy(name, p + 1, nl);
        name[nl] = '\0';
        const char *val = force_var && strcmp(name, force_var) == 0
                              ? force
                              : node_get_str(node_get(vars, name), "default");
        if (!val) val = "";
        size_t vl = strlen(val);
        if (o + vl >= sizeof out - 1) break;
        memcpy(out + o, val, vl);
        o += vl;
        p = close + 1;
    }
    return arena_strndup(&d->arena, out, o);
}

static void load_oas3_server(spec_doc *d, const spec_node *srv)
{
    const spec_node *u = node_get(srv, "url");
    const char *url = node_str(u);
    if (!url) return;
    const spec_node *vars = node_get(srv, "variables");
    add_server(d, expand_url(d, url, vars, NULL, NULL), u->line, NULL);
    /* A scheme variable that offers http ("{scheme}://host") is a cleartext server too. */
    if (url[0] == '{' && node_is_map(vars)) {
        const char *close = strchr(url, '}');
        for (uint32_t i = 0; close && i < vars->n; i++) {
            const spec_pair *v = &vars->u.pairs[i];
            if (strncmp(url + 1, v->key, (size_t)(close - url - 1)) != 0 ||
                strlen(v->key) != (size_t)(close - url - 1))
                continue;
            const spec_node *en = node_get(v->val, "enum");
            for (uint32_t k = 0; node_is_seq(en) && k < en->n; k++)
                if (str_ieq(node_str(en->u.items[k]), "http") &&
                    !str_ieq(node_get_str(v->val, "default"), "http"))
                    add_server(d, expand_url(d, url, vars, v->key, "http"), en->u.items[k]->line,
                               "a server variable allows http");
        }
    }
}

static const char *url_path(spec_doc *d, const char *url)
{
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : (url[0] == '/' ? url : NULL);
    if (!p) return "";
    size_t n = strcspn(p, "?#");
    while (n > 0 && p[n - 1] == '/')
        n--; /* "/v1/" joins "/pets" as "/v1/pets" */
    return arena_strndup(&d->arena, p, n);
}

static void load_servers(spec_doc *d)
{
    if (d->version != SPEC_V2) {
        const spec_node *servers = node_get(d->root, "servers");
        for (uint32_t i = 0; node_is_seq(servers) && i < servers->n; i++)
            load_oas3_server(d, servers->u.items[i]);
        if (d->n_servers > 0) d->base_path = url_path(d, d->servers[0].url);
        return;
    }
    const char *host = node_get_str(d->root, "host");
    const char *base = node_get_str(d->root, "basePath");
    const spec_node *schemes = node_get(d->root, "schemes");
    if (base) {
        size_t n = strlen(base);
        while (n > 0 && base[n - 1] == '/')
            n--;
        d->base_path = arena_strndup(&d->arena, base, n);
    }
    for (uint32_t i = 0; host && node_is_seq(schemes) && i < schemes->n; i++) {
        const char *sch = node_str(schemes->u.items[i]);
        if (!sch) continue;
        char url[1024];
        snprintf(url, sizeof url, "%s://%s%s", sch, host, d->base_path);
        add_server(d, arena_strndup(&d->arena, url, strlen(url)), schemes->u.items[i]->line, NULL);
    }
}

/* Merges path-level and operation-level parameters (the operation's win, by name and in). */
static void add_params(spec_doc *d, spec_op *op, const spec_node *list, size_t *cap)
{
    for (uint32_t i = 0; node_is_seq(list) && i < list->n; i++) {
        const spec_node *p = spec_deref(d, list->u.items[i]);
        const char *name = node_get_str(p, "name"), *in = node_get_str(p, "in");
        if (!name || !in) continue;
        spec_param *slot = NULL;
        for (size_t k = 0; k < op->n_params; k++)
            if (strcmp(op->params[k].name, name) == 0 && strcmp(op->params[k].in, in) == 0)
                slot = &op->params[k];
        if (!slot) slot = XARRAY_PUSH(op->params, op->n_params, *cap);
        slot->name = name;
        slot->in = in;
        slot->required = node_true(node_get(p, "required")) || strcmp(in, "path") == 0;
        slot->line = list->u.items[i]->line;
        slot->node = p;
        slot->schema = spec_deref(d, node_get(p, "schema"));
    }
}

static bool requirement_list_secured(const spec_node *sec)
{
    if (!node_is_seq(sec) || sec->n == 0) return false;
    for (uint32_t i = 0; i < sec->n; i++) {
        const spec_node *req = sec->u.items[i];
        if (!node_is_map(req) || req->n == 0)
            return false; /* `{}`: anonymous access is one of the alternatives */
    }
    return true;
}

static void add_op(spec_doc *d, const char *path, const spec_node *item, const spec_pair *mp)
{
    const spec_node *o = spec_deref(d, mp->val);
    if (!node_is_map(o)) return;
    const spec_node *servers = node_get(o, "servers");
    for (uint32_t i = 0; node_is_seq(servers) && i < servers->n; i++)
        load_oas3_server(d, servers->u.items[i]);
    spec_op *op = XARRAY_PUSH(d->ops, d->n_ops, d->cap_ops);
    op->method = mp->key;
    op->path = path;
    op->line = mp->line;
    op->node = o;
    op->op_id = node_get_str(o, "operationId");
    op->summary = node_get_str(o, "summary");
    op->description = node_get_str(o, "description");
    size_t cap = 0;
    add_params(d, op, node_get(item, "parameters"), &cap);
    add_params(d, op, node_get(o, "parameters"), &cap);
    const spec_node *sec = node_get(o, "security");
    op->security_explicit = sec != NULL;
    op->security = sec ? sec : d->global_security;
    op->secured = requirement_list_secured(op->security);
    op->request_body = spec_deref(d, node_get(o, "requestBody"));
    op->responses = spec_deref(d, node_get(o, "responses"));
    op->consumes = node_get(o, "consumes");
    if (!op->consumes) op->consumes = node_get(d->root, "consumes");
}

static int load_ops(spec_doc *d, spec_error *err)
{
    const spec_node *paths = node_get(d->root, "paths");
    if (!paths) return 0; /* 3.1 allows webhooks-only documents */
    if (!node_is_map(paths)) {
        spec_set_error(err, d, SPEC_ERR_STRUCTURE, (int)paths->line, (int)paths->col, "%s",
                       "'paths' is not a mapping");
        return -1;
    }
    for (uint32_t i = 0; i < paths->n; i++) {
        const spec_pair *pp = &paths->u.pairs[i];
        const spec_node *item = spec_deref(d, pp->val);
        if (!node_is_map(item) || pp->key[0] != '/')
            continue; /* extensions (x-...) and malformed entries */
        const spec_node *servers = node_get(item, "servers"); /* OAS 3 path-level servers */
        for (uint32_t k = 0; node_is_seq(servers) && k < servers->n; k++)
            load_oas3_server(d, servers->u.items[k]);
        for (uint32_t k = 0; k < item->n; k++)
            for (size_t m = 0; m < sizeof METHODS / sizeof *METHODS; m++)
                if (strcmp(item->u.pairs[k].key, METHODS[m]) == 0)
                    add_op(d, pp->key, item, &item->u.pairs[k]);
    }
    return 0;
}

int spec_build_model(spec_doc *d, spec_error *err)
{
    d->global_security = node_get(d->root, "security");
    load_schemes(d);
    load_servers(d);
    return load_ops(d, err);
}

const spec_scheme *spec_find_scheme(const spec_doc *d, const char *name)
{
    for (size_t i = 0; i < d->n_schemes; i++)
        if (strcmp(d->schemes[i].name, name) == 0) return &d->schemes[i];
    return NULL;
}

bool spec_op_uses_scheme(const spec_op *op, const char *name)
{
    const spec_node *sec = op->security;
    for (uint32_t i = 0; node_is_seq(sec) && i < sec->n; i++)
        if (node_get_pair(sec->u.items[i], name)) return true;
    return false;
}

bool spec_op_uses_type(const spec_doc *d, const spec_op *op, spec_scheme_type t, const char *in)
{
    for (size_t i = 0; i < d->n_schemes; i++) {
        const spec_scheme *s = &d->schemes[i];
        if (s->type == t && (!in || str_ieq(s->in, in)) && spec_op_uses_scheme(op, s->name))
            return true;
    }
    return false;
}
