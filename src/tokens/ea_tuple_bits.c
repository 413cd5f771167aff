/* t-tuple / LRS statistics of a bit string (up to 8,000,000 bits) in under 10 MiB.
 *
 * Exactly periodic strings (a byte counter, a short LCG: period 2048 bits) have closed forms; see
 * periodic_estimates. For every other string:
 *  - t <= 16: Q(t) and S(t) from the histogram of 16-bit windows, folded down (small_tuples);
 *  - t > 16: the suffixes are sorted in pieces, in suffix order, and the LCPs of neighbours are
 *    streamed into a tl_walk (floor 16), so that no n-sized array is ever built. A batch is the
 *    set of suffixes starting with some c-bit prefix, halved until it fits in BATCH_CAP entries;
 *    it is gathered in one pass over the packed words (a bit mask of the matching positions per
 *    word), with each suffix's next 64 bits as its sort key. With c <= 16 a batch is a run of
 *    whole 16-bit buckets, each sorted on its own (a counting sort on the top key bits, then one
 *    insertion pass); a batch inside one huge bucket (biased bits) is sorted by MSD radix.
 *    Equal keys are compared 64 bits at a time.
 * Strings with a repeat longer than DEEP_MAX bits, a batch prefix longer than PREFIX_MAX bits or
 * too many word comparisons go back to SA-IS (ea_tuple.c), which needs ~9 bytes per bit: such
 * strings are neither random-like nor periodic, and no reference data set is one of them.
 *
 * Suffixes shorter than 64 bits read as zero-padded: padding can make a short suffix's key equal a
 * longer one's, but never reorders two suffixes (the shorter sorts first on a tie, as a prefix
 * does), and every LCP is capped by the two suffix lengths. */
#include "tokens/ea_bits.h"
#include "tokens/ea_tuple.h"

#include <stdlib.h>
#include <string.h>

#define BATCH_CAP (1 << 19)    /* suffixes gathered per pass (8 MiB) */
#define SMALL_SORT 4096        /* a group up to this size is sorted out of place */
#define DEEP_MAX 4096          /* a longer repeat goes to SA-IS */
#define PREFIX_MAX 64          /* bits a batch may share before SA-IS takes over */
#define PERIOD_MAX (1 << 16)   /* longest period given the closed forms */
#define PERIOD_WORK (1L << 26) /* budget of the periodic closed forms */

typedef struct {
    const uint64_t *w;
    int32_t n;
    int32_t hmax;       /* an LCP beyond it marks the string deep */
    int64_t work, wmax; /* 64-bit words compared beyond the cached keys */
    bool deep;
} btext;

static inline int32_t len_of(const btext *b, int32_t p)
{
    return b->n - p;
}

/* LCP of the suffixes at p and q, known to agree on their first h bits; *cmp gets their order
 * (-1: p first; the shorter first when one is a prefix of the other). Sets b->deep (and returns
 * a value above hmax) when the LCP exceeds hmax or the comparison budget runs out. */
static int32_t bt_lcp(btext *b, int32_t p, int32_t q, int32_t h, int *cmp)
{
    int32_t lp = len_of(b, p), lq = len_of(b, q), m = lp < lq ? lp : lq;
    if (b->deep) { /* the sort is being abandoned: stop comparing */
        *cmp = 0;
        return b->hmax + 1;
    }
    while (h < m) {
        uint64_t a = ea_bits64(b->w, (int64_t)p + h), x = a ^ ea_bits64(b->w, (int64_t)q + h);
        if (x) {
            int32_t at = h + __builtin_clzll(x);
            if (at >= m) break;
            *cmp = (a << (at - h)) >> 63 ? 1 : -1;
            return at;
        }
        h += 64;
        if (h > b->hmax || ++b->work > b->wmax) {
            b->deep = true;
            *cmp = 0;
            return b->hmax + 1;
        }
    }
    *cmp = lp < lq ? -1 : (lp > lq ? 1 : 0);
    return m;
}

typedef struct {
    uint64_t key; /* the 64 bits after the shared prefix */
    int32_t pos;
} bent;

static inline bool bless(btext *b, int32_t depth, const bent *x, const bent *y)
{
    if (x->key != y->key) return x->key < y->key;
    if (x->pos == y->pos) return false;
    int c;
    bt_lcp(b, x->pos, y->pos, depth + 64, &c);
    return c < 0;
}

