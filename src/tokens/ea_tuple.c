/* SP 800-90B 6.3.5 (t-tuple) and 6.3.6 (longest repeated substring).
 * Literal symbols (and bit strings that ea_tuple_bits.c hands back) go through one suffix array:
 * SA-IS (linear time), then the LCP array with the Phi method, written over the suffix array so
 * that only two n-sized integer arrays are ever live, then one streaming walk over the LCP
 * intervals (tl_walk). The estimates are computed from Q(t) and S(t) by tl_estimates, which skips
 * the terms that provably cannot be the maximum (a bit string with a short period has millions). */
#include "tokens/ea.h"
#include "tokens/ea_bits.h"
#include "tokens/ea_tuple.h"
#include "tokens/ea_util.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- SA-IS (Nong, Zhang, Chan 2009). The text ends with a unique smallest sentinel 0. ----
 * ea_sais.h is instantiated twice: for byte texts (the input) and int32 texts (the reduced
 * problems of the recursion), so that no symbol access pays for a type test. */
static int sais_i32(const int32_t *s, int32_t *sa, int32_t n, int32_t k);
#define SAIS_NAME(x) x##_i32
#define SAIS_T int32_t
#include "tokens/ea_sais.h"
#undef SAIS_NAME
#undef SAIS_T
#define SAIS_NAME(x) x##_u8
#define SAIS_T uint8_t
#include "tokens/ea_sais.h"
#undef SAIS_NAME
#undef SAIS_T

typedef struct {
    const void *s;
    int cs; /* 1: uint8_t text, 4: int32_t text */
} text_t;

static inline int32_t chr(const text_t *t, int32_t i)
{
    return t->cs == 4 ? ((const int32_t *)t->s)[i] : ((const uint8_t *)t->s)[i];
}

static int sais(const text_t *t, int32_t *sa, int32_t n, int32_t k)
{
    return t->cs == 4 ? sais_i32(t->s, sa, n, k) : sais_u8(t->s, sa, n, k);
}

/* LCP in suffix-array order, computed into sa (which loses the suffix array). lcp[0] = 0.
 * text has n+1 symbols (sentinel last); sa has n+1 entries with sa[0] = n. On return
 * lcp[i] (i = 1..n-1) is the LCP of the i-1th and ith suffixes of the sentinel-free text. */
static int sa_to_lcp(const text_t *t, int32_t *sa, int32_t n, int binary)
{
    int32_t *phi = calloc((size_t)n + 1, sizeof(int32_t)); /* zeroed: proves phi[] defined */
    if (!phi) return -1;
    /* A binary text is compared 64 bits at a time from a packed copy (n/8 bytes, cache-friendly).
     */
    uint64_t *w = NULL;
    if (binary) {
        w = calloc((size_t)n / 64 + 3, sizeof *w);
        if (!w) {
            free(phi);
            return -1;
        }
        const uint8_t *s8 = t->s;
        for (int32_t i = 0; i < n; i++)
            w[i >> 6] |= (uint64_t)(s8[i] - 1) << (63 - (i & 63));
    }
    int32_t *s = sa + 1; /* proper suffix array, n entries */
    phi[s[0]] = -1;
    for (int32_t i = 1; i < n; i++)
        phi[s[i]] = s[i - 1];
    int32_t h = 0;
    for (int32_t i = 0; i < n; i++) {
        int32_t j = phi[i];
        if (j < 0) {
            phi[i] = 0;
            h = 0;
            continue;
        }
        if (w) {
            int32_t lim = n - (i > j ? i : j);
            while (h < lim) {
                uint64_t x = ea_bits64(w, (int64_t)i + h) ^ ea_bits64(w, (int64_t)j + h);
                if (x) {
                    h += __builtin_clzll(x);
                    break;
                }
                h += 64;
            }
            if (h > lim) h = lim;
        } else {
            while (i + h < n && j + h < n && chr(t, i + h) == chr(t, j + h))
                h++;
        }
        phi[i] = h;
        if (h > 0) h--;
    }
    for (int32_t i = 0; i < n; i++)
        sa[i] = phi[s[i]];
    sa[0] = 0;
    sa[n] = 0;
    free(phi);
    free(w);
    return 0;
}

/* ---- the streaming LCP-interval walk ---- */

