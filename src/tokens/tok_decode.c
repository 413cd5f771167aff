/* Recognising a token format and decoding tokens into symbols. */
#include "tokens/tok_internal.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char HEXL[] = "0123456789abcdef";
static const char HEXU[] = "0123456789ABCDEF";
static const char PHP5[] = "0123456789abcdefghijklmnopqrstuv";
static const char PHP6[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-,";
static const char ALNUM[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char DEC[] = "0123456789";

void tok_decoded_free(tok_decoded *d)
{
    free(d->chars);
    free(d->samples);
    memset(d, 0, sizeof *d);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* %XX decoding into a new string (invalid escapes are kept as they are). */
static char *url_decode(const char *s)
{
    size_t n = strlen(s);
    char *o = xmalloc(n + 1), *p = o;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
            hexval((unsigned char)s[i + 2]) >= 0) {
            *p++ = (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
            i += 2;
        } else {
            *p++ = s[i];
        }
    }
    *p = '\0';
    return o;
}

static bool all_in(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (!s[i] || !strchr(set, s[i])) return false;
    return true;
}

/* express-session cookie value: s:<id>.<signature> (after URL decoding). Returns the id length. */
static bool express_id(const char *v, size_t *off, size_t *len)
{
    if (strncmp(v, "s:", 2) != 0) return false;
    const char *dot = strrchr(v + 2, '.');
    if (!dot || dot == v + 2 || dot[1] == '\0') return false;
    *off = 2;
    *len = (size_t)(dot - v - 2);
    return true;
}

static bool is_jwt(const char *v)
{
    const char *d1 = strchr(v, '.');
    const char *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    if (strncmp(v, "eyJ", 3) != 0 || !d1 || !d2 || strchr(d2 + 1, '.')) return false;
    static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=";
    return all_in(v, strlen(v), set);
}

static bool is_uuid(const char *v)
{
    if (strlen(v) != 36) return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? v[i] != '-' : hexval((unsigned char)v[i]) < 0) return false;
    }
    return true;
}

typedef struct {
    char **v; /* working copies of the token text */
    size_t n;
} work;

static void work_free(work *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
}

/* Character alphabet for the union of characters seen. */
static const char *pick_alphabet(const bool seen[256], const char **fmt, bool *lower_hex)
{
    char set[257];
    size_t k = 0;
    for (int c = 1; c < 256; c++)
        if (seen[c]) set[k++] = (char)c;
    set[k] = '\0';
    *lower_hex = false;
    if (all_in(set, k, DEC)) {
        *fmt = "decimal";
        return DEC;
    }
    if (all_in(set, k, HEXL)) {
        *fmt = "hex";
        return HEXL;
    }
    if (all_in(set, k, HEXU)) {
        *fmt = "hex";
        return HEXU;
    }
    if (all_in(set, k, "0123456789abcdefABCDEF")) {
        *fmt = "hex";
        *lower_hex = true; /* mixed case: case-insensitive */
        return HEXL;
    }
    if (all_in(set, k, PHP5)) {
        *fmt = "php-5bit";
        return PHP5;
    }
    if (all_in(set, k, B32)) {
        *fmt = "base32";
        return B32;
    }
    if (all_in(set, k, ALNUM)) {
        *fmt = "alphanumeric";
        return ALNUM;
    }
    if (all_in(set, k, B64URL)) {
        *fmt = "base64url";
        return B64URL;
    }
    if (all_in(set, k, B64)) {
        *fmt = "base64";
        return B64;
    }
    if (all_in(set, k, PHP6)) {
        *fmt = "php-6bit";
        return PHP6;
    }
    *fmt = "custom";
    return NULL;
}

static int bits_for(size_t k)
{
    int b = 0;
    while ((1u << b) < k)
        b++;
    return b ? b : 1;
}

/* base64 characters (6 bits each) packed into bytes; trailing partial bits dropped. */
static size_t b64_bytes(const uint8_t *sym, size_t len, uint8_t *out)
{
    uint32_t acc = 0;
    int nb = 0;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        acc = (acc << 6) | sym[i];
        nb += 6;
        if (nb >= 8) {
            out[o++] = (uint8_t)(acc >> (nb - 8));
            nb -= 8;
            acc &= (1u << nb) - 1;
        }
    }
    return o;
}

