/* SP 800-90B 6.3.9 (MultiMMC) and 6.3.10 (LZ78Y) predictors (binary MultiMMC: ea_mmc_bin.c).
 * Binary LZ78Y uses flat count tables indexed by the context bits; wider alphabets use the context
 * dictionary of ea_gdict.c. Dictionary limits, insertion order and tie-breaking follow the
 * reference tool: they decide the counts. */
#include "tokens/ea_dict.h"
#include "tokens/ea_gdict.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MMC_D 16
#define MMC_MAX 100000
#define LZ_B 16
#define LZ_MAX 65536

/* ---- binary ---- */

typedef struct {
    int32_t *t[MMC_D + 1]; /* t[len][2*pattern + bit] */
} bindict;

static int bindict_init(bindict *b)
{
    memset(b, 0, sizeof *b);
    for (int j = 1; j <= MMC_D; j++) {
        b->t[j] = calloc((size_t)2 << j, sizeof(int32_t));
        if (!b->t[j]) return -1;
    }
    return 0;
}

static void bindict_free(bindict *b)
{
    for (int j = 1; j <= MMC_D; j++)
        free(b->t[j]);
}

/* Whether LZ78Y's prediction can only ever come from the one-bit context from now on. Every
 * count of a context is also a count of each of its suffixes present since before it was added,
 * and the two-bit contexts are added in the first steps: so a context's count for a follower never
 * exceeds that of its two-bit suffix, and the gap between a two-bit context's count and its one-bit
 * suffix's never shrinks. Once all four two-bit contexts are present and each is strictly behind
 * its suffix for both followers, every longer context is too, the one-bit context has the highest
 * count at every later step, and the tool (ties to the longer context) predicts from it alone. */
static bool lz_one_bit_rules(const bindict *b)
{
    for (size_t p = 0; p < 4; p++) {
        const int32_t *two = b->t[2] + 2 * p, *one = b->t[1] + 2 * (p & 1);
        if ((two[0] | two[1]) == 0 || one[0] <= two[0] || one[1] <= two[1]) return false;
    }
    return true;
}

/* The rest of the stream once the one-bit context rules: its majority follower (ties to 1). */
static void lz_one_bit_tail(bindict *b, const uint8_t *s, long from, long len, long *c, long *run,
                            long *maxrun)
{
    int32_t *one = b->t[1];
    for (long i = from; i < len; i++) {
        unsigned y = s[i] & 1u;
        int32_t *e = one + 2 * (size_t)(s[i - 1] & 1u);
        long hit = (e[0] > e[1] ? 0u : 1u) == y;
        e[y]++;
        *c += hit;
        *run = hit ? *run + 1 : 0;
        *maxrun = *run > *maxrun ? *run : *maxrun;
    }
}

static double lz78y_binary(const uint8_t *s, long len)
{
    if (len - LZ_B <= 2) return EA_NOT_RUN;
    bindict b;
    if (bindict_init(&b) < 0) {
        bindict_free(&b);
        return EA_NOT_RUN;
    }
    long elems = 0, c = 0, run = 0, maxrun = 0;
    uint32_t pat = 0;
    for (int j = 0; j < LZ_B; j++) {
        pat |= (uint32_t)(s[LZ_B - j - 1] & 1u) << j;
        b.t[j + 1][2 * pat + (s[LZ_B] & 1)] = 1;
        elems++;
    }
    uint32_t full = 0;
    for (int j = 0; j < LZ_B; j++)
        full = (full << 1) | (s[j] & 1u);
    for (long i = LZ_B + 1; i < len; i++) {
        if ((i & 63) == 0 && lz_one_bit_rules(&b)) {
            lz_one_bit_tail(&b, s, i, len, &c, &run, &maxrun);
            break;
        }
        full = ((full << 1) | (s[i - 1] & 1u)) & 0xFFFFu;
        unsigned y = s[i] & 1u, pred = 2;
        uint32_t next = ((full << 1) | y) & 0xFFFFu; /* the next step's contexts, fetched early */
        for (int j = 5; j <= LZ_B; j++)
            __builtin_prefetch(b.t[j] + 2 * (size_t)(next & ((1u << j) - 1)));
        bool have = false;
        int32_t maxc = 0;
        for (int j = LZ_B; j > 0; j--) {
            uint32_t p = full & ((1u << j) - 1);
            int32_t *e = b.t[j] + (size_t)2 * p;
            unsigned rp = e[0] > e[1] ? 0 : 1;
            int32_t cnt = e[rp];
            if (cnt != 0) {
                if (cnt > maxc) {
                    maxc = cnt;
                    have = true;
                    pred = rp;
                }
                e[y]++;
            } else if (elems < LZ_MAX) {
                e[y] = 1;
                elems++;
            }
        }
        if (have && pred == y) {
            c++;
            if (++run > maxrun) maxrun = run;
        } else {
            run = 0;
        }
    }
    bindict_free(&b);
    return ea_prediction_estimate(c, len - LZ_B - 1, maxrun, 2);
}

