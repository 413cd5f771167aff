/* SP 800-90B 6.3.9 (MultiMMC) and 6.3.10 (LZ78Y) predictors (binary MultiMMC: ea_mmc_bin.c).
 * Binary LZ78Y uses flat count tables indexed by the context bits; wider alphabets use
 * open-addressing hash tables in which a context is named by the position of its first occurrence
 * in the data (4 bytes instead of 16). Dictionary limits, insertion order and tie-breaking follow
 * the reference tool. */
#include "tokens/ea_dict.h"

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

/* ---- general alphabets ---- */

typedef struct {
    int32_t pos;      /* first occurrence of the context in the data */
    int32_t best_cnt; /* the tool's PostfixDictionary: max count, ties to the larger symbol */
    int32_t first_cnt;
    uint32_t hlo;        /* low half of the context's hash: tables grow without rehashing */
    uint8_t best, first; /* first follower is stored inline; most contexts have only one */
} ctxrec;

typedef struct {
    const uint8_t *data;
    ctxrec *ctx;
    size_t nctx, capctx;
    uint64_t *slot[MMC_D + 1]; /* per context length, see slots_grow */
    size_t cap[MMC_D + 1], used[MMC_D + 1];
    uint64_t *pk; /* follower table: key (ctx id << 8 | symbol) + 1, value count */
    int32_t *pv;
    size_t pcap, pused;
    bool oom;
} gdict;

/* Context hash built from the last symbol backwards, so that the hashes of all the contexts
 * ending at one position come out of one pass (hstep per extra symbol, hfin per length). */