static inline void bswap(bent *x, bent *y)
{
    bent t = *x;
    *x = *y;
    *y = t;
}

static void insertion_sort(btext *b, int32_t depth, bent *a, int32_t m)
{
    for (int32_t i = 1; i < m; i++) {
        bent t = a[i];
        int32_t j = i;
        while (j > 0 && bless(b, depth, &t, &a[j - 1])) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = t;
    }
}

/* Quicksort (median of three, Hoare partition) of suffixes sharing their first depth bits. */
static void bsort(btext *b, int32_t depth, bent *a, int32_t m)
{
    while (m > 16 && !b->deep) {
        bent *x = &a[0], *y = &a[m / 2], *z = &a[m - 1];
        if (bless(b, depth, y, x)) bswap(x, y);
        if (bless(b, depth, z, y)) {
            bswap(y, z);
            if (bless(b, depth, y, x)) bswap(x, y);
        }
        bent piv = *y;
        int32_t i = -1, j = m;
        for (;;) {
            do
                i++;
            while (bless(b, depth, &a[i], &piv));
            do
                j--;
            while (bless(b, depth, &piv, &a[j]));
            if (i >= j) break;
            bswap(&a[i], &a[j]);
        }
        /* recurse into the smaller half, loop on the larger */
        if (j + 1 < m - j - 1) {
            bsort(b, depth, a, j + 1);
            a += j + 1;
            m -= j + 1;
        } else {
            bsort(b, depth, a + j + 1, m - j - 1);
            m = j + 1;
        }
    }
    if (!b->deep) insertion_sort(b, depth, a, m);
}

/* ---- the shallow sort ---- */

/* In-place MSD radix sort on the key bits below 64 - done (American flag, a digit of about
 * log2(m) bits so that the buckets come out nearly single), then comparisons for small groups and
 * for groups whose 64 key bits are all equal. */
static void msd_sort(btext *b, int32_t depth, bent *a, int32_t m, int done)
{
    if (m <= 24) {
        insertion_sort(b, depth, a, m);
        return;
    }
    if (done == 64) {
        bsort(b, depth, a, m);
        return;
    }
    int bits = 32 - __builtin_clz((uint32_t)m) - 1;
    if (bits > 8) bits = 8;
    if (bits > 64 - done) bits = 64 - done;
    int shift = 64 - done - bits, nd = 1 << bits;
    uint64_t dm = (uint64_t)nd - 1;
    int32_t cnt[256] = {0}, next[256], end[256];
    for (int32_t i = 0; i < m; i++)
        cnt[(a[i].key >> shift) & dm]++;
    for (int d = 0, acc = 0; d < nd; d++) {
        next[d] = acc;
        acc += cnt[d];
        end[d] = acc;
    }
    for (int d = 0; d < nd; d++) {
        while (next[d] < end[d]) {
            int e = (int)((a[next[d]].key >> shift) & dm);
            if (e == d)
                next[d]++;
            else
                bswap(&a[next[d]], &a[next[e]++]);
        }
    }
    for (int d = 0, lo = 0; d < nd && !b->deep; lo = end[d++])
        if (cnt[d] > 1) msd_sort(b, depth, a + lo, cnt[d], done + bits);
}

typedef struct {
    btext b;
    tl_walk wk;   /* LCP intervals deeper than 16 bits */
    bent *buf;    /* one batch */
    bent *tmp;    /* SMALL_SORT entries */
    int32_t *cnt; /* 2 SMALL_SORT counters */
    int32_t cap;  /* entries of buf */
    int32_t *cum; /* cum[x]: suffixes whose first 16 bits (zero-padded) are below x */
    int32_t *off;
    int32_t prev; /* the last suffix fed to the walk, -1 before the first */
    bool oom;
} sorter;

/* Feeds the LCP l of the next suffix with the previous one (the walk does not tell LCPs up to 16
 * apart: those t-tuples come from the histograms). */
static bool feed(sorter *s, int32_t l)
{
    if (s->b.deep) return false;
    if (tl_walk_feed(&s->wk, l > 16 ? l : 16) < 0) {
        s->oom = true;
        return false;
    }
    return true;
}

/* Sorts the m suffixes of a, which share their first depth bits (zero-padded; key = the next 64
 * bits), and feeds their LCPs. first_lcp: the LCP with the suffix before, -1 to compute it. */
