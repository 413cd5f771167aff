#include "flow/observe.h"
#include "cookie/setcookie.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <string.h>

#define MIN_EXPOSED_LEN 12 /* shorter values match by chance */

void observer_init(ss_observer *o, bool secure_origin)
{
    memset(o, 0, sizeof *o);
    o->secure_origin = secure_origin;
}

void observer_free(ss_observer *o)
{
    for (size_t i = 0; i < o->n_values; i++) {
        free(o->names[i]);
        free(o->values[i]);
    }
    for (size_t i = 0; i < o->n_headers; i++) {
        free(o->headers[i].cookie);
        free(o->headers[i].raw);
    }
    for (size_t i = 0; i < o->n_sightings; i++) {
        free(o->sightings[i].cookie);
        free(o->sightings[i].path);
        free(o->sightings[i].value);
    }
    memset(o, 0, sizeof *o);
}

char *session_core(const char *value)
{
    const char *p = NULL;
    if (strncmp(value, "s%3A", 4) == 0)
        p = value + 4;
    else if (strncmp(value, "s:", 2) == 0)
        p = value + 2;
    const char *dot = p ? strchr(p, '.') : NULL;
    return dot && dot > p ? xstrndup(p, (size_t)(dot - p)) : NULL;
}

static void add_value(ss_observer *o, const char *name, const char *value)
{
    if (strlen(value) < MIN_EXPOSED_LEN)
        return;
    for (size_t i = 0; i < o->n_values; i++)
        if (strcmp(o->values[i], value) == 0 && strcmp(o->names[i], name) == 0)
            return;
    if (o->n_values == OBSERVE_MAX_VALUES)
        return;
    o->names[o->n_values] = xstrdup(name);
    o->values[o->n_values++] = xstrdup(value);
}

/* Keeps one raw header per attribute profile: the same attributes with other values repeat. */
static void add_header(ss_observer *o, const ss_setcookie *sc, const char *raw)
{
    const char *attrs = strchr(raw, ';');
    for (size_t i = 0; i < o->n_headers; i++) {
        const char *a = strchr(o->headers[i].raw, ';');
        if (strcmp(o->headers[i].cookie, sc->name) == 0 && !a == !attrs &&
            (!a || strcmp(a, attrs) == 0))
            return;
    }
    if (o->n_headers == OBSERVE_MAX_HEADERS)
        return;
    o->headers[o->n_headers].cookie = xstrdup(sc->name);
    o->headers[o->n_headers].raw = xstrdup(raw);
    o->headers[o->n_headers].secure_origin = o->secure_origin;
    o->n_headers++;
}

static void sight(ss_observer *o, const char *cookie, ss_seen_where where, const char *url,
                  const char *value)
{
    for (size_t i = 0; i < o->n_sightings; i++)
        if (o->sightings[i].where == where && strcmp(o->sightings[i].value, value) == 0)
            return;
    if (o->n_sightings == OBSERVE_MAX_SIGHTINGS)
        return;
    ss_sighting *s = &o->sightings[o->n_sightings++];
    char *pq = url_path_query(url);
    s->cookie = xstrdup(cookie);
    s->where = where;
    s->path = redact_text(pq);
    s->value = xstrdup(value);
    free(pq);
}

/* A value inside a URL: preceded on its line by '?', '&', ';' or '=' within a link-like text. */
static bool in_link(const char *body, const char *hit)
{
    const char *p = hit;
    for (int n = 0; p > body && n < 300 && p[-1] != '\n' && p[-1] != '"' && p[-1] != '\'' &&
                    p[-1] != ' ' && p[-1] != '>';
         n++)
        p--;
    size_t len = (size_t)(hit - p);
    return (memchr(p, '?', len) || memchr(p, ';', len)) &&
           (strncmp(p, "http", 4) == 0 || p[0] == '/' || memchr(p, '/', len));
}

static void scan_value(ss_observer *o, const char *name, const char *v, const char *url,
                       const ss_response *r)
{
    if (strstr(url, v))
        return; /* we put it in the URL ourselves */
    if (r->location && strstr(r->location, v))
        sight(o, name, SEEN_LOCATION, url, v);
    const char *body = r->body.data;
    const char *hit = body ? strstr(body, v) : NULL;
    if (hit)
        sight(o, name, in_link(body, hit) ? SEEN_LINK : SEEN_BODY, url, v);
}

void observer_on_response(void *ctx, const char *url, const ss_response *r)
{
    ss_observer *o = ctx;
    for (size_t i = 0; i < r->n_set_cookies; i++) {
        ss_setcookie sc;
        if (setcookie_parse(r->set_cookies[i], strlen(r->set_cookies[i]), &sc) != 0)
            continue;
        if (!setcookie_is_deletion(&sc, time(NULL))) {
            add_value(o, sc.name, sc.value);
            char *core = session_core(sc.value);
            if (core)
                add_value(o, sc.name, core);
            free(core);
            add_header(o, &sc, r->set_cookies[i]);
        }
        setcookie_free(&sc);
    }
    for (size_t i = 0; i < o->n_values; i++)
        scan_value(o, o->names[i], o->values[i], url, r);
}