int tl_walk_init(tl_walk *w, int32_t lmax, int32_t floor)
{
    memset(w, 0, sizeof *w);
    w->lmax = lmax;
    w->cap = 64;
    w->len = 64;
    w->st = calloc(w->cap, sizeof *w->st); /* zeroed: proves every frame defined */
    w->q = calloc((size_t)w->len, sizeof *w->q);
    w->d = calloc((size_t)w->len, sizeof *w->d);
    if (!w->st || !w->q || !w->d) {
        tl_walk_free(w);
        return -1;
    }
    w->st[0].lcp = floor;
    w->st[0].lb = 0;
    return 0;
}

void tl_walk_free(tl_walk *w)
{
    free(w->st);
    free(w->q);
    free(w->d);
    memset(w, 0, sizeof *w);
}

int tl_walk_grow(tl_walk *w, int32_t l)
{
    if (l > w->lmax) return -1;
    if (w->top + 1 == w->cap) {
        tl_frame *st = realloc(w->st, sizeof *st * w->cap * 2);
        if (!st) return -1;
        memset(st + w->cap, 0, sizeof *st * w->cap);
        w->st = st;
        w->cap *= 2;
    }
    int64_t want = (int64_t)l + 2;
    if (want <= w->len) return 0;
    int64_t len = 2 * (int64_t)w->len;
    if (len < want) len = want;
    if (len > INT32_MAX) len = INT32_MAX;
    int32_t *q = realloc(w->q, sizeof *q * (size_t)len);
    if (!q) return -1;
    w->q = q;
    int64_t *d = realloc(w->d, sizeof *d * (size_t)len);
    if (!d) return -1;
    w->d = d;
    memset(q + w->len, 0, sizeof *q * (size_t)(len - w->len));
    memset(d + w->len, 0, sizeof *d * (size_t)(len - w->len));
    w->len = (int32_t)len;
    return 0;
}

int tl_walk_end(tl_walk *w)
{
    if (tl_walk_feed(w, w->st[0].lcp) < 0) return -1;
    for (int32_t l = w->v - 1; l >= 1; l--)
        if (w->q[l + 1] > w->q[l]) w->q[l] = w->q[l + 1];
    int64_t s = 0;
    for (int32_t t = 1; t <= w->v; t++) {
        s += w->d[t];
        w->d[t] = s;
    }
    return 0;
}

static int64_t walk_q(const void *ctx, int32_t t)
{
    return ((const tl_walk *)ctx)->q[t];
}
static int64_t walk_s(const void *ctx, int32_t t)
{
    return ((const tl_walk *)ctx)->d[t];
}

tl_stats tl_walk_stats(const tl_walk *w, int32_t n)
{
    tl_stats st = {n, w->v, walk_q, walk_s, w};
    return st;
}

/* ---- the estimates ----
 * The tuple estimate is the maximum of pow(Q(i) / (n-i+1), 1/i) over i < u, the LRS estimate the
 * maximum of pow(S(i) / C(n-i+1, 2), 1/i) over u <= i <= v; each term is computed by exactly the
 * expression of the NIST tool's C++ port, so that the doubles agree. When v is large (a bit string
 * of period 2048 has v ~ n), most terms are skipped, without changing the maximum: numerator and
 * denominator are both non-increasing in i, so over a block [a, b] every ratio r_i is at most
 * r = fl(num(a) / den(b)) (rounding is monotone), and when r <= 1 every term is at most r^(1/b)
 * (fl(1/i) >= fl(1/b)). pow is accurate to a few ulps, so a block whose bound, widened by 1e-12,
 * is still below a term already computed cannot hold the maximum. */
enum { TERM_TUPLE, TERM_LRS };

typedef struct {
    const tl_stats *st;
    int kind;
    double pmax;
} maxer;

static int64_t term_num(const maxer *m, int32_t i)
{
    return m->kind == TERM_TUPLE ? m->st->q(m->st->ctx, i) : m->st->s(m->st->ctx, i);
}

static double term_den(const maxer *m, int32_t i)
{
    if (m->kind == TERM_TUPLE) return (double)(m->st->n - i + 1);
    long mm = (long)m->st->n - i;
    return (double)((mm * (mm + 1)) >> 1);
}

static void term_eval(maxer *m, int32_t i)
{
    double p = pow((double)term_num(m, i) / term_den(m, i), 1.0 / (double)i);
    if (p > m->pmax) m->pmax = p;
}

