/* The context dictionary of the general-alphabet MultiMMC and LZ78Y predictors (internal): per
 * context length, an open-addressing table of contexts, each with the counts of the symbols that
 * followed it, as the reference tool's PostfixDictionary keeps them (most frequent follower, ties
 * to the larger symbol).
 *
 * A context is named by the position of its first occurrence in the data, so a context seen once
 * (most of the long ones, on data that looks random) costs one 4-byte slot and nothing else: its
 * one follower is the symbol after that occurrence. A context seen again gets a record, and its
 * further followers go to a shared follower table. Short contexts of small alphabets (a few
 * thousand possible contexts, each followed by most symbols) are kept in dense count arrays
 * instead: no hashing, no follower table. */
#ifndef SS_TOKENS_EA_GDICT_H
#define SS_TOKENS_EA_GDICT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define GD_MAXLEN 16

typedef struct {
    int32_t pos;         /* first occurrence of the context */
    int32_t best_cnt;    /* count of the most frequent follower */
    int32_t first_cnt;   /* count of the first follower; the others are in the follower table */
    uint8_t best, first; /* the most frequent and the first follower */
} gd_rec;

typedef struct {
    uint32_t *slot; /* 0: empty; else fingerprint | has-record | position or record (gd_val) */
    size_t cap, used;
    gd_rec *rec;
    size_t nrec, caprec;
    int32_t *dcnt;      /* dense: counts [context * k + follower], context in base k */
    int32_t *dbest_cnt; /* dense: per context; 0 = not present */
    uint8_t *dbest;
} gd_table;

typedef struct {
    const uint8_t *data;
    int k;                     /* alphabet: symbols 0..k-1 */
    uint32_t vmask, hasrec;    /* a slot's value bits (enough for any position), the flag above */
    gd_table t[GD_MAXLEN + 1]; /* by context length */
    uint64_t *pk;              /* follower table: key (record id << 8 | symbol) + 1 */
    int32_t *pv;               /* its counts */
    size_t pcap, pused;
    bool oom; /* memory ran out: results are not to be used */
} gdict;

/* A context found or added: slot index * 32 + length; valid until the next add at its length.
 * Dense contexts: (base-k context * 32 + length) | GD_DENSE. */
typedef long gd_ref;
#define GD_DENSE (1L << 62)

/* Context hash built from the last symbol backwards, so that the hashes of all the contexts
 * ending at one position come out of one pass (gd_hstep per extra symbol, gd_hfin per length). */
#define GD_H0 0x9E3779B97F4A7C15ULL
static inline uint64_t gd_hstep(uint64_t h, uint8_t c)
{
    return (h ^ c) * 0x100000001B3ULL;
}
static inline uint64_t gd_hfin(uint64_t h, int len)
{
    h ^= (uint64_t)len * 0xD6E8FEB86659FD93ULL;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}
/* The hash of data[p .. p+len-1]. */
uint64_t gd_hash(const uint8_t *data, long p, int len);

/* data holds n symbols 0..k-1; n below 2^30. */
void gd_init(gdict *g, const uint8_t *data, long n, int k);
void gd_free(gdict *g);
/* Asks memory for the slot that context's lookup will read first. */
void gd_prefetch(const gdict *g, int len, uint64_t h);
/* Adds that context, which is not present, with data[p+len] as its first follower (count 1). */
gd_ref gd_add(gdict *g, long p, int len, uint64_t h);
/* gd_follow beyond its fast case. */
bool gd_follow_slow(gdict *g, gd_ref r, uint8_t y, bool make_new);

/* ---- the lookups, inline: they run for every context of every step ---- */

/* The fingerprint: the hash's top bits above the flag, the highest always set (a slot is never 0).
 */