/* Out of place: a counting sort on the top log2(m) + 1 key bits leaves groups of one or two,
 * which one insertion sort pass then finishes (cheaper than any in-place scheme at this size). */
static bent *small_sort(btext *b, int32_t depth, const bent *a, int32_t m, bent *out, int32_t *cnt)
{
    int bits = 32 - __builtin_clz((uint32_t)m), shift = 64 - bits; /* 2^bits >= m */
    memset(cnt, 0, sizeof(int32_t) * ((size_t)1 << bits));
    for (int32_t i = 0; i < m; i++)
        cnt[a[i].key >> shift]++;
    for (int32_t d = 0, acc = 0; d < (1 << bits); d++) {
        int32_t c = cnt[d];
        cnt[d] = acc;
        acc += c;
    }
    for (int32_t i = 0; i < m; i++)
        out[cnt[a[i].key >> shift]++] = a[i];
    insertion_sort(b, depth, out, m);
    return out;
}

static bool sort_feed(sorter *s, bent *a, int32_t m, int32_t depth, int32_t first_lcp)
{
    if (m <= SMALL_SORT)
        a = small_sort(&s->b, depth, a, m, s->tmp, s->cnt);
    else
        msd_sort(&s->b, depth, a, m, 0);
    if (s->b.deep) return false;
    if (s->prev >= 0) {
        int c;
        int32_t l = first_lcp >= 0 ? first_lcp : bt_lcp(&s->b, s->prev, a[0].pos, 0, &c);
        if (!feed(s, l)) return false;
    }
    for (int32_t i = 1; i < m; i++) {
        int32_t p = a[i - 1].pos, q = a[i].pos, l;
        uint64_t x = a[i - 1].key ^ a[i].key;
        if (x) {
            int32_t lp = len_of(&s->b, p), lq = len_of(&s->b, q);
            l = depth + __builtin_clzll(x);
            if (l > lp) l = lp;
            if (l > lq) l = lq;
        } else {
            int c;
            l = bt_lcp(&s->b, p, q, depth + 64, &c);
        }
        if (!feed(s, l)) return false;
    }
    s->prev = a[m - 1].pos;
    return true;
}

/* Bit i (from the top) of the result: the suffix at 64 wq + i starts with the c bits of x. */
static inline uint64_t match_word(const uint64_t *w, int64_t wq, uint64_t x, int c)
{
    uint64_t mask = ~0ULL;
    for (int j = 0; j < c; j++) {
        uint64_t sj = ea_bits64(w, 64 * wq + j);
        mask &= ((x >> (c - 1 - j)) & 1) ? sj : ~sj;
    }
    return mask;
}

/* The positions whose first c bits are x, in one pass over the words (cost: c operations per 64
 * positions, plus one per match). */
#define FOR_MATCHES(w, n, x, c, p, body)                                                           \
    for (int64_t wq_ = 0; wq_ <= ((int64_t)(n)-1) >> 6; wq_++) {                                   \
        uint64_t m_ = match_word(w, wq_, x, c);                                                    \
        if (64 * wq_ + 64 > (n)) m_ &= ~0ULL << (64 * wq_ + 64 - (n));                             \
        while (m_) {                                                                               \
            int32_t p = (int32_t)(64 * wq_ + 63 - __builtin_ctzll(m_));                            \
            m_ &= m_ - 1;                                                                          \
            body                                                                                   \
        }                                                                                          \
    }

/* A block of at most cap suffixes sharing their first c <= 16 bits x: whole 16-bit buckets,
 * gathered in one pass, each sorted on its own. */
static bool block16(sorter *s, uint64_t x, int c)
{
    const uint64_t *w = s->b.w;
    int32_t n = s->b.n, b0 = (int32_t)(x << (16 - c)), b1 = (int32_t)((x + 1) << (16 - c));
    int32_t *off = s->off, base = s->cum[b0];
    for (int32_t bk = b0; bk < b1; bk++)
        off[bk] = s->cum[bk] - base;
    bent *buf = s->buf;
    FOR_MATCHES(w, n, x, c, p, {
        uint64_t a = ea_bits64(w, p);
        bent *e = &buf[off[a >> 48]++];
        e->key = ea_bits64(w, (int64_t)p + 16);
        e->pos = p;
    })
    for (int32_t bk = b0; bk < b1; bk++) {
        int32_t lo = s->cum[bk] - base, m = s->cum[bk + 1] - s->cum[bk];
        /* different 16-bit buckets: the LCP is below 16 */
        if (m && !sort_feed(s, buf + lo, m, 16, 16)) return false;
    }
    return true;
}

