/* SS-SPEC-CLEARTEXT: cookie or token authentication served from http:// servers (or OAuth/OIDC
 * endpoints on http://), where anyone on the path reads the credential. */
#include "spec/rules.h"
#include "util/buf.h"

#include <string.h>

static bool authenticated_api(const spec_doc *d, ss_buf *names)
{
    bool any = false;
    for (size_t i = 0; i < d->n_schemes; i++) {
        spec_scheme_type t = d->schemes[i].type;
        if (t == SCH_MTLS || t == SCH_UNKNOWN) continue;
        buf_printf(names, "%s%s", any ? ", " : "", d->schemes[i].name);
        any = true;
    }
    return any;
}

/* Collects the http:// endpoint URLs of an OAuth 2 or OIDC scheme into *f (one finding per
 * scheme, each URL as evidence). */
static int check_url(spec_ctx *c, const spec_scheme *s, const spec_node *u, const char *what,
                     ss_finding **f)
{
    const char *url = node_str(u);
    if (!url || strncmp(url, "http://", 7) != 0) return 0;
    if (!*f)
        *f = spec_emit(c, "SS-SPEC-CLEARTEXT", CONF_FIRM, u->line,
                       "The %s of security scheme '%s' is a cleartext http:// URL (%.200s): "
                       "credentials and tokens sent to it can be read on the network.",
                       what, s->name, url);
    finding_evidence(*f, "%s: %.200s (line %u)", what, url, u->line);
    return 1;
}

/* OAuth 2 (both versions' layouts) and OpenID Connect endpoints. */
static int oauth_urls(spec_ctx *c, const spec_scheme *s)
{
    static const char *const keys[] = {"authorizationUrl", "tokenUrl", "refreshUrl"};
    ss_finding *f = NULL;
    int n = check_url(c, s, node_get(s->node, "openIdConnectUrl"), "openIdConnectUrl", &f);
    for (size_t k = 0; k < 3; k++)
        n += check_url(c, s, node_get(s->node, keys[k]), keys[k], &f);
    const spec_node *flows = node_get(s->node, "flows");
    for (uint32_t i = 0; node_is_map(flows) && i < flows->n; i++)
        for (size_t k = 0; k < 3; k++)
            n += check_url(c, s, node_get(flows->u.pairs[i].val, keys[k]), keys[k], &f);
    return n;
}

void rule_cleartext(spec_ctx *c, spec_outcome *o)
{
    ss_buf names;
    buf_init(&names, 4096);
    if (!authenticated_api(c->d, &names)) {
        spec_outcome_set(o, CHECK_SKIPPED, "no cookie or token authentication declared");
        buf_free(&names);
        return;
    }
    int n = 0;
    for (size_t i = 0; i < c->d->n_servers; i++) {
        const spec_server *s = &c->d->servers[i];
        if (!s->http) continue;
        ss_finding *f = spec_emit(
            c, "SS-SPEC-CLEARTEXT", CONF_FIRM, s->line,
            "Server %.200s is plain http%s: the session cookie or token (%s) crosses the "
            "network in cleartext.",
            s->url, s->loopback ? " (loopback: fine for development only)" : "", names.data);
        if (s->loopback) f->severity = SEV_LOW;
        finding_evidence(f, "server %.200s (line %u)%s%s", s->url, s->line, s->note ? ": " : "",
                         s->note ? s->note : "");
        n++;
    }
    for (size_t i = 0; i < c->d->n_schemes; i++)
        if (c->d->schemes[i].type == SCH_OAUTH2 || c->d->schemes[i].type == SCH_OIDC)
            n += oauth_urls(c, &c->d->schemes[i]);
    spec_outcome_set(o, CHECK_PASS, "%zu server(s) checked, %d cleartext URL(s)", c->d->n_servers,
                     n);
    buf_free(&names);
}
