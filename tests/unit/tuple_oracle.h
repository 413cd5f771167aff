/* The t-tuple / LRS estimator as it was before the streaming rewrite (commit 5792a49), kept as the
 * oracle of test_tokens_tuple_equiv.c: SA-IS + Phi LCP + two LCP-interval walks, exact on every
 * input. Only the entry point is renamed. */
/* SP 800-90B 6.3.5 (t-tuple) and 6.3.6 (longest repeated substring) from one suffix array.
 * The suffix array is built with SA-IS (linear time); the LCP array with the Phi method, written
 * over the suffix array so that only two n-sized integer arrays are ever live. Tuple counts come
 * from the LCP intervals: an interval of size s whose LCP is l and whose parent's LCP is p is the
 * set of occurrences of one t-tuple for every t in (p, l]. */
#ifndef SS_TESTS_TUPLE_ORACLE_H
#define SS_TESTS_TUPLE_ORACLE_H
#include "tokens/ea.h"
#include "tokens/ea_bits.h"
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

typedef struct {
    int32_t lcp, lb;
} frame;

/* Walks the LCP intervals, calling back with (size, lcp, parent lcp). */
typedef void (*interval_fn)(void *ctx, long size, int32_t l, int32_t parent);

static int walk_intervals(const int32_t *lcp, int32_t n, interval_fn fn, void *ctx)
{
    size_t cap = 1024, top = 0;
    frame *st = calloc(cap, sizeof(frame));
    if (!st) return -1;
    st[0].lcp = 0;
    st[0].lb = 0;
    for (int32_t i = 1; i <= n; i++) {
        int32_t cur = lcp[i], lb = i - 1;
        while (cur < st[top].lcp) {
            frame f = st[top--];
            int32_t parent = cur > st[top].lcp ? cur : st[top].lcp;
            fn(ctx, (long)i - f.lb, f.lcp, parent);
            lb = f.lb;
        }
        if (cur > st[top].lcp) {
            if (++top == cap) {
                cap *= 2;
                frame *ns = realloc(st, sizeof(frame) * cap);
                if (!ns) {
                    free(st);
                    return -1;
                }
                st = ns;
            }
            st[top].lcp = cur;
            st[top].lb = lb;
        }
    }
    free(st);
    return 0;
}

typedef struct {
    int32_t *q; /* max group size with LCP exactly l, then suffix max: Q[t] */
} q_ctx;

static void q_visit(void *vc, long size, int32_t l, int32_t parent)
{
    (void)parent;
    q_ctx *c = vc;
    if (size > c->q[l]) c->q[l] = (int32_t)size;
}

typedef struct {
    int64_t *diff; /* difference array over t in [u, v+1] */
    int32_t u, v;
} s_ctx;

static void s_visit(void *vc, long size, int32_t l, int32_t parent)
{
    s_ctx *c = vc;
    int32_t lo = parent + 1 > c->u ? parent + 1 : c->u;
    if (l < lo) return;
    int64_t pairs = (int64_t)size * (size - 1) / 2;
    c->diff[lo - c->u] += pairs;
    c->diff[l + 1 - c->u] -= pairs;
}

/* ---- binary texts: a shallow suffix sort ----
 * For a bit string whose repeats are short (any random-looking one), sorting the suffixes by
 * bucketing on their first 16 bits and comparing 64 bits at a time within a bucket is several
 * times faster than SA-IS and needs only the position array and a packed copy (4.1 bytes per bit
 * instead of 9). A text with a repeat longer than SHALLOW_MAX bits (a counter, a short period) is
 * handed back to SA-IS. */
#define SHALLOW_MAX 4096

typedef struct {
    const uint64_t *w;
    int32_t n;
    bool deep; /* a comparison went past SHALLOW_MAX */
} btext;

/* Longest common prefix of the suffixes at p and q (capped at SHALLOW_MAX + 64); *cmp gets their
 * order (-1: p first), the shorter suffix first when one is a prefix of the other. */
