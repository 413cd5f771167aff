/* SP 800-90B 6.3.9 MultiMMC on a bit string, as the reference tool computes it.
 *
 * Depth d (0..15) predicts from the last d + 1 bits. Only depth 15 can reach the tool's limit of
 * 100,000 (context, follower) entries (2^17 exist); below it a dictionary holds at most 2^16.
 * So for d <= 14 a context's whole state is "seen" and diff = count(1) - count(0), kept as
 * v = 2 * diff + 1 (0 = never seen); the prediction is 1 when diff >= 0 (the tool's tie-break).
 * Depth 15 keeps the difference and which of the two followers it was allowed to store.
 *
 * A context found at depth d was found at every shallower depth (never capped), so the tool's
 * found-chain is the same as looking every depth up on its own: depths interact only through the
 * scoreboard. Steps are therefore taken 64 at a time: per depth, one word of "found" and one of
 * "correct" bits (bit 63 - t for step i + t; one table stays in cache, and the steps of a depth
 * depend on each other only through repeated contexts), then the winner logic is replayed. */
#include "tokens/ea_dict.h"

#include "tokens/ea_bits.h"
#include "tokens/ea_board.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MMC_D 16
#define MMC_MAX 100000
#define CAPPED (MMC_D - 1) /* the only depth whose dictionary can fill */
#define SMALL_D 4          /* depths of at most 32 contexts: taken context by context */

typedef struct {
    int32_t *v;            /* depth d <= 14 at v + (2 << d) - 2 */
    int32_t *diff;         /* depth 15: count(1) - count(0) */
    uint8_t *has;          /* depth 15: bit y set when follower y is stored */
    long seen[CAPPED];     /* contexts seen, d <= 14 */
    long elems;            /* depth 15 entries */
    uint64_t ok[MMC_D];    /* per chunk: prediction made and correct */
    uint64_t found[MMC_D]; /* per chunk: prediction made */
    long score[MMC_D], c, run, maxrun;
    int winner;
} mmcb;

/* Population count without the libgcc call that a generic x86-64 build makes of the builtin. */
static inline int pop64(uint64_t x)
{
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (int)((x * 0x0101010101010101ULL) >> 56);
}

static int32_t *depth_tab(const mmcb *b, int d)
{
    return b->v + (2L << d) - 2;
}

/* The state update for follower y of a depth <= 14 context. */
static inline int32_t v_next(int32_t v, int32_t y)
{
    return (v | 1) + 4 * y - 2;
}

/* Depth 15's entry update: a new follower only while there is room. Returns "found". */
static inline bool capped_step(mmcb *b, uint32_t x, int32_t y, bool *ok)
{
    uint8_t hs = b->has[x];
    int32_t dv = b->diff[x];
    *ok = hs != 0 && (dv >= 0) == (y != 0);
    unsigned hy = (hs >> y) & 1u, add = hy | (b->elems < MMC_MAX);
    b->elems += (long)(add & (hy ^ 1u));
    b->has[x] = (uint8_t)(hs | (add << y));
    b->diff[x] = dv + (int32_t)add * (2 * y - 1);
    return hs != 0;
}

/* One step done directly (the first steps, where fewer depths are active), in the tool's order. */
static void scalar_step(mmcb *b, uint32_t hist, int32_t y, int dn)
{
    int curw = b->winner;
    for (int d = 0; d <= dn; d++) {
        uint32_t x = hist & ((2u << d) - 1);
        bool found, ok;
        if (d < CAPPED) {
            int32_t *e = depth_tab(b, d) + x;
            found = *e != 0;
            ok = found && (*e > 0) == (y != 0);
            b->seen[d] += !found;
            *e = v_next(*e, y);
        } else {
            found = capped_step(b, x, y, &ok);
        }
        if (ok) {
            if (++b->score[d] >= b->score[b->winner]) b->winner = d;
            if (d == curw) {
                b->c++;
                if (++b->run > b->maxrun) b->maxrun = b->run;
            }
        } else if (found && d == curw) {
            b->run = 0;
        }
    }
}

/* Depths 0..SMALL_D over n steps from i: each context's steps as one bit mask. When the context's
 * difference is too far from 0 to change sign within the chunk, its predictions are one value and
 * the whole mask is scored and counted at once; otherwise its steps are walked in order. */
