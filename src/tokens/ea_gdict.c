/* See ea_gdict.h. Slots keep 31 bits of the hash, so that almost every probe that is not a match
 * is decided without touching the data; tables grow at 80 % load by rehashing from the data. */
#include "tokens/ea_gdict.h"

#include <stdlib.h>
#include <string.h>

uint64_t gd_hash(const uint8_t *data, long p, int len)
{
    uint64_t h = GD_H0;
    for (int k = len - 1; k >= 0; k--)
        h = gd_hstep(h, data[p + k]);
    return gd_hfin(h, len);
}

/* Counts per dense length at most: 2^18 (1 MiB), e.g. k = 256 for one symbol, k = 16 up to three.
 */
#define DENSE_MAX (1L << 18)

void gd_init(gdict *g, const uint8_t *data, long n, int k)
{
    memset(g, 0, sizeof *g);
    g->data = data;
    g->k = k;
    int vbits = 1; /* positions and record ids are below n */
    while (vbits < 30 && (1L << vbits) <= n)
        vbits++;
    g->vmask = (1u << vbits) - 1;
    g->hasrec = 1u << vbits;
    long ctx = k;
    for (int len = 1; len <= GD_MAXLEN && ctx * k <= DENSE_MAX; len++, ctx *= k) {
        gd_table *t = &g->t[len];
        t->dcnt = calloc((size_t)(ctx * k), sizeof *t->dcnt);
        t->dbest_cnt = calloc((size_t)ctx, sizeof *t->dbest_cnt);
        t->dbest = calloc((size_t)ctx, 1);
        if (!t->dcnt || !t->dbest_cnt || !t->dbest) { /* then hashed, as the longer ones */
            free(t->dcnt);
            free(t->dbest_cnt);
            free(t->dbest);
            t->dcnt = t->dbest_cnt = NULL;
            t->dbest = NULL;
        }
    }
}

void gd_free(gdict *g)
{
    for (int j = 0; j <= GD_MAXLEN; j++) {
        free(g->t[j].slot);
        free(g->t[j].rec);
        free(g->t[j].dcnt);
        free(g->t[j].dbest_cnt);
        free(g->t[j].dbest);
    }
    free(g->pk);
    free(g->pv);
}

void gd_prefetch(const gdict *g, int len, uint64_t h)
{
    const gd_table *t = &g->t[len];
    if (t->cap && !t->dcnt) __builtin_prefetch(&t->slot[h & (t->cap - 1)]);
}

static bool slots_grow(gdict *g, int len)
{
    gd_table *t = &g->t[len];
    size_t nc = t->cap ? t->cap * 2 : 1024;
    uint32_t *ns = calloc(nc, sizeof *ns);
    if (!ns) return false;
    for (size_t i = 0; i < t->cap; i++) {
        uint32_t sl = t->slot[i];
        if (!sl) continue;
        size_t at = gd_hash(g->data, gd_pos(g, t, sl), len) & (nc - 1);
        while (ns[at])
            at = (at + 1) & (nc - 1);
        ns[at] = sl;
    }
    free(t->slot);
    t->slot = ns;
    t->cap = nc;
    return true;
}

gd_ref gd_add(gdict *g, long p, int len, uint64_t h)
{
    gd_table *t = &g->t[len];
    if (t->dcnt) {
        long x = gd_dense_ctx(g, p, len);
        uint8_t y = g->data[p + len];
        t->dcnt[x * g->k + y] = 1;
        t->dbest_cnt[x] = 1;
        t->dbest[x] = y;
        return (x * 32 + len) | GD_DENSE;
    }
    if ((t->used + 1) * 5 > t->cap * 4 && !slots_grow(g, len)) {
        g->oom = true;
        return -1;
    }
    size_t m = t->cap - 1, at = h & m;
    while (t->slot[at])
        at = (at + 1) & m;
    t->slot[at] = gd_fp(g, h) | (uint32_t)p;
    t->used++;
    return gd_mkref(at, len);
}

/* Gives a context seen once its record, when it is seen again. Returns the record id or -1. */
static long make_rec(gdict *g, gd_ref r)
{
    gd_table *t = &g->t[r & 31];
    uint32_t *sl = gd_slot(g, r);
    if (*sl & g->hasrec) return (long)gd_val(g, *sl);
    if (t->nrec == t->caprec) {
        size_t lim = (size_t)g->vmask + 1, nc = t->caprec ? t->caprec * 2 : 256;
        if (nc > lim) nc = lim; /* ids must fit the slot's value bits; fewer contexts than that */
        gd_rec *n = nc > t->nrec ? realloc(t->rec, nc * sizeof *n) : NULL;
        if (!n) {
            g->oom = true;
            return -1;
        }
        t->rec = n;
        t->caprec = nc;
    }
    int32_t pos = (int32_t)gd_val(g, *sl);
    uint8_t first = g->data[pos + (r & 31)];
    t->rec[t->nrec] = (gd_rec){pos, 1, 1, first, first};
    *sl = (*sl & ~g->vmask) | g->hasrec | (uint32_t)t->nrec;
    return (long)t->nrec++;
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

/* The count after one more y (0 when y is new and may not be added), from the follower table. */
static int32_t pair_count(gdict *g, long id, int len, uint8_t y, bool make_new, bool *made)
{
    if ((g->pused + 1) * 2 > g->pcap && !pairs_grow(g)) {
        g->oom = true;
        return 0;
    }
    uint64_t key = (((uint64_t)id * 32 + (uint64_t)len) << 8 | y) + 1;
    size_t m = g->pcap - 1, h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & m;
    while (g->pk[h] && g->pk[h] != key)
        h = (h + 1) & m;
    if (g->pk[h]) return ++g->pv[h];
    if (!make_new) return 0;
    g->pk[h] = key;
    g->pused++;
    *made = true;
    return g->pv[h] = 1;
}

bool gd_follow_slow(gdict *g, gd_ref r, uint8_t y, bool make_new)
{
    int len = (int)(r & 31);
    uint32_t sl = *gd_slot(g, r);
    if (!(sl & g->hasrec) && g->data[gd_val(g, sl) + (uint32_t)len] != y && !make_new) return false;
    long id = make_rec(g, r);
    if (id < 0) return false;
    gd_rec *rec = &g->t[len].rec[id];
    bool made = false;
    int32_t cnt;
    if (rec->first == y) {
        cnt = ++rec->first_cnt;
    } else {
        cnt = pair_count(g, id, len, y, make_new, &made);
        if (!cnt) return false;
        rec = &g->t[len].rec[id];
    }
    if (cnt > rec->best_cnt || (cnt == rec->best_cnt && y > rec->best)) {
        rec->best = y;
        rec->best_cnt = cnt;
    }
    return made;
}