/* A block of at most cap suffixes sharing their first c > 16 bits (one part of a huge bucket). */
static bool block_deep(sorter *s, uint64_t x, int c)
{
    const uint64_t *w = s->b.w;
    int32_t m = 0;
    bent *buf = s->buf;
    FOR_MATCHES(w, s->b.n, x, c, p, {
        buf[m].key = ea_bits64(w, (int64_t)p + c);
        buf[m++].pos = p;
    })
    return m == 0 || sort_feed(s, buf, m, c, -1);
}

static int32_t count_matches(const uint64_t *w, int32_t n, uint64_t x, int c)
{
    int32_t m = 0;
    FOR_MATCHES(w, n, x, c, p, {
        (void)p;
        m++;
    })
    return m;
}

/* The suffixes starting with the c bits of x, in suffix order: one block when they fit in a
 * batch, else the two halves by the next bit. */
static bool blocks(sorter *s, uint64_t x, int c, int32_t count)
{
    if (count == 0) return true;
    if (count <= s->cap) return c <= 16 ? block16(s, x, c) : block_deep(s, x, c);
    if (c >= PREFIX_MAX) {
        s->b.deep = true; /* a huge group sharing c bits: SA-IS */
        return false;
    }
    int32_t lo;
    if (c < 16) {
        int sh = 15 - c;
        lo = s->cum[((2 * x + 1) << sh)] - s->cum[(2 * x) << sh];
    } else {
        lo = count_matches(s->b.w, s->b.n, 2 * x, c + 1);
    }
    return blocks(s, 2 * x, c + 1, lo) && blocks(s, 2 * x + 1, c + 1, count - lo);
}

/* Q(t) and S(t) for t <= 16 from the histogram of 16-bit windows, folded: the t-windows are the
 * (t+1)-windows cut short, plus the one at n - t. */
typedef struct {
    const tl_walk *wk;
    int64_t q[17], s[17];
} mixed;

static int64_t mixed_q(const void *ctx, int32_t t)
{
    const mixed *mx = ctx;
    return t <= 16 ? mx->q[t] : mx->wk->q[t];
}

static int64_t mixed_s(const void *ctx, int32_t t)
{
    const mixed *mx = ctx;
    return t <= 16 ? mx->s[t] : mx->wk->d[t];
}

static void small_tuples(const uint64_t *w, int32_t n, int32_t *h, mixed *mx)
{
    for (int t = 16; t >= 1; t--) {
        int32_t size = 1 << t;
        if (t < 16)
            for (size_t x = 0; x < (size_t)size; x++)
                h[x] = h[2 * x] + h[2 * x + 1];
        if (n - t >= 0 && t < 16) h[ea_bits64(w, n - t) >> (64 - t)]++;
        int64_t q = 0, sum = 0;
        for (int32_t x = 0; x < size; x++) {
            if (h[x] > q) q = h[x];
            sum += (int64_t)h[x] * (h[x] - 1) / 2;
        }
        mx->q[t] = q;
        mx->s[t] = sum;
    }
}

