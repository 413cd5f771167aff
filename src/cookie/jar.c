#include "cookie/jar.h"

#include "cookie/cookie_match.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <limits.h>
#include <string.h>

typedef struct {
    char *name, *value, *domain, *path;
    bool host_only, secure, persistent;
    long long expiry; /* UTC seconds; meaningful when persistent */
} jar_cookie;

struct ss_jar {
    jar_cookie *items; /* storage (creation) order: index 0 is the oldest */
    size_t n, cap;
};

static void cookie_free(jar_cookie *k)
{
    free(k->name);
    free(k->value);
    free(k->domain);
    free(k->path);
}

static void cookie_copy(jar_cookie *dst, const jar_cookie *src)
{
    *dst = *src;
    dst->name = xstrdup(src->name);
    dst->value = xstrdup(src->value);
    dst->domain = xstrdup(src->domain);
    dst->path = xstrdup(src->path);
}

static bool expired(const jar_cookie *k, time_t now)
{
    return k->persistent && k->expiry <= (long long)now;
}

static void remove_at(ss_jar *j, size_t i)
{
    cookie_free(&j->items[i]);
    memmove(&j->items[i], &j->items[i + 1], (j->n - i - 1) * sizeof(*j->items));
    j->n--;
}

static void evict_expired(ss_jar *j, time_t now)
{
    for (size_t i = j->n; i-- > 0;)
        if (expired(&j->items[i], now)) remove_at(j, i);
}

ss_jar *jar_new(void)
{
    return xcalloc(1, sizeof(ss_jar));
}

void jar_free(ss_jar *j)
{
    if (!j) return;
    for (size_t i = 0; i < j->n; i++)
        cookie_free(&j->items[i]);
    free(j->items);
    free(j);
}

ss_jar *jar_clone(const ss_jar *j)
{
    ss_jar *c = jar_new();
    for (size_t i = 0; i < j->n; i++)
        cookie_copy(XARRAY_PUSH(c->items, c->n, c->cap), &j->items[i]);
    return c;
}

static long long add_saturated(long long a, long long b)
{
    return (b > 0 && a > LLONG_MAX - b) ? LLONG_MAX : a + b;
}

/* The jar serves one origin, so every host-only cookie belongs to the scanned host, including
   the ones planted by jar_set before any response told us the host's exact spelling. */
static const char *eff_domain(const jar_cookie *k, const char *host)
{
    return k->host_only ? host : k->domain;
}

/* §5.7 step "leave secure cookies alone": plain http may not shadow a stored Secure cookie. */
static bool shadows_secure(const ss_jar *j, const jar_cookie *k, const char *host)
{
    const char *kd = eff_domain(k, host);
    for (size_t i = 0; i < j->n; i++) {
        const jar_cookie *o = &j->items[i];
        const char *od = eff_domain(o, host);
        if (o->secure && strcmp(o->name, k->name) == 0 &&
            (cookie_domain_match(od, kd) || cookie_domain_match(kd, od)) &&
            cookie_path_match(k->path, o->path))
            return true;
    }
    return false;
}

static bool same_slot(const jar_cookie *a, const jar_cookie *b)
{
    return a->host_only == b->host_only && strcmp(a->name, b->name) == 0 &&
           (a->host_only || strcmp(a->domain, b->domain) == 0) && strcmp(a->path, b->path) == 0;
}

/* Checks that need only the request context; fills the cookie's domain fields when accepted. */
static const char *accept_scope(const ss_setcookie *c, const char *host, bool secure_origin,
                                jar_cookie *k)
{
    if (c->secure && !secure_origin) return "Secure cookie received over a non-secure origin";
    const char *why = setcookie_prefix_violation(c);
    if (why) return why;
    if (c->domain) {
        if (!cookie_domain_match(host, c->domain)) return "Domain does not domain-match the host";
        k->domain = xstrdup(c->domain);
    } else {
        k->domain = xstrdup(host);
        k->host_only = true;
    }
    return NULL;
}

static void insert(ss_jar *j, jar_cookie *k, time_t now)
{
    for (size_t i = 0; i < j->n; i++) {
        if (same_slot(&j->items[i], k)) {
            cookie_free(&j->items[i]); /* replaced in place: keeps the old creation order */
            j->items[i] = *k;
            return;
        }
    }
    evict_expired(j, now);
    if (j->n >= JAR_MAX_COOKIES) remove_at(j, 0);
    *XARRAY_PUSH(j->items, j->n, j->cap) = *k;
}

