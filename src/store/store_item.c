#include "store/store_item.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Values above this are milliseconds: 1e11 s is the year 5138. */
#define MS_THRESHOLD 1e11
#define USER_MAX 256

const char *store_layout_name(store_layout_kind k)
{
    switch (k) {
    case STORE_LAYOUT_SEED:
        return "seed (sessionId, userId, issuedAt, expiresAt)";
    case STORE_LAYOUT_CONNECT:
        return "connect-dynamodb (id = sess:<id>, expires, sess JSON)";
    default:
        return "custom";
    }
}

static char *pick(const char *override, const char *dflt)
{
    return override && *override ? xstrdup(override) : dflt ? xstrdup(dflt) : NULL;
}

void store_layout_for_key(const char *hash_key, const store_opts *o, store_layout *l)
{
    memset(l, 0, sizeof *l);
    const char *key = hash_key && *hash_key ? hash_key : "sessionId";
    if (strcmp(key, "sessionId") == 0)
        l->kind = STORE_LAYOUT_SEED;
    else if (strcmp(key, "id") == 0)
        l->kind = STORE_LAYOUT_CONNECT;
    int connect = l->kind == STORE_LAYOUT_CONNECT;
    l->id_attr = pick(o->id_attr, key);
    l->id_prefix = xstrdup(connect ? "sess:" : "");
    l->expiry_attr = pick(o->expiry_attr, connect ? "expires" : "expiresAt");
    l->issued_attr = pick(o->issued_attr, "issuedAt");
    l->user_attr = pick(o->user_attr, connect ? NULL : "userId");
    l->sess_attr = connect ? xstrdup("sess") : NULL;
    if (o->id_attr && *o->id_attr && strcmp(o->id_attr, key) != 0) l->kind = STORE_LAYOUT_GENERIC;
}

void store_layout_free(store_layout *l)
{
    free(l->id_attr);
    free(l->id_prefix);
    free(l->expiry_attr);
    free(l->issued_attr);
    free(l->user_attr);
    free(l->sess_attr);
    memset(l, 0, sizeof *l);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

/* "YYYY-MM-DD[THH:MM:SS[.fff]][Z|+HH:MM|-HH:MM]" */
static int parse_iso8601(const char *s, double *out)
{
    int y, mo, d, h = 0, mi = 0, se = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return -1;
    const char *p = s + n;
    if (*p == 'T' || *p == ' ') {
        int m2 = 0;
        if (sscanf(p + 1, "%2d:%2d:%2d%n", &h, &mi, &se, &m2) != 3 || m2 != 8) return -1;
        p += 1 + m2;
        if (*p == '.')
            for (p++; isdigit((unsigned char)*p); p++)
                ;
    }
    long off = 0;
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om, m3 = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &m3) != 2 || m3 != 5) return -1;
        off = (oh * 3600L + om * 60L) * (*p == '-' ? -1 : 1);
        p += 1 + m3;
    }
    if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return -1;
    *out = (double)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400.0 + h * 3600.0 +
           mi * 60.0 + se - (double)off;
    return 0;
}

int store_parse_time(const ddb_value *v, double *out)
{
    double d;
    if (ddb_value_number(v, &d) == 0) {
        *out = d >= MS_THRESHOLD ? d / 1000.0 : d;
        return 0;
    }
    if (v && v->type == DDB_S && v->str && strlen(v->str) == v->len)
        return parse_iso8601(v->str, out);
    return -1;
}

static const json_t *attr(const json_t *item, const char *name)
{
    return name ? json_object_get(item, name) : NULL;
}

/* Decodes one top-level attribute; 0 when present and well-formed. */
static int get_value(const json_t *item, const char *name, ddb_value *v)
{
    const json_t *a = attr(item, name);
    char err[128];
    return a && ddb_value_decode(a, v, err, sizeof err) == 0 ? 0 : -1;
}

static int get_time(const json_t *item, const char *name, double *out)
{
    ddb_value v;
    if (get_value(item, name, &v) != 0) return 0;
    int ok = store_parse_time(&v, out) == 0;
    ddb_value_free(&v);
    return ok;
}

/* A user from a JSON value: a string, a number, or an object's id/username/name/email. */
static char *user_from_json(const json_t *u)
{
    if (json_is_string(u) && json_string_length(u) > 0)
        return xstrndup(json_string_value(u), USER_MAX);
    if (json_is_integer(u)) return xasprintf("%lld", (long long)json_integer_value(u));
    if (json_is_object(u)) {
        static const char *const keys[] = {"id", "userId", "username", "name", "email", NULL};
        for (const char *const *k = keys; *k; k++) {
            char *s = user_from_json(json_object_get(u, *k));
            if (s) return s;
        }
    }
    return NULL;
}

static const json_t *json_path(const json_t *root, const char *path)
{
    char *copy = xstrdup(path), *save = NULL;
    const json_t *cur = root;
    for (char *part = strtok_r(copy, ".", &save); part && cur; part = strtok_r(NULL, ".", &save))
        cur = json_is_object(cur) ? json_object_get(cur, part) : NULL;
    free(copy);
    return cur;
}

/* An issue time the application keeps inside the session (the remediation for connect-dynamodb,
 * which stores none itself): a number (s or ms) or an ISO 8601 string. */