static int32_t blcp(btext *b, int32_t p, int32_t q, int *cmp)
{
    int32_t lp = b->n - p, lq = b->n - q, m = lp < lq ? lp : lq, h = 0;
    while (h < m) {
        uint64_t x = ea_bits64(b->w, (int64_t)p + h) ^ ea_bits64(b->w, (int64_t)q + h);
        if (x) {
            int32_t at = h + __builtin_clzll(x);
            if (at < m) {
                *cmp = (ea_bits64(b->w, (int64_t)p + at) >> 63) ? 1 : -1;
                return at;
            }
            break;
        }
        h += 64;
        if (h > SHALLOW_MAX) {
            b->deep = true;
            *cmp = 0;
            return h;
        }
    }
    *cmp = lp < lq ? -1 : (lp > lq ? 1 : 0);
    return m;
}

typedef struct {
    uint64_t key; /* bits 16..79 of the suffix */
    int32_t pos;
} bent;

static inline bool bless(btext *b, const bent *x, const bent *y)
{
    if (x->key != y->key) return x->key < y->key;
    if (x->pos == y->pos) return false;
    int c;
    blcp(b, x->pos, y->pos, &c);
    return c < 0;
}

static void bsort(btext *b, bent *a, int32_t m)
{
    while (m > 16) {
        /* median of three, Hoare partition */
        bent *x = &a[0], *y = &a[m / 2], *z = &a[m - 1], piv;
        if (bless(b, y, x)) {
            bent t = *x;
            *x = *y;
            *y = t;
        }
        if (bless(b, z, y)) {
            bent t = *y;
            *y = *z;
            *z = t;
            if (bless(b, y, x)) {
                t = *x;
                *x = *y;
                *y = t;
            }
        }
        piv = *y;
        int32_t i = -1, j = m;
        for (;;) {
            do
                i++;
            while (bless(b, &a[i], &piv));
            do
                j--;
            while (bless(b, &piv, &a[j]));
            if (i >= j) break;
            bent t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        /* recurse into the smaller half, loop on the larger */
        if (j + 1 < m - j - 1) {
            bsort(b, a, j + 1);
            a += j + 1;
            m -= j + 1;
        } else {
            bsort(b, a + j + 1, m - j - 1);
            m = j + 1;
        }
        if (b->deep) return;
    }
    for (int32_t i = 1; i < m; i++) {
        bent t = a[i];
        int32_t j = i;
        while (j > 0 && bless(b, &t, &a[j - 1])) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = t;
    }
}

/* LCP array (n+1 entries, lcp[0] = lcp[n] = 0) of a bit string, or NULL when it has long repeats
 * (or memory ran out): the caller then uses SA-IS. */
static int32_t *binary_lcp(const uint8_t *data, int32_t n)
{
    uint64_t *w = ea_pack_bits(data, n);
    int32_t *pos = malloc(sizeof(int32_t) * ((size_t)n + 1));
    int32_t *start = calloc(65537, sizeof(int32_t));
    bent *tmp = NULL;
    if (!w || !pos || !start) goto fail;
    for (int32_t p = 0; p < n; p++)
        start[(ea_bits64(w, p) >> 48) + 1]++;
    int32_t maxb = 0;
    for (int i = 1; i <= 65536; i++) {
        if (start[i] > maxb) maxb = start[i];
        start[i] += start[i - 1];
    }
    for (int32_t p = 0; p < n; p++)
        pos[start[ea_bits64(w, p) >> 48]++] = p;
    tmp = malloc(sizeof(bent) * (size_t)(maxb ? maxb : 1));
    if (!tmp) goto fail;
    btext b = {w, n, false};
    /* start[i] is now the end of bucket i */
    for (int i = 0, lo = 0; i < 65536 && !b.deep; lo = start[i++]) {
        int32_t m = start[i] - lo;
        if (m < 2) continue;
        for (int32_t k = 0; k < m; k++) {
            tmp[k].pos = pos[lo + k];
            tmp[k].key = ea_bits64(w, (int64_t)pos[lo + k] + 16);
        }
        bsort(&b, tmp, m);
        for (int32_t k = 0; k < m; k++)
            pos[lo + k] = tmp[k].pos;
    }
    free(tmp);
    tmp = NULL;
    if (b.deep) goto fail;
    /* LCPs of neighbours, written over the positions no longer needed */
    for (int32_t i = 1; i < n && !b.deep; i++) {
        int c;
        int32_t l = blcp(&b, pos[i - 1], pos[i], &c);
        pos[i - 1] = l;
    }
    if (b.deep) goto fail;
    memmove(pos + 1, pos, sizeof(int32_t) * (size_t)(n - 1));
    pos[0] = 0;
    pos[n] = 0;
    free(w);
    free(start);
    return pos;
fail:
    free(w);
    free(pos);
    free(start);
    free(tmp);
    return NULL;
}

static void oracle_tuple_lrs(const uint8_t *data, long len, int k, double *tuple, double *lrs)
{
    *tuple = EA_NOT_RUN;
    *lrs = EA_NOT_RUN;
    if (len < 2 || len >= INT32_MAX - 2) return;
    int32_t n = (int32_t)len;
    int32_t *sa = k == 2 ? binary_lcp(data, n) : NULL;
    if (!sa) {
        /* Symbols shifted up by one to make room for the sentinel 0. */
        text_t t;
        void *buf;
        if (k < 255) {
            uint8_t *s = malloc((size_t)n + 1);
            if (!s) return;
            for (int32_t i = 0; i < n; i++)
                s[i] = (uint8_t)(data[i] + 1);
            s[n] = 0;
            buf = s;
            t.s = s;
            t.cs = 1;
        } else {
            int32_t *s = malloc(sizeof(int32_t) * ((size_t)n + 1));
            if (!s) return;
            for (int32_t i = 0; i < n; i++)
                s[i] = data[i] + 1;
            s[n] = 0;
            buf = s;
            t.s = s;
            t.cs = 4;
        }
        sa = malloc(sizeof(int32_t) * ((size_t)n + 1));
        if (!sa || sais(&t, sa, n + 1, k) < 0 || sa_to_lcp(&t, sa, n, k == 2) < 0) {
            free(sa);
            free(buf);
            return;
        }
        free(buf);
    }
    int32_t *lcp = sa;
    int32_t v = 0;
    for (int32_t i = 0; i < n; i++)
        if (lcp[i] > v) v = lcp[i];
    if (v <= 0) {
        free(sa);
        return;
    }

    /* t-tuple: Q[t] = most occurrences of any t-tuple, for t up to the first with Q < 35. */
    int32_t *q = calloc((size_t)v + 2, sizeof(int32_t));
    if (!q) {
        free(sa);
        return;
    }
    q_ctx qc = {q};
    if (walk_intervals(lcp, n, q_visit, &qc) < 0) {
        free(q);
        free(sa);
        return;
    }
    for (int32_t l = v - 1; l >= 1; l--)
        if (q[l + 1] > q[l]) q[l] = q[l + 1];
    int32_t u;
    for (u = 1; u <= v && (q[u] < 1 ? 1 : q[u]) >= 35; u++)
        ;
    double pmax = -1.0;
    for (int32_t i = 1; i < u; i++) {
        double p = pow((double)q[i] / (double)(n - i + 1), 1.0 / (double)i);
        if (p > pmax) pmax = p;
    }
    free(q);
    if (pmax > 0.0) {
        double pu = pmax + EA_ZALPHA * sqrt(pmax * (1.0 - pmax) / ((double)(n - 1)));
        if (pu > 1.0) pu = 1.0;
        *tuple = -log2(pu);
    }

    /* LRS: collision probability of t-tuples for t in [u, v]. */
    if (v >= u) {
        s_ctx sc = {calloc((size_t)(v - u) + 3, sizeof(int64_t)), u, v};
        if (sc.diff && walk_intervals(lcp, n, s_visit, &sc) == 0) {
            int64_t s = 0;
            pmax = 0.0;
            for (int32_t i = u; i <= v; i++) {
                s += sc.diff[i - u];
                long m = (long)n - i;
                double p = pow((double)s / (double)((m * (m + 1)) >> 1), 1.0 / (double)i);
                if (pmax < p) pmax = p;
            }
            double pu = pmax + EA_ZALPHA * sqrt(pmax * (1.0 - pmax) / ((double)(n - 1)));
            if (pu > 1.0) pu = 1.0;
            *lrs = -log2(pu);
        }
        free(sc.diff);
    }
    free(sa);
}

#endif