/* ---- general alphabets (the dictionary: ea_gdict.c) ---- */

static double mmc_general(const uint8_t *data, long len, int k)
{
    if (len < 3 || len >= 1L << 30) return EA_NOT_RUN;
    gdict g;
    gd_init(&g, data, len, k);
    long n = len - 2, entries[MMC_D] = {0}, score[MMC_D] = {0}, c = 0, run = 0, maxrun = 0;
    int winner = 0;
    for (int d = 0; d < MMC_D && d < n; d++) {
        gd_add(&g, 0, d + 1, gd_hash(data, 0, d + 1));
        entries[d] = 1;
    }
    int last_open = MMC_D - 1; /* the longest depth whose dictionary still takes entries */
    for (long i = 2; i < len && !g.oom; i++) {
        bool found = false;
        int curw = winner;
        uint8_t y = data[i];
        int dn = i - 2 < MMC_D - 1 ? (int)(i - 2) : MMC_D - 1;
        /* While dictionaries fill, every depth is touched: all the slots are requested from
         * memory together, so that their cache misses overlap. Once they are full, a context
         * missing at one depth ends the step, and hashes are made only as far as they are used. */
        uint64_t hs[MMC_D] = {0}, h = GD_H0;
        bool filling = last_open > 0; /* depth 0 alone may never fill: 256 x 256 < MMC_MAX */
        for (int d = 0; d <= dn && filling; d++) {
            h = gd_hstep(h, data[i - d - 1]);
            hs[d] = gd_hfin(h, d + 1);
            gd_prefetch(&g, d + 1, hs[d]);
        }
        h = GD_H0;
        for (int d = 0; d <= dn; d++) {
            h = gd_hstep(h, data[i - d - 1]);
            uint64_t hf = filling ? hs[d] : gd_hfin(h, d + 1);
            gd_ref r = -1;
            if (d == 0 || found) {
                r = gd_find(&g, i - d - 1, d + 1, hf);
                found = r >= 0;
            } else if (d > last_open) {
                break;
            }
            if (found) {
                if (gd_best(&g, r) == y) {
                    if (++score[d] >= score[winner]) winner = d;
                    if (d == curw) {
                        c++;
                        if (++run > maxrun) maxrun = run;
                    }
                } else if (d == curw) {
                    run = 0;
                }
                if (!gd_follow(&g, r, y, entries[d] < MMC_MAX)) continue;
            } else if (entries[d] < MMC_MAX) {
                /* not looked up when a shorter context was missing: it may still be there */
                r = d == 0 ? -1 : gd_find(&g, i - d - 1, d + 1, hf);
                if (r >= 0)
                    gd_follow(&g, r, y, true);
                else
                    gd_add(&g, i - d - 1, d + 1, hf);
            } else {
                continue;
            }
            if (++entries[d] >= MMC_MAX)
                while (last_open >= 0 && entries[last_open] >= MMC_MAX)
                    last_open--;
        }
    }
    bool oom = g.oom;
    gd_free(&g);
    return oom ? EA_NOT_RUN : ea_prediction_estimate(c, n, maxrun, k);
}

/* LZ78Y keeps a single dictionary of 65,536 contexts. Once it is full nothing is added, and a
 * context is present only if all its shorter suffixes are, except for those added during the one
 * step that filled it (inserted longest first, some shorter ones may have missed out): so lookups
 * go from short to long and stop at the first miss, checking only those few exceptions beyond. */