/* 0: *tuple and *lrs set; 1: the string needs SA-IS; -1: out of memory. */
static int shallow_estimates(sorter *s, double *tuple, double *lrs)
{
    const uint64_t *w = s->b.w;
    int32_t n = s->b.n;
    int32_t *h = calloc(65536, sizeof *h);
    s->cum = calloc(65537, sizeof *s->cum);
    s->off = malloc(65536 * sizeof *s->off);
    s->cap = n < BATCH_CAP ? n : BATCH_CAP;
    s->buf = malloc(sizeof *s->buf * (size_t)s->cap);
    s->tmp = malloc(sizeof *s->tmp * SMALL_SORT);
    s->cnt = malloc(sizeof *s->cnt * 2 * SMALL_SORT);
    int rc = -1;
    if (h && s->cum && s->off && s->buf && s->tmp && s->cnt) {
        /* h: the 16-bit windows; cum: the zero-padded first 16 bits of every suffix */
        for (int32_t p = 0; p <= n - 16; p++)
            h[ea_bits64(w, p) >> 48]++;
        memcpy(s->cum + 1, h, 65536 * sizeof *h);
        for (int32_t p = n - 15 > 0 ? n - 15 : 0; p < n; p++)
            s->cum[(ea_bits64(w, p) >> 48) + 1]++;
        for (int x = 1; x <= 65536; x++)
            s->cum[x] += s->cum[x - 1];
        if (blocks(s, 0, 0, n) && tl_walk_end(&s->wk) == 0) {
            mixed mx = {&s->wk, {0}, {0}};
            small_tuples(w, n, h, &mx);
            tl_stats st = tl_walk_stats(&s->wk, n);
            st.q = mixed_q;
            st.s = mixed_s;
            st.ctx = &mx;
            if (st.v <= 16)
                for (st.v = 16; st.v > 0 && mx.q[st.v] < 2; st.v--)
                    ;
            tl_estimates(&st, tuple, lrs);
            rc = 0;
        } else {
            rc = s->oom ? -1 : 1;
        }
    }
    free(h);
    free(s->cum);
    free(s->off);
    free(s->buf);
    free(s->tmp);
    free(s->cnt);
    return rc;
}

/* ---- exactly periodic strings ----
 * Let P be the smallest period (s[i] == s[i+P]), P <= n/2, and u = s[0..P) (primitive: a shorter
 * period of u would be one of s). The t-tuple at p is the t-prefix of the rotation p mod P of u.
 *  - t >= P: equal t-tuples need an LCP >= P, i.e. equal rotations, i.e. p == q (mod P). With
 *    N = n - t + 1 windows, c = N / P, m = N % P, residue r holds c + (r < m) of them: Q(t) =
 *    c + (m > 0) and S(t) = m C(c+1, 2) + (P - m) C(c, 2), O(1) per t.
 *  - t < P: the classes are the groups of rotations sharing a t-prefix: the LCP intervals of the
 *    sorted rotations. A group G holds |G| c + f windows, f = #{r in G : r < m}; the closed form
 *    above is corrected by the groups (qm, sc), which costs the sum of |G| over the t an interval
 *    spans: small unless the rotations share long prefixes (bounded by PERIOD_WORK).
 *  - v = n - P (suffixes 0 and P; same residues give n - max(p, q), different ones less than P).
 */
typedef struct {
    int32_t n, p;
    int64_t *qm; /* qm[t], t < P: the largest group made of several residues */
    int64_t *sc; /* sc[t], t < P: S(t) minus the value it would have if every residue stood alone */
} periodic;

static int64_t c2(int64_t x)
{
    return x * (x - 1) / 2;
}

static int64_t per_q(const void *ctx, int32_t t)
{
    const periodic *pc = ctx;
    int64_t nw = (int64_t)pc->n - t + 1, c = nw / pc->p, m = nw % pc->p, q = c + (m > 0);
    if (t < pc->p && pc->qm[t] > q) q = pc->qm[t];
    return q;
}

static int64_t per_s(const void *ctx, int32_t t)
{
    const periodic *pc = ctx;
    int64_t nw = (int64_t)pc->n - t + 1, c = nw / pc->p, m = nw % pc->p;
    int64_t s = m * c2(c + 1) + (pc->p - m) * c2(c);
    return t < pc->p ? s + pc->sc[t] : s;
}

/* s[i] == s[i + d] for every i < n - d. */
static bool has_period(const uint64_t *w, int32_t n, int32_t d)
{
    for (int64_t i = 0; i < n - d; i += 64) {
        uint64_t x = ea_bits64(w, i) ^ ea_bits64(w, i + d);
        int64_t left = n - d - i;
        if (left < 64) x &= ~(~0ULL >> left); /* the first left bits (left >= 1) */
        if (x) return false;
    }
    return true;
}

/* The smallest period d <= min(n/2, PERIOD_MAX), or 0. */
static int32_t find_period(const uint64_t *w, int32_t n)
{
    int32_t top = n / 2 < PERIOD_MAX ? n / 2 : PERIOD_MAX;
    uint64_t head = ea_bits64(w, 0);
    for (int32_t d = 1; d <= top; d++) {
        int32_t left = n - d;
        uint64_t mask = left >= 64 ? ~0ULL : ~(~0ULL >> left);
        if (((ea_bits64(w, d) ^ head) & mask) == 0 && has_period(w, n, d)) return d;
    }
    return 0;
}