static inline uint32_t gd_fp(const gdict *g, uint64_t h)
{
    return ((uint32_t)(h >> 32) | 0x80000000u) & ~(g->hasrec | g->vmask);
}
static inline uint32_t gd_val(const gdict *g, uint32_t sl)
{
    return sl & g->vmask;
}
static inline gd_ref gd_mkref(size_t at, int len)
{
    return (gd_ref)(at * 32 + (size_t)len);
}
static inline uint32_t *gd_slot(const gdict *g, gd_ref r)
{
    return &g->t[r & 31].slot[r >> 5];
}
static inline int32_t gd_pos(const gdict *g, const gd_table *t, uint32_t sl)
{
    uint32_t v = gd_val(g, sl);
    return (sl & g->hasrec) ? t->rec[v].pos : (int32_t)v;
}

/* The dense index of data[p .. p+len-1]. */
static inline long gd_dense_ctx(const gdict *g, long p, int len)
{
    long x = 0;
    for (int i = 0; i < len; i++)
        x = x * g->k + g->data[p + i];
    return x;
}

/* The context data[p .. p+len-1] (hash h), or -1. */
static inline gd_ref gd_find(const gdict *g, long p, int len, uint64_t h)
{
    const gd_table *t = &g->t[len];
    if (t->dcnt) {
        long x = gd_dense_ctx(g, p, len);
        return t->dbest_cnt[x] ? (x * 32 + len) | GD_DENSE : -1;
    }
    if (!t->cap) return -1;
    uint32_t fp = gd_fp(g, h), fpmask = ~(g->hasrec | g->vmask);
    size_t m = t->cap - 1, at = h & m;
    for (uint32_t sl; (sl = t->slot[at]) != 0; at = (at + 1) & m)
        if ((sl & fpmask) == fp &&
            memcmp(g->data + gd_pos(g, t, sl), g->data + p, (size_t)len) == 0)
            return gd_mkref(at, len);
    return -1;
}

/* Counts follower y after context r; a follower not seen before is added only when make_new.
 * Returns true when a new (context, follower) pair was made. */
static inline bool gd_follow(gdict *g, gd_ref r, uint8_t y, bool make_new)
{
    if (r & GD_DENSE) {
        const gd_table *t = &g->t[r & 31];
        long x = (r & ~GD_DENSE) >> 5;
        int32_t *c = &t->dcnt[x * g->k + y];
        if (!*c && !make_new) return false;
        bool made = !*c;
        int32_t cnt = ++*c;
        if (cnt > t->dbest_cnt[x] || (cnt == t->dbest_cnt[x] && y > t->dbest[x])) {
            t->dbest[x] = y;
            t->dbest_cnt[x] = cnt;
        }
        return made;
    }
    uint32_t sl = *gd_slot(g, r);
    if (!(sl & g->hasrec)) return gd_follow_slow(g, r, y, make_new);
    gd_rec *rec = &g->t[r & 31].rec[gd_val(g, sl)];
    if (rec->first != y) return gd_follow_slow(g, r, y, make_new);
    int32_t cnt = ++rec->first_cnt; /* the usual case: the context's first follower again */
    if (cnt > rec->best_cnt || (cnt == rec->best_cnt && y > rec->best)) {
        rec->best = y;
        rec->best_cnt = cnt;
    }
    return false;
}

/* The context's most frequent follower and its count. */
static inline uint8_t gd_best(const gdict *g, gd_ref r)
{
    if (r & GD_DENSE) return g->t[r & 31].dbest[(r & ~GD_DENSE) >> 5];
    uint32_t sl = *gd_slot(g, r);
    int len = (int)(r & 31);
    if (sl & g->hasrec) return g->t[len].rec[gd_val(g, sl)].best;
    return g->data[gd_val(g, sl) + (uint32_t)len];
}
static inline int32_t gd_best_cnt(const gdict *g, gd_ref r)
{
    if (r & GD_DENSE) return g->t[r & 31].dbest_cnt[(r & ~GD_DENSE) >> 5];
    uint32_t sl = *gd_slot(g, r);
    return (sl & g->hasrec) ? g->t[r & 31].rec[gd_val(g, sl)].best_cnt : 1;
}

#endif
