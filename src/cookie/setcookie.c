#include "cookie/setcookie.h"

#include "cookie/cookie_date.h"
#include "util/xalloc.h"

#include <limits.h>
#include <string.h>

/* A slice of the header: parsing never copies until a field is kept. */
typedef struct {
    const char *p;
    size_t n;
} slice;

static bool is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

static slice trim(slice s)
{
    while (s.n > 0 && is_wsp(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n > 0 && is_wsp(s.p[s.n - 1]))
        s.n--;
    return s;
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool ci_equal(slice s, const char *lit)
{
    size_t n = strlen(lit);
    if (s.n != n) return false;
    for (size_t i = 0; i < n; i++)
        if (lower(s.p[i]) != lower(lit[i])) return false;
    return true;
}

static bool ci_prefix(const char *s, const char *lit)
{
    for (; *lit; s++, lit++)
        if (lower(*s) != lower(*lit))
            return false; /* also stops at the end of s, since *lit is never NUL here */
    return true;
}

/* Step 1 of 6265bis §5.6: CTLs other than HTAB (NUL included) make the header void. */
static bool has_ctl(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
    }
    return false;
}

/* Splits at the first `sep`: head before it, tail after it (tail.p == NULL when absent). */
static slice split(slice s, char sep, slice *tail)
{
    const char *at = s.n ? memchr(s.p, sep, s.n) : NULL;
    if (!at) {
        tail->p = NULL;
        tail->n = 0;
        return s;
    }
    tail->p = at + 1;
    tail->n = s.n - (size_t)(at - s.p) - 1;
    return (slice){s.p, (size_t)(at - s.p)};
}

static void replace_str(char **dst, slice v)
{
    free(*dst);
    *dst = xstrndup(v.p, v.n);
}

/* Max-Age: [-]DIGITS, anything else is ignored; huge values saturate instead of overflowing. */
static bool parse_max_age(slice v, long long *out)
{
    size_t i = 0;
    bool neg = v.n > 0 && v.p[0] == '-';
    if (neg) i++;
    if (i >= v.n) return false;
    long long acc = 0;
    for (; i < v.n; i++) {
        if (v.p[i] < '0' || v.p[i] > '9') return false;
        int d = v.p[i] - '0';
        if (acc > (LLONG_MAX - d) / 10)
            acc = LLONG_MAX; /* keep scanning: a later non-digit still voids the attribute */
        else
            acc = acc * 10 + d;
    }
    *out = neg ? (acc == LLONG_MAX ? LLONG_MIN : -acc) : acc;
    return true;
}

static void set_domain(ss_setcookie *c, slice v)
{
    if (v.n == 0) return; /* §5.6.3 step 1: the UA SHOULD ignore an empty Domain entirely */
    if (v.p[0] == '.') {
        v.p++;
        v.n--;
    }
    free(c->domain);
    c->domain = NULL;
    if (v.n == 0) return; /* "Domain=." leaves an empty domain-attribute: host-only, as absent */
    c->domain = xstrndup(v.p, v.n);
    for (char *p = c->domain; *p; p++)
        *p = lower(*p);
}

static void set_samesite(ss_setcookie *c, slice v)
{
    replace_str(&c->samesite_raw, v);
    if (ci_equal(v, "strict"))
        c->samesite = SAMESITE_STRICT;
    else if (ci_equal(v, "lax"))
        c->samesite = SAMESITE_LAX;
    else if (ci_equal(v, "none"))
        c->samesite = SAMESITE_NONE;
    else
        c->samesite = SAMESITE_INVALID;
}

/* §5.6.1-5.6.7: unknown attribute names are ignored; a later attribute of a kind overrides. */
static void apply_attribute(ss_setcookie *c, slice name, slice v)
{
    time_t t;
    long long age;
    if (ci_equal(name, "expires")) {
        if (cookie_date_parse(v.p, v.n, &t) == 0) {
            c->has_expires = true;
            c->expires = t;
        } else {
            c->expires_invalid = true;
        }
    } else if (ci_equal(name, "max-age")) {
        if (parse_max_age(v, &age)) {
            c->has_max_age = true;
            c->max_age = age;
        }
    } else if (ci_equal(name, "domain")) {
        set_domain(c, v);
    } else if (ci_equal(name, "path")) {
        free(c->path);
        c->path = (v.n > 0 && v.p[0] == '/') ? xstrndup(v.p, v.n) : NULL;
    } else if (ci_equal(name, "secure")) {
        c->secure = true;
    } else if (ci_equal(name, "httponly")) {
        c->httponly = true;
    } else if (ci_equal(name, "samesite")) {
        set_samesite(c, v);
    } else if (ci_equal(name, "partitioned")) {
        c->partitioned = true;
    }
}

static void parse_attributes(ss_setcookie *c, slice rest)
{
    while (rest.p) {
        slice next;
        slice av = split(rest, ';', &next);
        slice val;
        slice name = trim(split(av, '=', &val));
        val = trim(val); /* val.p == NULL means no '=': an empty value */
        if (val.n <= SETCOOKIE_MAX_ATTR_VALUE)
            apply_attribute(c, name, val.p ? val : (slice){"", 0});
        rest = next;
    }
}

int setcookie_parse(const char *value, size_t len, ss_setcookie *out)
{
    memset(out, 0, sizeof *out);
    if (!value) return -1;
    /* The line terminator of a raw header line is HTTP framing, never part of the field value;
       a CR or LF anywhere else still voids the header. */
    while (len > 0 && (value[len - 1] == '\n' || value[len - 1] == '\r'))
        len--;
    if (has_ctl(value, len)) return -1;
    slice attrs;
    slice pair = split((slice){value, len}, ';', &attrs);
    slice val;
    slice name = split(pair, '=', &val);
    if (!val.p) { /* no '=': a nameless cookie whose value is the whole pair */
        val = name;
        name = (slice){value, 0};
    }
    name = trim(name);
    val = trim(val);
    if (name.n + val.n > SETCOOKIE_MAX_NAME_VALUE || name.n + val.n == 0) return -1;
    out->name = xstrndup(name.p, name.n);
    out->value = xstrndup(val.p, val.n);
    out->raw = xstrndup(value, len);
    parse_attributes(out, attrs);
    return 0;
}

void setcookie_free(ss_setcookie *c)
{
    if (!c) return;
    free(c->name);
    free(c->value);
    free(c->domain);
    free(c->path);
    free(c->samesite_raw);
    free(c->raw);
    memset(c, 0, sizeof *c);
}

long long setcookie_lifetime(const ss_setcookie *c, time_t now)
{
    if (c->has_max_age) return c->max_age > 0 ? c->max_age : 0;
    if (c->has_expires) return c->expires > now ? (long long)(c->expires - now) : 0;
    return -1;
}

bool setcookie_is_deletion(const ss_setcookie *c, time_t now)
{
    return setcookie_lifetime(c, now) == 0;
}

const char *setcookie_prefix_violation(const ss_setcookie *c)
{
    if (c->name[0] == '\0') {
        if (ci_prefix(c->value, "__Secure-") || ci_prefix(c->value, "__Host-"))
            return "nameless cookie whose value starts with a __Secure-/__Host- prefix";
        return NULL;
    }
    bool host = ci_prefix(c->name, "__Host-");
    bool http = ci_prefix(c->name, "__Http-") || ci_prefix(c->name, "__Host-Http-");
    if (host || http || ci_prefix(c->name, "__Secure-")) {
        if (!c->secure)
            return host ? "__Host- prefix requires Secure"
                        : (http ? "__Http- prefix requires Secure"
                                : "__Secure- prefix requires Secure");
    }
    if (host && c->domain) return "__Host- prefix forbids a Domain attribute";
    if (host && (!c->path || strcmp(c->path, "/") != 0)) return "__Host- prefix requires Path=/";
    if (http && !c->httponly) return "__Http- prefix requires HttpOnly";
    return NULL;
}

const char *setcookie_storage_violation(const ss_setcookie *c)
{
    const char *why = setcookie_prefix_violation(c);
    if (why) return why;
    if (c->samesite == SAMESITE_NONE && !c->secure) return "SameSite=None requires Secure";
    if (c->partitioned && !c->secure) return "Partitioned requires Secure";
    return NULL;
}

const char *samesite_name(ss_samesite s)
{
    switch (s) {
    case SAMESITE_MISSING:
        return "missing";
    case SAMESITE_STRICT:
        return "Strict";
    case SAMESITE_LAX:
        return "Lax";
    case SAMESITE_NONE:
        return "None";
    case SAMESITE_INVALID:
        return "invalid";
    }
    return "invalid";
}
