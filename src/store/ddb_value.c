#include "store/ddb_value.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *tag;
    ddb_type type;
} tags[] = {{"S", DDB_S}, {"N", DDB_N}, {"B", DDB_B},   {"BOOL", DDB_BOOL}, {"NULL", DDB_NULL},
            {"M", DDB_M}, {"L", DDB_L}, {"SS", DDB_SS}, {"NS", DDB_NS},     {"BS", DDB_BS}};

const char *ddb_type_name(ddb_type t)
{
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (tags[i].type == t) return tags[i].tag;
    return "?";
}

/* DynamoDB numbers: optional sign, digits, optional fraction and exponent; up to 38 digits. */
static int valid_number(const char *s)
{
    const char *p = s;
    size_t digits = 0;
    if (*p == '-' || *p == '+') p++;
    while (isdigit((unsigned char)*p))
        p++, digits++;
    if (*p == '.')
        for (p++; isdigit((unsigned char)*p); p++)
            digits++;
    if (digits == 0 || digits > 40) return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+') p++;
        if (!isdigit((unsigned char)*p)) return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

static int decode_base64(const char *in, size_t inlen, ddb_value *out)
{
    if (inlen % 4 != 0 || inlen > (size_t)INT32_MAX) return -1;
    unsigned char *buf = xmalloc(inlen / 4 * 3 + 1);
    int n = inlen ? EVP_DecodeBlock(buf, (const unsigned char *)in, (int)inlen) : 0;
    if (n < 0) {
        free(buf);
        return -1;
    }
    /* EVP_DecodeBlock counts padding as zero bytes. */
    for (size_t i = inlen; i > 0 && in[i - 1] == '=' && n > 0; i--)
        n--;
    buf[n] = '\0';
    out->str = (char *)buf;
    out->len = (size_t)n;
    return 0;
}

static int decode(const json_t *av, ddb_value *out, int depth, char *err, size_t errlen);

static int fail(char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg);
    return -1;
}

static int decode_scalar(ddb_type t, const json_t *v, ddb_value *out, char *err, size_t errlen)
{
    if (t == DDB_BOOL || t == DDB_NULL) {
        if (!json_is_boolean(v)) return fail(err, errlen, "BOOL/NULL is not a boolean");
        out->boolean = json_is_true(v);
        return 0;
    }
    if (!json_is_string(v)) return fail(err, errlen, "S/N/B is not a string");
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (t == DDB_B)
        return decode_base64(s, len, out) == 0 ? 0 : fail(err, errlen, "B is not valid base64");
    if (t == DDB_N && (strlen(s) != len || !valid_number(s)))
        return fail(err, errlen, "N is not a number");
    out->str = xmalloc(len + 1); /* S may hold NUL bytes: len is the truth */
    memcpy(out->str, s, len);
    out->str[len] = '\0';
    out->len = len;
    return 0;
}

static int decode_set(ddb_type t, const json_t *v, ddb_value *out, char *err, size_t errlen)
{
    if (!json_is_array(v)) return fail(err, errlen, "set is not an array");
    ddb_type member = t == DDB_SS ? DDB_S : t == DDB_NS ? DDB_N : DDB_B;
    out->n = json_array_size(v);
    out->items = xcalloc(out->n ? out->n : 1, sizeof *out->items);
    for (size_t i = 0; i < out->n; i++) {
        out->items[i].type = member;
        if (decode_scalar(member, json_array_get(v, i), &out->items[i], err, errlen) != 0)
            return -1;
    }
    return 0;
}

static int decode_list(const json_t *v, ddb_value *out, int depth, char *err, size_t errlen)
{
    if (!json_is_array(v)) return fail(err, errlen, "L is not an array");
    out->n = json_array_size(v);
    out->items = xcalloc(out->n ? out->n : 1, sizeof *out->items);
    for (size_t i = 0; i < out->n; i++)
        if (decode(json_array_get(v, i), &out->items[i], depth + 1, err, errlen) != 0) return -1;
    return 0;
}

static int decode_map(const json_t *v, ddb_value *out, int depth, char *err, size_t errlen)
{
    if (!json_is_object(v)) return fail(err, errlen, "M is not an object");
    size_t cap = json_object_size(v);
    out->items = xcalloc(cap ? cap : 1, sizeof *out->items);
    out->keys = xcalloc(cap ? cap : 1, sizeof *out->keys);
    const char *k;
    json_t *child;
    json_object_foreach((json_t *)v, k, child)
    {
        out->keys[out->n] = xstrdup(k);
        if (decode(child, &out->items[out->n++], depth + 1, err, errlen) != 0) return -1;
    }
    return 0;
}

static int decode(const json_t *av, ddb_value *out, int depth, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->type = DDB_NULL;
    if (depth > DDB_MAX_DEPTH) return fail(err, errlen, "attribute nested too deeply");
    if (!json_is_object(av) || json_object_size(av) != 1)
        return fail(err, errlen, "attribute value is not a one-member object");
    const char *tag = json_object_iter_key(json_object_iter((json_t *)av));
    const json_t *v = json_object_iter_value(json_object_iter((json_t *)av));
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
        if (strcmp(tags[i].tag, tag) != 0) continue;
        out->type = tags[i].type;
        switch (out->type) {
        case DDB_M:
            return decode_map(v, out, depth, err, errlen);
        case DDB_L:
            return decode_list(v, out, depth, err, errlen);
        case DDB_SS:
        case DDB_NS:
        case DDB_BS:
            return decode_set(out->type, v, out, err, errlen);
        default:
            return decode_scalar(out->type, v, out, err, errlen);
        }
    }
    snprintf(err, errlen, "unknown attribute type '%.16s'", tag);
    return -1;
}

int ddb_value_decode(const json_t *av, ddb_value *out, char *err, size_t errlen)
{
    int rc = decode(av, out, 0, err, errlen);
    if (rc != 0) ddb_value_free(out);
    return rc;
}

void ddb_value_free(ddb_value *v)
{
    if (!v) return;
    free(v->str);
    for (size_t i = 0; i < v->n; i++) {
        if (v->items) ddb_value_free(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    memset(v, 0, sizeof *v);
    v->type = DDB_NULL;
}

int ddb_value_number(const ddb_value *v, double *out)
{
    if (!v || !(v->type == DDB_N || v->type == DDB_S) || !v->str || strlen(v->str) != v->len)
        return -1;
    if (v->type == DDB_S && !valid_number(v->str)) return -1;
    errno = 0;
    char *end;
    double d = strtod(v->str, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(d)) return -1;
    *out = d;
    return 0;
}

const ddb_value *ddb_value_get(const ddb_value *v, const char *key)
{
    if (!v || v->type != DDB_M) return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (v->keys[i] && strcmp(v->keys[i], key) == 0) return &v->items[i];
    return NULL;
}