static void small_depths(mmcb *b, const uint64_t *w, long i, int n)
{
    uint64_t valid = ~0ULL << (64 - n), y = ea_bits64(w, i);
    uint64_t m[(4 << SMALL_D) - 2];
    for (int d = 0; d <= SMALL_D; d++) {
        uint64_t p = ea_bits64(w, i - 1 - d); /* bit d of the context */
        uint64_t *cur = m + (2 << d) - 2, *prev = m + (1 << d) - 2;
        int32_t *tab = depth_tab(b, d);
        uint64_t ok = 0, found = 0;
        for (uint32_t x = 0; x < (2u << d); x++) {
            uint64_t base = d ? prev[x & ((1u << d) - 1)] : valid;
            uint64_t mk = cur[x] = base & ((x >> d) & 1u ? p : ~p);
            int cnt = pop64(mk);
            if (!cnt) continue;
            int32_t v = tab[x], lim = 2 * cnt - 1;
            if (v >= lim || v <= -lim) {
                ok |= mk & (v > 0 ? y : ~y);
                found |= mk;
                tab[x] = v + 4 * pop64(mk & y) - 2 * cnt;
                continue;
            }
            while (mk) {
                int bit = 63 - __builtin_clzll(mk);
                int32_t yy = (int32_t)((y >> bit) & 1u);
                if (v != 0) {
                    found |= 1ULL << bit;
                    ok |= (uint64_t)((v > 0) == (yy != 0)) << bit;
                } else {
                    b->seen[d]++;
                }
                v = v_next(v, yy);
                mk &= ~(1ULL << bit);
            }
            tab[x] = v;
        }
        b->ok[d] = ok;
        b->found[d] = found;
    }
}

/* Per step of a chunk: the 16 bits before it, and its bit y as nsy = -(2y - 1) and dy = 2(2y - 1),
 * shared by every depth. */
typedef struct {
    uint32_t h[64];
    int32_t nsy[64], dy[64];
} steps;

/* A depth 5..14 over n steps. v * nsy < 0 exactly when the prediction is made and right: v > 0
 * (predicts 1) with y = 1, or v < 0 with y = 0. */
static void mid_depth(mmcb *b, int d, const steps *st, int n)
{
    int32_t *tab = depth_tab(b, d);
    uint32_t m = (2u << d) - 1;
    uint64_t ok = 0, found = ~0ULL;
    if (b->seen[d] == (2L << d)) { /* every context seen: all found, nothing to count */
        for (int t = 0; t < n; t++) {
            int32_t v = tab[st->h[t] & m];
            ok = ok * 2 + ((uint32_t)(v * st->nsy[t]) >> 31);
            tab[st->h[t] & m] = (v | 1) + st->dy[t];
        }
    } else {
        long seen = 0;
        found = 0;
        for (int t = 0; t < n; t++) {
            int32_t v = tab[st->h[t] & m];
            ok = ok * 2 + ((uint32_t)(v * st->nsy[t]) >> 31);
            found = found * 2 + (v != 0);
            seen += v == 0;
            tab[st->h[t] & m] = (v | 1) + st->dy[t];
        }
        b->seen[d] += seen;
        found <<= 64 - n;
    }
    b->ok[d] = ok << (64 - n);
    b->found[d] = found;
}

static void capped_depth(mmcb *b, const steps *st, int n)
{
    uint64_t ok = 0, found = 0;
    for (int t = 0; t < n; t++) {
        bool k;
        found = (found << 1) | capped_step(b, st->h[t], st->dy[t] > 0, &k);
        ok = (ok << 1) | k;
    }
    b->ok[CAPPED] = ok << (64 - n);
    b->found[CAPPED] = found << (64 - n);
}

/* The chunk when no depth but the winner can reach the winner's score within it and the winner
 * predicted at every step: its count, its runs and its score, from its word alone. */
static void winner_only(mmcb *b, int n)
{
    long c = b->c;
    ea_runs_add(b->ok[b->winner], n, &b->c, &b->run, &b->maxrun);
    b->score[b->winner] += b->c - c;
}