int tok_decode(const tokens_set *s, const tokens_opts *o, tok_decoded *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    if (s->is_raw) {
        size_t tl = o->raw_token_len ? o->raw_token_len : 16;
        int bits = o->bits_per_symbol ? o->bits_per_symbol : 8;
        if (bits < 1 || bits > 8) {
            snprintf(err, errlen, "--bits-per-symbol must be 1 to 8");
            return -1;
        }
        for (size_t i = 0; i < s->raw_len; i++) {
            if (s->raw[i] >> bits) {
                snprintf(err, errlen, "byte %zu (0x%02x) does not fit in %d bits per symbol", i,
                         s->raw[i], bits);
                return -1;
            }
        }
        d->format = "raw";
        d->stream = bits == 8 ? "bytes" : "symbols";
        d->k = (size_t)1 << bits;
        d->bits = bits;
        d->pow2 = true;
        d->radix = 1 << bits;
        d->spt = tl;
        d->len = tl;
        d->n = s->raw_len / tl;
        d->samples = xmalloc(s->raw_len);
        memcpy(d->samples, s->raw, s->raw_len);
        d->chars = xmalloc(d->n * tl + 1);
        memcpy(d->chars, s->raw, d->n * tl);
        d->nominal_bits = (double)tl * bits;
        for (size_t c = 0; c < d->k && c < 256; c++)
            d->alphabet[c] = (char)(c < 0x20 || c > 0x7e ? '.' : c);
        return 0;
    }
    if (s->n == 0) {
        snprintf(err, errlen, "no tokens");
        return -1;
    }
    work w = {xcalloc(s->n, sizeof(char *)), s->n};
    size_t n_express = 0, n_jwt = 0, n_uuid = 0;
    for (size_t i = 0; i < s->n; i++) {
        w.v[i] = strchr(s->tok[i], '%') ? url_decode(s->tok[i]) : xstrdup(s->tok[i]);
        size_t off, len;
        if (express_id(w.v[i], &off, &len)) {
            n_express++;
            memmove(w.v[i], w.v[i] + off, len);
            w.v[i][len] = '\0';
        } else if (is_jwt(w.v[i])) {
            n_jwt++;
        } else if (is_uuid(w.v[i])) {
            n_uuid++;
        }
    }
    const char *fmt = NULL;
    size_t special = n_express + n_jwt + n_uuid;
    if (special && (special != s->n || (n_express && n_express != s->n) ||
                    (n_jwt && n_jwt != s->n) || (n_uuid && n_uuid != s->n))) {
        snprintf(err, errlen,
                 "mixed formats: %zu express-session, %zu JWT, %zu UUID and %zu other tokens",
                 n_express, n_jwt, n_uuid, s->n - special);
        work_free(&w);
        return -1;
    }
    if (n_jwt) {
        d->format = "jwt";
        d->jwt = true;
        d->n = s->n;
        work_free(&w);
        return 0;
    }
    if (n_uuid) {
        /* Drop the dashes and the version and variant nibbles (fixed by the UUID format). */
        for (size_t i = 0; i < w.n; i++) {
            char *v = w.v[i], *p = v;
            for (int j = 0; j < 36; j++)
                if (v[j] != '-' && j != 14 && j != 19) *p++ = (char)tolower((unsigned char)v[j]);
            *p = '\0';
        }
        fmt = "uuid";
    }
    bool seen[256] = {false};
    size_t minlen = (size_t)-1, maxlen = 0;
    for (size_t i = 0; i < w.n; i++) {
        /* base64 padding carries no information */
        size_t l = strlen(w.v[i]);
        while (l > 0 && w.v[i][l - 1] == '=')
            w.v[i][--l] = '\0';
        for (size_t j = 0; j < l; j++)
            seen[(unsigned char)w.v[i][j]] = true;
        if (l < minlen) minlen = l;
        if (l > maxlen) maxlen = l;
    }
    if (maxlen == 0) {
        snprintf(err, errlen, "every token is empty");
        work_free(&w);
        return -1;
    }
    const char *alpha;
    bool fold = false;
    const char *detected;
    if (o->alphabet && *o->alphabet) {
        alpha = o->alphabet;
        detected = "custom";
    } else {
        alpha = pick_alphabet(seen, &detected, &fold);
    }
    if (!fmt) fmt = detected;
    if (!alpha) {
        size_t k = 0;
        for (int c = 1; c < 256; c++)
            if (seen[c]) d->alphabet[k++] = (char)c;
        d->alphabet[k] = '\0';
        d->k = k;
    } else {
        snprintf(d->alphabet, sizeof d->alphabet, "%s", alpha);
        d->k = strlen(d->alphabet);
    }
    if (d->k < 2) {
        snprintf(err, errlen, "the alphabet has fewer than two symbols");
        work_free(&w);
        return -1;
    }
    bool numeric = strcmp(detected, "decimal") == 0;
    if (minlen != maxlen && !numeric) {
        snprintf(err, errlen,
                 "tokens have different lengths (%zu to %zu characters): mixed formats?", minlen,
                 maxlen);
        work_free(&w);
        return -1;
    }
    if ((double)w.n * (double)maxlen > TOKENS_MAX_CHARS) {
        snprintf(err, errlen, "too much input: %zu tokens of %zu characters (limit %u characters)",
                 w.n, maxlen, TOKENS_MAX_CHARS);
        work_free(&w);
        return -1;
    }
    d->format = fmt;
    if (n_express) d->format = "express-session";
    d->n = w.n;
    d->len = maxlen;
    d->chars = xmalloc(d->n * d->len);
    int idx[256];
    for (int c = 0; c < 256; c++)
        idx[c] = -1;
    for (size_t c = 0; c < d->k; c++)
        idx[(unsigned char)d->alphabet[c]] = (int)c;
    for (size_t i = 0; i < w.n; i++) {
        size_t l = strlen(w.v[i]), pad = d->len - l; /* decimals are padded on the left */
        for (size_t j = 0; j < d->len; j++) {
            int c = j < pad ? '0' : (unsigned char)w.v[i][j - pad];
            if (fold) c = tolower(c);
            if (idx[c] < 0) {
                snprintf(err, errlen, "token %zu has a character outside the alphabet (0x%02x)",
                         i + 1, (unsigned)c);
                work_free(&w);
                tok_decoded_free(d);
                return -1;
            }
            d->chars[i * d->len + j] = (uint8_t)idx[c];
        }
    }
    work_free(&w);
    if (fold) snprintf(d->note, sizeof d->note, "hex in mixed case: decoded case-insensitively");
    if (numeric && minlen != maxlen)
        snprintf(d->note, sizeof d->note, "decimal tokens of %zu to %zu digits: left-padded with 0",
                 minlen, maxlen);

    d->nominal_bits = (double)d->len * log2((double)d->k);
    bool b64 = strcmp(detected, "base64") == 0 || strcmp(detected, "base64url") == 0;
    if (b64 && !o->alphabet && d->len * 6 / 8 >= 1 && !o->bits_per_symbol) {
        d->spt = d->len * 6 / 8;
        d->samples = xmalloc(d->n * d->spt);
        for (size_t i = 0; i < d->n; i++)
            b64_bytes(d->chars + i * d->len, d->len, d->samples + i * d->spt);
        d->bits = 8;
        d->stream = "bytes";
        d->pow2 = true;
        d->radix = 256;
        d->nominal_bits = (double)d->spt * 8;
    } else {
        d->spt = d->len;
        d->samples = xmalloc(d->n * d->spt);
        memcpy(d->samples, d->chars, d->n * d->len);
        d->bits = o->bits_per_symbol ? o->bits_per_symbol : bits_for(d->k);
        if (d->bits > 8 || (1u << d->bits) < d->k) {
            snprintf(err, errlen, "%zu symbols do not fit in %d bits per symbol", d->k, d->bits);
            tok_decoded_free(d);
            return -1;
        }
        d->pow2 = ((size_t)1 << d->bits) == d->k;
        d->stream = d->bits == 4 && d->pow2 ? "nibbles" : "symbols";
        d->radix = (int)d->k;
    }
    return 0;
}