static int issued_from_sess(const store_layout *l, const json_t *sess, double *out)
{
    const json_t *v = l->issued_attr ? json_path(sess, l->issued_attr) : NULL;
    ddb_value dv = {.type = DDB_N};
    char num[64];
    if (json_is_number(v)) {
        snprintf(num, sizeof num, "%.17g", json_number_value(v));
        dv.str = num;
        dv.len = strlen(num);
    } else if (json_is_string(v)) {
        dv.type = DDB_S;
        dv.str = (char *)json_string_value(v);
        dv.len = json_string_length(v);
    } else {
        return 0;
    }
    return store_parse_time(&dv, out) == 0;
}

/* connect-dynamodb keeps the whole session as a JSON string; the user (and, if the application
 * keeps one, the issue time) is somewhere in it. */
static char *user_from_sess(const store_layout *l, const json_t *item, store_item *out)
{
    ddb_value v;
    if (get_value(item, l->sess_attr, &v) != 0) return NULL;
    char *user = NULL;
    json_error_t e;
    json_t *sess = v.type == DDB_S ? json_loadb(v.str, v.len, 0, &e) : NULL;
    if (json_is_object(sess) && !out->has_issued)
        out->has_issued = issued_from_sess(l, sess, &out->issued);
    if (json_is_object(sess)) {
        static const char *const paths[] = {"userId", "user",          "username",
                                            "uid",    "passport.user", NULL};
        if (l->user_attr) user = user_from_json(json_path(sess, l->user_attr));
        for (const char *const *p = paths; !user && !l->user_attr && *p; p++)
            user = user_from_json(json_path(sess, *p));
    }
    json_decref(sess);
    ddb_value_free(&v);
    return user;
}

static char *user_from_attr(const store_layout *l, const json_t *item)
{
    ddb_value v;
    if (get_value(item, l->user_attr, &v) != 0) return NULL;
    char *user = NULL;
    if ((v.type == DDB_S || v.type == DDB_N) && v.len > 0 && strlen(v.str) == v.len)
        user = xstrndup(v.str, USER_MAX);
    ddb_value_free(&v);
    return user;
}

static store_ttl_value ttl_state(const json_t *item, const char *ttl_attr)
{
    ddb_value v;
    if (!ttl_attr || get_value(item, ttl_attr, &v) != 0) return TTL_VALUE_MISSING;
    double d;
    /* TTL deletes only on a Number in epoch seconds; a string or milliseconds never expire. */
    int ok = v.type == DDB_N && ddb_value_number(&v, &d) == 0 && d < MS_THRESHOLD;
    ddb_value_free(&v);
    return ok ? TTL_VALUE_OK : TTL_VALUE_UNUSABLE;
}

void store_item_extract(const store_layout *l, const char *ttl_attr, const json_t *item,
                        store_item *out)
{
    memset(out, 0, sizeof *out);
    if (!json_is_object(item)) return;
    ddb_value key;
    if (get_value(item, l->id_attr, &key) == 0) {
        if ((key.type == DDB_S || key.type == DDB_N) && strlen(key.str) == key.len) {
            size_t pl = strlen(l->id_prefix);
            const char *id = key.str;
            if (pl && strncmp(id, l->id_prefix, pl) == 0) id += pl;
            out->id = xstrdup(id);
        }
        ddb_value_free(&key);
    }
    out->has_expiry = get_time(item, l->expiry_attr, &out->expiry);
    out->has_issued = get_time(item, l->issued_attr, &out->issued);
    if (l->sess_attr) out->user = user_from_sess(l, item, out);
    if (!out->user && l->user_attr && !l->sess_attr) out->user = user_from_attr(l, item);
    out->ttl = ttl_attr ? ttl_state(item, ttl_attr) : TTL_VALUE_OK;
}

void store_item_free(store_item *it)
{
    free(it->id);
    free(it->user);
    memset(it, 0, sizeof *it);
}

char *store_shorten(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n >= 12) return xasprintf("%.4s\xe2\x80\xa6%s", id, id + n - 4);
    if (n >= 4) return xasprintf("\xe2\x80\xa6%s", id + n - 2);
    return xstrdup("\xe2\x80\xa6");
}

static int hexv(int c)
{
    return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

char *store_key_for_cookie(const store_layout *l, const char *cookie_value)
{
    ss_buf b;
    buf_init(&b, 0);
    for (const char *p = cookie_value; *p; p++) {
        if (p[0] == '%' && p[1] && p[2] && hexv((unsigned char)p[1]) >= 0 &&
            hexv((unsigned char)p[2]) >= 0) {
            char c = (char)(hexv((unsigned char)p[1]) * 16 + hexv((unsigned char)p[2]));
            buf_append(&b, &c, 1);
            p += 2;
        } else {
            buf_append(&b, p, 1);
        }
    }
    char *v = buf_take(&b);
    char *id = v;
    if (strncmp(v, "s:", 2) == 0) { /* express-session's signed form s:<id>.<signature> */
        id = v + 2;
        char *dot = strrchr(id, '.');
        if (dot) *dot = '\0';
    }
    char *key = xasprintf("%s%s", l->id_prefix ? l->id_prefix : "", id);
    free(v);
    return key;
}