/* Adds the LCP interval [lb, rb) of the sorted rotations, for t in (parent, l], to qm and sc. */
static void per_group(periodic *pc, const bent *rot, int32_t lb, int32_t rb, int32_t l,
                      int32_t parent)
{
    int64_t g = rb - lb;
    for (int32_t t = parent + 1; t <= l; t++) {
        int64_t nw = (int64_t)pc->n - t + 1, c = nw / pc->p, m = nw % pc->p, f = 0;
        for (int32_t j = lb; j < rb; j++)
            f += rot[j].pos < m;
        int64_t cnt = g * c + f;
        if (cnt > pc->qm[t]) pc->qm[t] = cnt;
        pc->sc[t] += c2(cnt) - g * c2(c) - f * c;
    }
}

/* Walks the LCP intervals of the sorted rotations (rl[j]: LCP of rot[j-1] and rot[j]). */
static int per_intervals(periodic *pc, const bent *rot, const int32_t *rl)
{
    int32_t p = pc->p;
    tl_frame *st = calloc((size_t)p + 1, sizeof *st); /* zeroed: proves every frame defined */
    if (!st) return -1;
    size_t top = 0;
    int64_t work = 0;
    st[0].lcp = 0;
    st[0].lb = 0;
    for (int32_t j = 1; j <= p; j++) {
        int32_t cur = j < p ? rl[j] : 0, lb = j - 1;
        while (cur < st[top].lcp) {
            tl_frame f = st[top--];
            int32_t parent = cur > st[top].lcp ? cur : st[top].lcp;
            work += (int64_t)(j - f.lb) * (f.lcp - parent);
            if (work > PERIOD_WORK) {
                free(st);
                return 1;
            }
            per_group(pc, rot, f.lb, j, f.lcp, parent);
            lb = f.lb;
        }
        if (cur > st[top].lcp) {
            st[++top].lcp = cur;
            st[top].lb = lb;
        }
    }
    free(st);
    return 0;
}

/* 0: *tuple and *lrs set; 1: the closed forms would cost too much; -1: out of memory. */
static int periodic_estimates(const uint64_t *w, int32_t n, int32_t p, double *tuple, double *lrs)
{
    periodic pc = {n, p, calloc((size_t)p, sizeof(int64_t)), calloc((size_t)p, sizeof(int64_t))};
    bent *rot = malloc(sizeof *rot * (size_t)p);
    int32_t *rl = malloc(sizeof *rl * (size_t)p);
    int rc = -1;
    if (pc.qm && pc.sc && rot && rl) {
        btext b = {w, n, p, 0, PERIOD_WORK, false};
        for (int32_t r = 0; r < p; r++) {
            rot[r].pos = r;
            rot[r].key = ea_bits64(w, r);
        }
        bsort(&b, 0, rot, p);
        for (int32_t j = 1; j < p && !b.deep; j++) {
            int c;
            rl[j] = bt_lcp(&b, rot[j - 1].pos, rot[j].pos, 0, &c);
        }
        rc = b.deep ? 1 : per_intervals(&pc, rot, rl);
        if (rc == 0) {
            tl_stats st = {n, n - p, per_q, per_s, &pc};
            tl_estimates(&st, tuple, lrs);
        }
    }
    free(pc.qm);
    free(pc.sc);
    free(rot);
    free(rl);
    return rc;
}

int tl_bits(const uint64_t *w, int32_t n, double *tuple, double *lrs)
{
    int32_t p = find_period(w, n);
    if (p > 0) {
        int rc = periodic_estimates(w, n, p, tuple, lrs);
        if (rc <= 0) return rc;
    }
    sorter s = {{w, n, DEEP_MAX, 0, 4 * (int64_t)n + (1 << 20), false},
                {0},
                NULL,
                NULL,
                NULL,
                0,
                NULL,
                NULL,
                -1,
                false};
    if (tl_walk_init(&s.wk, DEEP_MAX + 128, 16) < 0) return -1;
    int rc = shallow_estimates(&s, tuple, lrs);
    tl_walk_free(&s.wk);
    return rc;
}