static void delete_slot(ss_jar *j, const jar_cookie *k)
{
    for (size_t i = 0; i < j->n; i++)
        if (same_slot(&j->items[i], k)) {
            remove_at(j, i);
            return;
        }
}

int jar_store_why(ss_jar *j, const ss_setcookie *c, const char *host, const char *req_path,
                  bool secure_origin, time_t now, const char **why)
{
    const char *dummy;
    if (!why) why = &dummy;
    *why = NULL;
    if (!j || !c || !c->name || !c->value || !host) {
        *why = "invalid arguments";
        return -1;
    }
    char *lhost = xstrdup(host);
    for (char *p = lhost; *p; p++)
        *p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
    jar_cookie k = {0};
    *why = accept_scope(c, lhost, secure_origin, &k);
    if (*why) {
        free(lhost);
        free(k.domain);
        return -1;
    }
    k.name = xstrdup(c->name);
    k.value = xstrdup(c->value);
    k.path = c->path ? xstrdup(c->path) : cookie_default_path(req_path);
    k.secure = c->secure;
    long long life = setcookie_lifetime(c, now);
    k.persistent = life >= 0;
    k.expiry = k.persistent ? add_saturated((long long)now, life) : 0;
    bool shadows = !secure_origin && !k.secure && shadows_secure(j, &k, lhost);
    free(lhost);
    if (shadows) {
        *why = "would shadow a Secure cookie from a non-secure origin";
        cookie_free(&k);
        return -1;
    }
    if (expired(&k, now)) { /* a deletion cookie replaces the old one and is evicted at once */
        delete_slot(j, &k);
        cookie_free(&k);
        return 0;
    }
    insert(j, &k, now);
    return 0;
}

int jar_store(ss_jar *j, const ss_setcookie *c, const char *host, const char *req_path,
              bool secure_origin, time_t now)
{
    return jar_store_why(j, c, host, req_path, secure_origin, now, NULL);
}

void jar_remove(ss_jar *j, const char *name)
{
    for (size_t i = j->n; i-- > 0;)
        if (strcmp(j->items[i].name, name) == 0) remove_at(j, i);
}

void jar_set(ss_jar *j, const char *name, const char *value)
{
    jar_remove(j, name);
    if (j->n >= JAR_MAX_COOKIES) remove_at(j, 0);
    jar_cookie *k = XARRAY_PUSH(j->items, j->n, j->cap);
    k->name = xstrdup(name);
    k->value = xstrdup(value);
    k->domain = xstrdup("");
    k->path = xstrdup("/");
    k->host_only = true;
}

const char *jar_get(const ss_jar *j, const char *name)
{
    const jar_cookie *best = NULL;
    for (size_t i = 0; i < j->n; i++) {
        const jar_cookie *k = &j->items[i];
        if (strcmp(k->name, name) == 0 && (!best || strlen(k->path) > strlen(best->path))) best = k;
    }
    return best ? best->value : NULL;
}

size_t jar_count(const ss_jar *j)
{
    return j->n;
}

const char *jar_name_at(const ss_jar *j, size_t i)
{
    return i < j->n ? j->items[i].name : NULL;
}

const char *jar_value_at(const ss_jar *j, size_t i)
{
    return i < j->n ? j->items[i].value : NULL;
}

char *jar_header(const ss_jar *j, const char *path, bool secure_origin, time_t now)
{
    /* Selection, then a stable insertion sort by path length: at most 200 entries. */
    size_t *pick = xmalloc((j->n ? j->n : 1) * sizeof(*pick));
    size_t m = 0;
    for (size_t i = 0; i < j->n; i++) {
        const jar_cookie *k = &j->items[i];
        if (expired(k, now) || (k->secure && !secure_origin) || !cookie_path_match(path, k->path))
            continue;
        size_t at = m++, len = strlen(k->path);
        while (at > 0 && strlen(j->items[pick[at - 1]].path) < len) {
            pick[at] = pick[at - 1];
            at--;
        }
        pick[at] = i;
    }
    ss_buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < m; i++) {
        const jar_cookie *k = &j->items[pick[i]];
        if (i > 0) buf_puts(&b, "; ");
        if (k->name[0]) buf_printf(&b, "%s=", k->name);
        buf_puts(&b, k->value);
    }
    free(pick);
    return buf_take(&b);
}