#define H0 0x9E3779B97F4A7C15ULL
static inline uint64_t hstep(uint64_t h, uint8_t c)
{
    return (h ^ c) * 0x100000001B3ULL;
}
static inline uint64_t hfin(uint64_t h, int len)
{
    h ^= (uint64_t)len * 0xD6E8FEB86659FD93ULL;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

static uint64_t ctx_hash(const uint8_t *p, int len)
{
    uint64_t h = H0;
    for (int k = len - 1; k >= 0; k--)
        h = hstep(h, p[k]);
    return hfin(h, len);
}

static void gdict_free(gdict *g)
{
    free(g->ctx);
    for (int j = 0; j <= MMC_D; j++)
        free(g->slot[j]);
    free(g->pk);
    free(g->pv);
}

/* A slot holds (ctx id + 1) << 32 | the hash's top 32 bits (0 = empty), so that most misses are
 * decided without touching the context or the data. */
static bool slots_grow(gdict *g, int len)
{
    size_t nc = g->cap[len] ? g->cap[len] * 2 : 1024;
    uint64_t *ns = calloc(nc, sizeof(uint64_t));
    if (!ns) return false;
    for (size_t i = 0; i < g->cap[len]; i++) {
        uint64_t sl = g->slot[len][i];
        if (!sl) continue;
        size_t at = g->ctx[(sl >> 32) - 1].hlo & (nc - 1);
        while (ns[at])
            at = (at + 1) & (nc - 1);
        ns[at] = sl;
    }
    free(g->slot[len]);
    g->slot[len] = ns;
    g->cap[len] = nc;
    return true;
}

/* Finds the context data[p..p+len-1] whose hash is h; creates it when create is set.
 * Returns its id or -1. */
static long ctx_find(gdict *g, long p, int len, uint64_t h, bool create)
{
    if (create && (g->used[len] + 1) * 5 > g->cap[len] * 4 && !slots_grow(g, len)) {
        g->oom = true;
        return -1;
    }
    if (!g->cap[len]) return -1;
    const uint8_t *key = g->data + p;
    uint32_t fp = (uint32_t)(h >> 32);
    size_t m = g->cap[len] - 1, at = h & m;
    for (;;) {
        uint64_t sl = g->slot[len][at];
        if (!sl) break;
        if ((uint32_t)sl == fp) {
            long id = (long)(sl >> 32) - 1;
            /* a slot only ever holds the id of a context written before it was stored */
            // NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult)
            if (memcmp(g->data + g->ctx[id].pos, key, (size_t)len) == 0) return id;
        }
        at = (at + 1) & m;
    }
    if (!create) return -1;
    if (g->nctx == g->capctx) {
        size_t nc = g->capctx ? g->capctx * 2 : 4096;
        ctxrec *n = realloc(g->ctx, nc * sizeof *n);
        if (!n) {
            g->oom = true;
            return -1;
        }
        g->ctx = n;
        g->capctx = nc;
    }
    ctxrec *r = &g->ctx[g->nctx];
    memset(r, 0, sizeof *r);
    r->pos = (int32_t)p;
    r->hlo = (uint32_t)h;
    g->nctx++;
    g->slot[len][at] = ((uint64_t)g->nctx << 32) | fp;
    g->used[len]++;
    return (long)g->nctx - 1;
}

static bool pairs_grow(gdict *g)
{
    size_t nc = g->pcap ? g->pcap * 2 : 4096;
    uint64_t *nk = calloc(nc, sizeof *nk);
    int32_t *nv = malloc(nc * sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return false;
    }
    for (size_t i = 0; i < g->pcap; i++) {
        if (!g->pk[i]) continue;
        uint64_t k = g->pk[i];
        size_t h = (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 20) & (nc - 1);
        while (nk[h])
            h = (h + 1) & (nc - 1);
        nk[h] = k;
        nv[h] = g->pv[i];
    }
    free(g->pk);
    free(g->pv);
    g->pk = nk;
    g->pv = nv;
    g->pcap = nc;
    return true;
}

/* The tool's incrementPostfix: count y after context id; a new follower only when make_new.
 * Returns true when a new (context, follower) pair was made. */
static bool follow(gdict *g, long id, uint8_t y, bool make_new)
{
    ctxrec *r = &g->ctx[id];
    int32_t cnt;
    bool made = false;
    if (r->first_cnt == 0) {
        if (!make_new) return false;
        r->first = y;
        cnt = r->first_cnt = 1;
        made = true;
    } else if (r->first == y) {
        cnt = ++r->first_cnt;
    } else {
        if ((g->pused + 1) * 2 > g->pcap && !pairs_grow(g)) {
            g->oom = true;
            return false;
        }
        uint64_t key = (((uint64_t)id << 8) | y) + 1;
        size_t m = g->pcap - 1, h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & m;
        while (g->pk[h] && g->pk[h] != key)
            h = (h + 1) & m;
        if (g->pk[h]) {
            cnt = ++g->pv[h];
        } else {
            if (!make_new) return false;
            g->pk[h] = key;
            cnt = g->pv[h] = 1;
            g->pused++;
            made = true;
        }
        r = &g->ctx[id];
    }
    if (cnt > r->best_cnt || (cnt == r->best_cnt && y > r->best)) {
        r->best = y;
        r->best_cnt = cnt;
    }
    return made;
}

static double mmc_general(const uint8_t *data, long len, int k)
{
    if (len < 3 || len >= INT32_MAX) return EA_NOT_RUN;
    gdict g;
    memset(&g, 0, sizeof g);
    g.data = data;
    /* at most MMC_MAX contexts per length: allocated once, no copying while it fills */
    g.capctx = (size_t)MMC_D * (size_t)(len < MMC_MAX ? len : MMC_MAX) + MMC_D;
    g.ctx = malloc(g.capctx * sizeof *g.ctx);
    if (!g.ctx) return EA_NOT_RUN;
    long n = len - 2, entries[MMC_D] = {0}, score[MMC_D] = {0}, c = 0, run = 0, maxrun = 0;
    int winner = 0;
    for (int d = 0; d < MMC_D; d++) {
        if (d < n) {
            long id = ctx_find(&g, 0, d + 1, ctx_hash(data, d + 1), true);
            if (id >= 0) follow(&g, id, data[d + 1], true);
            entries[d] = 1;
        }
    }
    for (long i = 2; i < len && !g.oom; i++) {
        bool found = false;
        long id = -1;
        int curw = winner;
        uint8_t y = data[i];
        uint64_t h = H0, hs[MMC_D];
        int dn = i - 2 < MMC_D - 1 ? (int)(i - 2) : MMC_D - 1;
        /* All the hashes first, and the slots they name requested from memory together: the
         * lookups are bound by cache misses, which then overlap. */
        for (int d = 0; d <= dn; d++) {
            h = hstep(h, data[i - d - 1]);
            hs[d] = hfin(h, d + 1);
            if (g.cap[d + 1]) __builtin_prefetch(&g.slot[d + 1][hs[d] & (g.cap[d + 1] - 1)]);
        }
        for (int d = 0; d <= dn; d++) {
            if (!found && d > 0 && entries[d] >= MMC_MAX) {
                /* Nothing left to find or to add at this or any longer context. */
                bool more = false;
                for (int e = d + 1; e < MMC_D && !more; e++)
                    more = entries[e] < MMC_MAX;
                if (!more) break;
                continue;
            }
            uint64_t hf = hs[d];
            if (d == 0 || found) {
                id = ctx_find(&g, i - d - 1, d + 1, hf, false);
                found = id >= 0;
            }
            if (found) {
                if (g.ctx[id].best == y) {
                    if (++score[d] >= score[winner]) winner = d;
                    if (d == curw) {
                        c++;
                        if (++run > maxrun) maxrun = run;
                    }
                } else if (d == curw) {
                    run = 0;
                }
                if (follow(&g, id, y, entries[d] < MMC_MAX)) entries[d]++;
            } else if (entries[d] < MMC_MAX) {
                long nid = ctx_find(&g, i - d - 1, d + 1, hf, true);
                if (nid >= 0) follow(&g, nid, y, true);
                entries[d]++;
            }
        }
    }
    bool oom = g.oom;
    gdict_free(&g);
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

static void lz_visit(gdict *g, long id, int j, uint8_t y, int32_t *maxc, uint8_t *pred, bool *have)
{
    /* ascending lengths: ties go to the longer context, as in the tool's descending loop */
    if (g->ctx[id].best_cnt >= *maxc) {
        *maxc = g->ctx[id].best_cnt;
        *pred = g->ctx[id].best;
        *have = true;
    }
    (void)j;
    follow(g, id, y, true);
}

static double lz78y_general(const uint8_t *data, long len, int k)
{
    if (len < LZ_B + 2 || len >= INT32_MAX) return EA_NOT_RUN;
    gdict g;
    memset(&g, 0, sizeof g);
    g.data = data;
    g.capctx = LZ_MAX + LZ_B;
    g.ctx = malloc(g.capctx * sizeof *g.ctx);
    if (!g.ctx) return EA_NOT_RUN;
    long dict = 0, c = 0, run = 0, maxrun = 0;
    lz_exc exc[LZ_B];
    int nexc = 0;
    for (int j = 1; j <= LZ_B; j++) {
        long id = ctx_find(&g, LZ_B - j, j, ctx_hash(data + LZ_B - j, j), true);
        if (id >= 0) follow(&g, id, data[LZ_B], true);
        dict++;
    }
    for (long i = LZ_B + 1; i < len && !g.oom; i++) {
        bool have = false;
        uint8_t pred = 0, y = data[i];
        int32_t maxc = 0;
        uint64_t hs[LZ_B + 1], h = H0;
        for (int j = 1; j <= LZ_B; j++) {
            h = hstep(h, data[i - j]);
            hs[j] = hfin(h, j);
            if (g.cap[j]) __builtin_prefetch(&g.slot[j][hs[j] & (g.cap[j] - 1)]);
        }
        if (dict < LZ_MAX) {
            long ids[LZ_B + 1];
            for (int j = LZ_B; j > 0; j--) {
                ids[j] = ctx_find(&g, i - j, j, hs[j], false);
                if (ids[j] < 0 && dict < LZ_MAX) {
                    long nid = ctx_find(&g, i - j, j, hs[j], true);
                    if (nid >= 0) follow(&g, nid, y, true);
                    dict++;
                    if (dict == LZ_MAX) {
                        for (int e = LZ_B; e >= j; e--)
                            if (ids[e] < 0 && nexc < LZ_B) exc[nexc++] = (lz_exc){i - e, e};
                    }
                }
            }
            for (int j = 1; j <= LZ_B; j++)
                if (ids[j] >= 0) lz_visit(&g, ids[j], j, y, &maxc, &pred, &have);
        } else {
            int j = 1;
            for (; j <= LZ_B; j++) {
                long id = ctx_find(&g, i - j, j, hs[j], false);
                if (id < 0) break;
                lz_visit(&g, id, j, y, &maxc, &pred, &have);
            }
            for (int e = nexc - 1; e >= 0; e--) {
                if (exc[e].len <= j) continue;
                if (memcmp(data + exc[e].pos, data + i - exc[e].len, (size_t)exc[e].len) != 0)
                    continue;
                long id = ctx_find(&g, i - exc[e].len, exc[e].len, hs[exc[e].len], false);
                if (id >= 0) lz_visit(&g, id, exc[e].len, y, &maxc, &pred, &have);
            }
        }
        if (have && pred == y) {
            c++;
            if (++run > maxrun) maxrun = run;
        } else {
            run = 0;
        }
    }
    bool oom = g.oom;
    gdict_free(&g);
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