/* The scoreboard over the chunk. A depth more than n behind the leader cannot become the winner
 * within it (the leader's score never falls): those only get their correct predictions added. */
static void replay(mmcb *b, int n)
{
    long high = b->score[b->winner], sc[MMC_D] = {0};
    uint64_t okc[MMC_D] = {0};
    int cand[MMC_D] = {0}, nc = 0; /* the winner is always among them */
    for (int d = 0; d < MMC_D; d++) {
        int gain = pop64(b->ok[d]);
        if (d == b->winner || b->score[d] + gain >= high) {
            sc[nc] = b->score[d];
            okc[nc] = b->ok[d];
            cand[nc++] = d;
        } else {
            b->score[d] += gain;
        }
    }
    int valid_shift = 64 - n;
    if (nc == 1 && (b->found[b->winner] >> valid_shift) == (~0ULL >> valid_shift)) {
        winner_only(b, n);
        return;
    }
    int winner = b->winner;
    long c = b->c, run = b->run, maxrun = b->maxrun;
    for (int t = 0; t < n; t++) {
        int bit = 63 - t;
        long okw = (long)((b->ok[winner] >> bit) & 1u), fw = (long)((b->found[winner] >> bit) & 1u);
        c += okw;
        run = okw ? run + 1 : (fw ? 0 : run);
        maxrun = run > maxrun ? run : maxrun;
        /* branch-free: on random data every "correct" is a coin toss */
        for (int k = 0; k < nc; k++) {
            long inc = (long)((okc[k] >> bit) & 1u), sk = sc[k] + inc;
            bool take = inc && sk >= high;
            sc[k] = sk;
            winner = take ? cand[k] : winner;
            high = take ? sk : high;
        }
    }
    for (int k = 0; k < nc; k++)
        b->score[cand[k]] = sc[k];
    b->winner = winner;
    b->c = c;
    b->run = run;
    b->maxrun = maxrun;
}

static void chunk(mmcb *b, const uint64_t *w, const uint8_t *s, long i, int n)
{
    steps st;
    for (int t = 0; t < n; t++) {
        int32_t y = s[i + t] & 1;
        st.h[t] = (uint32_t)(ea_bits64(w, i + t - 16) >> 48);
        st.nsy[t] = 1 - 2 * y;
        st.dy[t] = 4 * y - 2;
    }
    small_depths(b, w, i, n);
    for (int d = SMALL_D + 1; d < CAPPED; d++)
        mid_depth(b, d, &st, n);
    capped_depth(b, &st, n);
    replay(b, n);
}

double ea_mmc_binary(const uint8_t *s, long len)
{
    if (len <= MMC_D + 1) return EA_NOT_RUN;
    mmcb b;
    memset(&b, 0, sizeof b);
    uint64_t *w = ea_pack_bits(s, len);
    b.v = calloc((2u << CAPPED) - 2, sizeof *b.v);
    b.diff = calloc(1u << MMC_D, sizeof *b.diff);
    b.has = calloc(1u << MMC_D, 1);
    double est = EA_NOT_RUN;
    if (w && b.v && b.diff && b.has) {
        /* the tool's start: each depth's first context and its follower, counted once */
        uint32_t hist = 0;
        for (int d = 0; d < MMC_D; d++) {
            hist = (hist << 1) | (s[d] & 1u);
            int32_t y = s[d + 1] & 1;
            if (d < CAPPED) {
                depth_tab(&b, d)[hist] = v_next(0, y);
                b.seen[d] = 1;
            } else {
                bool ok;
                capped_step(&b, hist, y, &ok);
            }
        }
        hist = s[0] & 1u;
        long i = 2;
        for (; i <= MMC_D; i++) {
            hist = ((hist << 1) | (s[i - 1] & 1u)) & 0xFFFFu;
            scalar_step(&b, hist, s[i] & 1, (int)(i - 2));
        }
        for (; i < len; i += 64)
            chunk(&b, w, s, i, len - i < 64 ? (int)(len - i) : 64);
        est = ea_prediction_estimate(b.c, len - 2, b.maxrun, 2);
    }
    free(w);
    free(b.v);
    free(b.diff);
    free(b.has);
    return est;
}
