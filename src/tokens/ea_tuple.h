/* Internal interface of the t-tuple / LRS estimator (SP 800-90B 6.3.5 and 6.3.6), split over
 * ea_tuple.c (the estimates, the LCP-interval walk, SA-IS) and ea_tuple_bits.c (bit strings).
 *
 * Both estimates need, for t = 1 .. v (v = the longest repeated substring):
 *   Q(t) = the most occurrences of any t-tuple,
 *   S(t) = the number of pairs of equal t-tuples (sum over distinct t-tuples of C(count, 2)).
 * Both are non-increasing in t. A producer hands them over as a tl_stats. */
#ifndef SS_TOKENS_EA_TUPLE_H
#define SS_TOKENS_EA_TUPLE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int32_t n, v;
    int64_t (*q)(const void *ctx, int32_t t);
    int64_t (*s)(const void *ctx, int32_t t);
    const void *ctx;
} tl_stats;

/* Both estimates from the statistics (either stays EA_NOT_RUN when it does not apply). */
void tl_estimates(const tl_stats *st, double *tuple, double *lrs);

/* A streaming walk over the LCP intervals of a suffix array: the LCPs of neighbouring suffixes are
 * fed in suffix order, and every interval of size s and LCP l whose parent has LCP p is the set
 * of occurrences of one t-tuple for every t in (p, l]. Memory is O(v), not O(n). */
typedef struct {
    int32_t lcp, lb;
} tl_frame;

typedef struct {
    tl_frame *st;
    size_t top, cap;
    int32_t i;    /* LCPs fed so far */
    int32_t *q;   /* q[l]: largest interval with LCP l; after tl_walk_end, Q(l) */
    int64_t *d;   /* difference array of S over t; after tl_walk_end, S(t) */
    int32_t len;  /* entries of q and d */
    int32_t v;    /* largest LCP fed */
    int32_t lmax; /* a larger LCP makes the walk fail (bounds its memory) */
} tl_walk;

/* An empty walk; LCPs up to floor are not told apart (no t-tuple statistics for t <= floor). */
int tl_walk_init(tl_walk *w, int32_t lmax, int32_t floor);
/* Makes room for LCP l in q and d; -1 when memory runs out or l > lmax. */
int tl_walk_grow(tl_walk *w, int32_t l);

/* The LCP of the next suffix with the previous one (at least floor); -1 when memory runs out or
 * cur > lmax. Inline: it runs once per bit of an 8,000,000-bit string. */
static inline int tl_walk_feed(tl_walk *w, int32_t cur)
{
    int32_t i = ++w->i, lb = i - 1;
    while (cur < w->st[w->top].lcp) {
        tl_frame f = w->st[w->top--];
        int32_t up = w->st[w->top].lcp, parent = cur > up ? cur : up;
        int64_t size = (int64_t)i - f.lb;
        if (size > w->q[f.lcp]) w->q[f.lcp] = (int32_t)size;
        int64_t pairs = size * (size - 1) / 2;
        w->d[parent + 1] += pairs;
        w->d[f.lcp + 1] -= pairs;
        lb = f.lb;
    }
    if (cur > w->st[w->top].lcp) {
        if (cur + 2 > w->len || w->top + 1 == w->cap) {
            if (tl_walk_grow(w, cur) < 0) return -1;
        }
        if (cur > w->v) w->v = cur;
        w->st[++w->top].lcp = cur;
        w->st[w->top].lb = lb;
    }
    return 0;
}
/* Closes the walk (all n-1 LCPs fed); -1 on failure. */
int tl_walk_end(tl_walk *w);
void tl_walk_free(tl_walk *w);
/* The statistics of a closed walk over a text of n symbols. */
tl_stats tl_walk_stats(const tl_walk *w, int32_t n);

/* Bit strings (ea_tuple_bits.c). Fill *tuple and *lrs and return 0, or return 1 when the input
 * needs the general method (SA-IS), -1 when memory ran out. w is the packed string. */
int tl_bits(const uint64_t *w, int32_t n, double *tuple, double *lrs);

#endif