static void max_block(maxer *m, int32_t a, int32_t b)
{
    while (b - a >= 16) {
        double r = (double)term_num(m, a) / term_den(m, b);
        if (r <= 1.0 && pow(r, 1.0 / (double)b) * (1.0 + 1e-12) < m->pmax) return;
        int32_t mid = a + (b - a) / 2;
        max_block(m, mid + 1, b);
        b = mid;
    }
    for (int32_t i = a; i <= b; i++)
        term_eval(m, i);
}

/* The largest term over [a, b]: a few evenly spaced terms first, so that blocks can be skipped. */
static double max_term(const tl_stats *st, int kind, int32_t a, int32_t b, double init)
{
    maxer m = {st, kind, init};
    for (int j = 0; j <= 64; j++)
        term_eval(&m, a + (int32_t)((int64_t)(b - a) * j / 64));
    max_block(&m, a, b);
    return m.pmax;
}

static double upper_bound(double pmax, int32_t n)
{
    double pu = pmax + EA_ZALPHA * sqrt(pmax * (1.0 - pmax) / ((double)(n - 1)));
    return pu > 1.0 ? 1.0 : pu;
}

void tl_estimates(const tl_stats *st, double *tuple, double *lrs)
{
    int32_t v = st->v;
    if (v <= 0) return;
    /* u: the first t whose most common t-tuple occurs fewer than 35 times (Q is monotone) */
    int32_t lo = 1, hi = v + 1;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (st->q(st->ctx, mid) >= 35)
            lo = mid + 1;
        else
            hi = mid;
    }
    int32_t u = lo;
    if (u > 1) {
        double pmax = max_term(st, TERM_TUPLE, 1, u - 1, -1.0);
        if (pmax > 0.0) *tuple = -log2(upper_bound(pmax, st->n));
    }
    if (v >= u) *lrs = -log2(upper_bound(max_term(st, TERM_LRS, u, v, 0.0), st->n));
}

/* ---- the general method: SA-IS ---- */

/* Feeds the LCPs of the suffix array of data (symbols 0..k-1) to wk; -1 when memory runs out. */
static int sais_walk(const uint8_t *data, int32_t n, int k, tl_walk *wk)
{
    /* Symbols shifted up by one to make room for the sentinel 0. */
    text_t t;
    void *buf;
    if (k < 255) {
        uint8_t *s = malloc((size_t)n + 1);
        if (!s) return -1;
        for (int32_t i = 0; i < n; i++)
            s[i] = (uint8_t)(data[i] + 1);
        s[n] = 0;
        buf = s;
        t.s = s;
        t.cs = 1;
    } else {
        int32_t *s = malloc(sizeof(int32_t) * ((size_t)n + 1));
        if (!s) return -1;
        for (int32_t i = 0; i < n; i++)
            s[i] = data[i] + 1;
        s[n] = 0;
        buf = s;
        t.s = s;
        t.cs = 4;
    }
    int32_t *sa = malloc(sizeof(int32_t) * ((size_t)n + 1));
    int rc = sa && sais(&t, sa, n + 1, k) == 0 && sa_to_lcp(&t, sa, n, k == 2) == 0 ? 0 : -1;
    free(buf);
    if (rc == 0) {
        /* sized once: doubling would hold up to 3 (v + 2) entries of 12 bytes for a moment */
        int32_t v = 0;
        for (int32_t i = 1; i < n; i++)
            if (sa[i] > v) v = sa[i];
        rc = tl_walk_grow(wk, v);
        for (int32_t i = 1; i < n && rc == 0; i++)
            rc = tl_walk_feed(wk, sa[i]);
    }
    free(sa);
    return rc;
}

void ea_tuple_lrs(const uint8_t *data, long len, int k, double *tuple, double *lrs)
{
    *tuple = EA_NOT_RUN;
    *lrs = EA_NOT_RUN;
    if (len < 2 || len >= INT32_MAX - 2) return;
    int32_t n = (int32_t)len;
    if (k == 2) {
        uint64_t *w = ea_pack_bits(data, n);
        if (!w) return;
        int rc = tl_bits(w, n, tuple, lrs);
        free(w);
        if (rc <= 0) return;
    }
    tl_walk wk;
    if (tl_walk_init(&wk, INT32_MAX, 0) < 0) return;
    if (sais_walk(data, n, k, &wk) == 0 && tl_walk_end(&wk) == 0) {
        tl_stats st = tl_walk_stats(&wk, n);
        tl_estimates(&st, tuple, lrs);
    }
    tl_walk_free(&wk);
}