typedef struct {
    long pos;
    int len;
} lz_exc;

typedef struct {
    int32_t maxc;
    uint8_t pred;
    bool have;
} lz_vote;

static void lz_visit(gdict *g, gd_ref r, uint8_t y, lz_vote *v)
{
    /* ascending lengths: ties go to the longer context, as in the tool's descending loop */
    if (gd_best_cnt(g, r) >= v->maxc) {
        v->maxc = gd_best_cnt(g, r);
        v->pred = gd_best(g, r);
        v->have = true;
    }
    gd_follow(g, r, y, true);
}

/* A step while the dictionary fills: every length looked up, the missing ones added longest
 * first. Records the contexts that miss out in the step that fills it. */
static void lz_fill_step(gdict *g, long i, long *dict, lz_exc *exc, int *nexc, lz_vote *v)
{
    uint8_t y = g->data[i];
    uint64_t hs[LZ_B + 1], h = GD_H0;
    for (int j = 1; j <= LZ_B; j++) {
        h = gd_hstep(h, g->data[i - j]);
        hs[j] = gd_hfin(h, j);
        gd_prefetch(g, j, hs[j]);
    }
    gd_ref refs[LZ_B + 1];
    for (int j = LZ_B; j > 0; j--) {
        refs[j] = gd_find(g, i - j, j, hs[j]);
        if (refs[j] >= 0 || *dict >= LZ_MAX) continue;
        gd_add(g, i - j, j, hs[j]);
        if (++*dict == LZ_MAX)
            for (int e = LZ_B; e >= j; e--)
                if (refs[e] < 0 && *nexc < LZ_B) exc[(*nexc)++] = (lz_exc){i - e, e};
    }
    for (int j = 1; j <= LZ_B; j++)
        if (refs[j] >= 0) lz_visit(g, refs[j], y, v);
}

static void lz_full_step(gdict *g, long i, const lz_exc *exc, int nexc, lz_vote *v)
{
    uint8_t y = g->data[i];
    uint64_t h = GD_H0;
    int j = 1;
    for (; j <= LZ_B; j++) {
        h = gd_hstep(h, g->data[i - j]);
        gd_ref r = gd_find(g, i - j, j, gd_hfin(h, j));
        if (r < 0) break;
        lz_visit(g, r, y, v);
    }
    for (int e = nexc - 1; e >= 0; e--) {
        int el = exc[e].len;
        if (el <= j || memcmp(g->data + exc[e].pos, g->data + i - el, (size_t)el) != 0) continue;
        gd_ref r = gd_find(g, i - el, el, gd_hash(g->data, i - el, el));
        if (r >= 0) lz_visit(g, r, y, v);
    }
}

static double lz78y_general(const uint8_t *data, long len, int k)
{
    if (len < LZ_B + 2 || len >= 1L << 30) return EA_NOT_RUN;
    gdict g;
    gd_init(&g, data, len, k);
    long dict = 0, c = 0, run = 0, maxrun = 0;
    lz_exc exc[LZ_B];
    int nexc = 0;
    for (int j = 1; j <= LZ_B; j++) {
        gd_add(&g, LZ_B - j, j, gd_hash(data, LZ_B - j, j));
        dict++;
    }
    for (long i = LZ_B + 1; i < len && !g.oom; i++) {
        lz_vote v = {0, 0, false};
        if (dict < LZ_MAX)
            lz_fill_step(&g, i, &dict, exc, &nexc, &v);
        else
            lz_full_step(&g, i, exc, nexc, &v);
        if (v.have && v.pred == data[i]) {
            c++;
            if (++run > maxrun) maxrun = run;
        } else {
            run = 0;
        }
    }
    bool oom = g.oom;
    gd_free(&g);
    return oom ? EA_NOT_RUN : ea_prediction_estimate(c, len - LZ_B - 1, maxrun, k);
}

double ea_multi_mmc(const uint8_t *data, long len, int k)
{
    return k == 2 ? ea_mmc_binary(data, len) : mmc_general(data, len, k);
}

double ea_lz78y(const uint8_t *data, long len, int k)
{
    return k == 2 ? lz78y_binary(data, len) : lz78y_general(data, len, k);
}
